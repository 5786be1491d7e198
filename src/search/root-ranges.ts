/**
 * The roots of a search over the whole network as a set of ranges of search
 * vertices: the unit of work that shards (and, later, threads) divide.
 *
 * Every deal of a global search is found from one canonical root (a cycle from
 * its smallest search vertex, a brokered triangle from its S, a chain from its
 * sponsor), so searching a partition of the roots part by part lists every
 * deal exactly once.
 */

/**
 * Sorted, disjoint ranges `[start, end)` of search vertices.
 *
 * @example
 * const roots = new RootRanges(Int32Array.of(0, 10, 40, 50)); // roots 0..9 and 40..49
 * roots.rootCount; // 20
 */
export class RootRanges {
  /**
   * @param bounds `start0, end0, start1, end1, …`, each start < its end, every
   *   range after the one before it
   * @throws RangeError when the bounds are not sorted, disjoint, non-empty ranges
   */
  constructor(readonly bounds: Int32Array) {
    if (bounds.length % 2 !== 0) throw new RangeError("root ranges need start and end pairs");
    for (let i = 0; i < bounds.length; i += 2) {
      if (bounds[i] < 0 || bounds[i] >= bounds[i + 1] || (i > 0 && bounds[i] < bounds[i - 1]))
        throw new RangeError(`root range ${i / 2} is empty, negative or out of order`);
    }
  }

  /** Every root of a graph of `vertexCount` vertices. */
  static all(vertexCount: number): RootRanges {
    return new RootRanges(vertexCount > 0 ? Int32Array.of(0, vertexCount) : new Int32Array(0));
  }

  /** How many ranges. */
  get rangeCount(): number {
    return this.bounds.length / 2;
  }

  /** How many roots in all. */
  get rootCount(): number {
    let count = 0;
    for (let i = 0; i < this.bounds.length; i += 2) count += this.bounds[i + 1] - this.bounds[i];
    return count;
  }

  /** A cursor over the roots in increasing order. */
  cursor(): RootCursor {
    return new RootCursor(this.bounds);
  }
}

/** Steps through the roots of a `RootRanges` in increasing order (one per walk). */
export class RootCursor {
  private at = 0;

  constructor(private readonly bounds: Int32Array) {}

  /** The first root greater than `root` (pass -1 for the first), or -1 when none is left. */
  after(root: number): number {
    const bounds = this.bounds;
    while (this.at < bounds.length) {
      const start = bounds[this.at];
      const next = root < start ? start : root + 1;
      if (next < bounds[this.at + 1]) return next;
      this.at += 2;
    }
    return -1;
  }
}
