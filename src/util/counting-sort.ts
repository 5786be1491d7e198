/**
 * Stable counting sort of item numbers by a small integer key: the sort that
 * finds repeated relations and that the index groups needs, relations and
 * arcs with, in linear time with no comparator calls. `countStarts` and
 * `rewindStarts` are its two halves around the scatter, for callers that
 * scatter more than the item number.
 */

/**
 * Fills `starts` (length keyCount + 1) with where each key's run begins once
 * the `n` items (`order[0..n)`, or `0..n−1` when null) are sorted by
 * `key[item]`; `starts[keyCount]` = n.
 */
export function countStarts(
  n: number,
  key: Int32Array,
  order: Int32Array | null,
  starts: Int32Array,
): void {
  const keyCount = starts.length - 1;
  starts.fill(0);
  for (let i = 0; i < n; i++) starts[key[order === null ? i : order[i]] + 1]++;
  for (let k = 0; k < keyCount; k++) starts[k + 1] += starts[k];
}

/**
 * After a scatter that used `starts[k]++` as key k's cursor (so that each
 * `starts[k]` ended at key k's end), shifts them back to the starts.
 */
export function rewindStarts(starts: Int32Array): void {
  for (let k = starts.length - 1; k > 0; k--) starts[k] = starts[k - 1];
  starts[0] = 0;
}

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
  countStarts(n, key, order, starts);
  for (let i = 0; i < n; i++) {
    const item = order === null ? i : order[i];
    out[starts[key[item]]++] = item;
  }
  rewindStarts(starts);
}
