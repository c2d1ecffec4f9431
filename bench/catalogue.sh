#!/usr/bin/env bash
# Catalogue benchmark: /badges with many badges: browsing, a late page, full-text search
# and filters, each loaded with wrk.
#   bench/catalogue.sh            (run `make` first; this script builds nothing)
# Creates a temporary SQLite database with the demo data plus BENCH_BADGES synthetic
# published badges (laurel seed-demo with LAUREL_SYNTHETIC_BADGES), starts build/laurel on
# a free 127.0.0.1 port and prints requests/s and p99 latency for each query. See
# bench/README.md for what the figures mean.
# Environment: BENCH_BADGES (default 500), BENCH_SECONDS (default 5), BENCH_CONNECTIONS
# (default 16), BENCH_THREADS (default 2), LAUREL (binary, default build/laurel),
# LAUREL_DB (a PostgreSQL URL to measure that back end instead; its data is replaced).
set -euo pipefail
cd "$(dirname "$0")/.."
LOG_PREFIX=bench/catalogue
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

badges=${BENCH_BADGES:-500}
seconds=${BENCH_SECONDS:-5}
conns=${BENCH_CONNECTIONS:-16}
threads=${BENCH_THREADS:-2}
laurel=${LAUREL:-build/laurel}
for v in badges seconds conns threads; do
	[[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number, got '${!v}'"
done
[ -x "$laurel" ] || die "$laurel not found: run 'make' first"
command -v wrk >/dev/null || die "wrk not installed (scripts/deps.sh bench)"
command -v curl >/dev/null || die "curl not installed"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/laurel-bench.XXXXXX")
laurel_pid=
wrk_pid=
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	stop_pid "$wrk_pid"
	stop_pid "$laurel_pid"
	rm -rf -- "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

db=${LAUREL_DB:-$tmp/laurel.db}
"$laurel" migrate --db "$db" >"$tmp/setup.log" 2>&1 || {
	cat "$tmp/setup.log" >&2
	die "laurel migrate failed"
}
LAUREL_SYNTHETIC_BADGES=$badges "$laurel" seed-demo --db "$db" >>"$tmp/setup.log" 2>&1 || {
	cat "$tmp/setup.log" >&2
	die "laurel seed-demo failed"
}
port=$(free_port)
base="http://127.0.0.1:$port"
mkdir -p "$tmp/data"
"$laurel" serve --listen "127.0.0.1:$port" --db "$db" --base-url "$base" \
	--data-dir "$tmp/data" >"$tmp/laurel.log" 2>&1 &
laurel_pid=$!
wait_healthz "$base" 30 "$laurel_pid" || {
	cat "$tmp/laurel.log" >&2
	die "laurel did not become healthy"
}
total=$(curl -fsS "$base/badges" | grep -o '[0-9]* badges recognise' | grep -o '^[0-9]*')
log "laurel ready at $base with $total published badges"

wrk_bg() {
	wrk "$@" &
	wrk_pid=$!
	wait "$wrk_pid"
	wrk_pid=
}
rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1"; }
p99_ms() {
	awk '$1 == "99%" {
		v = $2; unit = v; sub(/^[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v);
		f = (unit == "us") ? 0.001 : (unit == "ms") ? 1 : (unit == "s") ? 1000 : -1;
		if (f < 0) { print "?"; exit }
		printf "%.3f\n", v * f; exit }' "$1"
}

echo "catalogue benchmark: $total published badges, wrk -t$threads -c$conns -d${seconds}s, $(nproc) CPUs"
printf '%-44s %12s %12s\n' "query" "requests/s" "p99 latency"
status=0
last=$(((total + 19) / 20))
for q in "/badges" "/badges?page=$last" "/badges?sort=newest&page=10" \
	"/badges?q=dementia" "/badges?q=practice+communication" \
	"/badges?tag=leadership&time=medium" "/badges?q=care&sort=name&page=3"; do
	code=$(curl -sS -o /dev/null -w '%{http_code}' "$base$q")
	[ "$code" = 200 ] || die "GET $q answered $code"
	wrk_bg -t"$threads" -c"$conns" -d1s "$base$q" >/dev/null
	wrk_bg -t"$threads" -c"$conns" -d"${seconds}s" --latency "$base$q" >"$tmp/q.wrk"
	if grep -q 'Non-2xx\|Socket errors' "$tmp/q.wrk"; then
		echo "warning: $q: $(grep 'Non-2xx\|Socket errors' "$tmp/q.wrk" | tr -s ' ')"
		status=1
	fi
	printf '%-44s %12.0f %9.2f ms\n' "$q" "$(rps "$tmp/q.wrk")" "$(p99_ms "$tmp/q.wrk")"
done
exit "$status"
