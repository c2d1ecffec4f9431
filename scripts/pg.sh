#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests, never the system's default cluster.
#   scripts/pg.sh start DIR          create DIR, start a cluster in it with a database
#                                    laurel_test; print its URL (one line) and write DIR/url
#   scripts/pg.sh createdb DIR NAME  create an empty database NAME on that cluster, print its URL
#   scripts/pg.sh stop DIR           stop the cluster and remove DIR
#
# The server listens on 127.0.0.1 only, on a free port, with its unix socket in DIR; only
# local connections are allowed (unix socket and 127.0.0.1/32), with trust authentication.
# fsync is off: the data is disposable. As root, initdb refuses to run, so the server runs
# as the `postgres` system user and DIR is owned by it. URLs have the form
#   postgres://USER@127.0.0.1:PORT/NAME
# where USER is the cluster's superuser (the user the server runs as).
# Progress goes to stderr; stdout carries only the URL. On any failure `start` stops what
# it started and removes DIR.
set -euo pipefail

LOG_PREFIX=pg.sh
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
MARKER=laurel-pg-cluster

usage() {
	echo "usage: scripts/pg.sh start DIR | stop DIR | createdb DIR NAME" >&2
	exit 2
}

# Never let the caller's libpq environment redirect our commands elsewhere.
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGSERVICE PGDATA PGOPTIONS

if [ "$(id -u)" -eq 0 ]; then
	RUN_AS=postgres
	id "$RUN_AS" >/dev/null 2>&1 || die "running as root needs the 'postgres' system user (install the postgresql package)"
else
	RUN_AS=$(id -un)
fi

# as_pg CMD...: run CMD as the cluster's owner, from a directory that user can read.
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd / && runuser -u "$RUN_AS" -- "$@")
	else
		(cd / && "$@")
	fi
}

# abs_path PATH: PATH made absolute (it need not exist).
abs_path() {
	case "$1" in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(pwd -P)" "$1" ;;
	esac
}

check_name() {
	[[ $1 =~ ^[a-z_][a-z0-9_]{0,62}$ ]] ||
		die "database name '$1' must match [a-z_][a-z0-9_]* and be at most 63 characters"
}

# cluster_var DIR KEY: a value that `start` recorded in DIR.
cluster_var() {
	[ -f "$1/$MARKER" ] || die "$1 is not a cluster made by scripts/pg.sh start"
	[ -s "$1/$2" ] || die "$1/$2 is missing"
	cat "$1/$2"
}

cmd_start() {
	# dir, data, ok and started are globals: the EXIT trap runs after this function returns.
	local port url attempt locale sock
	dir=$(abs_path "$1")
	dir=${dir%/}
	ok=0
	started=0
	if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
		die "$dir exists and is not empty; refusing to use it"
	fi
	[ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb not found (install the postgresql package, or set PG_BIN)"
	data=$dir/data

	# Clean up whatever we made if anything below fails.
	cleanup_start() {
		if [ "$ok" -eq 0 ]; then
			if [ "$started" -eq 1 ]; then
				as_pg "$PG_BIN/pg_ctl" -D "$data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
			fi
			if [ -f "$dir/server.log" ]; then
				log "server log (last lines):"
				tail -n 20 "$dir/server.log" >&2 || true
			fi
			rm -rf -- "$dir"
			log "start failed; removed $dir"
		fi
	}
	trap cleanup_start EXIT

	mkdir -p -- "$dir"
	chmod 700 "$dir"
	: >"$dir/$MARKER"
	if [ "$(id -u)" -eq 0 ]; then
		chown -R "$RUN_AS:" "$dir"
		as_pg test -w "$dir" ||
			die "user $RUN_AS cannot write to $dir (is a parent directory closed to it?); use a directory under /tmp"
	fi

	# The socket path (DIR/.s.PGSQL.NNNNN) must fit in sun_path (107 bytes).
	sock="$dir/.s.PGSQL.00000"
	[ "${#sock}" -le 107 ] || die "$dir is too long a path for a unix socket; use a shorter one"

	locale=C
	if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
		locale=C.UTF-8
	fi
	log "initdb in $data (user $RUN_AS, locale $locale)"
	as_pg "$PG_BIN/initdb" -D "$data" -U "$RUN_AS" --encoding=UTF8 --locale="$locale" \
		--auth-local=trust --auth-host=reject --no-instructions >"$dir/initdb.log" 2>&1 ||
		{
			cat "$dir/initdb.log" >&2
			die "initdb failed"
		}

	# shellcheck disable=SC2016 # $1 is expanded by the inner sh
	as_pg sh -c 'cat >"$1"' sh "$data/pg_hba.conf" <<-'EOF'
		# Written by scripts/pg.sh: local connections only, trust.
		local all all              trust
		host  all all 127.0.0.1/32 trust
	EOF

	for attempt in 1 2 3 4 5; do
		port=$(free_port)
		# shellcheck disable=SC2016 # $1 is expanded by the inner sh
		as_pg sh -c 'cat >>"$1"' sh "$data/postgresql.conf" <<-EOF

			# Written by scripts/pg.sh (attempt $attempt): a disposable test cluster.
			listen_addresses = '127.0.0.1'
			port = $port
			unix_socket_directories = '$dir'
			fsync = off
			synchronous_commit = off
			full_page_writes = off
			shared_buffers = 32MB
			max_connections = 100
			logging_collector = off
			log_min_messages = warning
			log_line_prefix = '%m [%p] %d '
		EOF
		log "starting postgres on 127.0.0.1:$port"
		if as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 30 start >&2; then
			started=1
			break
		fi
		# A server that did not come up may still be running half-way; make sure.
		as_pg "$PG_BIN/pg_ctl" -D "$data" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
		log "start on port $port failed (attempt $attempt)"
		tail -n 5 "$dir/server.log" >&2 || true
	done
	[ "$started" -eq 1 ] || die "could not start postgres"

	printf '%s\n' "$port" >"$dir/port"
	printf '%s\n' "$RUN_AS" >"$dir/user"
	as_pg "$PG_BIN/createdb" -h "$dir" -p "$port" -U "$RUN_AS" laurel_test >&2
	url="postgres://$RUN_AS@127.0.0.1:$port/laurel_test"
	printf '%s\n' "$url" >"$dir/url"
	if [ "$(id -u)" -eq 0 ]; then
		chown "$RUN_AS:" "$dir/port" "$dir/user" "$dir/url"
	fi
	# The URL must also work over TCP, which is what the application uses.
	as_pg "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U "$RUN_AS" -d laurel_test \
		-c 'select 1' >/dev/null || die "cannot connect over 127.0.0.1:$port"
	ok=1
	log "ready: $url (stop with: scripts/pg.sh stop $dir)"
	printf '%s\n' "$url"
}

cmd_createdb() {
	local dir=$1 name=$2 port user
	dir=$(abs_path "$dir")
	dir=${dir%/}
	check_name "$name"
	port=$(cluster_var "$dir" port)
	user=$(cluster_var "$dir" user)
	as_pg "$PG_BIN/createdb" -h "$dir" -p "$port" -U "$user" "$name" >&2
	printf 'postgres://%s@127.0.0.1:%s/%s\n' "$user" "$port" "$name"
}

cmd_stop() {
	local dir=$1 data pid
	dir=$(abs_path "$dir")
	dir=${dir%/}
	if [ ! -e "$dir" ]; then
		log "$dir does not exist; nothing to stop"
		return 0
	fi
	[ -f "$dir/$MARKER" ] || die "$dir is not a cluster made by scripts/pg.sh start; refusing to touch it"
	data=$dir/data
	if [ -f "$data/postmaster.pid" ]; then
		pid=$(head -n 1 "$data/postmaster.pid")
		log "stopping postgres (pid $pid)"
		if ! as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 30 stop >&2; then
			as_pg "$PG_BIN/pg_ctl" -D "$data" -m immediate -w -t 10 stop >&2 || true
		fi
		# Last resort: the postmaster pid recorded in its own pid file.
		if [[ $pid =~ ^[0-9]+$ ]] && pid_alive "$pid"; then
			kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	rm -rf -- "$dir"
	log "removed $dir"
}

[ $# -ge 1 ] || usage
case "$1" in
start)
	[ $# -eq 2 ] || usage
	cmd_start "$2"
	;;
stop)
	[ $# -eq 2 ] || usage
	cmd_stop "$2"
	;;
createdb)
	[ $# -eq 3 ] || usage
	cmd_createdb "$2" "$3"
	;;
*) usage ;;
esac
