/**
 * The worker threads of threaded rankings: a piscina pool per thread count,
 * kept for the process, running `deal-worker.ts`; each task carries its
 * job, the shared index (`shared-index.ts`) and the find options.
 *
 * Finding the worker's file: the built library runs `dist/deal-worker.js`
 * (ES modules) or `dist/deal-worker.cjs` (CommonJS), beside the code that
 * starts it (a chunk in `dist/`, or one folder down, as `dist/cli/`); the
 * sources (tests run on `src/` with vitest) run `src/economics/deal-worker.ts`
 * through tsx (`--import tsx`, a dev dependency).
 *
 * piscina itself is loaded with the first pool (`poolOf`): a run
 * that starts no thread does not load it (~30 ms and ~7 MiB at the start of
 * every command).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { Piscina } from "piscina";
import type {
  DealTask,
  FormatTask,
  FormattedDeals,
  RankedChunks,
  RankTask,
  WarmTask,
  WorkerJob,
} from "./thread-tasks.js";

/** The most threads the CLI starts by default, whatever the cores. */
export const maxDefaultThreads = 8;

/** The default thread count of the CLI: the cores available, at most `maxDefaultThreads`. */
export function defaultThreadCount(): number {
  return Math.max(1, Math.min(availableParallelism(), maxDefaultThreads));
}

/** The URL of this module (of the chunk it was built into). */
function thisModule(): string {
  // In the CommonJS build tsup's shim gives import.meta.url from __filename;
  // naming __filename here would pull a Node shim into the browser entry.
  return import.meta.url;
}

/** The worker's file and the flags its thread needs. */
export function workerEntry(): { readonly filename: string; readonly execArgv: string[] } {
  const here = thisModule();
  if (here.endsWith(".ts"))
    return {
      filename: fileURLToPath(new URL("./deal-worker.ts", here)),
      execArgv: ["--import", "tsx"],
    };
  const name = here.endsWith(".cjs") ? "deal-worker.cjs" : "deal-worker.js";
  for (const folder of ["./", "../"]) {
    const filename = fileURLToPath(new URL(`${folder}${name}`, here));
    if (existsSync(filename)) return { filename, execArgv: [] };
  }
  throw new Error(`reciprocal-deals: the worker thread's file ${name} is missing beside ${here}`);
}

/**
 * How long an idle worker thread waits for work before it ends (ms). A
 * ranking that finds its threads warm is 1.6–2.3× faster than one that
 * starts them again (100k and 1M firms), and an idle thread holds ~30–36
 * MiB: an app that ranks every few seconds or minutes keeps them, a process
 * that is done exits anyway (idle threads keep no process alive).
 */
export const idleThreadMs = 30_000;

/** A pool running ranking tasks (and warm tasks, which return the thread's id). */
type ThreadPool = Piscina<DealTask | WarmTask, RankedChunks | FormattedDeals | number>;

const pools = new Map<number, ThreadPool>();

/**
 * The pool of `threads` worker threads, started on first use and kept for
 * the process: a later ranking with as many threads finds them warm. Idle
 * threads never keep the process alive, and end after `idleThreadMs`.
 * piscina is imported here, with the first pool.
 */
async function poolOf(threads: number): Promise<ThreadPool> {
  let pool = pools.get(threads);
  if (pool === undefined) {
    const { Piscina } = await import("piscina");
    // Another call may have made it meanwhile.
    pool = pools.get(threads);
    if (pool === undefined) {
      const { filename, execArgv } = workerEntry();
      pool = new Piscina({
        filename,
        execArgv,
        minThreads: 0,
        maxThreads: threads,
        idleTimeout: idleThreadMs,
      });
      pools.set(threads, pool);
    }
  }
  return pool;
}

/**
 * Starts the pool of `threads` worker threads ahead of a ranking that will
 * use it: each loads the worker's code (~0.25 s) while the calling thread
 * still reads the network, instead of after. A thread the ranking never uses
 * ends after `idleThreadMs`, and none keeps the process alive.
 *
 * @returns once every thread has started: the ids of the threads that did (a
 *   thread that fails to start fails the ranking's first task, not this)
 */
export async function warmThreads(threads: number): Promise<number[]> {
  const pool = await poolOf(threads);
  // One task each: a task queued while every thread is still starting starts another.
  const started = await Promise.allSettled(
    Array.from({ length: threads }, () => pool.run({ warm: true }) as Promise<number>),
  );
  return started.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
}

/** How many threads the pool of `threads` has now (started, starting or busy; 0 before its first use). */
export function threadsStarted(threads: number): number {
  return pools.get(threads)?.threads.length ?? 0;
}

/**
 * One ranking's work on a pool of worker threads: each task carries the job
 * (the shared index and the options; posting shared memory copies nothing),
 * which a thread sets up once and keeps for the job's next tasks (`open`).
 */
export class DealThreads {
  private readonly pool: ThreadPool;
  /** Aborts this job's running tasks (their threads are ended) on an error. */
  private readonly stop = new AbortController();
  /** Aborts its format tasks only, when its listing is closed. */
  private readonly stopFormatting = new AbortController();
  private readonly signal: AbortSignal;
  private readonly formatSignal: AbortSignal;

  private constructor(
    private readonly job: WorkerJob,
    /** How many threads. */
    readonly threads: number,
    signal: AbortSignal | undefined,
    pool: ThreadPool,
  ) {
    this.pool = pool;
    const stops = [this.stop.signal, ...(signal === undefined ? [] : [signal])];
    this.signal = AbortSignal.any(stops);
    this.formatSignal = AbortSignal.any([...stops, this.stopFormatting.signal]);
  }

  /** A job on the pool of `threads` threads (made, with piscina loaded, on first use). */
  static async open(
    job: WorkerJob,
    threads: number,
    signal: AbortSignal | undefined,
  ): Promise<DealThreads> {
    return new DealThreads(job, threads, signal, await poolOf(threads));
  }

  /** Ranks chunks of the roots on the next free thread, until none is left. */
  rank(task: RankTask): Promise<RankedChunks> {
    return this.run(task, this.signal) as Promise<RankedChunks>;
  }

  /** Writes ranked deals' JSON texts on the next free thread (its spare buffers moved there). */
  format(task: FormatTask): Promise<FormattedDeals> {
    return this.run(task, this.formatSignal, task.spare) as Promise<FormattedDeals>;
  }

  /** Runs one of the job's tasks on the next free thread, its link's port (and `moved`) moved there. */
  private run(
    work: DealTask["work"],
    signal: AbortSignal,
    moved: readonly ArrayBuffer[] = [],
  ): Promise<RankedChunks | FormattedDeals | number> {
    return this.pool.run(
      { job: this.job, work },
      { signal, transferList: [work.link.port, ...moved] },
    );
  }

  /** Ends the job: its queued tasks are dropped and the threads running its tasks are ended. */
  abort(): void {
    this.stop.abort(new Error("the ranking ended"));
  }

  /**
   * Ends the job's formatting (its listing closed): its format tasks queued
   * are dropped and those running ended. A rank task still starting (it
   * joined no chunk: `RankTask.joined`) is left to end by itself, its
   * thread kept.
   */
  closeFormatting(): void {
    this.stopFormatting.abort(new Error("the listing was closed"));
  }
}
