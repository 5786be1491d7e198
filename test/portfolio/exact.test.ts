import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Deadline } from "../../src/portfolio/deadline.js";
import { dualBound } from "../../src/portfolio/dual-bound.js";
import { enumeratePortfolio } from "../../src/portfolio/enumerate.js";
import { columnsThatCanImprove, solveExactly } from "../../src/portfolio/exact.js";
import { objectiveStep } from "../../src/portfolio/granularity.js";
import { greedyPortfolio } from "../../src/portfolio/greedy.js";
import { highsBackend } from "../../src/portfolio/highs-backend.js";
import { portfolioValue, rowsOf } from "../../src/portfolio/packing-model.js";
import { solveRelaxation } from "../../src/portfolio/sifting.js";
import { runSync } from "../../src/portfolio/work.js";
import {
  bruteOptimum,
  chosenDeals,
  type DenseModel,
  denseModelArb,
  fitsDense,
  toPacking,
} from "./model-fixtures.js";

/** The best portfolio that contains column j (brute force), or -Infinity. */
function bestWith(dense: DenseModel, j: number): number {
  if (dense.a.some((row, i) => row[j] > dense.capacity[i])) return Number.NEGATIVE_INFINITY;
  const rest = {
    a: dense.a.map((row) => row.filter((_, k) => k !== j)),
    capacity: dense.capacity.map((b, i) => b - dense.a[i][j]),
    value: dense.value.filter((_, k) => k !== j),
  };
  return dense.value[j] + bruteOptimum(rest);
}

const forever = () => new Deadline(Number.POSITIVE_INFINITY);

describe("exact method on random packing models", () => {
  it("LP, rounding, fixing and MIP prove the brute-force optimum, from an empty start", async () => {
    await fc.assert(
      fc.asyncProperty(denseModelArb({ min: 8, max: 18 }), async (dense) => {
        const model = toPacking(dense);
        const result = await solveExactly(
          model,
          rowsOf(model),
          new Uint8Array(model.columnCount),
          forever(),
          {
            backend: highsBackend,
            enumerationLimit: 0,
          },
        );
        const optimum = bruteOptimum(dense);
        expect(result.status).toBe("optimal");
        expect(fitsDense(dense, chosenDeals(model, result.chosen))).toBe(true);
        expect(result.value).toBeCloseTo(optimum, 9);
        expect(result.bound).toBeCloseTo(optimum, 9);
      }),
      { numRuns: 60 },
    );
  });

  it("enumeration proves the brute-force optimum", () => {
    fc.assert(
      fc.property(denseModelArb({ min: 1, max: 14 }), (dense) => {
        const model = toPacking(dense);
        const chosen = enumeratePortfolio(model);
        expect(fitsDense(dense, chosenDeals(model, chosen))).toBe(true);
        expect(portfolioValue(model, chosen)).toBeCloseTo(bruteOptimum(dense), 9);
      }),
    );
  });

  it("sifting reaches the same LP bound as one full LP", async () => {
    await fc.assert(
      fc.asyncProperty(
        denseModelArb({ min: 4, max: 18 }),
        fc.nat(17),
        async (dense, seedColumn) => {
          const model = toPacking(dense);
          const full = await solveRelaxation(model, highsBackend, forever(), []);
          const sifted = await solveRelaxation(
            model,
            highsBackend,
            forever(),
            [seedColumn % model.columnCount],
            0,
            1,
          );
          expect(full.status).toBe("optimal");
          expect(sifted.status).toBe("optimal");
          const a = dualBound(model, full.rowDual!).bound;
          const b = dualBound(model, sifted.rowDual!).bound;
          expect(b).toBeCloseTo(a, 6);
          expect(b).toBeGreaterThanOrEqual(bruteOptimum(dense) - 1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("needs the MIP when the LP is fractional (hand example)", async () => {
    // Three deals pairwise sharing a firm with maxDeals 1 (an odd cycle of
    // conflicts), worth 1, 1 and 1.1. LP: x = ½ each, 0.5 + 0.5 + 0.55 = 1.55,
    // floored to the step 0.1 gives 1.5; any two conflict, so the optimum is 1.1.
    const dense = {
      a: [
        [1, 0, 1],
        [1, 1, 0],
        [0, 1, 1],
      ],
      capacity: [1, 1, 1],
      value: [1, 1, 1.1],
    };
    const model = toPacking(dense);
    const result = await solveExactly(model, rowsOf(model), new Uint8Array(3), forever(), {
      backend: highsBackend,
      enumerationLimit: 0,
    });
    expect(result.status).toBe("optimal");
    expect(chosenDeals(model, result.chosen)).toEqual([2]);
    expect(result.value).toBeCloseTo(1.1, 12);
    expect(result.lpSolves).toBe(1);
  });
});

describe("reduced-cost fixing", () => {
  it("never fixes a column that is in a portfolio better than the best known", () => {
    fc.assert(
      fc.property(
        denseModelArb({ min: 1, max: 12 }),
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 7, maxLength: 7 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (dense, y, fraction) => {
          const model = toPacking(dense);
          const best = fraction * bruteOptimum(dense);
          const step = objectiveStep(model.value);
          const kept = new Set(columnsThatCanImprove(model, dualBound(model, y), best, step));
          for (let j = 0; j < model.columnCount; j++) {
            if (kept.has(j)) continue;
            // Fixed: no portfolio with j beats `best` by a step (or 1e-9 without one).
            const margin = step > 0 ? step / 2 : 1e-9 * Math.max(1, best);
            expect(bestWith(dense, j)).toBeLessThanOrEqual(best + margin);
          }
        },
      ),
    );
  });
});

describe("greedy", () => {
  it("always fits every row", () => {
    fc.assert(
      fc.property(denseModelArb({ min: 1, max: 18 }), (dense) => {
        const model = toPacking(dense);
        const chosen = runSync(greedyPortfolio(model, rowsOf(model), forever()));
        expect(fitsDense(dense, chosenDeals(model, chosen))).toBe(true);
        expect(portfolioValue(model, chosen)).toBeLessThanOrEqual(bruteOptimum(dense) + 1e-9);
        // Improvement never loses value against the plain fill.
        const filled = runSync(greedyPortfolio(model, rowsOf(model), forever(), { passes: 0 }));
        expect(portfolioValue(model, chosen)).toBeGreaterThanOrEqual(
          portfolioValue(model, filled) - 1e-9,
        );
      }),
    );
  });

  it("swaps one big deal for two that fill its capacity (hand example)", () => {
    // Offer capacity 10; deals need 6, 5, 5 of it and are worth 7, 4, 4.
    // Value per scarce unit (scarcity 16/10): 7/(0.6·1.6) = 7.29 > 4/(0.5·1.6) = 5,
    // so the fill takes the 6 (worth 7) and nothing else fits (6 + 5 > 10).
    // Swapping it for a 5 and refilling with the other 5 gives 4 + 4 = 8 > 7.
    const dense = { a: [[6, 5, 5]], capacity: [10], value: [7, 4, 4] };
    const model = toPacking(dense);
    const filled = runSync(greedyPortfolio(model, rowsOf(model), forever(), { passes: 0 }));
    expect(chosenDeals(model, filled)).toEqual([0]);
    const improved = runSync(greedyPortfolio(model, rowsOf(model), forever()));
    expect(chosenDeals(model, improved)).toEqual([1, 2]);
  });
});
