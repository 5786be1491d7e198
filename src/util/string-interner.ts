/**
 * Numbers distinct strings 0, 1, 2… in first-seen order. A `Map<string, …>`
 * confirms a hit by reading the stored key, a string somewhere on the heap:
 * with a million parsed firms on it that read is a cache and TLB miss, about a
 * microsecond a lookup. Here each slot of the hash table holds the number, the
 * hash and where the characters sit in one compact pool, so a lookup hashes
 * the (freshly parsed) string and touches one slot and one run of the pool.
 */

import { TypedColumn } from "./typed-column.js";

/** FNV-1a over the UTF-16 code units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** Ints per slot: number (−1 when empty), hash, start in the pool, length. */
const slotSize = 4;

/** A string → number table in typed arrays (open addressing, linear probing). */
export class StringInterner {
  /** The strings by number. */
  readonly strings: string[] = [];
  /** The hash table: `slotSize` ints a slot; slots a power of two, at most half full. */
  private slots: Int32Array;
  /** The characters of every string, one after another, and where each number's start. */
  private pool = new Uint16Array(4096);
  private poolLength = 0;
  private readonly starts = new TypedColumn(Int32Array);

  /** `expected`: how many strings to make room for at once. */
  constructor(expected = 0) {
    let slots = 1024;
    while (slots < 2 * expected) slots *= 2;
    this.slots = new Int32Array(slots * slotSize).fill(-1);
  }

  /** How many distinct strings are numbered. */
  get size(): number {
    return this.strings.length;
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
    const number = this.strings.length;
    this.strings.push(text);
    const start = this.store(text);
    this.starts.push(start);
    const { slots } = this;
    slots[slot] = number;
    slots[slot + 1] = hash;
    slots[slot + 2] = start;
    slots[slot + 3] = text.length;
    if (2 * (number + 1) * slotSize > slots.length) this.rehash();
    return number;
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
    const { slots, pool } = this;
    const mask = slots.length / slotSize - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const slot = at * slotSize;
      if (slots[slot] < 0) return slot;
      if (slots[slot + 1] !== hash || slots[slot + 3] !== text.length) continue;
      const start = slots[slot + 2];
      let i = 0;
      while (i < text.length && pool[start + i] === text.charCodeAt(i)) i++;
      if (i === text.length) return slot;
    }
  }

  /** Appends the characters of `text` to the pool; returns where they start. */
  private store(text: string): number {
    const start = this.poolLength;
    if (start + text.length > this.pool.length) {
      const bigger = new Uint16Array(2 * (start + text.length));
      bigger.set(this.pool);
      this.pool = bigger;
    }
    for (let i = 0; i < text.length; i++) this.pool[start + i] = text.charCodeAt(i);
    this.poolLength = start + text.length;
    return start;
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
