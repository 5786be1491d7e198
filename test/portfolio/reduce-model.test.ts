import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { componentsOf } from "../../src/portfolio/components.js";
import { reduceModel } from "../../src/portfolio/reduce-model.js";
import { runSync } from "../../src/portfolio/work.js";
import { bruteOptimum, denseModelArb, fitsDense, toPacking } from "./model-fixtures.js";

/** The reduced model as a dense model over its own columns. */
function denseOf(model: ReturnType<typeof toPacking>) {
  const a = Array.from({ length: model.rowCount }, () =>
    new Array<number>(model.columnCount).fill(0),
  );
  for (let j = 0; j < model.columnCount; j++) {
    for (let k = model.columnStarts[j]; k < model.columnStarts[j + 1]; k++) {
      a[model.columnRows[k]][j] = model.columnCoefficients[k];
    }
  }
  return { a, capacity: Array.from(model.capacity), value: Array.from(model.value) };
}

describe("reduceModel", () => {
  it("keeps the optimum, and every portfolio of the reduced model fits the original", () => {
    fc.assert(
      fc.property(
        denseModelArb({ min: 1, max: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (dense, pick) => {
          const { model } = runSync(reduceModel(toPacking(dense)));
          const reduced = denseOf(model);
          expect(bruteOptimum(reduced)).toBeCloseTo(bruteOptimum(dense), 9);
          // A subset feasible in the reduced model is feasible in the original.
          const subset = [...Array(model.columnCount).keys()].filter((j) => pick[j]);
          if (fitsDense(reduced, subset))
            expect(
              fitsDense(
                dense,
                subset.map((j) => model.deal[j]),
              ),
            ).toBe(true);
        },
      ),
    );
  });

  it("drops slack rows, implied rows and dominated twins (hand example)", () => {
    // Columns: x0 (value 2), x1 (value 3), x2 (value 1).
    // row 0: x0 + x1 ≤ 1          clique
    // row 1: x0 + x1 ≤ 1          the same clique again: implied, dropped
    // row 2: 2·x2 ≤ 5             slack (demand 2 ≤ 5), dropped
    // row 3: 3·x0 + 3·x1 ≤ 4      a clique once normalized (3 + 3 > 4), implied by row 0
    // x0 and x1 are then identical columns that conflict: x1 (3) dominates x0 (2).
    // Left: x1 and x2 with no row at all.
    const dense = {
      a: [
        [1, 1, 0],
        [1, 1, 0],
        [0, 0, 2],
        [3, 3, 0],
      ],
      capacity: [1, 1, 5, 4],
      value: [2, 3, 1],
    };
    const { model, droppedRows, dominated } = runSync(reduceModel(toPacking(dense)));
    expect(Array.from(model.deal)).toEqual([1, 2]);
    expect(model.rowCount).toBe(0);
    expect(dominated).toBe(1);
    // Rows 1, 2, 3 in the first round; row 0 once x0 is gone (x1 alone fits).
    expect(droppedRows).toBe(4);
  });
});

describe("componentsOf", () => {
  it("groups exactly the columns connected through shared rows", () => {
    fc.assert(
      fc.property(denseModelArb({ min: 1, max: 12 }), (dense) => {
        const model = toPacking(dense);
        const { free, groups } = componentsOf(model);
        // Oracle: flood fill over "shares a row".
        const n = dense.value.length;
        const label = new Array<number>(n).fill(-1);
        const touches = (j: number) => dense.a.some((row) => row[j] > 0);
        let next = 0;
        for (let s = 0; s < n; s++) {
          if (label[s] !== -1 || !touches(s)) continue;
          const stack = [s];
          label[s] = next;
          while (stack.length > 0) {
            const j = stack.pop()!;
            for (let k = 0; k < n; k++) {
              if (label[k] === -1 && dense.a.some((row) => row[j] > 0 && row[k] > 0)) {
                label[k] = next;
                stack.push(k);
              }
            }
          }
          next++;
        }
        expect(free).toEqual([...Array(n).keys()].filter((j) => !touches(j)));
        expect(groups.length).toBe(next);
        for (const group of groups) {
          const l = label[group[0]];
          expect(Array.from(group)).toEqual([...Array(n).keys()].filter((j) => label[j] === l));
        }
      }),
    );
  });
});
