/**
 * The entry point of a worker thread of a threaded ranking (built as
 * `dist/deal-worker.js` and `.cjs`; see `deal-threads.ts`): it views the
 * shared index posted as its `workerData` and runs the tasks of
 * `thread-tasks.ts` that the pool hands it.
 */
import { workerData } from "node:worker_threads";
import { indexOfShare } from "./shared-index.js";
import {
  type FormatTask,
  type FormattedDeals,
  formatDeals,
  type RankedChunk,
  type RankTask,
  rankChunk,
  type WorkerSetup,
} from "./thread-tasks.js";

const setup = workerData as WorkerSetup;
const index = indexOfShare(setup.share);

/** Runs one task. */
export default function run(task: RankTask | FormatTask): RankedChunk | FormattedDeals {
  return task.task === "rank"
    ? rankChunk(index, setup.options, task)
    : formatDeals(index, setup.options, task);
}
