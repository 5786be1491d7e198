/**
 * Sponsored chains `v1→…→vk` (3..maxParties firms, v1 the sponsor) that can
 * be worth more than the threshold τ under the weights of `ArcPrices`: Σ
 * weights less the last firm's penalty (column generation's pricing).
 *
 * Like `ChainWalk` over the whole network (every firm the sponsor in turn, a
 * forward DFS with an explicit stack), cut where even the best continuation
 * (`chainReach`: the most the rest of a walk can add, its end's penalty
 * taken off) cannot lift the chain above τ.
 */
import type { ArcPrices } from "./arc-prices.js";
import { budgetSpent, type PricedWalk } from "./priced-walk.js";

/** The resumable priced chain search over the whole network. */
export class PricedChainWalk implements PricedWalk {
  readonly kind = "chain" as const;
  steps = 0;
  private readonly pathVertex: Int32Array;
  private readonly pathPosition: Int32Array;
  private readonly prefix: Float64Array;
  private readonly position: Int32Array;
  private readonly end: Int32Array;
  private depth = -1;
  private current = -1;
  private done = false;

  constructor(private readonly prices: ArcPrices) {
    const k = prices.maxParties;
    this.pathVertex = new Int32Array(k);
    this.pathPosition = new Int32Array(k);
    this.prefix = new Float64Array(k);
    this.position = new Int32Array(k);
    this.end = new Int32Array(k);
  }

  get root(): number {
    return this.depth < 0 ? -1 : this.current;
  }

  skipRoot(): void {
    this.depth = -1;
  }

  nextShape(arcs: Int32Array, budget: number): number {
    if (this.done) return 0;
    const prices = this.prices;
    const { outOffsets, outTarget, outCode, vertexCount: n } = prices.graph;
    const { outWeight, penalty, chainReach } = prices;
    const { pathVertex, pathPosition, prefix, position, end } = this;
    const k = prices.maxParties;
    const slack = prices.slack;
    let depth = this.depth;
    let root = this.current;
    let steps = 0;
    for (;;) {
      if (depth < 0) {
        if (++root >= n) {
          this.done = true;
          this.steps += steps;
          this.current = root;
          return 0;
        }
        if (!(chainReach[(k - 2) * n + root] > prices.threshold - slack)) continue;
        pathVertex[0] = root;
        prefix[0] = 0;
        position[0] = outOffsets[root];
        end[0] = outOffsets[root + 1];
        depth = 0;
      }
      const p = position[depth];
      if (p === end[depth]) {
        depth--;
        continue;
      }
      if (steps >= budget) {
        this.depth = depth;
        this.current = root;
        this.steps += steps;
        return budgetSpent;
      }
      steps++;
      position[depth] = p + 1;
      const x = outTarget[p];
      let onPath = false;
      for (let i = 0; i <= depth && !onPath; i++) onPath = pathVertex[i] === x;
      if (onPath) continue;
      const tau = prices.threshold;
      const sum = prefix[depth] + outWeight[p];
      const parties = depth + 2;
      const found = parties >= 3 && sum - penalty[x] > tau;
      if (found) {
        for (let i = 1; i <= depth; i++) arcs[i - 1] = outCode[pathPosition[i]];
        arcs[depth] = outCode[p];
      }
      if (parties < k && sum + chainReach[(k - parties - 1) * n + x] > tau - slack) {
        depth++;
        pathVertex[depth] = x;
        pathPosition[depth] = p;
        prefix[depth] = sum;
        position[depth] = outOffsets[x];
        end[depth] = outOffsets[x + 1];
      }
      if (found) {
        this.depth = depth;
        this.current = root;
        this.steps += steps;
        return parties - 1;
      }
    }
  }
}
