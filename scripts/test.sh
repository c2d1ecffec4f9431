#!/usr/bin/env bash
# The whole test suite, as `make test` runs it (after scripts/deps.sh test).
#
#   1. builds Laurel normally and with AddressSanitizer + UBSan;
#   2. starts a throwaway PostgreSQL cluster on 127.0.0.1 (stopped at exit);
#   3. runs every Criterion unit test binary in both builds, with
#      LAUREL_TEST_PG set to a fresh database, so database-backed tests run
#      on SQLite and on PostgreSQL;
#   4. runs the HTTP integration tests against the real binary (both
#      builds), on SQLite and on PostgreSQL;
#   5. runs the browser tests (Chromium + axe-core) on SQLite and
#      PostgreSQL;
#   6. runs every fuzz target briefly, builds everything with clang too
#      (warnings are errors with both compilers) and checks the formatting.
# It ends with one line "N passed, N failed" and exits non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

# The Open Badges specification data the ob tests read: LAUREL_SPEC_DIR,
# else ../shared/spec beside the clone, else the workspace's copy (so a clone
# made anywhere, e.g. in /tmp, finds it).
if [ -z "${LAUREL_SPEC_DIR:-}" ]; then
	for d in ../shared/spec /work/shared/spec; do
		if [ -d "$d" ]; then
			LAUREL_SPEC_DIR=$(cd "$d" && pwd)
			export LAUREL_SPEC_DIR
			break
		fi
	done
fi

FUZZ_SECONDS=${FUZZ_SECONDS:-8}
jobs=$(nproc 2>/dev/null || echo 2)
passed=0
failed=0
failures=()

note() { printf '\n== %s\n' "$*"; }

record() { # name passed failed
	passed=$((passed + $2))
	failed=$((failed + $3))
	if [ "$3" -gt 0 ]; then failures+=("$1 ($3 failed)"); fi
}

# run_criterion NAME BINARY [env...]: one Criterion binary; counts its tests.
run_criterion() {
	local name=$1 bin=$2 out rc line p f c
	shift 2
	out=$(env "$@" "$bin" --jobs 1 2>&1)
	rc=$?
	line=$(printf '%s\n' "$out" | grep 'Synthesis: Tested' | tail -1)
	if [ -z "$line" ]; then
		printf '%s\n' "$out" | tail -20
		record "$name" 0 1
		echo "FAIL $name: no test summary (exit $rc)"
		return
	fi
	p=$(sed -E 's/.*Passing: ([0-9]+).*/\1/' <<<"$line")
	f=$(sed -E 's/.*Failing: ([0-9]+).*/\1/' <<<"$line")
	c=$(sed -E 's/.*Crashing: ([0-9]+).*/\1/' <<<"$line")
	if [ "$rc" -ne 0 ] && [ "$((f + c))" -eq 0 ]; then c=1; fi
	if [ "$((f + c))" -gt 0 ]; then
		printf '%s\n' "$out" | grep -vE '^\[----\] *$' | tail -40
		echo "FAIL $name: $p passed, $((f + c)) failed"
	else
		echo "ok   $name: $p passed"
	fi
	record "$name" "$p" "$((f + c))"
}

# run_plain NAME CMD...: a command whose last "N passed, N failed" counts.
run_plain() {
	local name=$1 out rc line p f
	shift
	out=$("$@" 2>&1)
	rc=$?
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
	if [ -n "$line" ]; then
		p=${line%% passed*}
		f=$(sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line")
	elif [ "$rc" -eq 0 ]; then
		p=1 f=0
	else
		p=0 f=1
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ "$f" -gt 0 ]; then
		printf '%s\n' "$out" | grep -v 'level=info' | tail -60
		echo "FAIL $name: $p passed, $f failed"
	else
		echo "ok   $name: $p passed"
	fi
	record "$name" "$p" "$f"
}

note "building (release and asan)"
if ! make -s -j"$jobs" all tests >build.log 2>&1; then
	tail -40 build.log
	echo "0 passed, 1 failed"
	exit 1
fi
if ! make -s -j"$jobs" BUILD=asan all tests >>build.log 2>&1; then
	tail -40 build.log
	echo "0 passed, 1 failed"
	exit 1
fi
rm -f build.log

note "starting a throwaway PostgreSQL cluster"
pgdir=$(mktemp -d /tmp/laurel-pg.XXXXXX)
rmdir "$pgdir"
cleanup() { scripts/pg.sh stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
if ! scripts/pg.sh start "$pgdir" >/dev/null; then
	echo "FAIL: cannot start PostgreSQL"
	echo "0 passed, 1 failed"
	exit 1
fi
# Each suite gets a fresh database (newdb runs in a subshell: random names).
newdb() {
	scripts/pg.sh createdb "$pgdir" \
	    "t$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')" 2>/dev/null
}
export LAUREL_REQUIRE_PG=1

for b in build build/asan; do
	note "unit tests ($b)"
	for t in "$b"/tests/unit/*/test_*; do
		[ -x "$t" ] || continue
		run_criterion "${t#"$b"/tests/}${b#build}" "$t" \
		    LAUREL_TEST_PG="$(newdb)"
	done
	note "integration tests ($b)"
	for t in "$b"/tests/integration/test_*; do
		[ -x "$t" ] || continue
		run_criterion "${t#"$b"/tests/} sqlite${b#build}" "$t" \
		    LAUREL="$b/laurel"
		run_criterion "${t#"$b"/tests/} postgresql${b#build}" "$t" \
		    LAUREL="$b/laurel" LAUREL_TEST_DB="$(newdb)"
	done
done

note "browser tests"
run_plain "e2e sqlite" tests/e2e/run.sh
run_plain "e2e postgresql" env E2E_DB="$(newdb)" tests/e2e/run.sh

note "fuzzing (${FUZZ_SECONDS}s per target)"
if make -s -j"$jobs" fuzz-build >fuzz-build.log 2>&1; then
	rm -f fuzz-build.log
	run_plain "fuzz" scripts/fuzz.sh "$FUZZ_SECONDS"
else
	tail -30 fuzz-build.log
	record "fuzz build" 0 1
fi

note "clang build (warnings are errors with both compilers)"
run_plain "clang build" make -s -j"$jobs" B=build/clang CC=clang all tests

note "formatting"
run_plain "format-check" make -s format-check

echo
if [ "${#failures[@]}" -gt 0 ]; then
	echo "failed:"
	printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
