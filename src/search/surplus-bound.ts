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
 * whose weight so far plus the reach of its last firm cannot; a brokered
 * walk skips a seller, or a middle firm, the same way. What is left out is
 * exactly what the scan would pass over unloaded, so the ranking is the
 * same; the floor only rises during a search.
 *
 * The reach is kept in float32 rounded up (4 bytes a firm and level).
 */
import type { TradeIndex } from "../trade-index/trade-index.js";
import type { SurplusTable } from "../trade-index/trade-surplus.js";
import { float32Above } from "../util/float32.js";
import type { SearchGraph } from "./search-graph.js";

/** The reach of each graph, per number of levels: built once, shared by every search over it. */
const reachCache = new WeakMap<SearchGraph, Map<number, Float32Array>>();

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
        reach = this.buildReach();
        byLevels.set(this.levels, reach);
      }
      this.reachLevels = reach;
    }
    return this.reachLevels;
  }

  private buildReach(): Float32Array {
    const { outOffsets, outTarget, outCode, vertexCount: n } = this.graph;
    const reach = new Float32Array(this.levels * n);
    // Level 1: each firm's heaviest arc out.
    for (let v = 0; v < n; v++) {
      let best = Number.NEGATIVE_INFINITY;
      for (let p = outOffsets[v]; p < outOffsets[v + 1]; p++) {
        const weight = this.arcWeight(outCode[p]);
        if (weight > best) best = weight;
      }
      reach[v] = float32Above(best);
    }
    // Level l: the heaviest arc out, then at best the best successor's level l − 1
    // (looser than pairing each arc with its own successor, but no weight per arc is kept).
    for (let level = 1; level < this.levels; level++) {
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
