/**
 * A column of optional strings kept as UTF-8 bytes in one pool (a lone
 * surrogate, which UTF-8 cannot hold, as generalized UTF-8): entry `i` is
 * `bytes[end(i − 1) .. end(i))`, or absent. A million firm names cost their
 * bytes and four bytes each, not a million heap strings; a string is made
 * only when someone asks for one. The pool is append-only while it is filled
 * (`push…`) and can be rebuilt over arrays read back from a file
 * (`Utf8Pool.of`) without copying.
 *
 * Encoding of `ends`: `ends[i] ≥ 0` is where entry i ends; an absent entry
 * stores `~end` (negative), its end being the previous entry's.
 */
import { decodeUtf8, encodeUtf8Into, type StringList } from "./string-interner.js";

/** Optional strings by number. */
export interface OptionalStrings {
  /** How many entries. */
  readonly size: number;
  /** The string of entry `i`, or undefined when it is absent. */
  get(i: number): string | undefined;
}

/** Optional strings as UTF-8 bytes in one pool. */
export class Utf8Pool implements OptionalStrings {
  private bytes: Uint8Array;
  private ends: Int32Array;
  private count: number;
  private length: number;

  /** An empty pool with room for `entries` entries and `byteCapacity` bytes. */
  constructor(entries = 16, byteCapacity = 256) {
    this.bytes = new Uint8Array(Math.max(16, byteCapacity));
    this.ends = new Int32Array(Math.max(4, entries));
    this.count = 0;
    this.length = 0;
  }

  /** The pool over arrays as `bytes()` and `endsView()` gave them (views, no copy). */
  static of(bytes: Uint8Array, ends: Int32Array): Utf8Pool {
    const pool = new Utf8Pool(0, 0);
    pool.bytes = bytes;
    pool.ends = ends;
    pool.count = ends.length;
    pool.length = ends.length === 0 ? 0 : endOf(ends[ends.length - 1]);
    return pool;
  }

  /** How many entries. */
  get size(): number {
    return this.count;
  }

  /** The string of entry `i`, or undefined when absent. */
  get(i: number): string | undefined {
    const end = this.ends[i];
    if (end < 0) return undefined;
    return decodeUtf8(this.bytes, i === 0 ? 0 : endOf(this.ends[i - 1]), end);
  }

  /** Whether entry `i` is present. */
  has(i: number): boolean {
    return this.ends[i] >= 0;
  }

  /** Appends an entry: a string, or undefined for an absent one. */
  push(text: string | undefined): void {
    if (text === undefined) {
      this.pushAbsent();
      return;
    }
    // At most 3 bytes per UTF-16 code unit.
    this.reserve(3 * text.length);
    this.length += encodeUtf8Into(text, this.bytes.subarray(this.length));
    this.pushEnd(this.length);
  }

  /** Appends the UTF-8 bytes `source[start..end)` as an entry (valid UTF-8, unescaped). */
  pushBytes(source: Uint8Array, start: number, end: number): void {
    this.reserve(end - start);
    this.bytes.set(source.subarray(start, end), this.length);
    this.length += end - start;
    this.pushEnd(this.length);
  }

  /** Appends an absent entry. */
  pushAbsent(): void {
    this.pushEnd(~this.length);
  }

  /** The pool's bytes (exact length; a view). */
  bytesView(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /** The entries' ends (exact length; a view), encoded as the file header says. */
  endsView(): Int32Array {
    return this.ends.subarray(0, this.count);
  }

  private pushEnd(end: number): void {
    if (this.count === this.ends.length) {
      const bigger = new Int32Array(2 * this.ends.length);
      bigger.set(this.ends);
      this.ends = bigger;
    }
    this.ends[this.count++] = end;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(2 * this.bytes.length, this.length + bytes));
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }
}

/** The end an `ends` entry encodes, present or absent. */
function endOf(encoded: number): number {
  return encoded < 0 ? ~encoded : encoded;
}

/** The strings of a list as a pool (every entry present). */
export function poolOf(list: { readonly size: number; get(i: number): string }): Utf8Pool {
  const pool = new Utf8Pool(list.size, 16 * list.size);
  for (let i = 0; i < list.size; i++) pool.push(list.get(i));
  return pool;
}

/** A pool whose entries are all present, as a `StringList`. */
export function stringsOf(pool: Utf8Pool): StringList {
  return { size: pool.size, get: (i) => pool.get(i) as string };
}
