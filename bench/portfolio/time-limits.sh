#!/usr/bin/env bash
# The time-limit table of the reliability issue (16): `select --time-limit`
# of 100 ms, 1 s and 10 s on the complete graphs K40 and K80 (default search:
# cycles ≤ 3 and brokered deals) and on a generated network (cycles ≤ 4 and
# brokered deals), through the built CLI under /usr/bin/time: the wall time
# actually taken (the process, reading included, and the summary's timeMs,
# search and selection), status, objective, bound and gap.
#
#   bench/portfolio/time-limits.sh [NETWORK_100K] [LIMITS] [DIST]
#
# NETWORK_100K defaults to /tmp/anchors/n100000/network.json (gen.py --seed 1
# --firms 100000); LIMITS to 100,1000,10000. Writes K40/K80 to a temporary
# folder. Prints one tab-separated line per run.
set -euo pipefail
big=${1:-/tmp/anchors/n100000/network.json}
limits=${2:-100,1000,10000}
dist=${3:-dist}
here=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for n in 40 80; do
  (cd "$here" && npx tsx -e "
    import { writeFileSync } from 'node:fs';
    import { completeGraph } from './test/helpers/complete-graph.ts';
    writeFileSync('$out/K$n.json', JSON.stringify(completeGraph($n)));")
done

printf 'network\tlimit_ms\twall_s\tcpu_s\tpeak_rss_MiB\ttimeMs\tstatus\tobjective\tbound\tgap\tsolver\n'
for case in "$out/K40.json:" "$out/K80.json:" "$big:--max-parties 4"; do
  net=${case%%:*}
  flags=${case#*:}
  for limit in ${limits//,/ }; do
    # shellcheck disable=SC2086
    /usr/bin/time -f '%e %U %S %M' -o "$out/time" node "$here/$dist/cli/main.js" select "$net" \
      $flags --time-limit "$limit" --format json >"$out/answer.json" || true
    read -r wall user sys rss <"$out/time"
    summary=$(node -e '
      const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      console.log([a.timeMs, a.status, a.objective, a.bound, a.gap, a.solver].join("\t"));' \
      "$out/answer.json" 2>/dev/null || printf 'failed')
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$net")" "$limit" "$wall" "$cpu" \
      "$((rss / 1024))" "$summary"
  done
done
