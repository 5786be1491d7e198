/**
 * The search phase alone (issue 15), in one process: the network read once,
 * then `rankDealsAsync` on 1 thread and on N threads alternating, each after
 * a warm-up run of both (the snapshot's sections read, the threads started);
 * wall and CPU (`process.cpuUsage`, every thread of the process) per run,
 * medians, and each threaded run's per-thread counters.
 *
 *   npx tsx bench/threads/search-phase.ts NETWORK [--threads 2] [--reps 3] [--k 4] [--built]
 *
 * `--built` runs the built library (`dist/node.js`: build first) as users
 * run it; without it the sources run through tsx, whose worker threads load
 * the sources through tsx too (their steps cost up to 1.5× the built ones').
 */
import { parseArgs } from "node:util";
import { warmThreads } from "../../src/economics/deal-threads.js";
import type { ThreadedRankedDeals } from "../../src/economics/threaded-ranking.js";
import * as sources from "../../src/node.js";

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    threads: { type: "string", default: "2" },
    reps: { type: "string", default: "3" },
    k: { type: "string", default: "4" },
    built: { type: "boolean", default: false },
  },
});
const [path] = positionals;
if (path === undefined) {
  process.stderr.write("usage: npx tsx bench/threads/search-phase.ts NETWORK [--threads 2]\n");
  process.exit(2);
}
const threads = Number(flags.threads);
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const built = flags.built;
const library: Pick<typeof sources, "readNetwork" | "rankDealsAsync"> = built
  ? await import(new URL("../../dist/node.js", import.meta.url).href)
  : sources;
const network = await library.readNetwork(path);
const options = { kinds: ["cycle", "brokered"] as const, maxParties: Number(flags.k), top: 20 };

async function once(n: number) {
  // Threads idle for longer than `idleThreadMs` (a one-thread run) have ended: start them first.
  // (the built library's pool is its own: its threads idle for ~0.3 s between runs here, well under the timeout)
  if (n > 1 && !built) await warmThreads(n);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const ranked = await library.rankDealsAsync(network, { ...options, threads: n });
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  ranked.close();
  const counters = (ranked as Partial<ThreadedRankedDeals>).threadCounters ?? [];
  return { wall, cpu: (used.user + used.system) / 1000, counters };
}

await once(1);
await once(threads);
const one: number[] = [];
const many: number[] = [];
const ratios: number[] = [];
for (let r = 0; r < Number(flags.reps); r++) {
  const a = await once(1);
  const b = await once(threads);
  one.push(a.wall);
  many.push(b.wall);
  ratios.push(a.wall / b.wall);
  const busy = b.counters.map((t) => t.busyMs);
  const mean = busy.reduce((x, y) => x + y, 0) / Math.max(1, busy.length);
  process.stdout.write(
    `rep ${r + 1}: 1 thread ${a.wall.toFixed(0)} ms (CPU ${a.cpu.toFixed(0)} ms); ${threads} threads ${b.wall.toFixed(0)} ms (CPU ${b.cpu.toFixed(0)} ms), busy ${busy.map((x) => x.toFixed(0)).join(" + ")} ms, tasks ${b.counters.map((t) => t.tasks).join(" + ")}, imbalance ${(Math.max(...busy) / mean).toFixed(3)}, idle ${b.counters.map((t) => (b.wall - t.busyMs).toFixed(0)).join(" / ")} ms\n`,
  );
}
process.stdout.write(
  `median: 1 thread ${median(one).toFixed(0)} ms, ${threads} threads ${median(many).toFixed(0)} ms, ratio of pairs ${median(ratios).toFixed(2)}×\n`,
);
process.exit(0);
