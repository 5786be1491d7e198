/**
 * Cycles of 2..maxParties firms that can be worth more than the threshold τ
 * under the arc weights of `ArcPrices` (column generation's pricing).
 *
 * Gas-station rule: a cycle of k arcs whose weights sum above τ has a
 * rotation in which every proper prefix of j arcs sums above j·τ/k (take
 * w − τ/k per arc: the total is positive, and the rotation starting after
 * the last minimum of its prefix sums keeps every prefix positive). With
 * c = τ/maxParties for τ ≥ 0, τ/2 for τ < 0 (so j·c ≤ j·τ/k), the DFS from
 * each root extends a path only while its prefix sums stay above j·c, which
 * on LP prices leaves out almost every path. A cycle may pass that rule from
 * several roots: it is handed out from the smallest (in search order) that
 * passes it, which the walk checks by recomputing every rotation's sums in
 * the same order as that root's DFS would. Paths are also cut where even the
 * best walk onwards (`reach`) cannot lift them above τ.
 *
 * Like `CycleWalk`: iterative DFS with an explicit stack, the root's
 * predecessors marked with their arc back, and the cycle rotated to its
 * smallest firm id when handed out.
 */
import type { ArcPrices } from "./arc-prices.js";
import { budgetSpent, type PricedWalk } from "./priced-walk.js";
import type { SearchWorkspace } from "./search-graph.js";

/** The resumable priced cycle search over the whole network. */
export class PricedCycleWalk implements PricedWalk {
  readonly kind = "cycle" as const;
  steps = 0;
  private readonly pathVertex: Int32Array;
  private readonly pathPosition: Int32Array;
  private readonly prefix: Float64Array;
  private readonly position: Int32Array;
  private readonly end: Int32Array;
  private readonly weights: Float64Array;
  private depth = -1;
  private current = -1;
  private done = false;

  constructor(
    private readonly prices: ArcPrices,
    private readonly workspace: SearchWorkspace,
  ) {
    const k = prices.maxParties;
    this.pathVertex = new Int32Array(k);
    this.pathPosition = new Int32Array(k);
    this.prefix = new Float64Array(k);
    this.position = new Int32Array(k);
    this.end = new Int32Array(k);
    this.weights = new Float64Array(k);
  }

  nextShape(arcs: Int32Array, budget: number): number {
    if (this.done) return 0;
    const prices = this.prices;
    const { outOffsets, outTarget, inOffsets, inSource, vertexCount: n } = prices.graph;
    const { outWeight, inWeight, maxOut, maxIn, reach } = prices;
    const mark = this.workspace.mark;
    const { pathVertex, pathPosition, prefix, position, end } = this;
    const k = prices.maxParties;
    const slack = prices.slack;
    let depth = this.depth;
    let root = this.current;
    let steps = 0;
    for (;;) {
      if (depth < 0) {
        if (root >= 0) {
          for (let i = inOffsets[root]; i < inOffsets[root + 1]; i++) mark[inSource[i]] = 0;
        }
        if (++root >= n) {
          this.done = true;
          this.steps += steps;
          this.current = root;
          return 0;
        }
        const tau = prices.threshold;
        const c = tau >= 0 ? tau / k : tau / 2;
        if (!(maxOut[root] > c) || maxIn[root] === Number.NEGATIVE_INFINITY) continue;
        for (let i = inOffsets[root]; i < inOffsets[root + 1]; i++) mark[inSource[i]] = i + 1;
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
      const c = tau >= 0 ? tau / k : tau / 2;
      const arcsSoFar = depth + 1;
      const sum = prefix[depth] + outWeight[p];
      if (!(sum > arcsSoFar * c)) continue;
      let found = 0;
      if (
        mark[x] !== 0 &&
        sum + inWeight[mark[x] - 1] > tau &&
        (prices.anyRoot || this.firstRoot(depth, p, x, c, tau))
      ) {
        found = this.emit(arcs, depth, p, x);
      }
      // Deeper: one more firm (and then at least the closing arc) still fits.
      if (arcsSoFar + 1 < k) {
        const left = k - arcsSoFar;
        const onwards = reach[(left - 1) * n + x];
        const closing = Math.max(0, reach[(left - 2) * n + x]) + maxIn[root];
        if (sum + Math.min(onwards, closing) > tau - slack) {
          depth++;
          pathVertex[depth] = x;
          pathPosition[depth] = p;
          prefix[depth] = sum;
          position[depth] = outOffsets[x];
          end[depth] = outOffsets[x + 1];
        }
      }
      if (found > 0) {
        this.depth = depth;
        this.current = root;
        this.steps += steps;
        return found;
      }
    }
  }

  get root(): number {
    return this.depth < 0 ? -1 : this.current;
  }

  skipRoot(): void {
    this.depth = -1;
  }

  /**
   * Whether the root is the smallest search vertex from which the cycle
   * `path[0..depth], x` passes the DFS rule (every rotation's sums taken in
   * the order its own DFS would).
   */
  private firstRoot(depth: number, p: number, x: number, c: number, tau: number): boolean {
    const { pathVertex, pathPosition, weights } = this;
    const { outWeight, inWeight } = this.prices;
    const mark = this.workspace.mark;
    const k = depth + 2;
    for (let i = 1; i <= depth; i++) weights[i - 1] = outWeight[pathPosition[i]];
    weights[depth] = outWeight[p];
    weights[depth + 1] = inWeight[mark[x] - 1];
    const root = pathVertex[0];
    for (let s = 1; s < k; s++) {
      const vertex = s <= depth ? pathVertex[s] : x;
      if (vertex >= root) continue;
      let sum = 0;
      let passes = true;
      for (let i = 0; i < k - 1 && passes; i++) {
        sum += weights[(s + i) % k];
        passes = sum > (i + 1) * c;
      }
      if (passes && sum + weights[(s + k - 1) % k] > tau) return false;
    }
    return true;
  }

  /** Writes the cycle's arc codes rotated to its smallest firm; returns its length. */
  private emit(arcs: Int32Array, depth: number, p: number, x: number): number {
    const { outCode, inCode, firmOf } = this.prices.graph;
    const { pathVertex, pathPosition } = this;
    const parties = depth + 2;
    for (let i = 1; i <= depth; i++) arcs[i - 1] = outCode[pathPosition[i]];
    arcs[depth] = outCode[p];
    arcs[depth + 1] = inCode[this.workspace.mark[x] - 1];
    // arcs[i] leaves the path's firm i (arcs[depth + 1] leaves x): rotate to the smallest.
    let start = 0;
    let smallest = firmOf[pathVertex[0]];
    for (let i = 1; i <= depth; i++) {
      const f = firmOf[pathVertex[i]];
      if (f < smallest) {
        smallest = f;
        start = i;
      }
    }
    if (firmOf[x] < smallest) start = depth + 1;
    if (start > 0) {
      reverse(arcs, 0, start);
      reverse(arcs, start, parties);
      reverse(arcs, 0, parties);
    }
    return parties;
  }
}

/** Reverses `array[from..to)` in place. */
function reverse(array: Int32Array, from: number, to: number): void {
  for (let i = from, j = to - 1; i < j; i++, j--) {
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
}
