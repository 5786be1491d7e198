/**
 * An append-only column of numbers in a typed array that doubles when full:
 * 4 or 8 bytes a value, its grown-out arrays freed soon after (measured: plain
 * arrays of numbers cost the same time and ~25% more peak memory at a million
 * firms). The price: V8 counts typed-array bytes as external memory, and with
 * a large heap every ~64 MB of them starts a marking of the whole heap.
 */

/** The typed arrays a column can hold. */
export type ColumnArray = Int32Array | Float64Array | Uint8Array;

/** Numbers appended one at a time; `values` holds them in `[0, length)`. */
export class TypedColumn<T extends ColumnArray> {
  /** The storage: the first `length` entries are the column, the rest spare room. */
  values: T;
  /** How many values the column holds. */
  length = 0;

  constructor(
    private readonly kind: new (length: number) => T,
    capacity = 1024,
  ) {
    this.values = new kind(capacity);
  }

  /** Appends a value. */
  push(value: number): void {
    if (this.length === this.values.length) this.grow();
    this.values[this.length++] = value;
  }

  /** The value at `i` (< length). */
  at(i: number): number {
    return this.values[i];
  }

  /** The column as an array of exactly `length` values (a view: no copy). */
  view(): T {
    return this.values.subarray(0, this.length) as T;
  }

  private grow(): void {
    const bigger = new this.kind(2 * this.values.length);
    bigger.set(this.values);
    this.values = bigger;
  }
}
