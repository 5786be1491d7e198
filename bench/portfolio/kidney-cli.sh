#!/usr/bin/env bash
# The kidney networks through the built CLI, as a user runs them, under
# /usr/bin/time -v (wall, CPU, peak RSS), each answer checked independently
# by check-select.ts; then the same run through select-stats.ts for the work
# counters (candidates priced, columns generated, LP solves, branch nodes).
#
#   bench/portfolio/kidney-cli.sh [DISTS] [RUNS] [SET]
#
# DISTS: the builds to time, comma-separated (default ./dist; give another
# checkout's dist too to compare side by side: the runs alternate between
# the builds, so load on a shared machine falls on both alike); RUNS: timed runs per case (default 3); SET: `large`
# (../shared/benchmarks/kidney/large: 256, 512, 1024 pairs at K = 3 and 256
# at K = 4) or `small` (the instances/ folder at K = 3 and 4). Prints one
# tab-separated line per run: build, instance, K, run, wall s, CPU s, peak RSS MiB,
# status, objective, bound, check. Set STATS=1 to add the counters (from
# this checkout's src, not DIST) and MIP=SECONDS to add HiGHS's plain cycle
# formulation to the check, TIMEOUT=SECONDS to stop a run (status failed).
set -euo pipefail
dists=${1:-dist}
runs=${2:-3}
set=${3:-large}
here=$(cd "$(dirname "$0")/../.." && pwd)
root=/work/shared/benchmarks/kidney
out=${TMPDIR:-/tmp}/kidney-cli.$$
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT

if [ "$set" = large ]; then
  cases="large/00036-00000185:3 large/00036-00000205:3 large/00036-00000243:3 large/00036-00000185:4"
else
  cases=""
  for f in "$root"/instances/*.json; do
    name=instances/$(basename "$f" .json)
    cases="$cases $name:3 $name:4"
  done
fi

printf 'build\tinstance\tK\trun\twall_s\tcpu_s\tpeak_rss_MiB\tstatus\tobjective\tbound\tcheck\n'
for c in $cases; do
  name=${c%:*}
  k=${c##*:}
  net=$root/$name.json
  for run in $(seq 1 "$runs"); do
    for dist in ${dists//,/ }; do
      /usr/bin/time -v -o "$out/time" timeout "${TIMEOUT:-0}" node "$dist/cli/main.js" select "$net" --kinds cycle \
        --max-parties "$k" --objective surplus --solver exact --all --format json >"$out/answer.json" || true
      wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$out/time")
      cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$out/time")
      rss=$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }' "$out/time")
      summary=$(node -e 'const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log([a.status, a.objective, a.bound].join("\t"))' "$out/answer.json" 2>/dev/null || printf 'failed\t-\t-')
      check=-
      if [ "$run" = 1 ]; then
        mip=()
        [ -n "${MIP:-}" ] && [ "$k" = 3 ] && mip=(--mip "$MIP")
        check=$(cd "$here" && npx tsx bench/portfolio/check-select.ts "$net" "$out/answer.json" --k "$k" --disjoint "${mip[@]}" 2>&1 | tail -1 || true)
      fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$dist" "$(basename "$name")" "$k" "$run" "$wall" "$cpu" "$rss" "$summary" "$check"
    done
  done
  if [ -n "${STATS:-}" ]; then
    (cd "$here" && npx tsx bench/portfolio/select-stats.ts "$net" --kinds cycle --max-parties "$k" --objective surplus)
  fi
done
