/**
 * Weights on the search graph for pricing (column generation, SPEC §6): a
 * weight per trade, as the caller sets it from the LP's row prices, put on
 * every adjacency position (the largest over an arc's trades), a penalty per
 * firm, and per-firm bounds on what the rest of a walk can still add, so the
 * priced walks (priced-*-walk.ts) leave out every path that cannot end in a
 * deal worth more than the threshold.
 *
 * The convention the walks read the weights with: a trade's weight holds its
 * value less the prices of its offer, its need and its seller, and a firm's
 * penalty is its own price. Then a cycle is worth Σ weights, a chain Σ
 * weights − its last firm's penalty, a brokered S→M, M→D, S→D Σ weights +
 * penalty(S) − penalty(D) (S sells twice, D not at all). Those sums are upper
 * bounds of the priced deal (the caller prices each deal exactly); every
 * bound below is an upper bound of them over walks that may repeat firms.
 */
import type { SearchGraph } from "./search-graph.js";

/** Weights and reach bounds over a search graph, for one pricing round. */
export class ArcPrices {
  /** Weight of each out-position (the largest of its arc's trades). */
  readonly outWeight: Float64Array;
  /** Weight of each in-position (equal to its out-position's). */
  readonly inWeight: Float64Array;
  /** Penalty of each search vertex. */
  readonly penalty: Float64Array;
  /** Largest weight out of and into each vertex (−Infinity when none). */
  readonly maxOut: Float64Array;
  readonly maxIn: Float64Array;
  /**
   * `reach[(r − 1)·n + v]`, r = 1..maxParties: the most a walk of 1..r arcs
   * from v can weigh (cycles).
   */
  readonly reach: Float64Array;
  /**
   * `chainReach[(r − 1)·n + v]`: the most a walk of 1..r arcs from v can
   * weigh less the penalty of its last vertex (chains; r = 1 also bounds the
   * last two arcs of a brokered deal).
   */
  readonly chainReach: Float64Array;
  /**
   * Only deals worth more than this are wanted; the walks read it at every
   * check, so the caller may raise it while a search runs.
   */
  threshold = 0;
  /**
   * Hand a cycle out from every root it passes the rule from, not only the
   * smallest (for a quick spread-out start: the caller drops repeats).
   */
  anyRoot = false;
  /** The largest |weight| or |penalty|: the scale of rounding slack. */
  readonly scale: number;

  /**
   * @param tradeWeight weight per trade integer of the index
   * @param firmPenalty penalty per firm integer of the index
   */
  constructor(
    readonly graph: SearchGraph,
    tradeWeight: Float64Array,
    firmPenalty: Float64Array,
    readonly maxParties: number,
  ) {
    const { outOffsets, outTarget, outCode, inOffsets, inCode, firmOf, vertexCount: n } = graph;
    const arcTrades = graph.index.arcTrades;
    const positions = outTarget.length;
    const weightOf = (code: number): number => {
      if (code >= 0) return tradeWeight[code >>> 1];
      let best = Number.NEGATIVE_INFINITY;
      for (let t = arcTrades[~code]; t < arcTrades[~code + 1]; t++) {
        if (tradeWeight[t] > best) best = tradeWeight[t];
      }
      return best;
    };
    const outWeight = new Float64Array(positions);
    const inWeight = new Float64Array(positions);
    const penalty = new Float64Array(n);
    const maxOut = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    const maxIn = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    let scale = 0;
    for (let v = 0; v < n; v++) {
      penalty[v] = firmPenalty[firmOf[v]];
      scale = Math.max(scale, Math.abs(penalty[v]));
      for (let p = outOffsets[v]; p < outOffsets[v + 1]; p++) {
        const w = weightOf(outCode[p]);
        outWeight[p] = w;
        if (w > maxOut[v]) maxOut[v] = w;
        scale = Math.max(scale, Math.abs(w));
      }
      for (let p = inOffsets[v]; p < inOffsets[v + 1]; p++) {
        const w = weightOf(inCode[p]);
        inWeight[p] = w;
        if (w > maxIn[v]) maxIn[v] = w;
      }
    }
    const depth = Math.max(1, maxParties);
    const reach = new Float64Array(depth * n);
    const chainReach = new Float64Array(depth * n);
    for (let r = 1; r <= depth; r++) {
      const at = (r - 1) * n;
      const before = (r - 2) * n;
      for (let v = 0; v < n; v++) {
        let cycle = Number.NEGATIVE_INFINITY;
        let chain = Number.NEGATIVE_INFINITY;
        for (let p = outOffsets[v]; p < outOffsets[v + 1]; p++) {
          const x = outTarget[p];
          const w = outWeight[p];
          const more = r === 1 ? 0 : Math.max(0, reach[before + x]);
          if (w + more > cycle) cycle = w + more;
          const end = r === 1 ? -penalty[x] : Math.max(-penalty[x], chainReach[before + x]);
          if (w + end > chain) chain = w + end;
        }
        reach[at + v] = cycle;
        chainReach[at + v] = chain;
      }
    }
    this.outWeight = outWeight;
    this.inWeight = inWeight;
    this.penalty = penalty;
    this.maxOut = maxOut;
    this.maxIn = maxIn;
    this.reach = reach;
    this.chainReach = chainReach;
    this.scale = scale;
  }

  /** Slack under which a bound is not trusted to prune (rounding of sums of ≤ 2·12 terms). */
  get slack(): number {
    return 1e-12 * Math.max(1, this.scale) * (2 * this.maxParties + 2);
  }
}
