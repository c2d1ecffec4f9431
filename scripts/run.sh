#!/usr/bin/env bash
# `make run`: migrate and seed the embedded SQLite database under var/, print
# the demo accounts, and serve Laurel on http://127.0.0.1:8080 until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${LAUREL_DB:-var/laurel.db}
mkdir -p var/data
build/laurel seed-demo --db "$db" --data-dir var/data
cat <<MSG

Laurel is starting on http://127.0.0.1:8080 (database: $db).
Sign in with any demo account above. Email is not sent: platform admins
read it at http://127.0.0.1:8080/admin/outbox. Press Ctrl-C to stop.

MSG
# The demo's badges are published on http://127.0.0.1:8080, so the badge
# checker (/verify) is allowed to fetch plain http from loopback.
exec build/laurel serve --db "$db" --listen 127.0.0.1:8080 \
	--base-url http://127.0.0.1:8080 --data-dir var/data --fetch-loopback yes
