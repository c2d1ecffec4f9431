#!/usr/bin/env bash
# Every benchmark, one after the other (`make bench`). Each prints its figures.
set -euo pipefail
cd "$(dirname "$0")/.."
make -s build/bench/bake build/bench/canon build/bench/password build/bench/screen
echo "== baking (bench/bake.c)"
build/bench/bake
echo "== canonicalization and signing (bench/canon.c)"
build/bench/canon
echo "== password hashing (bench/password.c)"
build/bench/password
echo "== identity screen (bench/screen.sh)"
bench/screen.sh
echo "== badge page against nginx (bench/page.sh)"
bench/page.sh
echo "== status lists of a large issuer (bench/status_list.sh)"
bench/status_list.sh
