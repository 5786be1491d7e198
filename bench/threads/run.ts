/**
 * Threads (issue 15): `find` on 1 thread against `--threads N`, side by side
 * in one run, as CLI processes (`dist/cli/main.js`, so build first), timed by
 * /usr/bin/time (wall, CPU, peak RSS), the configurations alternating run by
 * run; medians over the repetitions, and the median of the per-pair wall
 * ratios (each pair ran back to back, so it saw about the same load).
 *
 *   npx tsx bench/threads/run.ts NETWORK [--threads 2] [--reps 3] [--cases k4,all]
 *
 * Cases: `k4` is the global search of cycles ≤ 4 and brokered triangles,
 * `find --kinds cycle,brokered --max-parties 4 --top 20 --format json`; `all`
 * is `find --all --format json` (default 3 parties), written to /dev/null.
 * Then, in this process, the per-thread counters of one threaded ranking of
 * each case (`rankOnThreads`: tasks, busy time, the rest idle; imbalance =
 * the busiest thread's busy time over the mean). Prints Markdown for
 * bench/RESULTS.md.
 */
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { rankOnThreads } from "../../src/economics/threaded-ranking.js";
import { readNetwork } from "../../src/model/read-network.js";

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    threads: { type: "string", default: "2" },
    reps: { type: "string", default: "3" },
    cases: { type: "string", default: "k4,all" },
  },
});
const [network] = positionals;
if (network === undefined) {
  process.stderr.write("usage: npx tsx bench/threads/run.ts NETWORK [--threads 2] [--reps 3]\n");
  process.exit(2);
}
const threads = Number(flags.threads);
const reps = Number(flags.reps);
const root = fileURLToPath(new URL("../..", import.meta.url));
const out = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const cases = {
  k4: {
    label: "global, cycles ≤ 4 + brokered, top 20",
    args: ["--kinds", "cycle,brokered", "--max-parties", "4", "--top", "20", "--format", "json"],
    options: { kinds: ["cycle", "brokered"] as const, maxParties: 4, top: 20 },
  },
  all: {
    label: "`--all --format json > /dev/null`",
    args: ["--all", "--format", "json"],
    options: { top: Number.POSITIVE_INFINITY },
  },
} as const;

interface Run {
  wall: number;
  cpu: number;
  rssMiB: number;
}

function run(args: readonly string[], n: number): Run {
  const command = `/usr/bin/time -f "%e %U %S %M" node dist/cli/main.js find ${network} ${args.join(" ")} --threads ${n} > /dev/null 2> /tmp/bench-threads.time; tail -1 /tmp/bench-threads.time`;
  const [wall, user, sys, rss] = execFileSync("bash", ["-c", command], {
    cwd: root,
    encoding: "utf8",
  })
    .trim()
    .split(" ")
    .map(Number);
  return { wall, cpu: user + sys, rssMiB: rss / 1024 };
}

out(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, ${new Date().toISOString()}, load average at start ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);
out(`Network: ${network}; ${reps} repetitions, 1 and ${threads} threads alternating.\n`);
out(
  `| case | threads | wall (median) | CPU (median) | peak RSS (median) | wall 1 ÷ wall ${threads} (median of pairs) | RSS ${threads} ÷ RSS 1 |`,
);
out("|---|---|---|---|---|---|---|");
for (const name of flags.cases.split(",") as (keyof typeof cases)[]) {
  const { label, args } = cases[name];
  const one: Run[] = [];
  const many: Run[] = [];
  for (let r = 0; r < reps; r++) {
    one.push(run(args, 1));
    many.push(run(args, threads));
    process.stderr.write(
      `${name} rep ${r + 1}: ${JSON.stringify({ one: one[r], many: many[r] })}\n`,
    );
  }
  const ratio = median(one.map((a, i) => a.wall / many[i].wall));
  const rss = median(many.map((r) => r.rssMiB)) / median(one.map((r) => r.rssMiB));
  for (const [n, runs] of [
    [1, one],
    [threads, many],
  ] as const) {
    out(
      `| ${label} | ${n} | ${median(runs.map((r) => r.wall)).toFixed(1)} s | ${median(runs.map((r) => r.cpu)).toFixed(1)} s | ${median(runs.map((r) => r.rssMiB)).toFixed(0)} MiB | ${n === 1 ? "" : `**${ratio.toFixed(2)}×**`} | ${n === 1 ? "" : `${rss.toFixed(2)}×`} |`,
    );
  }
}

out(`\nPer-thread counters of one ranking on ${threads} threads (in process):\n`);
out("| case | thread | tasks | busy | idle (of the search's wall) | deals found |");
out("|---|---|---|---|---|---|");
const net = await readNetwork(network);
for (const name of flags.cases.split(",") as (keyof typeof cases)[]) {
  const { label, options } = cases[name];
  const ranked = await rankOnThreads(net, options, { threads, jsonTexts: name === "all" });
  let written = 0;
  const started = performance.now();
  if (name === "all")
    for await (const batch of ranked.jsonTexts?.("", "\n") ?? []) written += batch.length;
  const wallMs = ranked.searchMs + (performance.now() - started);
  ranked.close();
  const busy = ranked.threadCounters.map((t) => t.busyMs);
  const mean = busy.reduce((a, b) => a + b, 0) / Math.max(1, busy.length);
  for (const t of ranked.threadCounters) {
    out(
      `| ${label} | ${t.thread} | ${t.tasks} | ${(t.busyMs / 1000).toFixed(2)} s | ${((wallMs - t.busyMs) / 1000).toFixed(2)} s of ${(wallMs / 1000).toFixed(2)} s | ${t.deals} |`,
    );
  }
  out(
    `| ${label} | imbalance (busiest ÷ mean) | | ${(Math.max(...busy) / mean).toFixed(3)} | | ${written > 0 ? `${ranked.length} deals, ${(written / 2 ** 20).toFixed(0)} MiB of JSON written` : ""} |`,
  );
}
process.exit(0);
