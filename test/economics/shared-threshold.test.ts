/**
 * The threshold threads share in a ranking of the best N (issue 15): after
 * any offers, its value is the N-th best key offered (−Infinity before N),
 * against sorting every key offered (random keys, ties and N = 0 included);
 * and when worker threads offer at the same time, none of their keys is
 * lost to a race.
 */
import { Worker } from "node:worker_threads";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SharedThreshold, sharedThresholdMemory } from "../../src/economics/shared-threshold.js";

/**
 * The N-th best of `keys` (−Infinity when there are fewer), −0 read as +0:
 * the two are one key, and which of them a tie between them leaves N-th is
 * arbitrary.
 */
function nthBest(keys: readonly number[], top: number): number {
  const sorted = [...keys].sort((a, b) => b - a);
  return top > 0 && sorted.length >= top ? sorted[top - 1] + 0 : Number.NEGATIVE_INFINITY;
}

describe("SharedThreshold", () => {
  it("is the N-th best key offered so far, after every offer", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.array(
          fc.oneof(
            fc.integer({ min: -5, max: 5 }),
            fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
          ),
          { maxLength: 60 },
        ),
        (top, keys) => {
          const threshold = new SharedThreshold(sharedThresholdMemory(top));
          expect(threshold.value).toBe(Number.NEGATIVE_INFINITY);
          for (let i = 0; i < keys.length; i++) {
            threshold.offer(keys[i]);
            expect(threshold.value + 0).toBe(nthBest(keys.slice(0, i + 1), top));
          }
        },
      ),
    );
  });

  it("keeps every key worker threads offer at the same time", async () => {
    const threads = 3;
    // Rising keys, dealt round-robin: every offer enters, so the threads contend for the lock,
    // and the best N are the last N offered, while the threads still run side by side.
    const top = 20_000;
    const memory = sharedThresholdMemory(top);
    const ready = new Int32Array(new SharedArrayBuffer(4));
    const all = Array.from({ length: 90_000 }, (_, i) => i / 7);
    const workers = Array.from({ length: threads }, (_, t) => {
      const keys = all.filter((_, i) => i % threads === t);
      return new Worker(new URL("./offer-keys.worker.mjs", import.meta.url), {
        workerData: { memory, keys, ready, threads },
      });
    });
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.once("message", () => resolve());
            worker.once("error", reject);
          }),
      ),
    );
    await Promise.all(workers.map((worker) => worker.terminate()));
    expect(new SharedThreshold(memory).value).toBe(nthBest(all, top));
  });
});
