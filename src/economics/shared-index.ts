/**
 * A trade index and its search graph as worker threads receive them: every
 * array a view of shared memory (`SharedArrayBuffer`), so each thread searches
 * the very same bytes and no thread holds a copy of the network's arrays. The
 * ids go as UTF-8 pools, shared as well.
 *
 * An array that is not in shared memory yet (an index built without
 * `{shared: true}`) is copied into it once, here; a snapshot's sections and an
 * index or graph built with `{shared: true}` are shared as they are.
 */
import type { Network } from "../model/types.js";
import {
  adoptSearchGraph,
  SearchGraph,
  type SearchGraphArrays,
  type SearchGraphHeader,
  searchGraphArrayNames,
  searchGraphOf,
} from "../search/search-graph.js";
import { adoptSurplusReach, surplusBoundSections } from "../search/surplus-bound.js";
import {
  adoptIncumbentFloors,
  floorSectionNames,
  type IncumbentFloors,
  incumbentFloors,
} from "../trade-index/incumbent-floors.js";
import type { IndexArrayName, IndexArrayViews, IndexHeader } from "../trade-index/index-layout.js";
import { prefetchStoredIndex } from "../trade-index/index-sections.js";
import { TradeIndex } from "../trade-index/trade-index.js";
import { adoptTradeSurpluses, type SharedTradeSurpluses } from "../trade-index/trade-surplus.js";
import type { StringList } from "../util/string-interner.js";
import { poolOf, stringsOf, Utf8Pool } from "../util/utf8-pool.js";

/** Strings as a UTF-8 pool's two arrays (`Utf8Pool.of`). */
interface SharedStrings {
  readonly bytes: Uint8Array;
  readonly ends: Int32Array;
}

/** An index and its BFS search graph over shared memory, as posted to a worker thread. */
export interface SharedIndex {
  /**
   * Names the index (the same for every ranking over it in this process): a
   * thread keeps its view of the last few (`viewOfShare`) instead of setting
   * up a new one, with new search workspaces, for each ranking.
   */
  readonly id: number;
  readonly header: IndexHeader;
  /** The arrays a search and its pricing read (`searchArrays`); a thread asks for any other when it needs it. */
  readonly arrays: Partial<IndexArrayViews>;
  readonly firmIds: SharedStrings;
  readonly productIds: SharedStrings;
  readonly graphHeader: SearchGraphHeader;
  readonly graph: SearchGraphArrays;
  /** The per-need incumbent floors (`incumbentFloors`), when the threads price or build deals under the counter. */
  readonly floors: IncumbentFloors | undefined;
  /** Each trade's m − c (`tradeSurpluses`), which the threads fill as their first tasks, when they rank their best deals by a surplus objective. */
  readonly surpluses: SharedTradeSurpluses | undefined;
  /** The walks' reach bound a snapshot stores (`reachSectionName`), when the threads rank by a surplus objective: shared, not built per thread. */
  readonly reach: Float32Array | undefined;
}

/**
 * The index arrays that a search over the whole network and the pricing of
 * its deals read (the search itself runs on the search graph's arrays), given
 * to every thread at once; the others (the out-adjacency the graph replaces,
 * the arcs' trade ranges, the record positions) go only to a thread that asks,
 * so the calling thread does not read them from a snapshot for nothing.
 */
export const searchArrays = [
  "firmHurdle",
  "firmKeyAccount",
  "needFirm",
  "needQuantity",
  "offerCapacity",
  "offerFirm",
  "offerPrice",
  "offerProduct",
  "offerUnitMargin",
  "probabilityValues",
  "tradeNeed",
  "tradeOffer",
  "tradePremium",
  "tradeProbabilityCode",
] as const satisfies readonly IndexArrayName[];

/**
 * Reads ahead, from the snapshot `network` was read from, the arrays a
 * search over the whole network prices its deals with (`searchArrays`), the
 * incumbents' floors (`floors`: to price under the counter, or to build
 * deals on other threads) and the surplus bound's tables (`surplusBound`: a
 * ranking of the best N by surplus); nothing for another network.
 */
export function prefetchPricing(
  network: Network,
  { floors, surplusBound }: { readonly floors: boolean; readonly surplusBound: boolean },
): Promise<void> {
  return prefetchStoredIndex(network, searchArrays, [
    ...(floors ? floorSectionNames : []),
    ...(surplusBound ? surplusBoundSections : []),
  ]);
}

type SharedArray =
  | Int32Array
  | Uint32Array
  | Uint16Array
  | Uint8Array
  | Float32Array
  | Float64Array;

/** The array itself when it views shared memory, else a copy in shared memory. */
function inSharedMemory<T extends SharedArray>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Kind = array.constructor as new (buffer: ArrayBuffer, offset: number, length: number) => T;
  const copy = new Kind(
    new SharedArrayBuffer(array.byteLength) as ArrayBufferLike as ArrayBuffer,
    0,
    array.length,
  );
  copy.set(array as never);
  return copy;
}

function sharedFloors({ floor, reference }: IncumbentFloors): IncumbentFloors {
  return { floor: inSharedMemory(floor), reference: inSharedMemory(reference) };
}

/** A pool's arrays in shared memory (a snapshot's pool as it is). */
function sharedStrings(list: StringList): SharedStrings {
  const pool = "pool" in list && list.pool instanceof Utf8Pool ? list.pool : poolOf(list);
  return { bytes: inSharedMemory(pool.bytesView()), ends: inSharedMemory(pool.endsView()) };
}

/** The id each shared index goes by (`SharedIndex.id`). */
const shareIds = new WeakMap<TradeIndex, number>();
let nextShareId = 1;

/**
 * The index and its search graph over the whole network (BFS order) as
 * shared memory; with `floors`, the per-need incumbent floors too (what
 * building a deal's counters or pricing under the counter reads from the
 * need records, which worker threads do not have); with `surpluses`, a
 * table of the trades' surpluses (the calling thread fills it); with `reach`, the
 * walks' stored reach bound.
 */
export function shareIndex(
  index: TradeIndex,
  graph: SearchGraph,
  floors: boolean,
  surpluses?: SharedTradeSurpluses,
  reach?: Float32Array,
): SharedIndex {
  const arrays: Partial<Record<IndexArrayName, SharedArray>> = {};
  for (const name of searchArrays) arrays[name] = sharedArray(index, name);
  const graphArrays: Partial<SearchGraphArrays> = {};
  const source = graph.arrays;
  for (const name of searchGraphArrayNames) graphArrays[name] = inSharedMemory(source[name]);
  const ids = index.idLists;
  let id = shareIds.get(index);
  if (id === undefined) {
    id = nextShareId++;
    shareIds.set(index, id);
  }
  return {
    id,
    header: index.header,
    arrays: arrays as Partial<IndexArrayViews>,
    firmIds: sharedStrings(ids.firmIds),
    productIds: sharedStrings(ids.productIds),
    graphHeader: graph.header,
    graph: graphArrays as SearchGraphArrays,
    floors: floors ? sharedFloors(incumbentFloors(index)) : undefined,
    surpluses,
    reach: reach === undefined ? undefined : inSharedMemory(reach),
  };
}

/** An index array in shared memory (what a thread asks for when the job did not carry it). */
export function sharedArray(index: TradeIndex, name: IndexArrayName): SharedArray {
  return inSharedMemory(index[name]);
}

/**
 * A worker thread's index over a shared one, with its search graph (what
 * `searchGraphOf` then returns). Its network has no records: the search, the
 * pricing and the deals' ids and JSON read the index alone. An array the
 * share lacks is asked for (`ask`) on first use.
 */
export function indexOfShare(
  share: SharedIndex,
  ask: (name: IndexArrayName) => unknown,
): TradeIndex {
  const network: Network = { firms: [] };
  const strings = ({ bytes, ends }: SharedStrings) => stringsOf(Utf8Pool.of(bytes, ends));
  const index = TradeIndex.fromArrays(network, {
    header: share.header,
    array: (name) => (share.arrays[name] ?? ask(name)) as never,
    firmIds: strings(share.firmIds),
    productIds: strings(share.productIds),
  });
  adoptSearchGraph(SearchGraph.fromArrays(index, share.graphHeader, share.graph));
  adoptShareTables(index, share);
  return index;
}

/** Views kept per thread, by `SharedIndex.id` (most recent last). */
const views = new Map<number, TradeIndex>();

/** How many indexes a thread keeps its views of. */
const keptViews = 2;

/**
 * A worker thread's index over a shared one (`indexOfShare`), kept for the
 * next rankings over the same index: their tables (floors, surpluses, reach)
 * are adopted again, the arrays, graph and workspaces kept.
 */
export function viewOfShare(
  share: SharedIndex,
  ask: (name: IndexArrayName) => unknown,
): TradeIndex {
  const kept = views.get(share.id);
  if (kept !== undefined) {
    views.delete(share.id);
    views.set(share.id, kept);
    adoptShareTables(kept, share);
    return kept;
  }
  const index = indexOfShare(share, ask);
  views.set(share.id, index);
  for (const old of views.keys()) {
    if (views.size <= keptViews) break;
    views.delete(old);
  }
  return index;
}

/**
 * Adopts the tables a ranking's share carries for its index: a worker
 * thread's view, or the calling thread's own index, which ranks chunks too.
 */
export function adoptShareTables(index: TradeIndex, share: SharedIndex): void {
  if (share.floors !== undefined) adoptIncumbentFloors(index, share.floors);
  if (share.surpluses !== undefined) adoptTradeSurpluses(index, share.surpluses);
  if (share.reach !== undefined) adoptSurplusReach(searchGraphOf(index, true), share.reach);
}
