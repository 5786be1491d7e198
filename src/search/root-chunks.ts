/**
 * Root chunks: the roots of a search over the whole network (or of one of its
 * shards) cut into many small, contiguous pieces of about equal root counts,
 * or of about equal estimated cost (`rootCosts`, a shard's), the tasks that
 * worker threads pull one at a time. Many
 * more chunks than threads, so that a thread that drew cheap chunks (or where
 * the estimate was off) simply takes more of them: the work balances itself
 * by pulling, and the estimate only has to keep each chunk small. Chunks are
 * contiguous in search order, so each keeps the locality of the BFS order.
 */
import { RootRanges } from "./root-ranges.js";

/**
 * `roots` cut into at most `count` chunks of about equal summed cost, in
 * search order; every root is in exactly one chunk, and no chunk is empty.
 * Without costs every root counts 1: chunks of about equal root counts,
 * cut from the ranges without a pass over the roots (a ranking whose walks
 * are cut short by the surplus bound does not follow the degree estimate).
 *
 * @param costs the estimated cost of every root (indexed by search vertex), or undefined
 * @example
 * rootChunks(Float64Array.of(1, 1, 1, 1), RootRanges.all(4), 2) // roots 0..1 and 2..3
 * rootChunks(undefined, RootRanges.all(4), 2) // the same
 */
export function rootChunks(
  costs: Float64Array | undefined,
  roots: RootRanges,
  count: number,
): RootRanges[] {
  const { bounds } = roots;
  const sum = costs === undefined ? roots.rootCount : costOfRoots(costs, roots);
  const chunks: RootRanges[] = [];
  const wanted = Math.max(1, Math.floor(count));
  const target = sum / wanted;
  let current: number[] = [];
  let costSoFar = 0;
  const take = (start: number, end: number) => {
    if (current.length > 0 && current[current.length - 1] === start)
      current[current.length - 1] = end;
    else current.push(start, end);
  };
  const close = () => {
    if (current.length > 0) chunks.push(new RootRanges(Int32Array.from(current)));
    current = [];
    costSoFar = 0;
  };
  for (let i = 0; i < bounds.length; i += 2) {
    let start = bounds[i];
    const end = bounds[i + 1];
    if (costs === undefined) {
      // Whole roots: a chunk closes at the first root that brings it to the target.
      while (start < end) {
        const last = chunks.length >= wanted - 1;
        const upTo = last ? end : Math.min(end, start + Math.max(1, Math.ceil(target - costSoFar)));
        take(start, upTo);
        costSoFar += upTo - start;
        start = upTo;
        if (!last && costSoFar >= target) close();
      }
      continue;
    }
    for (let r = start; r < end; r++) {
      costSoFar += costs[r];
      if (costSoFar >= target && chunks.length < wanted - 1) {
        take(start, r + 1);
        start = r + 1;
        close();
      }
    }
    if (start < end) take(start, end);
  }
  close();
  return chunks;
}

/**
 * The summed estimated cost of `roots`: the work of a search over them (a
 * shard's slice, say).
 *
 * @example
 * costOfRoots(Float64Array.of(1, 2, 3, 4), new RootRanges(Int32Array.of(1, 3))) // 5
 */
export function costOfRoots(costs: Float64Array, roots: RootRanges): number {
  const { bounds } = roots;
  let sum = 0;
  for (let i = 0; i < bounds.length; i += 2) {
    for (let r = bounds[i]; r < bounds[i + 1]; r++) sum += costs[r];
  }
  return sum;
}

/**
 * Chunks packed into two arrays, as a task carries them: chunk c's root
 * ranges are `bounds[starts[c]] … bounds[starts[c + 1] − 1]`.
 *
 * @example
 * packChunks([new RootRanges(Int32Array.of(0, 2)), new RootRanges(Int32Array.of(2, 4))])
 * // { bounds: [0, 2, 2, 4], starts: [0, 2, 4] }
 */
export function packChunks(chunks: readonly RootRanges[]): {
  bounds: Int32Array;
  starts: Int32Array;
} {
  const starts = new Int32Array(chunks.length + 1);
  for (let c = 0; c < chunks.length; c++) starts[c + 1] = starts[c] + chunks[c].bounds.length;
  const bounds = new Int32Array(starts[chunks.length]);
  for (let c = 0; c < chunks.length; c++) bounds.set(chunks[c].bounds, starts[c]);
  return { bounds, starts };
}
