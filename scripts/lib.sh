# shellcheck shell=bash
# Shared helpers for Laurel's shell scripts. Source it, do not run it:
#   . "$(dirname "$0")/lib.sh"      (or the right relative path)
# Every helper prints progress to stderr only, so callers can keep stdout for results.

# log MSG...: one progress line on stderr, prefixed with the calling script's name.
log() {
	printf '%s: %s\n' "${LOG_PREFIX:-$(basename "$0")}" "$*" >&2
}

# die MSG...: log MSG and exit 1.
die() {
	log "$@"
	exit 1
}

# port_in_use PORT: true if any TCP socket on this machine uses local port PORT (listening
# or connected: either makes a bind to it fail).
port_in_use() {
	local port=$1
	if command -v ss >/dev/null 2>&1; then
		[ -n "$(ss -Htan "sport = :$port" 2>/dev/null)" ]
		return
	fi
	(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# free_port: print a TCP port on 127.0.0.1 that no socket uses right now.
# Ports are drawn at random from below the kernel's ephemeral range
# (net.ipv4.ip_local_port_range, usually from 32768), so that the client sockets of load
# generators and browsers do not take them; from 10000 up. There is an unavoidable race
# between this check and the caller's bind: callers that can detect a failed bind should
# retry with a new port.
free_port() {
	local i port lo=10000 hi=32767 range
	if range=$(cat /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null); then
		range=${range%%[[:space:]]*}
		if [[ $range =~ ^[0-9]+$ ]] && [ "$range" -gt $((lo + 1000)) ]; then
			hi=$((range - 1))
		fi
	fi
	for i in $(seq 1 100); do
		port=$((lo + (RANDOM * 32768 + RANDOM) % (hi - lo + 1)))
		if ! port_in_use "$port"; then
			printf '%s\n' "$port"
			return 0
		fi
		: "$i"
	done
	log "no free port found after 100 tries"
	return 1
}

# wait_http URL [SECONDS [PID]]: wait until URL answers 200 (default 30 s). If PID is
# given and that process exits first, fail at once. Returns 1 on timeout.
wait_http() {
	local url=$1 secs=${2:-30} pid=${3:-} deadline
	deadline=$((SECONDS + secs))
	while [ "$SECONDS" -lt "$deadline" ]; do
		if [ -n "$pid" ] && ! pid_alive "$pid"; then
			log "process $pid exited before $url answered"
			return 1
		fi
		if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
			return 0
		fi
		sleep 0.1
	done
	log "timed out after ${secs}s waiting for $url"
	return 1
}

# wait_healthz BASE_URL [SECONDS [PID]]: wait until BASE_URL/healthz answers 200 with
# {"status":"ok"}.
wait_healthz() {
	local base=${1%/} secs=${2:-30} pid=${3:-} deadline body
	deadline=$((SECONDS + secs))
	while [ "$SECONDS" -lt "$deadline" ]; do
		if [ -n "$pid" ] && ! pid_alive "$pid"; then
			log "process $pid exited before $base/healthz answered"
			return 1
		fi
		if body=$(curl -fsS --max-time 2 "$base/healthz" 2>/dev/null) &&
			[[ $body == *'"status"'*'"ok"'* ]]; then
			return 0
		fi
		sleep 0.1
	done
	log "timed out after ${secs}s waiting for $base/healthz"
	return 1
}

# pid_alive PID: true if PID exists and is not a zombie (an exited child not yet reaped
# still answers kill -0).
pid_alive() {
	local pid=$1 stat
	kill -0 "$pid" 2>/dev/null || return 1
	[ -r "/proc/$pid/stat" ] || return 0
	stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	[ "${stat%% *}" != Z ]
}

# stop_pid PID [SECONDS]: send SIGTERM to PID, wait up to SECONDS (default 10) for it to
# exit, then SIGKILL. Quiet if PID is already gone. Reaps PID if it is our child.
stop_pid() {
	local pid=$1 secs=${2:-10} deadline
	[ -n "$pid" ] || return 0
	if pid_alive "$pid"; then
		kill -TERM "$pid" 2>/dev/null || true
		deadline=$((SECONDS + secs))
		while pid_alive "$pid"; do
			if [ "$SECONDS" -ge "$deadline" ]; then
				log "pid $pid ignored SIGTERM for ${secs}s, killing it"
				kill -KILL "$pid" 2>/dev/null || true
				break
			fi
			sleep 0.1
		done
	fi
	wait "$pid" 2>/dev/null || true
}
