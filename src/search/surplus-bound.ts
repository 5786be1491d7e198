/**
 * Bounds that let the walks leave out paths whose deals cannot reach a
 * surplus floor (a ranking of the best N by a surplus objective, which
 * passes over every deal below its worst kept score: `surplusFloor`).
 *
 * An arc weighs the largest surplus share (m − c, `tradeSurpluses`) of its
 * trades, so a firm sequence weighs at least the surplus of any deal of its
 * product choices; `reach(l, v)` bounds from above what a walk of 1..l arcs
 * from v weighs (stopping anywhere, firms repeated or not). A cycle walk
 * then skips a root whose reach cannot lift a cycle to the floor, and a path
 * whose weight so far plus the reach of its last firm cannot; a chain walk
 * skips a sponsor, and a path, the same way; a brokered walk skips a
 * seller, or a middle firm. What is left out is
 * exactly what the scan would pass over unloaded, so the ranking is the
 * same; the floor only rises during a search.
 *
 * The reach is kept in float32 rounded up (4 bytes a firm and level). A
 * snapshot stores it for walks of up to `storedReachLevels` arcs over its
 * search graph (`reachSectionName`, written by `convert` from the exact
 * table it stores beside it): a search of up to that many parties reads it
 * where it would build it (at 1M firms ~0.35 s), one of more parties builds
 * only the levels beyond it, and worker threads share it
 * (`sharedSurplusReach`, `adoptSurplusReach`).
 */
import type { SectionData } from "../model/snapshot/snapshot-file.js";
import { snapshotOf } from "../model/snapshot/snapshot-of.js";
import type { TradeIndex } from "../trade-index/trade-index.js";
import { type SurplusTable, surplusSectionName } from "../trade-index/trade-surplus.js";
import { float32Above } from "../util/float32.js";
import type { SearchGraph } from "./search-graph.js";

/**
 * The snapshot section of the reach of a snapshot's search graph (levels
 * 1..`storedReachLevels`, the float32 values' bits as u32). An optional
 * section: a snapshot without it (written before it) builds the reach.
 */
export const reachSectionName = "graph.surplusReach";

/** The levels a snapshot stores: enough for deals of up to 4 parties (the default is 3). */
export const storedReachLevels = 4;

/** The reach of each graph, per number of levels: built once, shared by every search over it. */
const reachCache = new WeakMap<SearchGraph, Map<number, Float32Array>>();

/** A reach of several levels stored for a graph (a snapshot's, or a worker thread's shared one). */
const storedReaches = new WeakMap<SearchGraph, Float32Array>();

/**
 * The stored reach a graph's walks of up to `levels` arcs can use: its
 * snapshot's section (the BFS graph a snapshot stores), or one adopted by
 * `adoptSurplusReach` — the whole of it, levels 1..L with L ≥ `levels`;
 * undefined where none is stored, or it holds fewer levels.
 *
 * @example
 * const reach = storedSurplusReach(graph, index, 3)?.subarray(0, 3 * graph.vertexCount);
 */
export function storedSurplusReach(
  graph: SearchGraph,
  index: TradeIndex,
  levels: number,
): Float32Array | undefined {
  let stored = storedReaches.get(graph);
  if (stored === undefined) {
    const file = snapshotOf(index.network);
    if (file === undefined || graph.order !== "bfs" || !file.has(reachSectionName))
      return undefined;
    // Stored as the floats' bits (u32): a section type every reader of the format knows.
    const bits = file.typed(reachSectionName, "u32");
    stored = new Float32Array(bits.buffer, bits.byteOffset, bits.length);
    storedReaches.set(graph, stored);
  }
  const n = graph.vertexCount;
  return stored.length % Math.max(n, 1) === 0 && stored.length >= levels * n ? stored : undefined;
}

/**
 * The reach a ranking's worker threads share for walks of up to `levels`
 * arcs: the snapshot's, extended on this thread when it stores fewer levels
 * (one pass over the arcs per level, where each thread would build it whole);
 * undefined when none is stored (each thread builds its own, from the table
 * of surpluses its threads fill).
 *
 * @param values - the snapshot's stored table of surpluses (what its reach was built from)
 */
export function sharedSurplusReach(
  graph: SearchGraph,
  index: TradeIndex,
  values: SurplusTable,
  levels: number,
): Float32Array | undefined {
  if (storedSurplusReach(graph, index, 1) === undefined) return undefined;
  const reach = new SurplusBound(graph, index, values, levels).reach;
  return reach.buffer instanceof SharedArrayBuffer ? reach : undefined;
}

/** Makes `reach` (levels 1..L of `graph`, as a snapshot stores them) the graph's: a worker thread's view of the job's. */
export function adoptSurplusReach(graph: SearchGraph, reach: Float32Array): void {
  storedReaches.set(graph, reach);
}

/**
 * The snapshot sections a ranking with a surplus bound reads, when stored:
 * the trades' surpluses and the walks' reach (for reading ahead).
 */
export const surplusBoundSections = [surplusSectionName, reachSectionName] as const;

/**
 * The reach of a graph's walks of up to `storedReachLevels` arcs, for a
 * snapshot (`reachSectionName`), from the exact table the snapshot stores.
 */
export function surplusReachSections(
  graph: SearchGraph,
  index: TradeIndex,
  values: Float64Array,
): SectionData[] {
  const { reach } = new SurplusBound(graph, index, values, storedReachLevels);
  return [
    {
      name: reachSectionName,
      array: new Uint32Array(reach.buffer, reach.byteOffset, reach.length),
    },
  ];
}

/** The surplus floor of a running search, and the bounds its walks compare with it. */
export class SurplusBound {
  /** Deals below this surplus are passed over (−Infinity: none; set by the scan before each step). */
  floor = Number.NEGATIVE_INFINITY;
  private reachLevels: Float32Array | undefined;

  constructor(
    private readonly graph: SearchGraph,
    /** The index (its arc trade ranges, read for arcs of several trades only). */
    private readonly index: TradeIndex,
    /** m − c of every trade of the index, or more (`tradeSurpluses`). */
    readonly values: SurplusTable,
    /** The most arcs a walk takes (maxParties). */
    readonly levels: number,
  ) {}

  /** The weight of an arc code: its trade's surplus share, or the largest of its trades'. */
  arcWeight(code: number): number {
    if (code >= 0) return this.values[code >>> 1];
    const { values } = this;
    const arcTrades = this.index.arcTrades;
    let best = Number.NEGATIVE_INFINITY;
    for (let t = arcTrades[~code]; t < arcTrades[~code + 1]; t++) {
      if (values[t] > best) best = values[t];
    }
    return best;
  }

  /**
   * `reach[(l − 1)·n + v]` for l = 1..levels: at least the weight of any walk
   * of 1..l arcs from search vertex v (−Infinity where v has no arc out).
   * Built on first use: one pass over the arcs per level.
   */
  get reach(): Float32Array {
    if (this.reachLevels === undefined) {
      let byLevels = reachCache.get(this.graph);
      if (byLevels === undefined) {
        byLevels = new Map();
        reachCache.set(this.graph, byLevels);
      }
      let reach = byLevels.get(this.levels);
      if (reach === undefined) {
        reach =
          storedSurplusReach(this.graph, this.index, this.levels)?.subarray(
            0,
            this.levels * this.graph.vertexCount,
          ) ?? this.buildReach(storedSurplusReach(this.graph, this.index, 1));
        byLevels.set(this.levels, reach);
      }
      this.reachLevels = reach;
    }
    return this.reachLevels;
  }

  /**
   * Builds the reach: on the levels a snapshot stores (`stored`, fewer than
   * wanted: one pass over the arcs per level beyond them, where building it
   * whole also weighs every arc), else whole. In shared memory (where there
   * is any), so that a ranking's worker threads can share it
   * (`sharedSurplusReach`).
   */
  private buildReach(stored: Float32Array | undefined): Float32Array {
    const { outOffsets, outTarget, outCode, vertexCount: n } = this.graph;
    // Shared memory where there is any (not in a browser page that is not cross-origin isolated).
    const bytes = 4 * this.levels * n;
    const reach = new Float32Array(
      typeof SharedArrayBuffer === "function"
        ? (new SharedArrayBuffer(bytes) as ArrayBufferLike as ArrayBuffer)
        : new ArrayBuffer(bytes),
    );
    let built = stored === undefined || n === 0 ? 0 : Math.min(this.levels, stored.length / n);
    if (built > 0) reach.set((stored as Float32Array).subarray(0, built * n));
    else {
      // Level 1: each firm's heaviest arc out.
      for (let v = 0; v < n; v++) {
        let best = Number.NEGATIVE_INFINITY;
        for (let p = outOffsets[v]; p < outOffsets[v + 1]; p++) {
          const weight = this.arcWeight(outCode[p]);
          if (weight > best) best = weight;
        }
        reach[v] = float32Above(best);
      }
      built = 1;
    }
    // Level l: the heaviest arc out, then at best the best successor's level l − 1
    // (looser than pairing each arc with its own successor, but no weight per arc is kept).
    for (let level = built; level < this.levels; level++) {
      const at = level * n;
      const before = at - n;
      for (let v = 0; v < n; v++) {
        let onwards = 0;
        for (let p = outOffsets[v]; p < outOffsets[v + 1]; p++) {
          const tail = reach[before + outTarget[p]];
          if (tail > onwards) onwards = tail;
        }
        reach[at + v] = float32Above(reach[v] + onwards);
      }
    }
    return reach;
  }
}
