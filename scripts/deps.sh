#!/usr/bin/env bash
# Installs the Debian and npm packages Laurel needs, checking before it installs.
#   scripts/deps.sh run    build and run Laurel (the default)
#   scripts/deps.sh test   everything `make test` needs as well
#   scripts/deps.sh bench  everything the benchmarks need as well
# Only missing packages are installed; a machine that has them all is left untouched.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-run}

run_pkgs=(make gcc pkg-config ca-certificates
	libmicrohttpd-dev libsqlite3-dev libpq-dev libjansson-dev libssl-dev
	libargon2-dev libcmark-dev libpng-dev zlib1g-dev libcairo2-dev
	libqrencode-dev libcurl4-openssl-dev nodejs npm)
test_pkgs=(clang libclang-rt-14-dev clang-format libcriterion-dev postgresql
	chromium curl poppler-utils)
bench_pkgs=(wrk nginx-light curl sqlite3)

pkgs=("${run_pkgs[@]}")
case "$what" in
run) ;;
test) pkgs+=("${test_pkgs[@]}") ;;
bench) pkgs+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
*) echo "usage: scripts/deps.sh [run|test|bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed'; then
		missing+=("$p")
	fi
done
# The machine image may carry its own node and npm outside Debian's packages.
if command -v node >/dev/null && command -v npm >/dev/null; then
	tmp=()
	for p in "${missing[@]}"; do
		case "$p" in nodejs|npm) ;; *) tmp+=("$p") ;; esac
	done
	missing=("${tmp[@]+"${tmp[@]}"}")
fi

if [ "${#missing[@]}" -gt 0 ]; then
	echo "deps: installing Debian packages: ${missing[*]}"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
	echo "deps: Debian packages for '$what' already installed"
fi

# Front-end and browser-test packages, pinned by package-lock.json.
if [ ! -d node_modules/@scottish-government/design-system ] ||
	[ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "deps: installing npm packages (package-lock.json)"
	npm ci --no-audit --no-fund --loglevel=error
else
	echo "deps: npm packages already installed"
fi
