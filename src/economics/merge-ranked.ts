/**
 * Merging ranked listings: the shards of one search (`shard`), each ranked,
 * into the single run's ranking. Each listing is in rank order
 * (`rank-order.ts`), so a k-way merge (`mergeSorted`) reads each once, holding
 * one deal per listing; the first `top` are the single run's top, as every one
 * of them is among the top of its own shard.
 */
import { mergeSorted } from "../util/k-way-merge.js";
import { ListingError } from "./listing-error.js";
import { compareRanked, rankKey } from "./rank-order.js";

/** What a merge reads of each deal: its score and its id (a `Deal`, or a deal read from JSON). */
export interface RankedItem {
  readonly score: number;
  readonly id: string;
}

/** Options of `mergeRanked`. */
export interface MergeRankedOptions<T> {
  /** How many deals to keep: a whole number ≥ 0, or Infinity. @defaultValue Infinity */
  readonly top?: number;
  /** Where a deal of listing `source` (from 0) is, for error messages. @defaultValue `listing N: ID` */
  readonly where?: (item: T, source: number) => string;
}

/**
 * The deals of several ranked listings in one ranking (score descending, ties
 * by id), cut at `top`: lazily, one deal held per listing.
 *
 * @throws ListingError (while iterating) when a listing is not in rank order
 *   or a deal is in two listings (the same shard given twice?)
 * @example
 * const all = [...mergeRanked([rankDeals(net, { shard: { current: 1, total: 2 } }), rankDeals(net, { shard: { current: 2, total: 2 } })])];
 */
export function* mergeRanked<T extends RankedItem>(
  listings: readonly Iterable<T>[],
  options: MergeRankedOptions<T> = {},
): Generator<T, void, undefined> {
  const top = options.top ?? Number.POSITIVE_INFINITY;
  const where = options.where ?? ((item: T, source: number) => `listing ${source + 1}: ${item.id}`);
  if (top <= 0) return;
  const sources = listings.map((listing, source) => keyed(listing, source, where));
  let previous: Keyed<T> | undefined;
  let count = 0;
  for (const entry of mergeSorted(sources, byRank)) {
    if (previous !== undefined && previous.item.id === entry.item.id) {
      throw new ListingError([
        {
          path: where(entry.item, entry.source),
          message: `deal ${entry.item.id} is also in ${where(previous.item, previous.source)}: the listings overlap`,
        },
      ]);
    }
    previous = entry;
    yield entry.item;
    if (++count >= top) return;
  }
}

interface Keyed<T> {
  readonly key: number;
  readonly item: T;
  readonly source: number;
}

function byRank<T extends RankedItem>(a: Keyed<T>, b: Keyed<T>): number {
  return compareRanked(a.key, a.item.id, b.key, b.item.id);
}

/** A listing's items with their rank keys, checked to come in rank order. */
function* keyed<T extends RankedItem>(
  listing: Iterable<T>,
  source: number,
  where: (item: T, source: number) => string,
): Iterator<Keyed<T>> {
  let previous: Keyed<T> | undefined;
  for (const item of listing) {
    const entry = { key: rankKey(item.score), item, source };
    if (Number.isNaN(entry.key))
      throw new ListingError([{ path: where(item, source), message: "the score is not a number" }]);
    if (previous !== undefined && byRank(previous, entry) >= 0) {
      throw new ListingError([
        {
          path: where(item, source),
          message: `not in rank order (score descending, ties by id): it comes after ${previous.item.id}`,
        },
      ]);
    }
    previous = entry;
    yield entry;
  }
}
