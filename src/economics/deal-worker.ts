/**
 * The entry point of a worker thread of threaded rankings (built as
 * `dist/deal-worker.js` and `.cjs`; see `deal-threads.ts`): it views the
 * shared index a task's job carries (set up on the job's first task and kept
 * for its next ones) and runs the tasks of `thread-tasks.ts`.
 */
import { receiveMessageOnPort, threadId } from "node:worker_threads";
import { move, transferableSymbol, valueSymbol } from "piscina";
import type { TradeIndex } from "../trade-index/trade-index.js";
import { rankChunks } from "./chunk-ranker.js";
import { viewOfShare } from "./shared-index.js";
import {
  type DealTask,
  type FormattedDeals,
  formatDeals,
  type ProgressSlot,
  postAndWait,
  type RankedChunks,
  type TaskLink,
  takeProgressSlot,
  type WarmTask,
} from "./thread-tasks.js";

/** Jobs whose index a thread keeps (most recent last). */
const keptJobs = 2;
const jobs = new Map<number, { readonly index: TradeIndex; readonly slot: ProgressSlot }>();

/** The link of the task running now: where an index array not given is asked for. */
let link: TaskLink | undefined;

/** An index array the job did not carry, asked of the calling thread. */
function askArray(name: string): unknown {
  if (link === undefined) throw new Error(`index array ${name} asked for outside a task`);
  postAndWait(link, 1, { array: name });
  return receiveMessageOnPort(link.port)?.message;
}

function setUp(task: DealTask): { readonly index: TradeIndex; readonly slot: ProgressSlot } {
  const { job } = task;
  let mine = jobs.get(job.id);
  if (mine === undefined) {
    mine = { index: viewOfShare(job.share, askArray), slot: takeProgressSlot(job) };
    jobs.set(job.id, mine);
    for (const old of jobs.keys()) {
      if (jobs.size <= keptJobs) break;
      jobs.delete(old);
    }
  }
  return mine;
}

/**
 * Formatted deals with their bytes moved, not copied, to the calling thread
 * (which writes them as they are): no second copy of every listing's bytes,
 * and none left here for the GC.
 */
function moved(formatted: FormattedDeals): FormattedDeals {
  return move({
    [transferableSymbol]: formatted.pieces.map((piece) => piece.buffer),
    [valueSymbol]: formatted,
  }) as unknown as FormattedDeals;
}

/** Runs one task. */
export default function run(task: DealTask | WarmTask): RankedChunks | FormattedDeals | number {
  if ("warm" in task) return threadId;
  const { work, job } = task;
  link = work.link;
  try {
    const { index, slot } = setUp(task);
    switch (work.task) {
      case "rank":
        return rankChunks(index, job, slot, work);
      case "format":
        return moved(formatDeals(index, job.options, work));
    }
  } finally {
    work.link.port.close();
    link = undefined;
  }
}
