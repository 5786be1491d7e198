/**
 * Candidate deals as columns that cost bytes, not kilobytes: a deal kept by
 * the listing or the column generation is its kind, its trade integers (SPEC
 * §4 order) and its objective value, in growing typed arrays: 4 bytes a trade
 * plus 13 a deal, and 8 more for the hash set that tells a deal seen before
 * (a 3-cycle: 33 bytes). Rows are not stored: they follow from the trades
 * (row-space.ts) and are written out only for the deals an LP or a MIP sees.
 * A `Deal` object is built only for the chosen ones.
 */
import { type DealKind, dealKinds } from "../search/kinds.js";
import type { PackingModel } from "./packing-model.js";
import type { RowSpace } from "./row-space.js";

/** A growing set of compact deals. */
export class ColumnPool {
  private kindCode = new Uint8Array(1024);
  private tradeStart = new Int32Array(1025);
  private tradeList = new Int32Array(4096);
  private values = new Float64Array(1024);
  /** Open addressing over deal indices + 1 (0: empty); size a power of two, at most half full. */
  private table = new Int32Array(2048);
  private size = 0;

  /** Deals in the pool. */
  get count(): number {
    return this.size;
  }

  /** The kind of deal j. */
  kind(j: number): DealKind {
    return dealKinds[this.kindCode[j]];
  }

  /** The trade integers of deal j (a view, valid until the next `add`). */
  trades(j: number): Int32Array {
    return this.tradeList.subarray(this.tradeStart[j], this.tradeStart[j + 1]);
  }

  /** The objective value of deal j. */
  value(j: number): number {
    return this.values[j];
  }

  /** Bytes held by the pool's arrays. */
  get byteLength(): number {
    return (
      this.kindCode.byteLength +
      this.tradeStart.byteLength +
      this.tradeList.byteLength +
      this.values.byteLength +
      this.table.byteLength
    );
  }

  /** The index of the deal of `kind` with `trades[0..size)`, or -1. */
  indexOf(kind: DealKind, trades: ArrayLike<number>, size: number): number {
    const code = dealKinds.indexOf(kind);
    const mask = this.table.length - 1;
    for (let slot = hashOf(code, trades, size) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot];
      if (entry === 0) return -1;
      if (this.matches(entry - 1, code, trades, size)) return entry - 1;
    }
  }

  /** Adds a deal unless it is there already; returns its index, or -1 when it was there. */
  add(kind: DealKind, trades: ArrayLike<number>, size: number, value: number): number {
    const code = dealKinds.indexOf(kind);
    if (2 * (this.size + 1) > this.table.length) this.rehash(2 * this.table.length);
    const mask = this.table.length - 1;
    let slot = hashOf(code, trades, size) & mask;
    for (; this.table[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.matches(this.table[slot] - 1, code, trades, size)) return -1;
    }
    const j = this.size;
    this.reserve(j + 1, this.tradeStart[j] + size);
    this.kindCode[j] = code;
    this.values[j] = value;
    const from = this.tradeStart[j];
    for (let i = 0; i < size; i++) this.tradeList[from + i] = trades[i];
    this.tradeStart[j + 1] = from + size;
    this.table[slot] = j + 1;
    this.size = j + 1;
    return j;
  }

  /**
   * The packing model of the pool's deals `columns` (ascending or not; column
   * c is deal `columns[c]`, `model.deal[c]` says so), over the rows they use,
   * renumbered in row order; `rowOf` receives each model row's row of `rows`.
   */
  model(
    rows: RowSpace,
    columns: ArrayLike<number>,
    rowOf?: (row: number, r: number) => void,
  ): PackingModel {
    const count = columns.length;
    const scratchRows = new Int32Array(64);
    const scratchCoefficients = new Float64Array(64);
    let nnz = 0;
    const used = new Int32Array(rows.rowCount).fill(-1);
    for (let c = 0; c < count; c++) {
      const trades = this.trades(columns[c]);
      const n = rows.entries(trades, trades.length, scratchRows, scratchCoefficients);
      for (let k = 0; k < n; k++) used[scratchRows[k]] = 0;
      nnz += n;
    }
    let rowCount = 0;
    for (let i = 0; i < rows.rowCount; i++) if (used[i] === 0) used[i] = rowCount++;
    const capacity = new Float64Array(rowCount);
    for (let i = 0; i < rows.rowCount; i++) {
      if (used[i] >= 0) {
        capacity[used[i]] = rows.capacity[i];
        rowOf?.(i, used[i]);
      }
    }
    const {
      value,
      starts,
      rows: columnRows,
      coefficients,
    } = this.entries(rows, columns, used, nnz);
    return {
      columnCount: count,
      rowCount,
      value,
      deal: Int32Array.from(columns),
      columnStarts: starts,
      columnRows,
      columnCoefficients: coefficients,
      capacity,
    };
  }

  /**
   * The deals `columns` as CSC entries (`nnz` of them in all), each row of
   * `rows` renumbered by `rowMap` (which must number every row they use):
   * what a packing model and a batch of new columns for the master are made of.
   */
  entries(
    rows: RowSpace,
    columns: ArrayLike<number>,
    rowMap: Int32Array,
    nnz: number,
  ): { value: Float64Array; starts: Int32Array; rows: Int32Array; coefficients: Float64Array } {
    const scratchRows = new Int32Array(64);
    const scratchCoefficients = new Float64Array(64);
    const value = new Float64Array(columns.length);
    const starts = new Int32Array(columns.length + 1);
    const entryRows = new Int32Array(nnz);
    const coefficients = new Float64Array(nnz);
    let at = 0;
    for (let c = 0; c < columns.length; c++) {
      const j = columns[c];
      value[c] = this.values[j];
      const trades = this.trades(j);
      const n = rows.entries(trades, trades.length, scratchRows, scratchCoefficients);
      for (let k = 0; k < n; k++) {
        entryRows[at] = rowMap[scratchRows[k]];
        coefficients[at++] = scratchCoefficients[k];
      }
      starts[c + 1] = at;
    }
    return { value, starts, rows: entryRows, coefficients };
  }

  private matches(j: number, code: number, trades: ArrayLike<number>, size: number): boolean {
    const from = this.tradeStart[j];
    if (this.kindCode[j] !== code || this.tradeStart[j + 1] - from !== size) return false;
    for (let i = 0; i < size; i++) if (this.tradeList[from + i] !== trades[i]) return false;
    return true;
  }

  private reserve(deals: number, trades: number): void {
    if (deals > this.values.length) {
      const room = Math.max(deals, 2 * this.values.length);
      this.kindCode = grow(this.kindCode, room);
      this.values = grow(this.values, room);
      this.tradeStart = grow(this.tradeStart, room + 1);
    }
    if (trades > this.tradeList.length) {
      this.tradeList = grow(this.tradeList, Math.max(trades, 2 * this.tradeList.length));
    }
  }

  private rehash(length: number): void {
    const table = new Int32Array(length);
    const mask = length - 1;
    for (let j = 0; j < this.size; j++) {
      const from = this.tradeStart[j];
      const trades = this.tradeList.subarray(from, this.tradeStart[j + 1]);
      let slot = hashOf(this.kindCode[j], trades, trades.length) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = j + 1;
    }
    this.table = table;
  }
}

/** FNV-1a over the kind code and the trade integers. */
function hashOf(code: number, trades: ArrayLike<number>, size: number): number {
  let h = Math.imul(0x811c9dc5 ^ code, 0x01000193);
  for (let i = 0; i < size; i++) h = Math.imul(h ^ trades[i], 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/** A copy of `array` in a larger one of `length` entries. */
function grow<T extends Uint8Array | Int32Array | Float64Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}
