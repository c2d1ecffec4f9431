#!/usr/bin/env bash
# Identity screen benchmark: precision, recall and speed of domain/screen.c on the labelled
# corpora in tests/data/screen/ (bench/screen.c; see bench/README.md for the figures).
#   make build/bench/screen && bench/screen.sh      (this script builds nothing)
#   bench/screen.sh -v                               also lists every sentence it got wrong
# corpus.tsv is the corpus the rules were written against (its figures are training figures);
# holdout.tsv was written after the code and is the fairer estimate.
# Environment: SCREEN_SECONDS (seconds per speed measure, default 1), SCREEN (binary,
# default build/bench/screen).
set -euo pipefail
cd "$(dirname "$0")/.."
LOG_PREFIX=bench/screen
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

bin=${SCREEN:-build/bench/screen}
secs=${SCREEN_SECONDS:-1}
args=()
if [ "${1:-}" = -v ]; then
	args+=(-v)
fi
[[ $secs =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "SCREEN_SECONDS must be a number of seconds, got '$secs'"
[ -x "$bin" ] || die "$bin not found: run 'make build/bench/screen' first"
for corpus in tests/data/screen/corpus.tsv tests/data/screen/holdout.tsv; do
	"$bin" "${args[@]}" "$corpus" "$secs"
done
