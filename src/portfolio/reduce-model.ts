/**
 * Presolve of the packing model: removes what cannot change the optimum.
 *
 * - A row whose total demand fits its capacity never binds: dropped.
 * - A row where no two of its columns fit together is a clique (at most one
 *   is chosen): rewritten as Σ x ≤ 1. A row whose coefficients are all equal
 *   to `a` becomes the cardinality row Σ x ≤ ⌊capacity / a⌋.
 * - A clique row whose columns are all in another clique row is implied by
 *   it: dropped (kidney-like inputs: an arc's offer and need rows are implied
 *   by its firms' maxDeals rows).
 * - Identical columns that conflict (at most one of them can be chosen):
 *   only the best is kept (ties: the earlier one).
 *
 * Repeated until nothing changes: dropping a column can make a row slack.
 * First of all, a column that alone exceeds a row can never be chosen: dropped.
 */
import { type PackingModel, rowsOf, slackOf } from "./packing-model.js";

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

/** Applies the reductions above until a fixed point (at most 5 rounds). */
export function reduceModel(model: PackingModel): Reduction {
  const fitting: number[] = [];
  for (let j = 0; j < model.columnCount; j++) {
    let fits = true;
    for (let k = model.columnStarts[j]!; k < model.columnStarts[j + 1]! && fits; k++) {
      const b = model.capacity[model.columnRows[k]!]!;
      fits = model.columnCoefficients[k]! <= b + slackOf(b);
    }
    if (fits) fitting.push(j);
  }
  const oversized = model.columnCount - fitting.length;
  let current = oversized > 0 ? keepColumns(model, fitting) : model;
  let droppedRows = 0;
  let dominated = 0;
  for (let round = 0; round < 5; round++) {
    const rows = normalizeRows(current);
    droppedRows += rows.dropped;
    const columns = dropDuplicateColumns(rows.model);
    dominated += columns.dropped;
    current = columns.model;
    if (rows.dropped === 0 && columns.dropped === 0) break;
  }
  return { model: current, droppedRows, dominated, oversized };
}

/** Drops slack and implied rows and normalizes clique and cardinality rows. */
function normalizeRows(model: PackingModel): { model: PackingModel; dropped: number } {
  const { rowCount, columnCount, columnStarts, columnRows, columnCoefficients } = model;
  const demand = new Float64Array(rowCount);
  const count = new Int32Array(rowCount);
  const min1 = new Float64Array(rowCount).fill(Number.POSITIVE_INFINITY);
  const min2 = new Float64Array(rowCount).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(rowCount);
  const nnz = columnStarts[columnCount]!;
  for (let k = 0; k < nnz; k++) {
    const i = columnRows[k]!;
    const a = columnCoefficients[k]!;
    demand[i]! += a;
    count[i]!++;
    if (a < min1[i]!) {
      min2[i] = min1[i]!;
      min1[i] = a;
    } else if (a < min2[i]!) min2[i] = a;
    if (a > max[i]!) max[i] = a;
  }
  const capacity = new Float64Array(rowCount);
  const unit = new Uint8Array(rowCount);
  const keep = new Uint8Array(rowCount);
  let dropped = 0;
  for (let i = 0; i < rowCount; i++) {
    if (count[i] === 0) continue;
    const b = model.capacity[i]!;
    if (demand[i]! <= b + slackOf(b)) {
      dropped++;
      continue;
    }
    keep[i] = 1;
    capacity[i] = b;
    if (min1[i]! + min2[i]! > b + slackOf(b)) {
      capacity[i] = 1;
      unit[i] = 1;
    } else if (max[i] === min1[i]) {
      capacity[i] = Math.floor((b + slackOf(b)) / min1[i]!);
      unit[i] = 1;
    }
  }
  const normalized = rebuild(model, keep, unit, capacity);
  // Clique rows implied by a larger (or equal, earlier) clique row.
  const { rowStarts, rowColumns } = rowsOf(normalized);
  const starts = normalized.columnStarts;
  const rowsOfColumn = normalized.columnRows;
  const clique = new Uint8Array(normalized.rowCount);
  for (let i = 0, r = 0; i < rowCount; i++) {
    if (keep[i]) clique[r++] = unit[i]! && capacity[i] === 1 ? 1 : 0;
  }
  const keepNormalized = new Uint8Array(normalized.rowCount).fill(1);
  const contains = (column: number, row: number): boolean => {
    let lo = starts[column]!;
    let hi = starts[column + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const r = rowsOfColumn[mid]!;
      if (r === row) return true;
      if (r < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  let implied = 0;
  for (let r = 0; r < normalized.rowCount; r++) {
    if (!clique[r]) continue;
    const size = rowStarts[r + 1]! - rowStarts[r]!;
    let pivot = rowColumns[rowStarts[r]!]!;
    for (let k = rowStarts[r]!; k < rowStarts[r + 1]!; k++) {
      const c = rowColumns[k]!;
      if (starts[c + 1]! - starts[c]! < starts[pivot + 1]! - starts[pivot]!) pivot = c;
    }
    for (let k = starts[pivot]!; k < starts[pivot + 1]!; k++) {
      const s = rowsOfColumn[k]!;
      if (s === r || !clique[s]) continue;
      const other = rowStarts[s + 1]! - rowStarts[s]!;
      if (other < size || (other === size && s > r)) continue;
      let subset = true;
      for (let q = rowStarts[r]!; q < rowStarts[r + 1]! && subset; q++) {
        subset = contains(rowColumns[q]!, s);
      }
      if (subset) {
        keepNormalized[r] = 0;
        implied++;
        break;
      }
    }
  }
  if (implied === 0) return { model: normalized, dropped };
  const ones = new Uint8Array(normalized.rowCount);
  return {
    model: rebuild(normalized, keepNormalized, ones, normalized.capacity),
    dropped: dropped + implied,
  };
}

/**
 * Keeps rows with `keep[i]`, renumbered in order, with capacity `capacity[i]`
 * and coefficient 1 where `unit[i]`.
 */
function rebuild(
  model: PackingModel,
  keep: Uint8Array,
  unit: Uint8Array,
  capacity: Float64Array,
): PackingModel {
  const map = new Int32Array(model.rowCount).fill(-1);
  let rowCount = 0;
  for (let i = 0; i < model.rowCount; i++) if (keep[i]) map[i] = rowCount++;
  const newCapacity = new Float64Array(rowCount);
  for (let i = 0; i < model.rowCount; i++) if (keep[i]) newCapacity[map[i]!] = capacity[i]!;
  const columnStarts = new Int32Array(model.columnCount + 1);
  let nnz = 0;
  for (let k = 0; k < model.columnStarts[model.columnCount]!; k++) {
    if (keep[model.columnRows[k]!]) nnz++;
  }
  const columnRows = new Int32Array(nnz);
  const columnCoefficients = new Float64Array(nnz);
  let at = 0;
  for (let j = 0; j < model.columnCount; j++) {
    for (let k = model.columnStarts[j]!; k < model.columnStarts[j + 1]!; k++) {
      const i = model.columnRows[k]!;
      if (!keep[i]) continue;
      columnRows[at] = map[i]!;
      columnCoefficients[at] = unit[i] ? 1 : model.columnCoefficients[k]!;
      at++;
    }
    columnStarts[j + 1] = at;
  }
  return {
    ...model,
    rowCount,
    capacity: newCapacity,
    columnStarts,
    columnRows,
    columnCoefficients,
  };
}

/** Among identical columns that cannot be chosen together, keeps the best. */
function dropDuplicateColumns(model: PackingModel): { model: PackingModel; dropped: number } {
  const { columnCount, columnStarts, columnRows, columnCoefficients, value } = model;
  const hash = new Int32Array(columnCount);
  const bits = new Float64Array(1);
  const words = new Int32Array(bits.buffer);
  for (let j = 0; j < columnCount; j++) {
    let h = 0x811c9dc5;
    for (let k = columnStarts[j]!; k < columnStarts[j + 1]!; k++) {
      bits[0] = columnCoefficients[k]!;
      h = Math.imul(h ^ columnRows[k]!, 0x01000193);
      h = Math.imul(h ^ words[0]!, 0x01000193);
      h = Math.imul(h ^ words[1]!, 0x01000193);
    }
    hash[j] = h;
  }
  // Columns by hash (then index): equal columns end up in one run. Sorted as
  // numbers (high 21 bits of the hash, then the index), without a comparator.
  const byHash = new Int32Array(columnCount);
  if (columnCount < 1 << 22) {
    const keys = new Float64Array(columnCount);
    for (let j = 0; j < columnCount; j++) {
      hash[j] = hash[j]! >>> 11;
      keys[j] = hash[j]! * (1 << 22) + j;
    }
    keys.sort();
    for (let j = 0; j < columnCount; j++) byHash[j] = keys[j]! % (1 << 22);
  } else {
    for (let j = 0; j < columnCount; j++) byHash[j] = j;
    byHash.sort((x, y) => hash[x]! - hash[y]! || x - y);
  }
  const same = (x: number, y: number): boolean => {
    const n = columnStarts[x + 1]! - columnStarts[x]!;
    if (n !== columnStarts[y + 1]! - columnStarts[y]!) return false;
    for (let k = 0; k < n; k++) {
      const kx = columnStarts[x]! + k;
      const ky = columnStarts[y]! + k;
      if (columnRows[kx] !== columnRows[ky] || columnCoefficients[kx] !== columnCoefficients[ky]) {
        return false;
      }
    }
    return true;
  };
  const conflictsWithItself = (j: number): boolean => {
    for (let k = columnStarts[j]!; k < columnStarts[j + 1]!; k++) {
      const b = model.capacity[columnRows[k]!]!;
      if (2 * columnCoefficients[k]! > b + slackOf(b)) return true;
    }
    return false;
  };
  const drop = new Uint8Array(columnCount);
  let dropped = 0;
  for (let start = 0; start < columnCount; ) {
    let end = start + 1;
    while (end < columnCount && hash[byHash[end]!] === hash[byHash[start]!]) end++;
    for (let x = start; x < end - 1; x++) {
      const j = byHash[x]!;
      if (drop[j] || !conflictsWithItself(j)) continue;
      for (let y = x + 1; y < end; y++) {
        const k = byHash[y]!;
        if (drop[k] || !same(j, k)) continue;
        // Keep the better; on a tie the earlier (runs are in column order).
        const loser = value[k]! > value[j]! ? j : k;
        drop[loser] = 1;
        dropped++;
        if (loser === j) break;
      }
    }
    start = end;
  }
  if (dropped === 0) return { model, dropped };
  const kept: number[] = [];
  for (let j = 0; j < columnCount; j++) if (!drop[j]) kept.push(j);
  return { model: keepColumns(model, kept), dropped };
}

/** The model restricted to `columns` (ascending), rows unchanged. */
export function keepColumns(model: PackingModel, columns: readonly number[]): PackingModel {
  let nnz = 0;
  for (const j of columns) nnz += model.columnStarts[j + 1]! - model.columnStarts[j]!;
  const columnStarts = new Int32Array(columns.length + 1);
  const columnRows = new Int32Array(nnz);
  const columnCoefficients = new Float64Array(nnz);
  const value = new Float64Array(columns.length);
  const deal = new Int32Array(columns.length);
  let at = 0;
  columns.forEach((j, c) => {
    value[c] = model.value[j]!;
    deal[c] = model.deal[j]!;
    for (let k = model.columnStarts[j]!; k < model.columnStarts[j + 1]!; k++) {
      columnRows[at] = model.columnRows[k]!;
      columnCoefficients[at] = model.columnCoefficients[k]!;
      at++;
    }
    columnStarts[c + 1] = at;
  });
  return {
    ...model,
    columnCount: columns.length,
    value,
    deal,
    columnStarts,
    columnRows,
    columnCoefficients,
  };
}
