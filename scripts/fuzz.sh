#!/usr/bin/env bash
# Runs every libFuzzer target for a while.
#   scripts/fuzz.sh SECONDS        (make fuzz builds the targets first, then calls this)
# Each build/fuzz/fuzz_<name> runs for SECONDS (so the whole run takes about SECONDS times
# the number of targets) on a temporary copy of its seed corpus fuzz/corpus/<name>/, so new
# inputs do not pollute the repository; fuzz/<name>.dict is used as a dictionary if present.
# Limits: -timeout=10 (seconds per input), -rss_limit_mb=2048. Crash, timeout and OOM inputs
# go to build/fuzz/artifacts/<name>-crash-<sha1> (etc.); each target's full output to
# build/fuzz/logs/<name>.log.
# Prints one line per target: "fuzz <name>: ok (N runs)" or "fuzz <name>: CRASH <file>"
# (followed by the sanitizer's summary). Exits 1 if any target failed, or if there is no
# fuzz target at all.
# Environment: FUZZ_BIN_DIR (default build/fuzz), FUZZ_CORPUS_DIR (default fuzz/corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
LOG_PREFIX=fuzz
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

if [ $# -ne 1 ] || ! [[ $1 =~ ^[1-9][0-9]*$ ]]; then
	echo "usage: scripts/fuzz.sh SECONDS" >&2
	exit 2
fi
secs=$1
bin_dir=${FUZZ_BIN_DIR:-build/fuzz}
corpus_root=${FUZZ_CORPUS_DIR:-fuzz/corpus}
art_dir=build/fuzz/artifacts
log_dir=build/fuzz/logs

targets=()
for f in "$bin_dir"/fuzz_*; do
	[ -f "$f" ] && [ -x "$f" ] && targets+=("$f")
done
if [ "${#targets[@]}" -eq 0 ]; then
	echo "fuzz: no fuzz targets in $bin_dir/ (build them with: make fuzz-build)"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/laurel-fuzz.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT
mkdir -p "$art_dir" "$log_dir"

# Report what sanitizers find with a stack trace; leaks count as failures (libFuzzer's
# -detect_leaks defaults to on).
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=0
for bin in "${targets[@]}"; do
	target=$(basename "$bin")
	name=${target#fuzz_}
	corpus=$tmp/corpus-$name
	mkdir -p "$corpus"
	note=""
	if [ -d "$corpus_root/$name" ]; then
		cp -R "$corpus_root/$name/." "$corpus/"
	else
		note=" (no seed corpus in $corpus_root/$name/)"
	fi
	args=(-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048
		-artifact_prefix="$art_dir/$name-" -print_final_stats=1)
	if [ -f "fuzz/$name.dict" ]; then
		args+=(-dict="fuzz/$name.dict")
	fi
	logf=$log_dir/$name.log
	# Remember which artifacts existed, to report only this run's.
	before=$tmp/before-$name
	find "$art_dir" -maxdepth 1 -type f -name "$name-*" -printf '%f\n' 2>/dev/null | sort >"$before"

	status=0
	"$bin" "${args[@]}" "$corpus" >"$logf" 2>&1 || status=$?

	runs=$(sed -n 's/^Done \([0-9][0-9]*\) runs in .*/\1/p' "$logf" | tail -n 1)
	[ -n "$runs" ] || runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9][0-9]*\).*/\1/p' "$logf" | tail -n 1)
	artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$logf" | tail -n 1)
	if [ -z "$artifact" ]; then
		artifact=$(find "$art_dir" -maxdepth 1 -type f -name "$name-*" -printf '%f\n' 2>/dev/null |
			sort | comm -13 "$before" - | head -n 1)
		[ -z "$artifact" ] || artifact=$art_dir/$artifact
	fi

	if [ "$status" -eq 0 ] && [ -z "$artifact" ]; then
		echo "fuzz $name: ok (${runs:-?} runs)$note"
		continue
	fi
	failed=$((failed + 1))
	if [ -n "$artifact" ]; then
		echo "fuzz $name: CRASH $artifact (exit $status, log $logf)"
	else
		echo "fuzz $name: FAILED (exit $status, no artifact; log $logf)"
	fi
	# The sanitizer's verdict and the first frames, so the cause shows without opening the log.
	grep -m 1 -E '^==[0-9]+==ERROR|SUMMARY: |^ALARM|out-of-memory|runtime error:|deadly signal' "$logf" |
		sed 's/^/    /' || true
	grep -E '^ +#[0-9]+ ' "$logf" | grep -v -E 'in fuzzer::|libFuzzer|in main |__libc_start|in _start ' | head -n 6 |
		sed 's/^/    /' || true
	if [ -n "$artifact" ]; then
		echo "    reproduce: $bin $artifact"
	fi
done

if [ "$failed" -gt 0 ]; then
	echo "fuzz: $failed of ${#targets[@]} targets failed"
	exit 1
fi
echo "fuzz: all ${#targets[@]} targets ok (${secs}s each)"
