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
 *   node --single-threaded bench/threads/search-phase.mjs NETWORK [--threads 2] [--reps 3] [--k 4] [--top 20] [--fresh [--beside]]
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
 *
 * `--beside` (with `--fresh --top all`) measures, in the same rounds, what this host
 * gives N processes that share nothing: N one-thread processes side by
 * side, each ranking one shard of N (`shard: { current: i, total: N }`),
 * then the same processes one after the other. The slowest of those side by
 * side is the reference for N threads (the same work split N ways, no memory,
 * index or ranking shared; each shard pays its own warm-up and its roots'
 * costs); its ratio to the processes alone is how much the host's cores slow
 * each other down.
 */
import { execFile, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";

const execFileAsync = promisify(execFile);

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    threads: { type: "string", default: "2" },
    reps: { type: "string", default: "3" },
    k: { type: "string", default: "4" },
    top: { type: "string", default: "20" },
    fresh: { type: "boolean", default: false },
    beside: { type: "boolean", default: false },
    /** Internal (`--beside`): rank only this shard, `I/N`. */
    shard: { type: "string" },
    /** Internal (`--fresh`): one ranking on this many threads, printed as JSON. */
    once: { type: "string" },
  },
});
const [path] = positionals;
if (path === undefined) {
  process.stderr.write(
    "usage: node bench/threads/search-phase.mjs NETWORK [--threads 2] [--reps 3] [--k 4] [--top 20] [--fresh [--beside]]\n",
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
const [current, total] = (flags.shard ?? "").split("/").map(Number);
const options = {
  kinds: ["cycle", "brokered"],
  maxParties: Number(flags.k),
  top,
  ...(flags.shard === undefined ? {} : { shard: { current, total } }),
};
if (flags.beside && (!flags.fresh || flags.top !== "all")) {
  // A shard's best N is not its share of the single run's best N: only every deal splits.
  process.stderr.write("--beside compares fresh processes ranking every deal: give --fresh --top all\n");
  process.exit(2);
}

/** One ranking on `n` threads: its wall and CPU time (every thread of the process), its deals and the threads' counters. */
async function once(n) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const ranked = await rankDealsAsync(network, { ...options, threads: n });
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const deals = ranked.length;
  ranked.close();
  return {
    wall,
    cpu: (used.user + used.system) / 1000,
    deals,
    counters: ranked.threadCounters ?? [],
  };
}

if (flags.once !== undefined) {
  process.stdout.write(`${JSON.stringify(await once(Number(flags.once)))}\n`);
  process.exit(0);
}

/** The command line of one ranking on `n` threads (of shard `shard`, `I/N`, if given) in a process of its own. */
function freshArgs(n, shard) {
  const args = [fileURLToPath(import.meta.url), path, "--k", flags.k, "--top", flags.top];
  return [...process.execArgv, ...args, "--once", String(n), ...(shard ? ["--shard", shard] : [])];
}

/** One ranking on `n` threads in a process of its own (`--fresh`). */
function inFreshProcess(n, shard) {
  const run = spawnSync(process.execPath, freshArgs(n, shard), {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`a fresh run failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Shards 1..n of the ranking, each on one thread in a process of its own, all at once. */
async function besideEachOther(n) {
  const runs = Array.from({ length: n }, (_, i) =>
    execFileAsync(process.execPath, freshArgs(1, `${i + 1}/${n}`), { maxBuffer: 1 << 24 }),
  );
  return (await Promise.all(runs)).map(({ stdout }) => JSON.parse(stdout));
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
const reference = { toOne: [], toThreads: [], slowdown: [] };
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
  if (flags.beside) {
    const side = await besideEachOther(threads);
    // The reference must do the same work: each deal in exactly one shard.
    const shared = side.reduce((sum, x) => sum + x.deals, 0);
    if (shared !== a.deals) throw new Error(`the shards ranked ${shared} deals, one thread ${a.deals}`);
    const alone = Array.from({ length: threads }, (_, i) => inFreshProcess(1, `${i + 1}/${threads}`));
    const slowest = Math.max(...side.map((x) => x.wall));
    const ms = (runs) => runs.map((x) => x.wall.toFixed(0)).join(" / ");
    const slowdown = Math.max(...side.map((x, i) => x.wall / alone[i].wall));
    reference.toOne.push(a.wall / slowest);
    reference.toThreads.push(slowest / b.wall);
    reference.slowdown.push(slowdown);
    process.stdout.write(
      `       ${threads} one-thread shard processes side by side ${ms(side)} ms, alone ${ms(alone)} ms (sum ${alone.reduce((x, y) => x + y.wall, 0).toFixed(0)}): 1 thread / slowest ${(a.wall / slowest).toFixed(2)}×, slowest / ${threads} threads ${(slowest / b.wall).toFixed(2)}×, side by side / alone ≤ ${slowdown.toFixed(2)}×\n`,
    );
  }
}
process.stdout.write(
  `median: 1 thread ${median(one).toFixed(0)} ms, ${threads} threads ${median(many).toFixed(0)} ms, ratio of pairs ${median(ratios).toFixed(2)}×\n`,
);
if (flags.beside)
  process.stdout.write(
    `median: ${threads} processes side by side ${median(reference.toOne).toFixed(2)}× one thread; ${threads} threads ${median(reference.toThreads).toFixed(2)}× the processes; the processes slowed ${median(reference.slowdown).toFixed(2)}× beside each other\n`,
  );
process.exit(0);
