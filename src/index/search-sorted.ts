/** Binary search over a sorted run of an `Int32Array`: the index's lookups by integer key. */

/**
 * The place of `value` in the ascending run `array[lo..hi)`, or −1 when absent.
 *
 * @example
 * searchSorted(Int32Array.of(2, 5, 9), 0, 3, 5); // 1
 */
export function searchSorted(array: Int32Array, lo: number, hi: number, value: number): number {
  hi--;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = array[mid]!;
    if (x === value) return mid;
    if (x < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
