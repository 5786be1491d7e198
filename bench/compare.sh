#!/bin/sh
# Runs the C reference and the library's search on the same anchors network
# and prints both counts and the CPU-time ratio.
#
#   bench/compare.sh NETWORK_DIR K [REPS]
#
# NETWORK_DIR holds network.jsonl (or network.json), trades.tsv and limits.tsv
# as ../shared/anchors/gen.py writes them. The C reference is /tmp/cycles
# (CYCLES=... to use another build; build it with
# `gcc -O2 -march=native -o /tmp/cycles ../shared/anchors/cycles.c`).
# Exit status 1 when the counts differ.
set -eu
if [ $# -lt 2 ]; then
  echo "usage: bench/compare.sh NETWORK_DIR K [REPS]" >&2
  exit 2
fi
dir=$1
k=$2
reps=${3:-3}
cycles=${CYCLES:-/tmp/cycles}
here=$(cd "$(dirname "$0")" && pwd)
reference=$(mktemp /tmp/compare-reference.XXXXXX)
trap 'rm -f "$reference"' EXIT

"$cycles" "$dir/trades.tsv" -K "$k" --limits "$dir/limits.tsv" \
  --initiators 1000 --print-initiators > "$reference"
echo "== C reference ($cycles)"
grep -E '^(vertices|trades|arcs|deals_|cpu_|initiator_us_)' "$reference"
echo "== library (bench/search/run.ts)"
heap=${HEAP_MB:-16000}
NODE_OPTIONS="--max-old-space-size=$heap ${NODE_OPTIONS:-}" \
  npx tsx "$here/search/run.ts" "$dir" "$k" --reference "$reference" --reps "$reps"
