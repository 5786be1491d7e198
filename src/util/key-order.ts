/**
 * Positions ordered by a float64 key, largest first, by an LSD radix sort of
 * the keys' bits (8 bits a pass, passes where every key has the same byte
 * skipped): a block of 8,192 kept deals sorts in a small share of the time a
 * comparator sort takes, with no call per comparison. Stable: equal keys keep
 * their positions' order; −0 and +0 are equal (as `compareRankKeys` has them).
 */

/** Bits per radix pass, and the buckets a pass counts. */
const digitBits = 8;
const buckets = 1 << digitBits;

/** Where a float64's low and high 32-bit words sit in a `Uint32Array` over it (either endianness). */
const low = new Uint32Array(Float64Array.of(1).buffer)[0] === 0 ? 0 : 1;
const high = 1 - low;

/** The working arrays, grown to the largest count sorted so far (one sort at a time per thread). */
let codes = new Uint32Array(0);
let spare: Int32Array = new Int32Array(0);
const counts = new Int32Array(buckets);

/**
 * Orders positions `order[0..count)` (some order of 0..count − 1) by
 * `keys[position]` descending, stably
 * (as `order.subarray(0, count).sort((a, b) => compareRankKeys(keys[a], keys[b]))`
 * on finite keys and infinities; NaN keys are not ordered).
 *
 * @example
 * const order = Int32Array.of(0, 1, 2);
 * orderByKeyDescending(Float64Array.of(1, 3, 2), order, 3); // order: 1, 2, 0
 */
export function orderByKeyDescending(keys: Float64Array, order: Int32Array, count: number): void {
  if (count < 2) return;
  if (codes.length < 2 * count) {
    codes = new Uint32Array(2 * count);
    spare = new Int32Array(count);
  }
  // codes[2p + low], codes[2p + high]: the low and high words of position p's
  // code, an unsigned number that is smaller the larger the key (so ascending
  // codes are descending keys): a negative key's bits as they are, a
  // positive key's 2^63 − 1 − bits.
  const asKeys = new Float64Array(codes.buffer, 0, count);
  for (let i = 0; i < count; i++) {
    const p = order[i];
    asKeys[p] = keys[p] + 0; // −0 + 0 is +0
  }
  for (let i = 0; i < count; i++) {
    const p = order[i];
    const top = codes[2 * p + high];
    if (top >>> 31 === 1) continue; // a negative key: its bits as they are rise as it falls
    codes[2 * p + low] = ~codes[2 * p + low];
    codes[2 * p + high] = ~top & 0x7fffffff;
  }
  let from: Int32Array = order;
  let to: Int32Array = spare;
  for (let pass = 0; pass < 64 / digitBits; pass++) {
    const word = pass < 32 / digitBits ? low : high;
    const shift = (pass * digitBits) % 32;
    counts.fill(0);
    for (let i = 0; i < count; i++) counts[(codes[2 * from[i] + word] >>> shift) & (buckets - 1)]++;
    if (counts[(codes[2 * from[0] + word] >>> shift) & (buckets - 1)] === count) continue;
    for (let b = 0, at = 0; b < buckets; b++) {
      const n = counts[b];
      counts[b] = at;
      at += n;
    }
    for (let i = 0; i < count; i++) {
      const p = from[i];
      to[counts[(codes[2 * p + word] >>> shift) & (buckets - 1)]++] = p;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  if (from !== order) order.set(from.subarray(0, count));
}
