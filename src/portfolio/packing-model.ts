/**
 * The portfolio problem as a 0/1 packing model:
 *
 *   maximize Σ_j value_j · x_j   subject to   Σ_j a_ij · x_j ≤ capacity_i,  x_j ∈ {0, 1}
 *
 * Columns are deals, rows are constraints (an offer's capacity, a need's
 * quantity, a firm's maxDeals). Every coefficient is > 0. Columns are stored
 * as CSC (`columnStarts`, `columnRows` sorted ascending, `columnCoefficients`);
 * {@link rowsOf} builds the CSR transpose when a solver needs rows.
 */

/** A 0/1 packing model over dense column and row indices. */
export interface PackingModel {
  readonly columnCount: number;
  readonly rowCount: number;
  /** Objective coefficient of each column (> 0 after reduction). */
  readonly value: Float64Array;
  /** Index of each column's deal in the candidate list the model was built from. */
  readonly deal: Int32Array;
  /** The rows of column j are `columnRows[columnStarts[j] .. columnStarts[j+1]-1]`. */
  readonly columnStarts: Int32Array;
  readonly columnRows: Int32Array;
  readonly columnCoefficients: Float64Array;
  /** Right-hand side of each row. */
  readonly capacity: Float64Array;
}

/** The CSR transpose of a model: the columns of row i are `rowColumns[rowStarts[i] .. rowStarts[i+1]-1]`, ascending. */
export interface RowView {
  readonly rowStarts: Int32Array;
  readonly rowColumns: Int32Array;
  readonly rowCoefficients: Float64Array;
}

/** Relative tolerance on every capacity check: Σ a ≤ b + 1e-9 · max(1, |b|). */
export const feasibilityTolerance = 1e-9;

/** The slack allowed above a right-hand side `b`. */
export function slackOf(b: number): number {
  return feasibilityTolerance * Math.max(1, Math.abs(b));
}

/**
 * Builds the row view of a model, in `into`'s arrays when they are big enough
 * (as views of them: reused buffers spare garbage collections on big models).
 */
export function rowsOf(model: PackingModel, into?: RowView): RowView {
  const { rowCount, columnCount, columnStarts, columnRows, columnCoefficients } = model;
  const nnz = columnStarts[columnCount];
  const rowStarts =
    into && into.rowStarts.length >= rowCount + 1
      ? into.rowStarts.subarray(0, rowCount + 1).fill(0)
      : new Int32Array(rowCount + 1);
  for (let k = 0; k < nnz; k++) rowStarts[columnRows[k] + 1]++;
  for (let i = 0; i < rowCount; i++) rowStarts[i + 1] += rowStarts[i];
  const reuse = into !== undefined && into.rowColumns.length >= nnz;
  const rowColumns = reuse ? into.rowColumns.subarray(0, nnz) : new Int32Array(nnz);
  const rowCoefficients = reuse ? into.rowCoefficients.subarray(0, nnz) : new Float64Array(nnz);
  // Fill from the back of each row so `rowStarts` ends as it began.
  for (let j = columnCount - 1; j >= 0; j--) {
    for (let k = columnStarts[j + 1] - 1; k >= columnStarts[j]; k--) {
      const i = columnRows[k];
      const at = --rowStarts[i + 1];
      rowColumns[at] = j;
      rowCoefficients[at] = columnCoefficients[k];
    }
  }
  // rowStarts[i + 1] now holds the start of row i: shift back.
  for (let i = 0; i < rowCount; i++) rowStarts[i] = rowStarts[i + 1];
  rowStarts[rowCount] = nnz;
  return { rowStarts, rowColumns, rowCoefficients };
}

/** Σ value over the chosen columns. */
export function portfolioValue(model: PackingModel, chosen: Uint8Array): number {
  let total = 0;
  for (let j = 0; j < model.columnCount; j++) if (chosen[j]) total += model.value[j];
  return total;
}

/** Whether the chosen columns satisfy every row (within {@link slackOf}). */
export function isFeasible(model: PackingModel, chosen: Uint8Array): boolean {
  const used = new Float64Array(model.rowCount);
  for (let j = 0; j < model.columnCount; j++) {
    if (!chosen[j]) continue;
    for (let k = model.columnStarts[j]; k < model.columnStarts[j + 1]; k++) {
      used[model.columnRows[k]] += model.columnCoefficients[k];
    }
  }
  for (let i = 0; i < model.rowCount; i++) {
    if (used[i] > model.capacity[i] + slackOf(model.capacity[i])) return false;
  }
  return true;
}

/**
 * The sub-model over `columns` (ascending indices of `model`): rows no chosen
 * column touches are dropped and the rest renumbered in order.
 */
export function subModel(model: PackingModel, columns: ArrayLike<number>): PackingModel {
  const rowMap = new Int32Array(model.rowCount).fill(-1);
  let rowCount = 0;
  let nnz = 0;
  for (let c = 0; c < columns.length; c++) {
    const j = columns[c];
    for (let k = model.columnStarts[j]; k < model.columnStarts[j + 1]; k++) {
      const i = model.columnRows[k];
      if (rowMap[i] === -1) rowMap[i] = rowCount++;
      nnz++;
    }
  }
  // Renumber rows in their original order so the sub-model is canonical.
  const used: number[] = [];
  for (let i = 0; i < model.rowCount; i++) if (rowMap[i] !== -1) used.push(i);
  const capacity = new Float64Array(rowCount);
  used.forEach((i, r) => {
    rowMap[i] = r;
    capacity[r] = model.capacity[i];
  });
  const value = new Float64Array(columns.length);
  const deal = new Int32Array(columns.length);
  const columnStarts = new Int32Array(columns.length + 1);
  const columnRows = new Int32Array(nnz);
  const columnCoefficients = new Float64Array(nnz);
  let at = 0;
  for (let c = 0; c < columns.length; c++) {
    const j = columns[c];
    value[c] = model.value[j];
    deal[c] = model.deal[j];
    for (let k = model.columnStarts[j]; k < model.columnStarts[j + 1]; k++) {
      columnRows[at] = rowMap[model.columnRows[k]];
      columnCoefficients[at] = model.columnCoefficients[k];
      at++;
    }
    columnStarts[c + 1] = at;
  }
  return {
    columnCount: columns.length,
    rowCount,
    value,
    deal,
    columnStarts,
    columnRows,
    columnCoefficients,
    capacity,
  };
}
