/**
 * Greedy portfolio with local improvement, for candidate sets of any size.
 *
 * 1. Order the deals by value per unit of scarce capacity: a row's scarcity is
 *    its demand / capacity, a deal's cost Σ_i (a_ij / b_i) · scarcity_i.
 * 2. Take each deal in that order when it fits.
 * 3. Improve: for each deal left out, find the chosen deals that block it
 *    (per full row, the cheapest per unit until enough is freed, among the
 *    64 chosen last in that row); swap when
 *    the deal is worth more than its blockers, or when it is worth more
 *    together with what the freed rows then admit (a bounded refill). Fill
 *    again after each pass; repeat passes while they gain (at most `passes`).
 *    Above {@link thoroughLimit} columns, a refill is tried only when the deal
 *    is worth at least half its blockers, and passes stop once one gains less
 *    than 1e-3 of the value.
 *
 * Every step keeps every row within capacity; the result is always valid.
 */
import type { Deadline } from "./deadline.js";
import { type PackingModel, type RowView, slackOf } from "./packing-model.js";
import { mergeSort } from "./sort-work.js";
import type { Work } from "./work.js";

/** How the greedy runs. */
export interface GreedyOptions {
  /** Priority order of the columns (all of them); default: value per scarce capacity. */
  readonly order?: Int32Array;
  /** Columns to start from (must be feasible); default none. */
  readonly start?: Uint8Array;
  /** Improvement passes at most; default 20. */
  readonly passes?: number;
  /** Columns scanned per freed row when refilling after a swap; default 16. */
  readonly refillScan?: number;
}

/** Up to this many columns the improvement is thorough (see the header); above, it saves time. */
export const thoroughLimit = 200_000;

/** The value-per-scarce-capacity order of the columns (best first; ties by value, then index). */
export function* scarcityOrder(model: PackingModel, rows: RowView): Work<Int32Array> {
  const { rowCount, columnCount, columnStarts, columnRows, columnCoefficients } = model;
  const scarcity = new Float64Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    let demand = 0;
    for (let k = rows.rowStarts[i]; k < rows.rowStarts[i + 1]; k++)
      demand += rows.rowCoefficients[k];
    scarcity[i] = demand / model.capacity[i];
  }
  const score = new Float64Array(columnCount);
  for (let j = 0; j < columnCount; j++) {
    let cost = 0;
    for (let k = columnStarts[j]; k < columnStarts[j + 1]; k++) {
      const i = columnRows[k];
      cost += (columnCoefficients[k] / model.capacity[i]) * scarcity[i];
    }
    score[j] = cost > 0 ? model.value[j] / cost : Number.POSITIVE_INFINITY;
  }
  const order = new Int32Array(columnCount);
  for (let j = 0; j < columnCount; j++) order[j] = j;
  const value = model.value;
  yield* mergeSort(order, (a, b) => score[b] - score[a] || value[b] - value[a] || a - b);
  return order;
}

/**
 * A greedy portfolio of `model` (chosen flags per column), improved by swaps;
 * once `deadline` has passed it stops improving and returns what it has
 * (always valid).
 */
export function* greedyPortfolio(
  model: PackingModel,
  rows: RowView,
  deadline: Deadline,
  options: GreedyOptions = {},
): Work<Uint8Array> {
  const { columnCount, rowCount, columnStarts, columnRows, columnCoefficients, value, capacity } =
    model;
  // Once the deadline has passed, no sorting: the columns in their order.
  const order =
    options.order ??
    (deadline.expired()
      ? Int32Array.from({ length: model.columnCount }, (_, j) => j)
      : yield* scarcityOrder(model, rows));
  const passes = options.passes ?? 20;
  const refillScan = options.refillScan ?? 16;
  const nnz = columnStarts[columnCount];
  const thorough = columnCount <= thoroughLimit;
  const rank = new Int32Array(columnCount);
  order.forEach((j, r) => {
    rank[j] = r;
  });

  // Chosen columns per row as doubly linked lists over CSC entries.
  const entryColumn = new Int32Array(nnz);
  for (let j = 0; j < columnCount; j++) {
    for (let k = columnStarts[j]; k < columnStarts[j + 1]; k++) entryColumn[k] = j;
  }
  const head = new Int32Array(rowCount).fill(-1);
  const next = new Int32Array(nnz).fill(-1);
  const prev = new Int32Array(nnz).fill(-1);
  const used = new Float64Array(rowCount);
  const limit = new Float64Array(rowCount);
  for (let i = 0; i < rowCount; i++) limit[i] = capacity[i] + slackOf(capacity[i]);
  const chosen = new Uint8Array(columnCount);

  const fits = (j: number): boolean => {
    for (let k = columnStarts[j]; k < columnStarts[j + 1]; k++) {
      if (used[columnRows[k]] + columnCoefficients[k] > limit[columnRows[k]]) return false;
    }
    return true;
  };
  const add = (j: number): void => {
    chosen[j] = 1;
    for (let k = columnStarts[j]; k < columnStarts[j + 1]; k++) {
      const i = columnRows[k];
      used[i] += columnCoefficients[k];
      next[k] = head[i];
      prev[k] = -1;
      if (head[i] >= 0) prev[head[i]] = k;
      head[i] = k;
    }
  };
  const remove = (j: number): void => {
    chosen[j] = 0;
    for (let k = columnStarts[j]; k < columnStarts[j + 1]; k++) {
      const i = columnRows[k];
      used[i] -= columnCoefficients[k];
      if (prev[k] >= 0) next[prev[k]] = next[k];
      else head[i] = next[k];
      if (next[k] >= 0) prev[next[k]] = prev[k];
    }
  };
  if (options.start) for (let j = 0; j < columnCount; j++) if (options.start[j]) add(j);
  for (let r = 0; r < columnCount; r++) {
    const j = order[r];
    if (!chosen[j] && fits(j)) add(j);
    if ((r & 0x3fff) === 0x3fff) yield;
  }

  if (passes === 0 || deadline.expired()) return chosen;
  const smallest = new Float64Array(rowCount).fill(Number.POSITIVE_INFINITY);
  for (let k = 0; k < nnz; k++) {
    const i = columnRows[k];
    if (columnCoefficients[k] < smallest[i]) smallest[i] = columnCoefficients[k];
  }
  // Rows' columns in priority order, for refills.
  const rowOrder = new Int32Array(nnz);
  if (refillScan > 0) {
    for (let i = 0; i < rowCount; i++) {
      const from = rows.rowStarts[i];
      const to = rows.rowStarts[i + 1];
      const segment = rowOrder.subarray(from, to);
      segment.set(rows.rowColumns.subarray(from, to));
      segment.sort((a, b) => rank[a] - rank[b]);
      if ((i & 0xff) === 0xff) yield;
    }
  }

  const mark = new Int32Array(columnCount);
  let stamp = 0;
  const blockers: number[] = [];
  const candidates: number[] = [];
  const refilled: number[] = [];
  // Change tracking: a deal found unimprovable is tried again only once a row
  // of it, or a row of a chosen deal sharing one of its rows, has changed.
  let clock = 0;
  const changedAt = new Int32Array(rowCount);
  const triedAt = new Int32Array(columnCount).fill(-1);
  const touch = (j: number): void => {
    for (let k = columnStarts[j]; k < columnStarts[j + 1]; k++) changedAt[columnRows[k]] = clock;
  };
  const changedSince = (j: number, since: number): boolean => {
    for (let k = columnStarts[j]; k < columnStarts[j + 1]; k++) {
      const i = columnRows[k];
      if (changedAt[i] > since) return true;
      for (let e = head[i]; e >= 0; e = next[e]) {
        const c = entryColumn[e];
        for (let q = columnStarts[c]; q < columnStarts[c + 1]; q++) {
          if (changedAt[columnRows[q]] > since) return true;
        }
      }
    }
    return false;
  };
  let steps = 0;
  let total = 0;
  for (let j = 0; j < columnCount; j++) if (chosen[j]) total += value[j];
  for (let pass = 0; pass < passes; pass++) {
    let improved = false;
    const before = total;
    for (let r = 0; r < columnCount; r++) {
      if ((++steps & 255) === 0) {
        if (deadline.expired()) return chosen;
        yield;
      }
      const j = order[r];
      if (chosen[j] || (triedAt[j] >= 0 && !changedSince(j, triedAt[j]))) continue;
      // Blockers: per overfull row, the cheapest chosen columns until it fits.
      stamp++;
      blockers.length = 0;
      let loss = 0;
      let hopeless = false;
      for (let k = columnStarts[j]; k < columnStarts[j + 1]; k++) {
        const i = columnRows[k];
        let over = used[i] + columnCoefficients[k] - limit[i];
        if (over <= 0) continue;
        candidates.length = 0;
        // Long lists (a big offer sold in many small trades): the 64 latest only.
        let seen = 0;
        for (let e = head[i]; e >= 0 && seen < 64; e = next[e], seen++) {
          const c = entryColumn[e];
          if (mark[c] === stamp) over -= columnCoefficients[e];
          else candidates.push(e);
        }
        if (over <= 0) continue;
        if (candidates.length > 1)
          candidates.sort(
            (x, y) =>
              value[entryColumn[x]] / columnCoefficients[x] -
              value[entryColumn[y]] / columnCoefficients[y],
          );
        for (const e of candidates) {
          if (over <= 0) break;
          const c = entryColumn[e];
          mark[c] = stamp;
          blockers.push(c);
          loss += value[c];
          over -= columnCoefficients[e];
        }
        // Even an empty row would not take it (a column bigger than the row).
        if (over > 0) {
          hopeless = true;
          break;
        }
      }
      if (hopeless) {
        triedAt[j] = clock;
        continue;
      }
      if (blockers.length === 0) {
        add(j);
        total += value[j];
        clock++;
        touch(j);
        continue;
      }
      const epsilon = 1e-9 * Math.max(1, Math.abs(value[j]));
      if (value[j] > loss + epsilon) {
        for (const c of blockers) remove(c);
        add(j);
        total += value[j] - loss;
        improved = true;
        clock++;
        for (const c of blockers) touch(c);
        touch(j);
        continue;
      }
      // On big models try a refill only when the deal covers half the loss.
      if (refillScan === 0 || (!thorough && 2 * value[j] < loss)) {
        triedAt[j] = clock;
        continue;
      }
      // Tentative swap with a bounded refill of the freed rows.
      for (const c of blockers) remove(c);
      add(j);
      let gain = value[j] - loss;
      refilled.length = 0;
      for (const c of blockers) {
        for (let k = columnStarts[c]; k < columnStarts[c + 1]; k++) {
          const i = columnRows[k];
          const to = Math.min(rows.rowStarts[i + 1], rows.rowStarts[i] + refillScan);
          for (let q = rows.rowStarts[i]; q < to; q++) {
            // Nothing fits a row once even its smallest coefficient does not.
            if (used[i] + smallest[i] > limit[i]) break;
            const d = rowOrder[q];
            if (chosen[d] || mark[d] === stamp || !fits(d)) continue;
            add(d);
            refilled.push(d);
            gain += value[d];
          }
        }
      }
      if (gain > epsilon) {
        total += gain;
        improved = true;
        clock++;
        for (const c of blockers) touch(c);
        for (const d of refilled) touch(d);
        touch(j);
        continue;
      }
      for (const d of refilled) remove(d);
      remove(j);
      for (const c of blockers) add(c);
      triedAt[j] = clock;
    }
    clock++;
    for (let r = 0; r < columnCount; r++) {
      const j = order[r];
      if (!chosen[j] && fits(j)) {
        add(j);
        total += value[j];
        touch(j);
      }
      if ((r & 0x3fff) === 0x3fff) yield;
    }
    // Stop when a pass gained nothing (on big models: less than 1e-3 of the value).
    if (!improved || total - before <= (thorough ? 1e-9 : 1e-3) * Math.abs(total)) break;
  }
  return chosen;
}
