/**
 * Presolve of the packing model: removes what cannot change the optimum.
 *
 * - A column that alone exceeds a row can never be chosen: dropped.
 * - A row whose total demand fits its capacity never binds: dropped.
 * - A row where no two of its columns fit together is a clique (at most one
 *   is chosen): rewritten as Σ x ≤ 1. A row whose coefficients are all equal
 *   to `a` becomes the cardinality row Σ x ≤ ⌊capacity / a⌋.
 * - A clique row whose columns are all in another clique row is implied by
 *   it: dropped (kidney-like inputs: an arc's offer and need rows are implied
 *   by its firms' maxDeals rows).
 * - Identical columns (after the above) that conflict (at most one of them
 *   can be chosen): only the best is kept (ties: the earlier one).
 *
 * Each round decides all of this on one row view and rebuilds the model once
 * (with a million deals held by the caller, every large allocation costs a
 * garbage collection of the whole heap). Rounds repeat while one removes at
 * least 0.5% of the rows or columns, at most 5: dropping a column can make a
 * row slack.
 */
import { searchSorted } from "../util/search-sorted.js";
import { type PackingModel, type RowView, rowsOf, slackOf } from "./packing-model.js";
import { radixOrder } from "./sort-work.js";
import type { Work } from "./work.js";

/** The reduced model and what was removed. */
export interface Reduction {
  readonly model: PackingModel;
  /** Rows removed (never binding, or implied), not counting rows no column used. */
  readonly droppedRows: number;
  /** Columns removed as dominated by an identical, conflicting better one. */
  readonly dominated: number;
  /** Columns removed because alone they exceed a row. */
  readonly oversized: number;
}

/**
 * Applies the reductions above (see the header for when it stops). The input
 * is consumed: its arrays are compacted in place and the result views them.
 * Once `stopped()` says so (a deadline passed), no further round starts: the
 * reductions are a speed-up, the model is right without them.
 */
export function* reduceModel(
  model: PackingModel,
  stopped: () => boolean = () => false,
): Work<Reduction> {
  const fitting: number[] = [];
  for (let j = 0; j < model.columnCount; j++) {
    let fits = true;
    for (let k = model.columnStarts[j]; k < model.columnStarts[j + 1] && fits; k++) {
      const b = model.capacity[model.columnRows[k]];
      fits = model.columnCoefficients[k] <= b + slackOf(b);
    }
    if (fits) fitting.push(j);
  }
  const oversized = model.columnCount - fitting.length;
  yield;
  let current = oversized > 0 ? keepColumns(model, fitting) : model;
  let droppedRows = 0;
  let dominated = 0;
  let buffers: RowView | undefined;
  for (let round = 0; round < 5 && !stopped(); round++) {
    // The first view's arrays are big enough for every later round's.
    buffers = rowsOf(current, buffers);
    yield;
    const step = yield* reductionRound(current, buffers);
    droppedRows += step.droppedRows;
    dominated += step.dominated;
    current = step.model;
    if (step.droppedRows < 0.005 * current.rowCount && step.dominated < 0.005 * current.columnCount)
      break;
  }
  return { model: current, droppedRows, dominated, oversized };
}

/** One round: decide rows and columns on one view, rebuild once. */
function* reductionRound(
  model: PackingModel,
  view: RowView,
): Work<{
  model: PackingModel;
  droppedRows: number;
  dominated: number;
}> {
  const { rowCount, columnCount, columnStarts, columnRows } = model;
  const { rowStarts, rowColumns, rowCoefficients } = view;

  // Rows: slack ones dropped, clique and cardinality ones normalized.
  const keep = new Uint8Array(rowCount);
  const unit = new Uint8Array(rowCount);
  const capacity = new Float64Array(rowCount);
  let droppedRows = 0;
  for (let i = 0; i < rowCount; i++) {
    if ((i & 0x3ff) === 0x3ff) yield;
    const from = rowStarts[i];
    const to = rowStarts[i + 1];
    if (from === to) continue;
    const b = model.capacity[i];
    let demand = 0;
    let min1 = Number.POSITIVE_INFINITY;
    let min2 = Number.POSITIVE_INFINITY;
    let max = 0;
    for (let k = from; k < to; k++) {
      const a = rowCoefficients[k];
      demand += a;
      if (a < min1) {
        min2 = min1;
        min1 = a;
      } else if (a < min2) min2 = a;
      if (a > max) max = a;
    }
    if (demand <= b + slackOf(b)) {
      droppedRows++;
      continue;
    }
    keep[i] = 1;
    capacity[i] = b;
    if (min1 + min2 > b + slackOf(b)) {
      capacity[i] = 1;
      unit[i] = 1;
    } else if (max === min1) {
      capacity[i] = Math.floor((b + slackOf(b)) / min1);
      unit[i] = 1;
    }
  }

  // Clique rows implied by a larger (or equal, earlier) clique row.
  const clique = (i: number): boolean => keep[i] === 1 && unit[i] === 1 && capacity[i] === 1;
  const contains = (column: number, row: number): boolean =>
    searchSorted(columnRows, columnStarts[column], columnStarts[column + 1], row) >= 0;
  for (let r = 0; r < rowCount; r++) {
    if ((r & 0xff) === 0xff) yield;
    if (!clique(r)) continue;
    const size = rowStarts[r + 1] - rowStarts[r];
    let pivot = rowColumns[rowStarts[r]];
    for (let k = rowStarts[r]; k < rowStarts[r + 1]; k++) {
      const c = rowColumns[k];
      if (columnStarts[c + 1] - columnStarts[c] < columnStarts[pivot + 1] - columnStarts[pivot])
        pivot = c;
    }
    for (let k = columnStarts[pivot]; k < columnStarts[pivot + 1]; k++) {
      const s = columnRows[k];
      if (s === r || !clique(s)) continue;
      const other = rowStarts[s + 1] - rowStarts[s];
      if (other < size || (other === size && s > r)) continue;
      let subset = true;
      for (let q = rowStarts[r]; q < rowStarts[r + 1] && subset; q++) {
        subset = contains(rowColumns[q], s);
      }
      if (subset) {
        keep[r] = 0;
        droppedRows++;
        break;
      }
    }
  }

  // Columns: identical (over the kept rows, normalized) and conflicting → keep the best.
  const drop = yield* dominatedColumns(model, keep, unit, capacity);
  let dominated = 0;
  for (let j = 0; j < columnCount; j++) dominated += drop[j];
  let kept = 0;
  for (let i = 0; i < rowCount; i++) kept += keep[i];
  if (kept === rowCount && dominated === 0) return { model, droppedRows, dominated };
  yield;
  return { model: rebuild(model, keep, unit, capacity, drop), droppedRows, dominated };
}

/** Flags the columns dominated by an identical, conflicting, better column. */
function* dominatedColumns(
  model: PackingModel,
  keep: Uint8Array,
  unit: Uint8Array,
  capacity: Float64Array,
): Work<Uint8Array> {
  const { columnCount, columnStarts, columnRows, columnCoefficients, value } = model;
  const coefficient = (k: number): number => (unit[columnRows[k]] ? 1 : columnCoefficients[k]);
  const hash = new Uint32Array(columnCount);
  const bits = new Float64Array(1);
  const words = new Int32Array(bits.buffer);
  for (let j = 0; j < columnCount; j++) {
    let h = 0x811c9dc5;
    for (let k = columnStarts[j]; k < columnStarts[j + 1]; k++) {
      if (!keep[columnRows[k]]) continue;
      bits[0] = coefficient(k);
      h = Math.imul(h ^ columnRows[k], 0x01000193);
      h = Math.imul(h ^ words[0], 0x01000193);
      h = Math.imul(h ^ words[1], 0x01000193);
    }
    hash[j] = h >>> 0;
    if ((j & 0x3fff) === 0x3fff) yield;
  }
  // Columns by hash, then index (a stable radix order): equal columns end up
  // in one run, in column order.
  const byHash = yield* radixOrder(hash);
  const same = (x: number, y: number): boolean => {
    let kx = columnStarts[x];
    let ky = columnStarts[y];
    const ex = columnStarts[x + 1];
    const ey = columnStarts[y + 1];
    for (;;) {
      while (kx < ex && !keep[columnRows[kx]]) kx++;
      while (ky < ey && !keep[columnRows[ky]]) ky++;
      if (kx === ex || ky === ey) return kx === ex && ky === ey;
      if (columnRows[kx] !== columnRows[ky] || coefficient(kx) !== coefficient(ky)) return false;
      kx++;
      ky++;
    }
  };
  const conflictsWithItself = (j: number): boolean => {
    for (let k = columnStarts[j]; k < columnStarts[j + 1]; k++) {
      const i = columnRows[k];
      if (keep[i] && 2 * coefficient(k) > capacity[i] + slackOf(capacity[i])) return true;
    }
    return false;
  };
  const drop = new Uint8Array(columnCount);
  let scanned = 0;
  for (let start = 0; start < columnCount; ) {
    if (start - scanned > 0x3fff) {
      scanned = start;
      yield;
    }
    let end = start + 1;
    while (end < columnCount && hash[byHash[end]] === hash[byHash[start]]) end++;
    for (let x = start; x < end - 1; x++) {
      const j = byHash[x];
      if (drop[j] || !conflictsWithItself(j)) continue;
      for (let y = x + 1; y < end; y++) {
        const k = byHash[y];
        if (drop[k] || !same(j, k)) continue;
        // Keep the better; on a tie the earlier.
        const loser = value[k] > value[j] ? j : k;
        drop[loser] = 1;
        if (loser === j) break;
      }
    }
    start = end;
  }
  return drop;
}

/**
 * Keeps rows with `keep[i]` (renumbered in order, capacity `capacity[i]`,
 * coefficient 1 where `unit[i]`) and columns without `drop[j]`, compacting
 * the model's arrays in place (everything only moves towards the front) and
 * returning views of them.
 */
function rebuild(
  model: PackingModel,
  keep: Uint8Array,
  unit: Uint8Array,
  capacity: Float64Array,
  drop: Uint8Array,
): PackingModel {
  const map = new Int32Array(model.rowCount).fill(-1);
  let rowCount = 0;
  for (let i = 0; i < model.rowCount; i++) {
    if (!keep[i]) continue;
    map[i] = rowCount;
    model.capacity[rowCount++] = capacity[i];
  }
  const { columnStarts, columnRows, columnCoefficients, value, deal } = model;
  let c = 0;
  let at = 0;
  let from = columnStarts[0];
  for (let j = 0; j < model.columnCount; j++) {
    const to = columnStarts[j + 1];
    if (!drop[j]) {
      value[c] = value[j];
      deal[c] = deal[j];
      for (let k = from; k < to; k++) {
        const i = columnRows[k];
        if (!keep[i]) continue;
        columnRows[at] = map[i];
        columnCoefficients[at] = unit[i] ? 1 : columnCoefficients[k];
        at++;
      }
      columnStarts[++c] = at;
    }
    from = to;
  }
  return {
    columnCount: c,
    rowCount,
    value: value.subarray(0, c),
    deal: deal.subarray(0, c),
    columnStarts: columnStarts.subarray(0, c + 1),
    columnRows: columnRows.subarray(0, at),
    columnCoefficients: columnCoefficients.subarray(0, at),
    capacity: model.capacity.subarray(0, rowCount),
  };
}

/**
 * The model restricted to `columns`, in that order (ascending keeps the
 * model's order; any permutation reorders the columns), rows unchanged.
 */
export function keepColumns(model: PackingModel, columns: ArrayLike<number>): PackingModel {
  const count = columns.length;
  let nnz = 0;
  for (let c = 0; c < count; c++) {
    const j = columns[c];
    nnz += model.columnStarts[j + 1] - model.columnStarts[j];
  }
  const columnStarts = new Int32Array(count + 1);
  const columnRows = new Int32Array(nnz);
  const columnCoefficients = new Float64Array(nnz);
  const value = new Float64Array(count);
  const deal = new Int32Array(count);
  let at = 0;
  for (let c = 0; c < count; c++) {
    const j = columns[c];
    value[c] = model.value[j];
    deal[c] = model.deal[j];
    for (let k = model.columnStarts[j]; k < model.columnStarts[j + 1]; k++) {
      columnRows[at] = model.columnRows[k];
      columnCoefficients[at++] = model.columnCoefficients[k];
    }
    columnStarts[c + 1] = at;
  }
  return {
    ...model,
    columnCount: count,
    value,
    deal,
    columnStarts,
    columnRows,
    columnCoefficients,
  };
}
