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

/**
 * A column of numbers whose absent values are NaN and that takes no memory
 * while every value is absent: `view()` is empty until a value is stated (a
 * field most files never state costs nothing; read it with `statedAt`).
 */
export class OptionalNumbers {
  private column: TypedColumn<Float64Array> | undefined;
  /** How many values the column holds (absent ones included). */
  length = 0;

  /** Appends a value (NaN: absent). */
  push(value: number): void {
    if (this.column === undefined) {
      if (Number.isNaN(value)) {
        this.length++;
        return;
      }
      this.column = new TypedColumn(Float64Array, Math.max(1024, 2 * this.length));
      for (let i = 0; i < this.length; i++) this.column.push(Number.NaN);
    }
    this.column.push(value);
    this.length++;
  }

  /** The values (a view), or an empty array while none is stated. */
  view(): Float64Array {
    return this.column === undefined ? new Float64Array(0) : this.column.view();
  }
}

/** Value `i` of an `OptionalNumbers` view: NaN past its end (an empty view: none stated). */
export function statedAt(values: Float64Array, i: number): number {
  return i < values.length ? values[i] : Number.NaN;
}
