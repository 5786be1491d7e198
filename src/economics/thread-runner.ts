/**
 * Where `findDealsAsync` and `rankDealsAsync` find the worker threads: the
 * Node entry (and anything that imports `threaded-ranking.ts`) installs the
 * runner, so the main entry itself imports no Node built-in and bundles for
 * browsers, where `threads` > 1 is a `UsageError`.
 */
import { UsageError } from "../model/errors.js";
import type { Network } from "../model/types.js";
import type { FindDealsOptions } from "./find-options.js";
import type { RankedDeals } from "./ranking.js";

/** Ranks the deals of a network on `threads` worker threads. */
export type ThreadRunner = (
  network: Network,
  options: FindDealsOptions,
  threaded: { readonly threads: number; readonly minWork?: number },
) => Promise<RankedDeals>;

let runner: ThreadRunner | undefined;

/** Installs the runner of the worker threads (done by the Node entry). */
export function useThreadRunner(run: ThreadRunner): void {
  runner = run;
}

/** The runner installed, or a `UsageError` where there are no worker threads. */
export function threadRunner(): ThreadRunner {
  if (runner === undefined) {
    throw new UsageError(
      "threads > 1 needs Node's worker threads: import reciprocal-deals under Node (its Node entry)",
    );
  }
  return runner;
}
