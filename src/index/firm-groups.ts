/**
 * Lays out a firm's items (its offers, or its needs) by firm integer, and in
 * product order within a firm, from the record-order columns. Firms list one
 * or two items as a rule: those need no sort; a few more get an insertion
 * sort, and only a long list a comparator sort.
 */

/** Items of one firm up to this many are insertion-sorted. */
const insertionLimit = 16;

/**
 * Fills `offsets` (a CSR over firm integers) and `source` (the record-order
 * item at each place). `start` is the record-order CSR (the items of the firm
 * at position r are `start[r] .. start[r+1]-1`), `firmRecord` maps a firm
 * integer to its position, `productRank` maps `itemProduct` numbers to
 * product integers.
 */
export function groupByFirm(
  start: Int32Array,
  itemProduct: Int32Array,
  firmRecord: Int32Array,
  productRank: Int32Array,
  offsets: Int32Array,
  source: Int32Array,
): void {
  const firmCount = firmRecord.length;
  let at = 0;
  for (let f = 0; f < firmCount; f++) {
    offsets[f] = at;
    const r = firmRecord[f]!;
    const end = start[r + 1]!;
    for (let item = start[r]!; item < end; item++) source[at++] = item;
    const count = end - start[r]!;
    if (count < 2) continue;
    const lo = at - count;
    if (count <= insertionLimit) {
      for (let i = lo + 1; i < at; i++) {
        const item = source[i]!;
        const rank = productRank[itemProduct[item]!]!;
        let j = i - 1;
        while (j >= lo && productRank[itemProduct[source[j]!]!]! > rank) {
          source[j + 1] = source[j]!;
          j--;
        }
        source[j + 1] = item;
      }
    } else {
      source
        .subarray(lo, at)
        .sort((x, y) => productRank[itemProduct[x]!]! - productRank[itemProduct[y]!]!);
    }
  }
  offsets[firmCount] = at;
}
