/**
 * Numbers distinct strings 0, 1, 2… in first-seen order. A `Map<string, …>`
 * confirms a hit by reading the stored key, a string somewhere on the heap:
 * with a million parsed firms on it that read is a cache and TLB miss, about a
 * microsecond a lookup. Here each slot of the hash table holds the number, the
 * hash and where the characters sit in one compact pool, so a lookup hashes
 * the (freshly parsed) string and touches one slot and one run of the pool.
 */

import { TypedColumn } from "./typed-column.js";

/** Strings by number: what an interner, or a pool read back from a file, offers. */
export interface StringList {
  /** How many strings. */
  readonly size: number;
  /** The string numbered `i` (< size). */
  get(i: number): string;
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** FNV-1a over ASCII bytes (equal to `hashOf` of their string), or undefined when a byte is not ASCII. */
function asciiHash(bytes: Uint8Array, start: number, end: number): number | undefined {
  let hash = 0x811c9dc5 | 0;
  let high = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i];
    high |= byte;
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  return high < 0x80 ? hash : undefined;
}

const utf8 = new TextDecoder();

/** The string of ASCII bytes. */
export function decodeAscii(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > 256) return utf8.decode(bytes.subarray(start, end));
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}

/**
 * The string of UTF-8 bytes: valid UTF-8 (the readers check their input),
 * or generalized UTF-8 holding lone surrogates as the pools write them
 * (`encodeUtf8Into`), so that any JavaScript string survives a pool.
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    if (bytes[i] < 0x80) continue;
    for (let j = i; j + 1 < end; j++) {
      if (bytes[j] === 0xed && bytes[j + 1] >= 0xa0) return decodeSurrogates(bytes, start, end);
    }
    return utf8.decode(bytes.subarray(start, end));
  }
  return decodeAscii(bytes, start, end);
}

/** Generalized UTF-8 (lone surrogates as 3-byte sequences) decoded code point by code point. */
function decodeSurrogates(bytes: Uint8Array, start: number, end: number): string {
  const units: number[] = [];
  for (let i = start; i < end; ) {
    const b = bytes[i];
    let point: number;
    if (b < 0x80) {
      point = b;
      i += 1;
    } else if (b < 0xe0) {
      point = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      point = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      i += 3;
    } else {
      point =
        ((b & 0x07) << 18) |
        ((bytes[i + 1] & 0x3f) << 12) |
        ((bytes[i + 2] & 0x3f) << 6) |
        (bytes[i + 3] & 0x3f);
      i += 4;
    }
    if (point > 0xffff) {
      point -= 0x10000;
      units.push(0xd800 + (point >> 10), 0xdc00 + (point & 0x3ff));
    } else {
      units.push(point);
    }
  }
  let text = "";
  for (let k = 0; k < units.length; k += 4096) {
    text += String.fromCharCode.apply(null, units.slice(k, k + 4096));
  }
  return text;
}

const encoder = new TextEncoder();

/** A surrogate that is not half of a pair (with the u flag, pairs are one code point). */
const loneSurrogate = /\p{Cs}/u;

/**
 * Writes `text` as UTF-8 into `out` (room for 3 bytes a code unit) and
 * returns the bytes written; a lone surrogate (which UTF-8 cannot hold) is
 * written as its 3-byte generalized UTF-8 form, which `decodeUtf8` reads back.
 */
export function encodeUtf8Into(text: string, out: Uint8Array): number {
  if (!loneSurrogate.test(text)) return encoder.encodeInto(text, out).written;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    let point = text.charCodeAt(i);
    if (point >= 0xd800 && point < 0xdc00 && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) {
        point = 0x10000 + ((point - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (point < 0x80) out[at++] = point;
    else if (point < 0x800) {
      out[at++] = 0xc0 | (point >> 6);
      out[at++] = 0x80 | (point & 0x3f);
    } else if (point < 0x10000) {
      out[at++] = 0xe0 | (point >> 12);
      out[at++] = 0x80 | ((point >> 6) & 0x3f);
      out[at++] = 0x80 | (point & 0x3f);
    } else {
      out[at++] = 0xf0 | (point >> 18);
      out[at++] = 0x80 | ((point >> 12) & 0x3f);
      out[at++] = 0x80 | ((point >> 6) & 0x3f);
      out[at++] = 0x80 | (point & 0x3f);
    }
  }
  return at;
}

/** Whether every code unit of `text` is below 256. */
function isOneByte(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

/** Ints per slot: number (−1 when empty), hash. */
const slotSize = 2;

/** A string → number table in typed arrays (open addressing, linear probing). */
export class StringInterner implements StringList {
  /** The strings by number (empty when the interner keeps only its pool: see the constructor). */
  readonly strings: string[] = [];
  /** The hash table: `slotSize` ints a slot; slots a power of two, at most half full. */
  private slots: Int32Array;
  /**
   * The characters of every string, one after another (`starts`: where each
   * number's begin): one byte a code unit while every code unit is below 256 (ids, products
   * and labels as files usually write them: half the memory), two from the
   * first one that is not.
   */
  private pool: Uint8Array | Uint16Array = new Uint8Array(4096);
  private poolLength = 0;
  private readonly starts = new TypedColumn(Int32Array);

  /**
   * `expected`: how many strings to make room for at once. `keepStrings`:
   * keep each string as a JavaScript string too (else `get` makes it again
   * from the pool, and a string read as bytes is never made: a million ids
   * cost their pool only).
   */
  constructor(
    expected = 0,
    private readonly keepStrings = true,
  ) {
    let slots = 1024;
    while (slots < 2 * expected) slots *= 2;
    this.slots = new Int32Array(slots * slotSize).fill(-1);
  }

  /** How many distinct strings are numbered. */
  get size(): number {
    return this.starts.length;
  }

  /** The string numbered `i`. */
  get(i: number): string {
    if (this.keepStrings) return this.strings[i];
    const start = this.starts.at(i);
    const end = this.end(i);
    if (end - start <= 64) {
      return String.fromCharCode.apply(null, this.pool.subarray(start, end) as unknown as number[]);
    }
    let text = "";
    for (let at = start; at < end; at += 4096) {
      const part = this.pool.subarray(at, Math.min(end, at + 4096));
      text += String.fromCharCode.apply(null, part as unknown as number[]);
    }
    return text;
  }

  /**
   * Frees the hash table (8 bytes a string, at least): the strings stay
   * readable (`get`, `size`), but `find` and `intern` throw from now on. For
   * a list that is only read once it is complete (a network's labels).
   */
  dropLookup(): void {
    this.slots = new Int32Array(0);
  }

  /** The number of `text`, or −1 when it has none. */
  find(text: string): number {
    const slot = this.slotOf(text, hashOf(text));
    return this.slots[slot];
  }

  /** The number of `text`, numbering it (next in line) when new. */
  intern(text: string): number {
    const hash = hashOf(text);
    const slot = this.slotOf(text, hash);
    const found = this.slots[slot];
    if (found >= 0) return found;
    if (this.keepStrings) this.strings.push(text);
    this.reserve(text.length);
    if (this.pool instanceof Uint8Array && !isOneByte(text)) this.widen();
    const { pool } = this;
    const start = this.poolLength;
    for (let i = 0; i < text.length; i++) pool[start + i] = text.charCodeAt(i);
    return this.add(slot, hash, text.length);
  }

  /**
   * The number of the string whose UTF-8 bytes are `bytes[start..end)`, or
   * −1; ASCII bytes are looked up without making a string.
   */
  findBytes(bytes: Uint8Array, start: number, end: number): number {
    const hash = asciiHash(bytes, start, end);
    if (hash === undefined) return this.find(decodeUtf8(bytes, start, end));
    return this.slots[this.slotOfBytes(bytes, start, end, hash)];
  }

  /**
   * `intern` for the string whose UTF-8 bytes are `bytes[start..end)`: ASCII
   * bytes (ids as files usually write them) are hashed, compared and stored
   * as they are, and a string is made only for a new one, and only when the
   * interner keeps strings.
   */
  internBytes(bytes: Uint8Array, start: number, end: number): number {
    const hash = asciiHash(bytes, start, end);
    if (hash === undefined) return this.intern(decodeUtf8(bytes, start, end));
    const slot = this.slotOfBytes(bytes, start, end, hash);
    const found = this.slots[slot];
    if (found >= 0) return found;
    if (this.keepStrings) this.strings.push(decodeAscii(bytes, start, end));
    const length = end - start;
    this.reserve(length);
    const { pool } = this;
    const at = this.poolLength - start;
    for (let i = start; i < end; i++) pool[at + i] = bytes[i];
    return this.add(slot, hash, length);
  }

  /** Numbers the string just written at the end of the pool (`length` code units) in `slot`. */
  private add(slot: number, hash: number, length: number): number {
    const number = this.starts.length;
    this.starts.push(this.poolLength);
    this.poolLength += length;
    const { slots } = this;
    slots[slot] = number;
    slots[slot + 1] = hash;
    if (2 * (number + 1) * slotSize > slots.length) this.rehash();
    return number;
  }

  /** The slot holding the ASCII string `bytes[start..end)` (with hash `hash`), or the empty slot where it would go. */
  private slotOfBytes(bytes: Uint8Array, start: number, end: number, hash: number): number {
    if (this.slots.length === 0) throw new Error("this interner's lookup was dropped (dropLookup)");
    const { slots, pool } = this;
    const length = end - start;
    const mask = slots.length / slotSize - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const slot = at * slotSize;
      const number = slots[slot];
      if (number < 0) return slot;
      if (slots[slot + 1] !== hash) continue;
      const first = this.starts.at(number);
      if (this.end(number) - first !== length) continue;
      const from = first - start;
      let i = start;
      while (i < end && pool[from + i] === bytes[i]) i++;
      if (i === end) return slot;
    }
  }

  /**
   * Compares the strings numbered `a` and `b` by UTF-16 code units (the
   * order of `<` on strings), reading the compact pool rather than strings
   * scattered on the heap.
   */
  compare(a: number, b: number): number {
    const { pool } = this;
    const startA = this.starts.at(a);
    const startB = this.starts.at(b);
    const lengthA = this.end(a) - startA;
    const lengthB = this.end(b) - startB;
    const common = Math.min(lengthA, lengthB);
    for (let i = 0; i < common; i++) {
      const difference = pool[startA + i] - pool[startB + i];
      if (difference !== 0) return difference;
    }
    return lengthA - lengthB;
  }

  /** Where the characters of number `n` end in the pool. */
  private end(n: number): number {
    return n + 1 < this.starts.length ? this.starts.at(n + 1) : this.poolLength;
  }

  /** The slot holding `text`, or the empty slot where it would go. */
  private slotOf(text: string, hash: number): number {
    if (this.slots.length === 0) throw new Error("this interner's lookup was dropped (dropLookup)");
    const { slots, pool } = this;
    const mask = slots.length / slotSize - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const slot = at * slotSize;
      const number = slots[slot];
      if (number < 0) return slot;
      if (slots[slot + 1] !== hash) continue;
      const start = this.starts.at(number);
      if (this.end(number) - start !== text.length) continue;
      let i = 0;
      while (i < text.length && pool[start + i] === text.charCodeAt(i)) i++;
      if (i === text.length) return slot;
    }
  }

  /** Makes room for `length` more code units in the pool. */
  private reserve(length: number): void {
    if (this.poolLength + length <= this.pool.length) return;
    const bigger =
      this.pool instanceof Uint8Array
        ? new Uint8Array(2 * (this.poolLength + length))
        : new Uint16Array(2 * (this.poolLength + length));
    bigger.set(this.pool.subarray(0, this.poolLength));
    this.pool = bigger;
  }

  /** Moves the pool to two bytes a code unit (a code unit above 255 is coming). */
  private widen(): void {
    const wide = new Uint16Array(this.pool.length);
    wide.set(this.pool.subarray(0, this.poolLength));
    this.pool = wide;
  }

  /** Doubles the table and moves every slot to its place in the new one. */
  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(2 * old.length).fill(-1);
    const mask = slots.length / slotSize - 1;
    for (let from = 0; from < old.length; from += slotSize) {
      if (old[from] < 0) continue;
      let at = old[from + 1] & mask;
      while (slots[at * slotSize] >= 0) at = (at + 1) & mask;
      for (let k = 0; k < slotSize; k++) slots[at * slotSize + k] = old[from + k];
    }
    this.slots = slots;
  }
}
