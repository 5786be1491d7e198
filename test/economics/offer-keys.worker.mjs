/**
 * A worker thread of `shared-threshold.test.ts`: offers `keys` to the shared
 * threshold in `memory`, waiting first until every thread is ready so that
 * they offer at the same time. JavaScript, loading the TypeScript source
 * through tsx.
 */
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { SharedThreshold } = await tsImport("../../src/economics/shared-threshold.ts", import.meta.url);
const { memory, keys, ready, threads } = workerData;
Atomics.add(ready, 0, 1);
while (Atomics.load(ready, 0) < threads);
const threshold = new SharedThreshold(memory);
for (const key of keys) threshold.offer(key);
parentPort?.postMessage("done");
