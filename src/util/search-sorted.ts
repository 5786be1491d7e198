/**
 * Binary search over a sorted run of numbers: the lookups by integer key of
 * the trade index (offers, needs, arcs), of its build (a buyer's need record,
 * a probability's code), of the portfolio's reduction (a row in a column) and
 * of the generator's weighted draws.
 */

/** What the searches read: a typed array or any indexable list of numbers. */
export type SortedNumbers = ArrayLike<number>;

/**
 * The place of `value` in the ascending run `array[lo..hi)`, or −1 when absent.
 * With `stride` and `field`, the run is of records: the key of record `i` is
 * `array[stride · i + field]` (records `lo..hi)`).
 *
 * @example
 * searchSorted(Int32Array.of(2, 5, 9), 0, 3, 5); // 1
 * searchSorted(Float64Array.of(7, 0.5, 9, 0.1), 0, 2, 9, 2, 0); // 1 (records [7, 0.5] and [9, 0.1])
 */
export function searchSorted(
  array: SortedNumbers,
  lo: number,
  hi: number,
  value: number,
  stride = 1,
  field = 0,
): number {
  hi--;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = array[stride * mid + field];
    if (x === value) return mid;
    if (x < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The first place in the ascending run `array[lo..hi)` whose value is greater
 * than `value`, or `hi` when none is.
 *
 * @example
 * firstAbove(Float64Array.of(1, 3, 3, 6), 0, 4, 3); // 3
 */
export function firstAbove(array: SortedNumbers, lo: number, hi: number, value: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (array[mid] > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
