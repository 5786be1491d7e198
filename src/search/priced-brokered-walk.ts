/**
 * Brokered triangles `S→M, M→D, S→D` that can be worth more than the
 * threshold τ under the weights of `ArcPrices`: Σ weights + penalty(S) −
 * penalty(D) (column generation's pricing).
 *
 * Like `BrokeredWalk` over the whole network: every firm as S marks its
 * successors D with the arc S→D, then scans the successors of each M it
 * sells to; an M is skipped when even its best arc onwards and S's best
 * S→D (less D's penalty) cannot lift the triangle above τ.
 */
import type { ArcPrices } from "./arc-prices.js";
import { budgetSpent, type PricedWalk } from "./priced-walk.js";
import type { SearchWorkspace } from "./search-graph.js";

/** The resumable priced brokered search over the whole network. */
export class PricedBrokeredWalk implements PricedWalk {
  readonly kind = "brokered" as const;
  steps = 0;
  private seller = -1;
  /** Scan over S's out-positions (to M), and over M's (to D). */
  private outer = 0;
  private outerEnd = 0;
  private inner = 0;
  private innerEnd = 0;
  private done = false;

  constructor(
    private readonly prices: ArcPrices,
    private readonly workspace: SearchWorkspace,
  ) {}

  get root(): number {
    return this.seller < this.prices.graph.vertexCount ? this.seller : -1;
  }

  skipRoot(): void {
    this.outer = this.outerEnd;
    this.inner = this.innerEnd;
  }

  nextShape(arcs: Int32Array, budget: number): number {
    if (this.done) return 0;
    const prices = this.prices;
    const { outOffsets, outTarget, outCode, vertexCount: n } = prices.graph;
    const { outWeight, penalty, maxOut, chainReach } = prices;
    const mark = this.workspace.mark;
    const slack = prices.slack;
    let { seller, outer, outerEnd, inner, innerEnd } = this;
    let steps = 0;
    for (;;) {
      if (inner < innerEnd) {
        const p = inner++;
        const d = outTarget[p];
        if (mark[d] === 0) continue;
        const sd = mark[d] - 1;
        const sm = outer - 1;
        const total = outWeight[sm] + outWeight[p] + outWeight[sd] + penalty[seller] - penalty[d];
        if (!(total > prices.threshold)) continue;
        arcs[0] = outCode[sm];
        arcs[1] = outCode[p];
        arcs[2] = outCode[sd];
        this.save(seller, outer, outerEnd, inner, innerEnd, steps);
        return 3;
      }
      if (steps >= budget) {
        this.save(seller, outer, outerEnd, inner, innerEnd, steps);
        return budgetSpent;
      }
      steps++;
      if (outer < outerEnd) {
        const p = outer++;
        const m = outTarget[p];
        // Best possible: S→M, M's best arc, S's best S→D less D's penalty.
        const best = outWeight[p] + maxOut[m] + chainReach[seller] + penalty[seller];
        if (best > prices.threshold - slack) {
          inner = outOffsets[m];
          innerEnd = outOffsets[m + 1];
          steps += innerEnd - inner;
        }
        continue;
      }
      if (seller >= 0) {
        for (let p = outOffsets[seller]; p < outOffsets[seller + 1]; p++) mark[outTarget[p]] = 0;
      }
      if (++seller >= n) {
        this.done = true;
        this.save(seller, outer, outerEnd, inner, innerEnd, steps);
        return 0;
      }
      for (let p = outOffsets[seller]; p < outOffsets[seller + 1]; p++) mark[outTarget[p]] = p + 1;
      outer = outOffsets[seller];
      outerEnd = outOffsets[seller + 1];
    }
  }

  private save(
    seller: number,
    outer: number,
    outerEnd: number,
    inner: number,
    innerEnd: number,
    steps: number,
  ): void {
    this.seller = seller;
    this.outer = outer;
    this.outerEnd = outerEnd;
    this.inner = inner;
    this.innerEnd = innerEnd;
    this.steps += steps;
  }
}
