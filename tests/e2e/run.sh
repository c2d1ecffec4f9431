#!/usr/bin/env bash
# Runs the browser tests against a freshly started Laurel server.
#   tests/e2e/run.sh [spec files...]
# Builds nothing: expects build/laurel (run `make` first), or the binary named by LAUREL
# (e.g. LAUREL=build/asan/laurel). The database is a new SQLite file in a temporary
# directory unless E2E_DB names one (e.g. a URL from `scripts/pg.sh createdb`); it is
# migrated and seeded with the demo data. The server listens on a free 127.0.0.1 port and
# is stopped on exit; its log is printed if the tests fail.
# Exit status: that of tests/e2e/run.mjs (1 if any test failed), or 1 if the server could
# not be started.
set -euo pipefail
cd "$(dirname "$0")/../.."
LOG_PREFIX=e2e
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

laurel=${LAUREL:-build/laurel}
[ -x "$laurel" ] || die "$laurel not found: run 'make' first"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
	die "node_modules missing: run 'npm ci' (or scripts/deps.sh test)"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/laurel-e2e-run.XXXXXX")
server_pid=
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	stop_pid "$server_pid"
	rm -rf -- "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

db=${E2E_DB:-$tmp/laurel.db}
log "database: $db"
"$laurel" migrate --db "$db" >"$tmp/setup.log" 2>&1 || {
	cat "$tmp/setup.log" >&2
	die "migrate failed"
}
"$laurel" seed-demo --db "$db" >>"$tmp/setup.log" 2>&1 || {
	cat "$tmp/setup.log" >&2
	die "seed-demo failed"
}

port=$(free_port)
base="http://127.0.0.1:$port"
mkdir -p "$tmp/data"
"$laurel" serve --listen "127.0.0.1:$port" --db "$db" --base-url "$base" \
	--data-dir "$tmp/data" --fetch-loopback yes >"$tmp/server.log" 2>&1 &
server_pid=$!
if ! wait_healthz "$base" 30 "$server_pid"; then
	cat "$tmp/server.log" >&2
	die "server did not become healthy"
fi
log "server ready at $base (pid $server_pid)"

status=0
node tests/e2e/run.mjs "$base" "$@" || status=$?
if [ "$status" -ne 0 ]; then
	log "server log (last 50 lines):"
	tail -n 50 "$tmp/server.log" >&2 || true
fi
exit "$status"
