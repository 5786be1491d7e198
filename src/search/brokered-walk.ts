/**
 * Brokered triangles `S→M, M→D, S→D` over three distinct firms, as firm
 * sequences (the arcs in that order).
 *
 * Triangle listing by marking (as in the C reference `cycles.c`): mark one
 * firm's neighbours with the arc that reaches them, scan a second
 * neighbourhood for marks, unmark. Every ordered triple (S, M, D) is its own
 * firm sequence, so a triangle with arcs both ways may be brokered in several
 * role assignments; each is listed once.
 * - whole network: every root (of the search's root ranges) as S — mark
 *   succ(S), scan succ(M) for M in succ(S);
 * - around an initiator f, in each role: as S the same from f; as M mark
 *   succ(f) and scan succ(S) for S in pred(f); as D mark pred(f) and scan
 *   pred(M) for M in pred(f).
 */
import {
  abortCheckInterval,
  type DealWalk,
  pausedWalk,
  type SearchControl,
  type SearchStats,
} from "./deal-walk.js";
import type { RootCursor } from "./root-ranges.js";
import type { SearchGraph, SearchWorkspace } from "./search-graph.js";
import type { SurplusBound } from "./surplus-bound.js";

const asSeller = 0;
const asMiddle = 1;
const asDestination = 2;

/** The resumable brokered-triangle search. */
export class BrokeredWalk implements DealWalk {
  readonly kind = "brokered" as const;
  private root: number;
  private role: number;
  /** Outer scan over the first neighbourhood, inner scan over the second. */
  private outer = 0;
  private outerEnd = 0;
  private inner = 0;
  private innerEnd = 0;
  /** The arc code of the arc that reached the inner scan's firm (S→M as S, S→f as M, M→f as D). */
  private outerArc = 0;
  private done = false;
  /** Steps left before the next look at the control (kept across calls). */
  private budget = abortCheckInterval;

  /**
   * @param initiator a firm integer, or -1 for the whole network
   * @param roots the roots of a search over the whole network (unused with an initiator)
   */
  constructor(
    private readonly graph: SearchGraph,
    private readonly workspace: SearchWorkspace,
    private readonly initiator: number,
    private readonly roots: RootCursor,
    private readonly stats: SearchStats,
    private readonly control: SearchControl,
    /** Leaves out the sellers and middle firms whose triangles cannot reach its floor (a search over the whole network only: the sellers are its roots). */
    private readonly bound?: SurplusBound,
  ) {
    this.root = initiator < 0 ? -1 : graph.vertexOf[initiator];
    this.role = initiator < 0 ? asSeller : -1;
  }

  nextShape(arcs: Int32Array): number {
    if (this.done) return 0;
    const { outOffsets, outTarget, outCode, inOffsets, inSource, inCode } = this.graph;
    const mark = this.workspace.mark;
    const stats = this.stats;
    let { outer, outerEnd, inner, innerEnd, outerArc } = this;
    let budget = this.budget;
    // The floor holds still during a call (the scan sets it between deals).
    const bound = this.bound;
    const floor = bound === undefined ? Number.NEGATIVE_INFINITY : bound.floor;
    const reach = floor === Number.NEGATIVE_INFINITY ? undefined : bound?.reach;
    let steps = 0;
    for (;;) {
      if (budget <= 0) {
        budget = abortCheckInterval;
        stats.steps += steps;
        steps = 0;
        if (this.control.due()) {
          this.outer = outer;
          this.outerEnd = outerEnd;
          this.inner = inner;
          this.innerEnd = innerEnd;
          this.outerArc = outerArc;
          this.budget = budget;
          return pausedWalk;
        }
      }
      // Inner scan: the third firm must be marked.
      if (inner < innerEnd) {
        const role = this.role;
        const start = inner;
        const end = Math.min(innerEnd, inner + budget);
        let found = -1;
        if (role !== asDestination) {
          // The third firm is D, reached forwards: from M (as S) or from S (as M).
          for (; inner < end; inner++) {
            if (mark[outTarget[inner]] !== 0) {
              found = inner++;
              break;
            }
          }
        } else {
          // The third firm is S, reached backwards from M.
          for (; inner < end; inner++) {
            if (mark[inSource[inner]] !== 0) {
              found = inner++;
              break;
            }
          }
        }
        steps += inner - start;
        budget -= inner - start;
        if (found < 0) continue;
        // S→M, M→D and S→D (a bound comes only over the whole network: the root is S).
        if (
          reach !== undefined &&
          bound !== undefined &&
          bound.arcWeight(outerArc) +
            bound.arcWeight(outCode[found]) +
            bound.arcWeight(outCode[mark[outTarget[found]] - 1]) <
            floor
        )
          continue;
        if (role === asSeller) {
          arcs[0] = outerArc;
          arcs[1] = outCode[found];
          arcs[2] = outCode[mark[outTarget[found]] - 1];
        } else if (role === asMiddle) {
          arcs[0] = outerArc;
          arcs[1] = outCode[mark[outTarget[found]] - 1];
          arcs[2] = outCode[found];
        } else {
          arcs[0] = inCode[found];
          arcs[1] = outerArc;
          arcs[2] = inCode[mark[inSource[found]] - 1];
        }
        this.outer = outer;
        this.inner = inner;
        this.innerEnd = innerEnd;
        this.outerArc = outerArc;
        this.budget = budget;
        stats.steps += steps;
        return 3;
      }
      // Outer scan: the next middle firm (as S), seller (as M) or middle firm (as D).
      if (outer < outerEnd) {
        const role = this.role;
        if (role === asSeller) {
          outerArc = outCode[outer];
          const m = outTarget[outer];
          inner = outOffsets[m];
          innerEnd = outOffsets[m + 1];
          // S→M, then at best M's and S's heaviest arcs out.
          if (
            reach !== undefined &&
            bound !== undefined &&
            bound.arcWeight(outerArc) + reach[m] + reach[this.root] < floor
          )
            innerEnd = inner;
        } else {
          outerArc = inCode[outer];
          const v = inSource[outer];
          if (role === asMiddle) {
            inner = outOffsets[v];
            innerEnd = outOffsets[v + 1];
          } else {
            inner = inOffsets[v];
            innerEnd = inOffsets[v + 1];
          }
        }
        outer++;
        budget--;
        continue;
      }
      // The next root (whole network) or role (initiator).
      budget--;
      if (!this.advance()) {
        this.budget = budget;
        stats.steps += steps;
        this.done = true;
        return 0;
      }
      ({ outer, outerEnd, inner, innerEnd } = this);
    }
  }

  /** The outer scan's share (around an initiator, of its three roles in turn). */
  rootShare(): number {
    if (this.done || this.root < 0 || (this.initiator >= 0 && this.role < 0)) return 0;
    const { outOffsets, inOffsets } = this.graph;
    const start = this.role === asSeller ? outOffsets[this.root] : inOffsets[this.root];
    const width = this.outerEnd - start;
    const share = width <= 0 ? 1 : Math.min(1, Math.max(0, this.outer - 1 - start) / width);
    return this.initiator < 0 ? share : (this.role + share) / 3;
  }

  /** Unmarks the current root's neighbourhood, moves to the next root or role and marks its; false when none is left. */
  private advance(): boolean {
    const { outOffsets, inOffsets } = this.graph;
    let v: number;
    if (this.initiator < 0) {
      if (this.root >= 0) {
        this.setMarks(this.root, false);
        this.stats.rootsDone++;
      }
      let next = this.roots.after(this.root);
      const bound = this.bound;
      if (bound !== undefined && bound.floor !== Number.NEGATIVE_INFINITY) {
        // S→M→D at best S's reach over two arcs, S→D at best its heaviest arc out.
        const { reach } = bound;
        const n = this.graph.vertexCount;
        while (next >= 0 && reach[n + next] + reach[next] < bound.floor) {
          this.stats.rootsDone++;
          next = this.roots.after(next);
        }
      }
      if (next < 0) return false;
      this.root = next;
      v = next;
    } else {
      v = this.root;
      if (this.role >= 0) this.setMarks(v, false);
      if (++this.role > asDestination) {
        this.stats.rootsDone++;
        return false;
      }
    }
    this.setMarks(v, true);
    if (this.role === asSeller) {
      this.outer = outOffsets[v];
      this.outerEnd = outOffsets[v + 1];
    } else {
      this.outer = inOffsets[v];
      this.outerEnd = inOffsets[v + 1];
    }
    this.inner = 0;
    this.innerEnd = 0;
    return true;
  }

  /** Marks (or unmarks) v's first neighbourhood for the current role: predecessors as D, else successors. */
  private setMarks(v: number, on: boolean): void {
    const { outOffsets, outTarget, inOffsets, inSource } = this.graph;
    const mark = this.workspace.mark;
    if (this.role === asDestination) {
      for (let i = inOffsets[v]; i < inOffsets[v + 1]; i++) mark[inSource[i]] = on ? i + 1 : 0;
    } else {
      for (let p = outOffsets[v]; p < outOffsets[v + 1]; p++) mark[outTarget[p]] = on ? p + 1 : 0;
    }
  }
}
