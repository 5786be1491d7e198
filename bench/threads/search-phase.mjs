/**
 * The search phase alone (issue 15), in one process running the built
 * library (`dist/node.js`: build first) as users run it, with plain `node`
 * (under tsx the worker threads' steps cost up to 1.5× more: tsx's hooks
 * reach them too). The network is read once, then `rankDealsAsync` runs on
 * 1 thread and on N threads alternating, each side's timed run right after a
 * run of its own (the snapshot's sections read, the threads started and
 * their code optimized);
 * wall and CPU (`process.cpuUsage`, every thread of the process) per run,
 * medians, the median of the pairs' ratios, and each threaded run's
 * per-thread counters (units of work, busy and idle time, imbalance). Since
 * the thirteenth session N threads are the calling thread and N − 1 workers:
 * the calling thread's counters come first, and its "idle" time (wall less
 * the time in its chunks) is mostly the workers' batches it keeps between
 * its slices.
 *
 *   node --single-threaded bench/threads/search-phase.mjs NETWORK [--threads 2] [--reps 3] [--k 4] [--top 20] [--fresh]
 *
 * `--top all` ranks every deal: the global search of issue 15's target
 * (at 1M firms, K = 4, 3.0M deals); `--top 20` the bounded ranking, whose
 * walks leave out what cannot enter it.
 *
 * In one process the threads end after `idleThreadMs` idle (5 s until
 * the twelfth session, 30 s since): where a one-thread run takes longer, a
 * threaded run after it starts its threads afresh, their code cold. So each
 * side ranks twice in a row and the second run is timed: both warm. `--fresh` runs each ranking
 * in a process of its own instead (same node flags), both sides cold: the
 * network read, then the ranking timed, its snapshot sections read as it
 * needs them, its threads started by it (as a library call starts them; the
 * CLI starts them while it reads the network).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    threads: { type: "string", default: "2" },
    reps: { type: "string", default: "3" },
    k: { type: "string", default: "4" },
    top: { type: "string", default: "20" },
    fresh: { type: "boolean", default: false },
    /** Internal (`--fresh`): one ranking on this many threads, printed as JSON. */
    once: { type: "string" },
  },
});
const [path] = positionals;
if (path === undefined) {
  process.stderr.write(
    "usage: node bench/threads/search-phase.mjs NETWORK [--threads 2] [--reps 3] [--k 4] [--top 20] [--fresh]\n",
  );
  process.exit(2);
}
const { readNetwork, rankDealsAsync } = await import(
  new URL("../../dist/node.js", import.meta.url).href
);
const threads = Number(flags.threads);
/** @param {readonly number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// A fresh-process loop reads nothing itself: each run reads the network.
const network = flags.fresh && flags.once === undefined ? undefined : await readNetwork(path);
const top = flags.top === "all" ? Number.POSITIVE_INFINITY : Number(flags.top);
const options = { kinds: ["cycle", "brokered"], maxParties: Number(flags.k), top };

/** One ranking on `n` threads: its wall and CPU time (every thread of the process) and the threads' counters. */
async function once(n) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const ranked = await rankDealsAsync(network, { ...options, threads: n });
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  ranked.close();
  return { wall, cpu: (used.user + used.system) / 1000, counters: ranked.threadCounters ?? [] };
}

if (flags.once !== undefined) {
  process.stdout.write(`${JSON.stringify(await once(Number(flags.once)))}\n`);
  process.exit(0);
}

/** One ranking on `n` threads in a process of its own (`--fresh`). */
function inFreshProcess(n) {
  const args = [fileURLToPath(import.meta.url), path, "--k", flags.k, "--top", flags.top];
  const run = spawnSync(process.execPath, [...process.execArgv, ...args, "--once", String(n)], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`a fresh run failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/**
 * In one process, each side ranks twice in a row and the second is timed:
 * its threads (kept between the two) and the calling thread both warm.
 */
async function warmRun(n) {
  await once(n);
  return once(n);
}

const run = flags.fresh ? async (n) => inFreshProcess(n) : warmRun;
const one = [];
const many = [];
const ratios = [];
for (let r = 0; r < Number(flags.reps); r++) {
  const a = await run(1);
  const b = await run(threads);
  one.push(a.wall);
  many.push(b.wall);
  ratios.push(a.wall / b.wall);
  const busy = b.counters.map((t) => t.busyMs);
  const mean = busy.reduce((x, y) => x + y, 0) / Math.max(1, busy.length);
  process.stdout.write(
    `rep ${r + 1}: 1 thread ${a.wall.toFixed(0)} ms (CPU ${a.cpu.toFixed(0)} ms); ${threads} threads ${b.wall.toFixed(0)} ms (CPU ${b.cpu.toFixed(0)} ms), busy ${busy.map((x) => x.toFixed(0)).join(" + ")} ms, units ${b.counters.map((t) => t.tasks).join(" + ")}, imbalance ${(Math.max(...busy) / mean).toFixed(3)}, idle ${b.counters.map((t) => (b.wall - t.busyMs).toFixed(0)).join(" / ")} ms\n`,
  );
}
process.stdout.write(
  `median: 1 thread ${median(one).toFixed(0)} ms, ${threads} threads ${median(many).toFixed(0)} ms, ratio of pairs ${median(ratios).toFixed(2)}×\n`,
);
process.exit(0);
