/**
 * Numbers distinct strings 0, 1, 2… in first-seen order. A `Map<string, …>`
 * confirms a hit by reading the stored key, a string somewhere on the heap:
 * with a million parsed firms on it that read is a cache and TLB miss, over a
 * microsecond a lookup. Here the table, the hashes and the characters of the
 * stored strings sit in a few compact typed arrays, so a lookup hashes the
 * (freshly parsed) string and compares against that pool only.
 */

/** FNV-1a over the UTF-16 code units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** A string → number table in typed arrays (open addressing, linear probing). */
export class StringInterner {
  /** The strings by number. */
  readonly strings: string[] = [];
  /** Slots of the hash table: a number, or −1 when empty. Size a power of two, at most half full. */
  private slots = new Int32Array(1024).fill(-1);
  /** Per number: its hash, and where its characters start in `pool` (one more entry). */
  private hashes = new Int32Array(512);
  private starts = new Int32Array(513);
  private pool = new Uint16Array(4096);

  /** How many distinct strings are numbered. */
  get size(): number {
    return this.strings.length;
  }

  /** The number of `text`, or −1 when it has none. */
  find(text: string): number {
    const hash = hashOf(text);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const number = this.slots[slot]!;
      if (number < 0) return -1;
      if (this.hashes[number] === hash && this.holds(number, text)) return number;
    }
  }

  /** The number of `text`, numbering it (next in line) when new. */
  intern(text: string): number {
    const hash = hashOf(text);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      const number = this.slots[slot]!;
      if (number < 0) break;
      if (this.hashes[number] === hash && this.holds(number, text)) return number;
    }
    const number = this.strings.length;
    this.store(number, text, hash);
    this.slots[slot] = number;
    if (2 * (number + 1) > this.slots.length) this.rehash();
    return number;
  }

  /** Whether the characters stored for `number` are those of `text`. */
  private holds(number: number, text: string): boolean {
    const start = this.starts[number]!;
    if (this.starts[number + 1]! - start !== text.length) return false;
    const pool = this.pool;
    for (let i = 0; i < text.length; i++) if (pool[start + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  private store(number: number, text: string, hash: number): void {
    this.strings.push(text);
    if (number + 1 >= this.hashes.length) {
      const capacity = 2 * this.hashes.length;
      this.hashes = grown(this.hashes, capacity);
      this.starts = grown(this.starts, capacity + 1);
    }
    const start = this.starts[number]!;
    if (start + text.length > this.pool.length)
      this.pool = grown(this.pool, 2 * (start + text.length));
    for (let i = 0; i < text.length; i++) this.pool[start + i] = text.charCodeAt(i);
    this.hashes[number] = hash;
    this.starts[number + 1] = start + text.length;
  }

  /** Doubles the table and re-inserts every number. */
  private rehash(): void {
    const slots = new Int32Array(2 * this.slots.length).fill(-1);
    const mask = slots.length - 1;
    for (let number = 0; number < this.strings.length; number++) {
      let slot = this.hashes[number]! & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = number;
    }
    this.slots = slots;
  }
}

/** A copy of `array` with room for `length` elements. */
function grown<T extends Int32Array | Uint16Array>(array: T, length: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}
