/**
 * Dense integers in id order: ids numbered in arrival order (firms by
 * position in the file, products by first sight) are ranked in UTF-16 order
 * (SPEC: string order is code-unit order), so that comparing ranks compares
 * ids. The comparisons read the interner's compact character pool, not the
 * strings scattered over a heap of parsed records. Files usually list firms
 * already in id order: that case needs no sort.
 */
import type { StringInterner } from "../util/string-interner.js";

/** Whether each id is below the next. */
function isAscending(ids: StringInterner): boolean {
  for (let i = 1; i < ids.size; i++) if (ids.compare(i - 1, i) >= 0) return false;
  return true;
}

/**
 * Ranks the ids of `ids` (distinct, numbered in arrival order) in UTF-16
 * order. Fills `arrival[rank]` (the number of the id of that rank) and
 * `rank[number]`. `ordered` says whether they already ascend, when the
 * caller knows.
 */
export function rankInIdOrder(
  ids: StringInterner,
  arrival: Int32Array,
  rank: Int32Array,
  ordered = isAscending(ids),
): void {
  const n = ids.size;
  if (ordered) {
    for (let i = 0; i < n; i++) {
      arrival[i] = i;
      rank[i] = i;
    }
    return;
  }
  for (let i = 0; i < n; i++) arrival[i] = i;
  arrival.subarray(0, n).sort((a, b) => ids.compare(a, b));
  for (let r = 0; r < n; r++) rank[arrival[r]] = r;
}
