/**
 * Random packing models and brute-force facts about them, written
 * independently of src/portfolio (dense matrices, plain loops).
 */
import fc from "fast-check";
import type { PackingModel } from "../../src/portfolio/packing-model.js";

/** A dense model: a[i][j] ≥ 0, capacity[i], value[j]. */
export interface DenseModel {
  readonly a: readonly (readonly number[])[];
  readonly capacity: readonly number[];
  readonly value: readonly number[];
}

/**
 * Random dense models: `columns` columns, up to 7 rows, each entry 0 (often)
 * or 1–3, capacities 1–5, values whole or in halves (grid) or arbitrary.
 */
export function denseModelArb(columns: { min: number; max: number }): fc.Arbitrary<DenseModel> {
  return fc
    .record({
      n: fc.integer(columns),
      m: fc.integer({ min: 1, max: 7 }),
      values: fc.constantFrom("whole", "halves", "any"),
    })
    .chain(({ n, m, values }) =>
      fc.record({
        a: fc.array(
          fc.array(
            fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 3 })),
            {
              minLength: n,
              maxLength: n,
            },
          ),
          { minLength: m, maxLength: m },
        ),
        capacity: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: m, maxLength: m }),
        value: fc.array(
          values === "whole"
            ? fc.integer({ min: 1, max: 20 })
            : values === "halves"
              ? fc.integer({ min: 1, max: 20 }).map((x) => x / 2)
              : fc.double({ min: 0.01, max: 20, noNaN: true }),
          { minLength: n, maxLength: n },
        ),
      }),
    );
}

/** The model in the library's CSC form (every column's deal is itself). */
export function toPacking(dense: DenseModel): PackingModel {
  const n = dense.value.length;
  const m = dense.capacity.length;
  const starts = [0];
  const rows: number[] = [];
  const coefficients: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      if (dense.a[i][j] > 0) {
        rows.push(i);
        coefficients.push(dense.a[i][j]);
      }
    }
    starts.push(rows.length);
  }
  return {
    columnCount: n,
    rowCount: m,
    value: Float64Array.from(dense.value),
    deal: Int32Array.from({ length: n }, (_, j) => j),
    columnStarts: Int32Array.from(starts),
    columnRows: Int32Array.from(rows),
    columnCoefficients: Float64Array.from(coefficients),
    capacity: Float64Array.from(dense.capacity),
  };
}

/** Whether the chosen columns (by `deal` ids of the dense model) fit every row. */
export function fitsDense(dense: DenseModel, chosen: readonly number[]): boolean {
  return dense.capacity.every((b, i) => chosen.reduce((s, j) => s + dense.a[i][j], 0) <= b + 1e-9);
}

/** The optimum by include/exclude over every subset. */
export function bruteOptimum(dense: DenseModel): number {
  const n = dense.value.length;
  const used = dense.capacity.map(() => 0);
  let best = 0;
  const visit = (j: number, total: number): void => {
    if (j === n) {
      best = Math.max(best, total);
      return;
    }
    visit(j + 1, total);
    if (dense.a.some((row, i) => used[i] + row[j] > dense.capacity[i] + 1e-9)) return;
    dense.a.forEach((row, i) => {
      used[i] += row[j];
    });
    visit(j + 1, total + dense.value[j]);
    dense.a.forEach((row, i) => {
      used[i] -= row[j];
    });
  };
  visit(0, 0);
  return best;
}

/** The deal ids (original columns) chosen in a model that may be reduced. */
export function chosenDeals(model: PackingModel, chosen: Uint8Array): number[] {
  const out: number[] = [];
  for (let j = 0; j < model.columnCount; j++) if (chosen[j]) out.push(model.deal[j]);
  return out;
}
