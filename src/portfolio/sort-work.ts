/**
 * Sorts that pause (work.ts): a model of a million columns takes a few
 * hundred milliseconds to sort, too long to hold the thread while an abort
 * signal may fire. A stable bottom-up merge sort over an index array, which
 * yields between runs, and a radix order over 32-bit keys.
 */
import type { Work } from "./work.js";

/** Items merged between two safe points. */
const stride = 1 << 14;

/**
 * Sorts `items` in place by `compare` (stable: equal items keep their order),
 * pausing every few thousand items merged.
 */
export function* mergeSort(
  items: Int32Array,
  compare: (a: number, b: number) => number,
): Work<void> {
  const n = items.length;
  if (n < 2) return;
  let from: Int32Array = items;
  let to: Int32Array = new Int32Array(n);
  let moved = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (compare(from[j], from[i]) < 0) to[k++] = from[j++];
        else to[k++] = from[i++];
      }
      while (i < mid) to[k++] = from[i++];
      while (j < hi) to[k++] = from[j++];
      moved += hi - lo;
      if (moved >= stride) {
        moved = 0;
        yield;
      }
    }
    [from, to] = [to, from];
  }
  if (from !== items) items.set(from);
}

/** Below this many keys a comparison sort beats two passes over 65,536 counters. */
const countingFrom = 4096;

/**
 * The indices 0..n−1 ordered by `keys` ascending (stable): by two 16-bit
 * counting passes, or for a few keys by a comparison sort.
 */
export function* radixOrder(keys: Uint32Array): Work<Int32Array> {
  const n = keys.length;
  if (n < countingFrom) {
    return Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
  }
  let order = new Int32Array(n);
  let other = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const count = new Int32Array(1 << 16);
  for (const shift of [0, 16]) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(keys[i] >>> shift) & 0xffff]++;
    let sum = 0;
    for (let d = 0; d < count.length; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const item = order[i];
      other[count[(keys[item] >>> shift) & 0xffff]++] = item;
      if ((i & (stride - 1)) === stride - 1) yield;
    }
    [order, other] = [other, order];
  }
  return order;
}
