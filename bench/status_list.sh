#!/usr/bin/env bash
# Status-list benchmark: how long an issuer's Open Badges 3.0 status lists take to serve
# when the issuer has made many awards and revoked a few.
#   bench/status_list.sh     (run `make` first; this script builds nothing)
# Creates a temporary SQLite database, seeds the demo data, then adds BENCH_AWARDS awards of
# one scheme badge (each with its status-list index, as if its credential had been
# published), one in 30,000 revoked; starts build/laurel on a free 127.0.0.1 port and times
# BENCH_REQUESTS sequential GETs (curl, a new connection each) of the issuer's Bitstring
# revocation list and of its 1EdTechRevocationList. Prints the median and 90th percentile.
# Environment: BENCH_AWARDS (default 300000), BENCH_REQUESTS (default 20), LAUREL (binary,
# default build/laurel). Needs curl and sqlite3 (scripts/deps.sh bench).
set -euo pipefail
cd "$(dirname "$0")/.."
LOG_PREFIX=bench/status_list
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

awards=${BENCH_AWARDS:-300000}
requests=${BENCH_REQUESTS:-20}
laurel=${LAUREL:-build/laurel}
for v in awards requests; do
	[[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer, got '${!v}'"
done
[ -x "$laurel" ] || die "$laurel not found: run 'make' first"
command -v sqlite3 >/dev/null || die "sqlite3 not found: scripts/deps.sh bench"

tmp=$(mktemp -d /tmp/laurel-bench-status.XXXXXX)
server_pid=
cleanup() {
	[ -n "$server_pid" ] && stop_pid "$server_pid"
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

db=$tmp/laurel.db
mkdir -p "$tmp/data"
"$laurel" seed-demo --db "$db" --data-dir "$tmp/data" >"$tmp/setup.log" 2>&1 ||
	die "seed-demo failed (see $tmp/setup.log)"
# One demo award tells us a badge, its issuer and a person.
read -r badge issuer person < <(sqlite3 -separator ' ' "$db" \
	"SELECT w.badge_id, b.issuer_id, w.person_id FROM awards w
	 JOIN badges b ON b.id = w.badge_id LIMIT 1")
log "adding $awards awards of badge $badge (issuer $issuer)"
sqlite3 "$db" <<SQL
PRAGMA foreign_keys = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $awards)
INSERT INTO awards (id, badge_id, version, person_id, status, issued_at, created_at)
SELECT printf('bench%017d', i), '$badge', 1, '$person',
       CASE WHEN i % 30000 = 0 THEN 'revoked' ELSE 'active' END, 1784259193, 1784259193
FROM n;
INSERT INTO ob3_status (award_id, issuer_id, idx, created_at)
SELECT id, '$issuer', 1000 + rowid, 0 FROM awards WHERE id LIKE 'bench%';
COMMIT;
SQL

port=$(free_port)
base="http://127.0.0.1:$port"
"$laurel" serve --listen "127.0.0.1:$port" --db "$db" --base-url "$base" \
	--data-dir "$tmp/data" --log-level warn >"$tmp/server.log" 2>&1 &
server_pid=$!
wait_healthz "$base" 30 "$server_pid" || die "server did not become healthy"

# time_path PATH: prints "median p90" of $requests GETs, in milliseconds.
time_path() {
	local i
	curl -sf -o /dev/null "$base$1" || die "GET $1 failed"
	for ((i = 0; i < requests; i++)); do
		curl -sf -o /dev/null -w '%{time_total}\n' "$base$1"
	done | sort -n | awk '{ t[NR] = $1 * 1000 }
		END { printf "%8.2f %8.2f\n", t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)] }'
}

echo "status lists of an issuer with $awards awards, $requests requests each, $(nproc) CPUs"
echo "                                median ms   p90 ms"
printf "%-30s %s\n" "Bitstring revocation list" "$(time_path "/ob/v3/status/$issuer/revocation")"
printf "%-30s %s\n" "1EdTechRevocationList" "$(time_path "/ob/v3/status/$issuer/revocation-list")"
