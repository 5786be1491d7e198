/**
 * Dense integers in id order: ids numbered in some arrival order (firms by
 * position in the file, products by first sight) are ranked in UTF-16 order
 * (SPEC: string order is code-unit order), so that comparing ranks compares
 * ids. Files usually list firms already in id order: that case is one linear
 * check, with no sort and no lookups.
 */

/**
 * Ranks `ids` (numbered 0..n−1 in arrival order; `numbers.find` maps each
 * back to its number) in UTF-16 order. Fills `arrival[rank]` (the number of the id of
 * that rank) and `rank[number]`, and returns the ids in rank order.
 * The ids must be distinct.
 */
export function rankInIdOrder(
  ids: readonly string[],
  numbers: { find(id: string): number },
  arrival: Int32Array,
  rank: Int32Array,
): readonly string[] {
  const n = ids.length;
  let ordered = true;
  for (let i = 1; i < n && ordered; i++) ordered = ids[i - 1]! < ids[i]!;
  if (ordered) {
    for (let i = 0; i < n; i++) {
      arrival[i] = i;
      rank[i] = i;
    }
    return ids;
  }
  // The default sort compares strings by UTF-16 code units, natively.
  const sorted = ids.slice().sort();
  for (let r = 0; r < n; r++) {
    const number = numbers.find(sorted[r]!);
    arrival[r] = number;
    rank[number] = r;
  }
  return sorted;
}
