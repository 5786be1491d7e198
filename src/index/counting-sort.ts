/**
 * Stable counting sort of item numbers by a small integer key: the one sort
 * the index needs to group needs by product, relations by seller and buyer,
 * and arcs by buyer, in linear time with no comparator calls.
 */

/**
 * Sorts `n` items by `key[item]` (each in `[0, starts.length − 1)`), keeping
 * their order within a key. The items are `order[0..n)`, or `0..n−1` when
 * `order` is null. Writes the sorted items into `out[0..n)` and the start of
 * each key's run into `starts` (a CSR: the items of key k are
 * `out[starts[k] .. starts[k+1]-1]`).
 */
export function countingSort(
  n: number,
  key: Int32Array,
  order: Int32Array | null,
  out: Int32Array,
  starts: Int32Array,
): void {
  const keyCount = starts.length - 1;
  starts.fill(0);
  for (let i = 0; i < n; i++) starts[key[order === null ? i : order[i]!]! + 1]!++;
  for (let k = 0; k < keyCount; k++) starts[k + 1]! += starts[k]!;
  // Scatter with starts[k] as key k's cursor; afterwards starts[k] is key k's
  // end, so shifting right by one restores the starts.
  for (let i = 0; i < n; i++) {
    const item = order === null ? i : order[i]!;
    out[starts[key[item]!]!++] = item;
  }
  for (let k = keyCount; k > 0; k--) starts[k] = starts[k - 1]!;
  starts[0] = 0;
}
