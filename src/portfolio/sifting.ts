/**
 * The LP relaxation of a model with many more columns than rows, by sifting
 * (column generation over an explicit column list): solve the LP on a working
 * set of columns, price every column with the row duals, add the columns with
 * the largest positive reduced value, repeat until none is positive. Kidney
 * inputs have ~100 rows and up to ~200k columns, of which a few hundred
 * matter; each restricted LP is small.
 *
 * Every round's prices give a proved bound D(y) over all columns
 * (dual-bound.ts), whether or not the LP is finished: the best of them is
 * returned with every outcome, so a run cut short still reports the best
 * bound it proved. The duals of the last round price every column ≤ 0
 * (within tolerance), so they are optimal for the full LP; the caller
 * recomputes D(y) from them anyway, so a tolerance slip only weakens the
 * bound, never makes it wrong.
 */
import type { Deadline } from "./deadline.js";
import { dualBound } from "./dual-bound.js";
import type { MipBackend, RelaxationResult } from "./mip-backend.js";
import type { PackingModel } from "./packing-model.js";
import { keepColumns } from "./reduce-model.js";

/** Models with at most this many columns are solved in one LP. */
export const siftingThreshold = 20_000;

/** Row duals as prices y ≥ 0, whichever sign convention gives the smaller bound. */
export function pricesOf(model: PackingModel, rowDual: Float64Array): Float64Array {
  const plus = Float64Array.from(rowDual, (y) => Math.max(0, y));
  const minus = Float64Array.from(rowDual, (y) => Math.max(0, -y));
  return dualBound(model, plus).bound <= dualBound(model, minus).bound ? plus : minus;
}

/** The relaxation, the rounds it took and the best bound D(y) any round's prices proved. */
export type SiftedRelaxation = RelaxationResult & {
  readonly rounds: number;
  /** The least D(y) over the prices of every round (Infinity when no LP was solved). */
  readonly bestBound: number;
};

/**
 * The first `count` of `items` in the order (`values[item]` descending, item
 * ascending) moved to the front of `items` (unordered among themselves): the
 * set a full sort would keep, ties included, whatever the pivots.
 */
function selectLargest(items: number[], values: Float64Array, count: number): void {
  const before = (a: number, b: number) =>
    values[a] > values[b] || (values[a] === values[b] && a < b);
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const pivot = items[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(items[i], pivot)) i++;
      while (before(pivot, items[j])) j--;
      if (i <= j) {
        const t = items[i];
        items[i++] = items[j];
        items[j--] = t;
      }
    }
    if (count - 1 <= j) hi = j;
    else if (count - 1 >= i) lo = i;
    else return;
  }
}

/**
 * The LP relaxation of `model` (primal over all columns, prices `rowDual` ≥ 0),
 * sifting from `seed` (columns to start with, e.g. a greedy portfolio's and
 * the best by value per scarce capacity) when it has more than `threshold`
 * columns, adding at most `batch` columns a round.
 */
export async function solveRelaxation(
  model: PackingModel,
  backend: MipBackend,
  deadline: Deadline,
  seed: readonly number[],
  threshold = siftingThreshold,
  batch = Math.max(1000, 10 * model.rowCount),
): Promise<SiftedRelaxation> {
  if (model.columnCount <= threshold) {
    const lp = await backend.solveRelaxation(model, deadline);
    if (lp.status !== "optimal" || lp.rowDual === undefined)
      return { ...lp, rounds: 1, bestBound: Number.POSITIVE_INFINITY };
    const prices = pricesOf(model, lp.rowDual);
    return {
      ...lp,
      rowDual: prices,
      rounds: 1,
      bestBound: dualBound(model, prices).bound,
    };
  }
  const inSet = new Uint8Array(model.columnCount);
  let working: number[] = [];
  for (const j of seed) {
    if (!inSet[j]) {
      inSet[j] = 1;
      working.push(j);
    }
  }
  let iterations = 0;
  let bestBound = Number.POSITIVE_INFINITY;
  for (let round = 1; ; round++) {
    working.sort((a, b) => a - b);
    const part = keepColumns(model, working);
    const lp = await backend.solveRelaxation(part, deadline);
    iterations += lp.iterations ?? 0;
    if (lp.status !== "optimal" || lp.rowDual === undefined || lp.primal === undefined) {
      return { ...lp, rounds: round, bestBound };
    }
    const prices = pricesOf(part, lp.rowDual);
    const { bound, reduced } = dualBound(model, prices);
    bestBound = Math.min(bestBound, bound);
    if (deadline.pacer.due()) await deadline.pacer.pause();
    const entering: number[] = [];
    for (let j = 0; j < model.columnCount; j++) {
      if (!inSet[j] && reduced[j] > 1e-9 * Math.max(1, model.value[j])) entering.push(j);
    }
    if (entering.length === 0 || deadline.expired()) {
      if (entering.length > 0)
        return { status: deadline.cutShort, rounds: round, bestBound, iterations };
      const primal = new Float64Array(model.columnCount);
      working.forEach((j, c) => {
        primal[j] = lp.primal![c];
      });
      return { status: "optimal", primal, rowDual: prices, iterations, rounds: round, bestBound };
    }
    if (entering.length > batch) {
      selectLargest(entering, reduced, batch);
      entering.length = batch;
    }
    entering.sort((a, b) => reduced[b] - reduced[a] || a - b);
    for (const j of entering) inSet[j] = 1;
    working = working.concat(entering);
    if (deadline.pacer.due()) await deadline.pacer.pause();
  }
}
