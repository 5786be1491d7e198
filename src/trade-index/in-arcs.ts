/**
 * The in-adjacency: arcs grouped by buyer, in seller order within a buyer
 * (arcs come sorted by seller). A counting sort over a million buyers writes
 * every arc to a random place of a large array, a cache miss each; a radix
 * sort on two digits of the buyer writes to a few hundred or thousand
 * sequential streams instead.
 */
import { countingSort, countStarts } from "../util/counting-sort.js";

/** Buyers up to this many are grouped by one counting sort (its counts stay in cache). */
const directLimit = 1 << 16;

/**
 * Fills `inOffsets` (firms + 1, a CSR over buyers) and `inArcs` (the arcs of
 * each buyer, ascending). `key` and `arc` are scratch of at least the arcs.
 */
export function groupArcsByBuyer(
  arcTarget: Int32Array,
  inOffsets: Int32Array,
  inArcs: Int32Array,
  key: Int32Array,
  arc: Int32Array,
): void {
  const n = arcTarget.length;
  const firmCount = inOffsets.length - 1;
  if (firmCount <= directLimit) {
    countingSort(n, arcTarget, null, inArcs, inOffsets);
    return;
  }
  countStarts(n, arcTarget, null, inOffsets);
  // Low digit first, carrying the buyer along; then the high digit, stably.
  const low = Math.ceil(Math.log2(firmCount) / 2);
  const mask = (1 << low) - 1;
  const lowStarts = new Int32Array(mask + 2);
  for (let i = 0; i < n; i++) lowStarts[(arcTarget[i] & mask) + 1]++;
  for (let d = 0; d <= mask; d++) lowStarts[d + 1] += lowStarts[d];
  for (let i = 0; i < n; i++) {
    const b = arcTarget[i];
    const at = lowStarts[b & mask]++;
    key[at] = b;
    arc[at] = i;
  }
  const highStarts = new Int32Array((firmCount >>> low) + 2);
  for (let i = 0; i < n; i++) highStarts[(key[i] >>> low) + 1]++;
  for (let d = 0; d + 1 < highStarts.length; d++) highStarts[d + 1] += highStarts[d];
  for (let i = 0; i < n; i++) inArcs[highStarts[key[i] >>> low]++] = arc[i];
}
