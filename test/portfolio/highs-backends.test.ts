/**
 * The HiGHS backends: on the calling thread and in a worker, each proves the
 * brute-force optimum of random packing models; the default one solves a
 * small model on the calling thread until a worker runs, and in the worker
 * from then on (HiGHS is not loaded twice).
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { Deadline } from "../../src/portfolio/deadline.js";
import { highsInlineBackend, highsWorkerBackend } from "../../src/portfolio/highs-backend.js";
import type { MipBackend } from "../../src/portfolio/mip-backend.js";
import type { PackingModel } from "../../src/portfolio/packing-model.js";
import { bruteOptimum, denseModelArb, fitsDense, toPacking } from "./model-fixtures.js";

const forever = () => new Deadline(Number.POSITIVE_INFINITY);

/** The columns the backend's 0/1 answer chooses and their value, or undefined when it failed. */
async function solved(backend: MipBackend, model: PackingModel) {
  const result = await backend.solveInteger(model, undefined, forever());
  expect(result.status).toBe("optimal");
  const chosen: number[] = [];
  result.primal?.forEach((x, j) => {
    if (x > 0.5) chosen.push(j);
  });
  return { chosen, value: chosen.reduce((sum, j) => sum + model.value[j], 0), bound: result.bound };
}

/** A model of `n` columns, each alone in a row of capacity 1 (value 1 each: optimum n). */
function separate(n: number): PackingModel {
  return {
    columnCount: n,
    rowCount: n,
    value: new Float64Array(n).fill(1),
    deal: Int32Array.from({ length: n }, (_, j) => j),
    columnStarts: Int32Array.from({ length: n + 1 }, (_, j) => j),
    columnRows: Int32Array.from({ length: n }, (_, j) => j),
    columnCoefficients: new Float64Array(n).fill(1),
    capacity: new Float64Array(n).fill(1),
  };
}

describe("HiGHS backends", () => {
  it.each([
    ["on the calling thread", highsInlineBackend],
    ["in a worker", highsWorkerBackend],
  ] as const)("%s, prove the brute-force optimum of random models", async (_, backend) => {
    await fc.assert(
      fc.asyncProperty(denseModelArb({ min: 4, max: 14 }), async (dense) => {
        const best = bruteOptimum(dense);
        const { chosen, value, bound } = await solved(backend, toPacking(dense));
        expect(fitsDense(dense, chosen)).toBe(true);
        expect(value).toBeCloseTo(best, 6);
        expect(bound).toBeGreaterThanOrEqual(best - 1e-6 * Math.max(1, best));
      }),
      { numRuns: 25 },
    );
  });

  it("the default: a small model here until a worker runs, then in the worker", async () => {
    vi.resetModules();
    const backends = await import("../../src/portfolio/highs-backend.js");
    const { highsBackend, inlineColumnLimit } = backends;
    const here = vi.spyOn(backends.highsInlineBackend, "solveInteger");
    const worker = vi.spyOn(backends.highsWorkerBackend, "solveInteger");
    const calls = () => [here.mock.calls.length, worker.mock.calls.length];
    expect((await solved(highsBackend, separate(inlineColumnLimit))).value).toBe(inlineColumnLimit);
    expect(calls()).toEqual([1, 0]);
    const large = inlineColumnLimit + 1;
    expect((await solved(highsBackend, separate(large))).value).toBe(large);
    expect(calls()).toEqual([1, 1]);
    // A worker runs now: small models go to it too (HiGHS is not loaded twice).
    expect((await solved(highsBackend, separate(7))).value).toBe(7);
    expect(calls()).toEqual([1, 2]);
  });
});
