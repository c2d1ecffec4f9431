#!/usr/bin/env bash
# Page benchmark: a Laurel badge page against nginx serving the same bytes as a static file.
#   bench/page.sh            (run `make` first; this script builds nothing)
# Creates a temporary SQLite database, migrates it, seeds the demo data, starts build/laurel
# on a free 127.0.0.1 port, takes the first badge page linked from /badges, saves its exact
# bytes and serves them with nginx (own config, pid and logs in the temporary directory,
# access_log off) on another free 127.0.0.1 port. Then wrk loads each for the same time and
# the script prints requests/s and p99 latency of both, and laurel/nginx ratios. See
# bench/README.md for what the figures mean.
# Environment: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 32), BENCH_THREADS
# (wrk threads, default 2), BENCH_WARMUP (seconds of unmeasured load first, default 2),
# LAUREL (binary, default build/laurel), NGINX (default /usr/sbin/nginx).
set -euo pipefail
cd "$(dirname "$0")/.."
LOG_PREFIX=bench/page
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

seconds=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}
warmup=${BENCH_WARMUP:-2}
laurel=${LAUREL:-build/laurel}
nginx=${NGINX:-/usr/sbin/nginx}
for v in seconds conns threads; do
	[[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer, got '${!v}'"
done
[[ $warmup =~ ^[0-9]+$ ]] || die "BENCH_WARMUP must be a whole number of seconds"
[ "$conns" -ge "$threads" ] || die "BENCH_CONNECTIONS must be at least BENCH_THREADS"
[ -x "$laurel" ] || die "$laurel not found: run 'make' first"
command -v wrk >/dev/null || die "wrk not installed (scripts/deps.sh bench)"
[ -x "$nginx" ] || die "$nginx not found (Debian package nginx-light; scripts/deps.sh bench)"
command -v curl >/dev/null || die "curl not installed"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/laurel-bench.XXXXXX")
laurel_pid=
nginx_pid=
wrk_pid=
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	stop_pid "$wrk_pid"
	stop_pid "$laurel_pid"
	stop_pid "$nginx_pid"
	rm -rf -- "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Laurel -------------------------------------------------------------------------------
db=$tmp/laurel.db
"$laurel" migrate --db "$db" >"$tmp/setup.log" 2>&1 || {
	cat "$tmp/setup.log" >&2
	die "laurel migrate failed"
}
"$laurel" seed-demo --db "$db" >>"$tmp/setup.log" 2>&1 || {
	cat "$tmp/setup.log" >&2
	die "laurel seed-demo failed"
}
lport=$(free_port)
lbase="http://127.0.0.1:$lport"
mkdir -p "$tmp/data"
"$laurel" serve --listen "127.0.0.1:$lport" --db "$db" --base-url "$lbase" \
	--data-dir "$tmp/data" >"$tmp/laurel.log" 2>&1 &
laurel_pid=$!
wait_healthz "$lbase" 30 "$laurel_pid" || {
	cat "$tmp/laurel.log" >&2
	die "laurel did not become healthy"
}
log "laurel ready at $lbase"

# The first badge link inside <main> of the catalogue (relative or absolute on this host).
curl -fsS --max-time 10 -o "$tmp/badges.html" "$lbase/badges" || die "GET /badges failed"
badge_path=$(tr '\n' ' ' <"$tmp/badges.html" | sed 's/.*<main[ >]//' |
	grep -o "href=\"\\($lbase\\)\\?/badges/[^\"/?#]*\"" | head -n 1 |
	sed -e 's/^href="//' -e 's/"$//' -e "s|^$lbase||") || true
[ -n "$badge_path" ] || die "no badge link (<a href=\"/badges/ID\">) inside <main> of /badges"
page_url=$lbase$badge_path
mkdir -p "$tmp/www"
code=$(curl -sS --max-time 10 -o "$tmp/www/page.html" -w '%{http_code}' "$page_url")
[ "$code" = 200 ] || die "GET $badge_path answered $code"
size=$(wc -c <"$tmp/www/page.html")
log "page: $badge_path ($size bytes)"

# --- nginx --------------------------------------------------------------------------------
# As root nginx's workers run as `nobody`: make the page readable to them.
chmod 755 "$tmp" "$tmp/www"
chmod 644 "$tmp/www/page.html"
nport=$(free_port)
mkdir -p "$tmp/nginx"
cat >"$tmp/nginx/nginx.conf" <<EOF
# Written by bench/page.sh: one static file, loopback only.
daemon off;
worker_processes auto;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	keepalive_timeout 65;
	client_body_temp_path $tmp/nginx/client_body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	server {
		listen 127.0.0.1:$nport;
		root $tmp/www;
		location = /page.html { default_type "text/html; charset=utf-8"; }
	}
}
EOF
"$nginx" -p "$tmp/nginx" -e "$tmp/nginx/error.log" -c "$tmp/nginx/nginx.conf" \
	>"$tmp/nginx/stdout.log" 2>&1 &
nginx_pid=$!
nbase="http://127.0.0.1:$nport"
wait_http "$nbase/page.html" 15 "$nginx_pid" || {
	cat "$tmp/nginx/stdout.log" "$tmp/nginx/error.log" >&2 2>/dev/null || true
	die "nginx did not start"
}
curl -fsS --max-time 10 "$nbase/page.html" | cmp -s - "$tmp/www/page.html" ||
	die "nginx does not serve the saved bytes"
log "nginx ready at $nbase"

# --- load ---------------------------------------------------------------------------------
# wrk_bg ARGS...: runs wrk in the background and waits for it, so that a signal to this
# script is handled at once (bash runs traps only between foreground commands).
wrk_bg() {
	wrk "$@" &
	wrk_pid=$!
	wait "$wrk_pid"
	wrk_pid=
}

# run_wrk NAME URL: loads URL and leaves wrk's report in $tmp/NAME.wrk.
run_wrk() {
	local name=$1 url=$2
	if [ "$warmup" -gt 0 ]; then
		wrk_bg -t"$threads" -c"$conns" -d"${warmup}s" "$url" >/dev/null
	fi
	log "wrk -t$threads -c$conns -d${seconds}s --latency $url"
	wrk_bg -t"$threads" -c"$conns" -d"${seconds}s" --latency "$url" >"$tmp/$name.wrk"
}

# rps FILE, p99_ms FILE, errors FILE: figures from a wrk report.
rps() {
	sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1"
}
p99_ms() {
	awk '$1 == "99%" {
		v = $2; unit = v; sub(/^[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v);
		f = (unit == "us") ? 0.001 : (unit == "ms") ? 1 : (unit == "s") ? 1000 : (unit == "m") ? 60000 : -1;
		if (f < 0) { print "?"; exit }
		printf "%.3f\n", v * f; exit }' "$1"
}
errors() {
	local non2xx sock
	non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$1")
	sock=$(sed -n 's/^ *Socket errors: *\(.*\)$/\1/p' "$1")
	printf '%s\n' "${non2xx:+$non2xx non-2xx/3xx responses}${non2xx:+${sock:+; }}${sock:+socket errors: $sock}"
}

run_wrk laurel "$page_url"
run_wrk nginx "$nbase/page.html"

l_rps=$(rps "$tmp/laurel.wrk")
n_rps=$(rps "$tmp/nginx.wrk")
l_p99=$(p99_ms "$tmp/laurel.wrk")
n_p99=$(p99_ms "$tmp/nginx.wrk")
for v in l_rps n_rps l_p99 n_p99; do
	if [ -z "${!v}" ] || [ "${!v}" = "?" ]; then
		cat "$tmp/laurel.wrk" "$tmp/nginx.wrk" >&2
		die "could not read the wrk reports"
	fi
done

echo "page benchmark: GET $badge_path ($size bytes), wrk -t$threads -c$conns -d${seconds}s, $(nproc) CPUs"
printf '%-14s %14s %14s\n' "" "requests/s" "p99 latency"
printf '%-14s %14.0f %11.2f ms\n' "laurel" "$l_rps" "$l_p99"
printf '%-14s %14.0f %11.2f ms\n' "nginx (static)" "$n_rps" "$n_p99"
awk -v lr="$l_rps" -v nr="$n_rps" -v lp="$l_p99" -v np="$n_p99" 'BEGIN {
	printf "%-14s %14s %14s\n", "laurel/nginx",
		(nr > 0 ? sprintf("%.2f", lr / nr) : "n/a"), (np > 0 ? sprintf("%.2f", lp / np) : "n/a") }'
status=0
for name in laurel nginx; do
	e=$(errors "$tmp/$name.wrk")
	if [ -n "$e" ]; then
		echo "warning: $name: $e"
		status=1
	fi
done
if ! pid_alive "$laurel_pid"; then
	echo "warning: laurel exited during the benchmark; its log:"
	tail -n 30 "$tmp/laurel.log"
	status=1
fi
exit "$status"
