/**
 * Upper bounds from row prices (LP duality / Lagrangian relaxation).
 *
 * For any prices y ≥ 0 on the rows, every 0/1 portfolio x satisfies
 *   Σ v_j x_j = Σ_i y_i (Σ_j a_ij x_j) + Σ_j r_j x_j ≤ Σ_i b_i y_i + Σ_j max(0, r_j)
 * with reduced values r_j = v_j − Σ_i a_ij y_i. So D(y) is a proved bound
 * whatever y is, computed here from the model alone (not trusting a solver's
 * tolerances); the LP optimum is min_y D(y). Fixing: a portfolio containing
 * column j is worth at most D(y) + min(0, r_j).
 *
 * `lagrangianBound` minimizes D by projected subgradient steps (Polyak step
 * towards a known portfolio value), cheap enough for millions of columns.
 */
import type { Deadline } from "./deadline.js";
import type { PackingModel } from "./packing-model.js";

/** D(y) and the reduced values r_j. */
export interface DualBound {
  readonly bound: number;
  readonly reduced: Float64Array;
}

/** D(y) for prices `y` (negative entries are treated as 0). */
export function dualBound(model: PackingModel, y: ArrayLike<number>): DualBound {
  let bound = 0;
  for (let i = 0; i < model.rowCount; i++) bound += model.capacity[i]! * Math.max(0, y[i]!);
  const reduced = new Float64Array(model.columnCount);
  for (let j = 0; j < model.columnCount; j++) {
    let r = model.value[j]!;
    for (let k = model.columnStarts[j]!; k < model.columnStarts[j + 1]!; k++) {
      r -= model.columnCoefficients[k]! * Math.max(0, y[model.columnRows[k]!]!);
    }
    reduced[j] = r;
    if (r > 0) bound += r;
  }
  return { bound, reduced };
}

/**
 * A Lagrangian bound: min over a few hundred subgradient steps of D(y), never
 * above Σ max(0, v_j). `lower` is the value of a known portfolio (the step
 * target); stops early once the bound is within 1e-9 of it, after
 * `iterations` steps, or when the deadline passes (always at least one D).
 */
export function lagrangianBound(
  model: PackingModel,
  lower: number,
  deadline: Deadline,
  iterations = 200,
): number {
  const { rowCount, columnCount, columnStarts, columnRows, columnCoefficients } = model;
  let trivial = 0;
  for (let j = 0; j < columnCount; j++) trivial += Math.max(0, model.value[j]!);
  // Start from prices that make every reduced value ≤ 0: each row charges a
  // column its share v_j / (rows of j) per unit of coefficient.
  const y = new Float64Array(rowCount);
  for (let j = 0; j < columnCount; j++) {
    const n = columnStarts[j + 1]! - columnStarts[j]!;
    for (let k = columnStarts[j]!; k < columnStarts[j + 1]!; k++) {
      const share = model.value[j]! / (n * columnCoefficients[k]!);
      const i = columnRows[k]!;
      if (share > y[i]!) y[i] = share;
    }
  }
  let best = Math.min(trivial, dualBound(model, y).bound);
  const tolerance = 1e-9 * Math.max(1, Math.abs(lower));
  const g = new Float64Array(rowCount);
  let mu = 1;
  let stale = 0;
  for (let step = 0; step < iterations && best - lower > tolerance; step++) {
    if ((step & 7) === 7 && deadline.expired()) break;
    const { bound, reduced } = dualBound(model, y);
    if (bound < best - 1e-12 * Math.abs(best)) {
      best = bound;
      stale = 0;
    } else if (++stale >= 10) {
      mu /= 2;
      stale = 0;
      if (mu < 1e-4) break;
    }
    g.set(model.capacity);
    for (let j = 0; j < columnCount; j++) {
      if (reduced[j]! <= 0) continue;
      for (let k = columnStarts[j]!; k < columnStarts[j + 1]!; k++) {
        g[columnRows[k]!]! -= columnCoefficients[k]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < rowCount; i++) {
      // Projected: a zero price with a positive subgradient cannot move.
      if (y[i] === 0 && g[i]! > 0) g[i] = 0;
      norm += g[i]! * g[i]!;
    }
    if (norm === 0) break;
    const t = (mu * (bound - lower)) / norm;
    for (let i = 0; i < rowCount; i++) y[i] = Math.max(0, y[i]! - t * g[i]!);
  }
  return best;
}
