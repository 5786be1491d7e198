/**
 * The pool of worker threads of a threaded ranking: piscina, each worker
 * started with the shared index (`shared-index.ts`) and the find options, and
 * running `deal-worker.ts`.
 *
 * Finding the worker's file: the built library runs `dist/deal-worker.js`
 * (ES modules) or `dist/deal-worker.cjs` (CommonJS), beside the code that
 * starts it (a chunk in `dist/`, or one folder down, as `dist/cli/`); the
 * sources (tests run on `src/` with vitest) run `src/economics/deal-worker.ts`
 * through tsx (`--import tsx`, a dev dependency).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import type {
  FormatTask,
  FormattedDeals,
  RankedChunk,
  RankTask,
  WorkerSetup,
} from "./thread-tasks.js";

/** The most threads the CLI starts by default, whatever the cores. */
export const maxDefaultThreads = 8;

/** The default thread count of the CLI: the cores available, at most `maxDefaultThreads`. */
export function defaultThreadCount(): number {
  return Math.max(1, Math.min(availableParallelism(), maxDefaultThreads));
}

/** The URL of this module (of the chunk it was built into). */
function thisModule(): string {
  // CommonJS has __filename (and no import.meta); ES modules the reverse.
  return typeof __filename === "string" ? pathToFileURL(__filename).href : import.meta.url;
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

/** A pool of worker threads over one shared index. */
export class DealThreads {
  private readonly pool: Piscina<RankTask | FormatTask, RankedChunk | FormattedDeals>;

  constructor(
    setup: WorkerSetup,
    /** How many threads. */
    readonly threads: number,
  ) {
    const { filename, execArgv } = workerEntry();
    this.pool = new Piscina({
      filename,
      execArgv,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: setup,
    });
  }

  /** Ranks one chunk of the roots on the next free thread. */
  rank(task: RankTask, signal: AbortSignal | undefined): Promise<RankedChunk> {
    return this.pool.run(task, signal === undefined ? {} : { signal }) as Promise<RankedChunk>;
  }

  /** Writes ranked deals' JSON texts on the next free thread. */
  format(task: FormatTask, signal: AbortSignal | undefined): Promise<FormattedDeals> {
    return this.pool.run(task, signal === undefined ? {} : { signal }) as Promise<FormattedDeals>;
  }

  /** Ends every thread, running tasks too (their promises reject). */
  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}
