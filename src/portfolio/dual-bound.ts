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
 * `lagrangianBound` minimizes D by deflected subgradient steps and exact
 * coordinate descent: each pass is O(nonzeros), cheap enough for millions of
 * columns, and usually within a few percent of the LP bound.
 */
import type { Deadline } from "./deadline.js";
import { type PackingModel, type RowView, rowsOf } from "./packing-model.js";
import type { Work } from "./work.js";

/** D(y) and the reduced values r_j. */
export interface DualBound {
  readonly bound: number;
  readonly reduced: Float64Array;
}

/**
 * D(y) for prices `y` (negative entries are treated as 0); the reduced values
 * are written to `into` when given (a reused buffer of columnCount entries),
 * and `work` (rowCount entries) spares another allocation.
 */
export function dualBound(
  model: PackingModel,
  y: ArrayLike<number>,
  into?: Float64Array,
  work?: Float64Array,
): DualBound {
  const { rowCount, columnCount, columnStarts, columnRows, columnCoefficients } = model;
  const price = work ?? new Float64Array(rowCount);
  let bound = 0;
  for (let i = 0; i < rowCount; i++) {
    const p = Math.max(y[i], 0);
    price[i] = p;
    if (p > 0) bound += model.capacity[i] * p;
  }
  const reduced = into ?? new Float64Array(columnCount);
  for (let j = 0; j < columnCount; j++) {
    let r = model.value[j];
    const end = columnStarts[j + 1];
    for (let k = columnStarts[j]; k < end; k++) r -= columnCoefficients[k] * price[columnRows[k]];
    reduced[j] = r;
    if (r > 0) bound += r;
  }
  return { bound, reduced };
}

/**
 * A Lagrangian bound: min of D(y) over the prices visited by
 *
 * 1. one sweep of exact coordinate descent from y = 0 (each row's price set
 *    to minimize D with the others fixed: the price at which the columns
 *    still worth more no longer overfill the row; D never rises);
 * 2. deflected subgradient steps from y = 0 (from the sweep's prices when the
 *    deadline has already passed) on the rows scaled to capacity 1 (direction
 *    g + 0.7·previous, Polyak step towards `lower`, the value of a known
 *    portfolio; the step halves after 10 steps without progress);
 * 3. `sweeps` more coordinate sweeps from the best prices so far;
 * 4. subgradient steps again from there.
 *
 * Each step is O(nonzeros) (a sweep sorts each row). By default
 * `iterations` is 500, fewer on big models (≈ 3·10^8 nonzeros visited in
 * all, at least 40); phases 2 and 4 take `iterations / 2` steps at most,
 * fewer once 50 steps gain less than 1e-4 relative. Never above Σ max(0, v_j).
 * Stops early once within 1e-9 of `lower`, or when the deadline passes —
 * after the first sweep and a few steps, so even a late call gives a fair
 * bound.
 */
export function* lagrangianBound(
  model: PackingModel,
  lower: number,
  deadline: Deadline,
  iterations = Math.max(
    40,
    Math.min(500, Math.floor(3e8 / Math.max(1, model.columnStarts[model.columnCount]))),
  ),
  sweeps = 2,
): Work<number> {
  const { rowCount, columnCount } = model;
  let best = 0;
  for (let j = 0; j < columnCount; j++) best += Math.max(0, model.value[j]);
  const tolerance = 1e-9 * Math.max(1, Math.abs(lower));
  const reduced = new Float64Array(columnCount);
  // One coordinate sweep from 0 first: cheap, and a fair bound even when the
  // deadline has passed — then its prices start the few steps left. Otherwise
  // the subgradient starts from 0, which measured better than from the sweep.
  const startY = new Float64Array(rowCount);
  // Late (the deadline has passed): only the subgradient steps the grace allows.
  if (deadline.expired()) {
    return Math.min(best, (yield* subgradient(model, startY, lower, deadline, 8, reduced)).bound);
  }
  const rows = rowsOf(model);
  const sweep = new Float64Array(rowCount);
  best = Math.min(best, yield* coordinateDescent(model, rows, sweep, 1, deadline, reduced));
  if (best - lower <= tolerance) return best;
  const first = yield* subgradient(model, startY, lower, deadline, iterations / 2, reduced);
  best = Math.min(best, first.bound);
  if (best - lower <= tolerance || deadline.expired()) return best;
  const y = first.y;
  best = Math.min(best, yield* coordinateDescent(model, rows, y, sweeps, deadline, reduced));
  if (best - lower <= tolerance || deadline.expired()) return best;
  const last = yield* subgradient(model, y, lower, deadline, iterations / 2, reduced);
  return Math.min(best, last.bound);
}

/**
 * Deflected projected subgradient from prices `start`, in the space of rows
 * scaled to capacity 1 (price_i = y_i · b_i, step g_i / b_i): the best D and
 * its prices y. `reduced` is a work buffer.
 */
function* subgradient(
  model: PackingModel,
  start: Float64Array,
  lower: number,
  deadline: Deadline,
  iterations: number,
  reduced: Float64Array,
): Work<{ bound: number; y: Float64Array }> {
  const { rowCount, columnCount, columnStarts, columnRows, columnCoefficients, capacity } = model;
  const y = start.slice();
  let bestY = start.slice();
  let best = Number.POSITIVE_INFINITY;
  const tolerance = 1e-9 * Math.max(1, Math.abs(lower));
  const direction = new Float64Array(rowCount);
  const g = new Float64Array(rowCount);
  const work = new Float64Array(rowCount);
  let mu = 0.5;
  let stale = 0;
  let checkpoint = Number.POSITIVE_INFINITY;
  for (let step = 0; step < Math.max(1, iterations); step++) {
    if (step > 0) {
      if (deadline.expired()) break;
      yield;
    }
    // Stop when 50 steps bought less than 1e-4 (relative).
    if (step % 50 === 0) {
      if (step > 0 && checkpoint - best < 1e-4 * Math.abs(best)) break;
      checkpoint = best;
    }
    const { bound } = dualBound(model, y, reduced, work);
    if (step === 0 || bound < best - 1e-12 * Math.abs(best)) {
      best = bound;
      bestY.set(y);
      stale = 0;
    } else if (++stale >= 10) {
      mu /= 2;
      stale = 0;
      if (mu < 1e-4) break;
    }
    if (best - lower <= tolerance) break;
    g.set(capacity);
    for (let j = 0; j < columnCount; j++) {
      if (reduced[j] <= 0) continue;
      for (let k = columnStarts[j]; k < columnStarts[j + 1]; k++) {
        g[columnRows[k]] -= columnCoefficients[k];
      }
    }
    let norm = 0;
    for (let i = 0; i < rowCount; i++) {
      // A row without a finite capacity never binds: its price stays 0.
      direction[i] = Number.isFinite(capacity[i]) ? g[i] / capacity[i] + 0.7 * direction[i] : 0;
      // Projected: a zero price cannot fall.
      if (y[i] === 0 && direction[i] > 0) direction[i] = 0;
      norm += direction[i] * direction[i];
    }
    if (norm === 0) break;
    const t = (mu * (bound - lower)) / norm;
    for (let i = 0; i < rowCount; i++) {
      y[i] = Math.max(0, y[i] - (t * direction[i]) / capacity[i]);
    }
  }
  if (best === Number.POSITIVE_INFINITY) bestY = y;
  return { bound: best, y: bestY };
}

/**
 * Exact coordinate descent on D, in place on `y`: each row's price becomes
 * the one minimizing D with the others fixed. Returns D(y) at the end.
 */
function* coordinateDescent(
  model: PackingModel,
  rows: RowView,
  y: Float64Array,
  sweeps: number,
  deadline: Deadline,
  work: Float64Array,
): Work<number> {
  const { rowCount, capacity } = model;
  const reduced = dualBound(model, y, work).reduced;
  const order: number[] = [];
  const breakpoint: number[] = [];
  for (let sweep = 0; sweep < sweeps; sweep++) {
    if (sweep > 0 && deadline.expired()) break;
    let moved = false;
    for (let i = 0; i < rowCount; i++) {
      if ((i & 0xff) === 0xff) yield;
      order.length = 0;
      breakpoint.length = 0;
      for (let k = rows.rowStarts[i]; k < rows.rowStarts[i + 1]; k++) {
        const a = rows.rowCoefficients[k];
        breakpoint.push((reduced[rows.rowColumns[k]] + a * y[i]) / a);
        order.push(order.length);
      }
      order.sort((p, q) => breakpoint[q] - breakpoint[p]);
      // The price where the columns still worth more than it stop overfilling the row.
      let filled = 0;
      let price = 0;
      for (const p of order) {
        if (breakpoint[p] <= 0) break;
        filled += rows.rowCoefficients[rows.rowStarts[i] + p];
        if (filled > capacity[i]) {
          price = breakpoint[p];
          break;
        }
      }
      const delta = price - y[i];
      if (delta === 0) continue;
      moved = true;
      for (let k = rows.rowStarts[i]; k < rows.rowStarts[i + 1]; k++) {
        reduced[rows.rowColumns[k]] -= rows.rowCoefficients[k] * delta;
      }
      y[i] = price;
    }
    if (!moved) break;
  }
  return dualBound(model, y, work).bound;
}
