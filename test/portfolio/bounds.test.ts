import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Deadline } from "../../src/portfolio/deadline.js";
import { dualBound, lagrangianBound } from "../../src/portfolio/dual-bound.js";
import { floorToStep, objectiveStep } from "../../src/portfolio/granularity.js";
import { runSync } from "../../src/portfolio/work.js";
import { bruteOptimum, denseModelArb, toPacking } from "./model-fixtures.js";

describe("dual bounds", () => {
  it("D(y) bounds the optimum for any prices y ≥ 0", () => {
    fc.assert(
      fc.property(
        denseModelArb({ min: 1, max: 12 }),
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 7, maxLength: 7 }),
        (dense, y) => {
          const optimum = bruteOptimum(dense);
          const { bound } = dualBound(toPacking(dense), y);
          expect(bound).toBeGreaterThanOrEqual(optimum - 1e-9 * Math.max(1, optimum));
        },
      ),
    );
  });

  it("D(0) is the sum of the values (hand example)", () => {
    // Two columns worth 3 and 4 in one row of capacity 1: D(0) = 3 + 4 = 7;
    // with y = 3: D = 1·3 + max(0, 3 − 3) + max(0, 4 − 3) = 4 = the optimum.
    const model = toPacking({ a: [[1, 1]], capacity: [1], value: [3, 4] });
    expect(dualBound(model, [0]).bound).toBe(7);
    expect(dualBound(model, [3]).bound).toBe(4);
    expect(Array.from(dualBound(model, [3]).reduced)).toEqual([0, 1]);
  });

  it("the Lagrangian bound lies between the optimum and the sum of values", () => {
    fc.assert(
      fc.property(denseModelArb({ min: 1, max: 12 }), (dense) => {
        const optimum = bruteOptimum(dense);
        const bound = runSync(
          lagrangianBound(toPacking(dense), 0, new Deadline(Number.POSITIVE_INFINITY)),
        );
        const total = dense.value.reduce((s, v) => s + v, 0);
        expect(bound).toBeGreaterThanOrEqual(optimum - 1e-9 * Math.max(1, optimum));
        expect(bound).toBeLessThanOrEqual(total + 1e-9 * total);
      }),
    );
  });
});

describe("Lagrangian bound, hand examples", () => {
  const forever = new Deadline(Number.POSITIVE_INFINITY);
  it("gets close to the LP bound", () => {
    // One clique row over values 3 and 4: LP = optimum = 4 (price 4 on the row),
    // far below the trivial bound 3 + 4 = 7.
    const clique = toPacking({ a: [[1, 1]], capacity: [1], value: [3, 4] });
    const a = runSync(lagrangianBound(clique, 0, forever));
    expect(a).toBeGreaterThanOrEqual(4 - 1e-9);
    expect(a).toBeLessThan(4.05);
    // Three deals pairwise sharing a row, each worth 1: LP = 1.5 (x = ½ each,
    // prices ½ on every row), optimum 1, trivial bound 3.
    const triangle = toPacking({
      a: [
        [1, 0, 1],
        [1, 1, 0],
        [0, 1, 1],
      ],
      capacity: [1, 1, 1],
      value: [1, 1, 1],
    });
    const b = runSync(lagrangianBound(triangle, 1, forever));
    expect(b).toBeGreaterThanOrEqual(1.5 - 1e-9);
    expect(b).toBeLessThan(1.55);
  });
});

describe("objective step", () => {
  it("finds the grid of kidney values and rounds bounds down to it", () => {
    // 2-, 3- and 4-cycles worth 1, 1.5 and 2: the largest common step is 0.5.
    expect(objectiveStep([1, 1.5, 2])).toBe(0.5);
    expect(objectiveStep([6, 9, 15])).toBe(3);
    expect(floorToStep(19.75, 0.5)).toBe(19.5);
    expect(floorToStep(43, 0.5)).toBe(43);
    // Numerical noise just under a grid point stays on it.
    expect(floorToStep(42.99999999, 0.5)).toBe(43);
    expect(floorToStep(7.3, 0)).toBe(7.3);
  });

  it("reports no step for values without a usable common divisor", () => {
    expect(objectiveStep([1, Math.SQRT2])).toBe(0);
    expect(objectiveStep([1, 1e-6])).toBe(0);
    expect(objectiveStep([])).toBe(0);
    expect(objectiveStep([0, 0])).toBe(0);
  });

  it("every value is a whole multiple of the step it reports", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(1, 0.5, 0.25, 10),
        (ints, unit) => {
          const values = ints.map((x) => x * unit);
          const step = objectiveStep(values);
          expect(step).toBeGreaterThan(0);
          for (const v of values)
            expect(Math.abs(v / step - Math.round(v / step))).toBeLessThan(1e-6);
          // The step is at least the unit the values were built from.
          expect(step).toBeGreaterThanOrEqual(unit - 1e-12);
        },
      ),
    );
  });
});
