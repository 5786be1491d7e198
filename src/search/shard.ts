/**
 * Shards: a deterministic, balanced slice of the roots of a search over the
 * whole network, so that N processes (or machines) can each search one slice
 * and the union of their deals is exactly the single run's.
 *
 * The roots, in search order, are cut into `chunksPerShard · total` chunks of
 * about equal estimated cost (`rootCosts`), and shard I takes every chunk whose
 * number is I − 1 modulo the total. Each shard thus gets about 1/total of the
 * estimated work, spread over the whole search order, so that where the
 * estimate is off for one part of the graph it is off for every shard alike.
 * The slice depends only on the search graph, the kinds and maxParties: every
 * shard computes the same cut, with no coordination.
 */
import { UsageError } from "../model/errors.js";
import { RootRanges } from "./root-ranges.js";

/**
 * Shard `current` of `total` (both counted from 1, as the CLI's `--shard
 * I/N`; Playwright's `shard: { current, total }` has the same shape).
 */
export interface Shard {
  /** Which shard: 1..total. */
  readonly current: number;
  /** How many shards the search is cut into: ≥ 1. */
  readonly total: number;
}

/** The most shards a search can be cut into. */
export const maxShards = 1 << 20;

/** Chunks per shard: enough to even out the estimate's errors, few enough to keep each chunk's locality. */
export const chunksPerShard = 16;

/**
 * Checks a shard.
 *
 * @throws UsageError unless total is a whole number from 1 to `maxShards` and current one from 1 to total
 */
export function checkShard(shard: Shard): void {
  const { current, total } = shard;
  if (!Number.isInteger(total) || total < 1 || total > maxShards)
    throw new UsageError(`shard total must be a whole number from 1 to ${maxShards}: ${total}`);
  if (!Number.isInteger(current) || current < 1 || current > total)
    throw new UsageError(`shard current must be a whole number from 1 to ${total}: ${current}`);
}

/**
 * The roots of one shard, given every root's estimated cost (in search order).
 *
 * @example
 * shardRoots(Float64Array.of(1, 1, 1, 1), { current: 2, total: 2 })
 */
export function shardRoots(costs: Float64Array, shard: Shard): RootRanges {
  checkShard(shard);
  const n = costs.length;
  if (shard.total === 1) return RootRanges.all(n);
  let sum = 0;
  for (let r = 0; r < n; r++) sum += costs[r];
  const chunks = chunksPerShard * shard.total;
  const mine = shard.current - 1;
  const bounds: number[] = [];
  let before = 0;
  for (let r = 0; r < n; r++) {
    const cost = costs[r];
    const chunk = Math.min(chunks - 1, Math.floor(((before + cost / 2) / sum) * chunks));
    before += cost;
    if (chunk % shard.total !== mine) continue;
    if (bounds.length > 0 && bounds[bounds.length - 1] === r) bounds[bounds.length - 1] = r + 1;
    else bounds.push(r, r + 1);
  }
  return new RootRanges(Int32Array.from(bounds));
}
