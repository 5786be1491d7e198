#!/bin/sh
# Runs the C reference and the library's search on the same anchors network
# and prints both counts and the CPU-time ratio; then both end to end (the
# library's `find --top 20` from each form — snapshot, JSON Lines, JSON —
# against `cycles -K 3` loading its TSV), CPU and peak RSS, medians of REPS
# (bench/forms/run.ts; E2E=0 skips it).
#
#   bench/compare.sh NETWORK_DIR K[,K…] [REPS]
#
# NETWORK_DIR holds network.jsonl (or network.json), trades.tsv and limits.tsv
# as ../shared/anchors/gen.py writes them. With several K the network is
# loaded once by the library. The C reference is /tmp/cycles (CYCLES=... to use
# another build; build it with
# `gcc -O2 -march=native -o /tmp/cycles ../shared/anchors/cycles.c`).
# HEAP_MB (default 16000) is Node's heap limit. Exit status 1 when a count differs.
set -eu
if [ $# -lt 2 ]; then
  echo "usage: bench/compare.sh NETWORK_DIR K[,K...] [REPS]" >&2
  exit 2
fi
dir=$1
ks=$2
reps=${3:-3}
cycles=${CYCLES:-/tmp/cycles}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/compare-reference.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

refs=""
for k in $(echo "$ks" | tr ',' ' '); do
  "$cycles" "$dir/trades.tsv" -K "$k" --limits "$dir/limits.tsv" \
    --initiators 1000 --print-initiators > "$tmp/k$k.txt"
  echo "== C reference ($cycles), K $k"
  grep -E '^(vertices|trades|arcs|deals_|cpu_|initiator_us_|peak_rss)' "$tmp/k$k.txt"
  refs="$refs --reference $tmp/k$k.txt"
done
echo "== library (bench/search/run.ts)"
# shellcheck disable=SC2086
NODE_OPTIONS="--max-old-space-size=${HEAP_MB:-16000} ${NODE_OPTIONS:-}" \
  npx tsx "$here/search/run.ts" "$dir" "$ks" $refs --reps "$reps"
if [ "${E2E:-1}" != 0 ]; then
  echo "== end to end (bench/forms/run.ts)"
  npx tsx "$here/forms/run.ts" "$dir" --reps "$reps" --cycles "$cycles"
fi
