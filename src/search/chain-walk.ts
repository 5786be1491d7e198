/**
 * Sponsored chains `v1→v2→…→vk` (open paths of 3..maxParties distinct firms,
 * v1 the sponsor), as firm sequences.
 *
 * Iterative DFS with an explicit stack in two parts: a backward part
 * `init ← b1 ← … ← ba` over in-arcs, and on top of each backward prefix a
 * forward part `init → f1 → … → fb` over out-arcs, so a chain through the
 * initiator at any position is found once: as `ba→…→b1→init→f1→…→fb`, when
 * its last firm is pushed. Over the whole network every root (of the search's
 * root ranges) is the sponsor in turn and only the forward part runs. The path is at most 12 firms, so
 * "on the path?" is a scan of it. Over the whole network a `SurplusBound`
 * leaves out the sponsors, and the paths, whose chains cannot reach its floor.
 */
import {
  abortCheckInterval,
  type DealWalk,
  pausedWalk,
  type SearchControl,
  type SearchStats,
  searchShare,
} from "./deal-walk.js";
import type { RootCursor } from "./root-ranges.js";
import type { SearchGraph } from "./search-graph.js";
import type { SurplusBound } from "./surplus-bound.js";

/** The resumable chain search. */
export class ChainWalk implements DealWalk {
  readonly kind = "chain" as const;
  /** Search vertices. backFirm[0] = the root; backFirm[i] reaches backFirm[i-1] by the arc of code backArc[i]. */
  private readonly backFirm: Int32Array;
  private readonly backArc: Int32Array;
  private readonly backPosition: Int32Array;
  private readonly backEnd: Int32Array;
  /** fwdFirm[0] = the root; fwdFirm[i-1] reaches fwdFirm[i] by out-position fwdArc[i]. */
  private readonly fwdFirm: Int32Array;
  private readonly fwdArc: Int32Array;
  private readonly fwdPosition: Int32Array;
  private readonly fwdEnd: Int32Array;
  /** The weight of the forward path from the root to fwdFirm[i] (with a surplus bound). */
  private readonly fwdWeight: Float64Array;
  private back = -1;
  private fwd = 0;
  private forward = false;
  private root: number;
  private started = false;
  private done = false;
  /** Steps left before the next look at the control (kept across calls). */
  private budget = abortCheckInterval;

  /**
   * @param initiator a firm integer, or -1 for the whole network
   * @param roots the roots of a search over the whole network (unused with an initiator)
   */
  constructor(
    private readonly graph: SearchGraph,
    private readonly maxParties: number,
    private readonly initiator: number,
    private readonly roots: RootCursor,
    private readonly stats: SearchStats,
    private readonly control: SearchControl,
    /** Leaves out the paths whose chains cannot reach its floor (a search over the whole network). */
    private readonly bound?: SurplusBound,
  ) {
    this.fwdWeight = new Float64Array(maxParties);
    this.backFirm = new Int32Array(maxParties);
    this.backArc = new Int32Array(maxParties);
    this.backPosition = new Int32Array(maxParties);
    this.backEnd = new Int32Array(maxParties);
    this.fwdFirm = new Int32Array(maxParties);
    this.fwdArc = new Int32Array(maxParties);
    this.fwdPosition = new Int32Array(maxParties);
    this.fwdEnd = new Int32Array(maxParties);
    this.root = initiator < 0 ? -1 : graph.vertexOf[initiator];
  }

  nextShape(arcs: Int32Array): number {
    if (this.done) return 0;
    const { outOffsets, outTarget, outCode, inOffsets, inSource, inCode } = this.graph;
    const { backFirm, backArc, backPosition, backEnd, fwdFirm, fwdArc, fwdPosition, fwdEnd } = this;
    const { maxParties, stats, bound, fwdWeight } = this;
    const n = this.graph.vertexCount;
    const global = this.initiator < 0;
    // The floor holds still during a call (the scan sets it between deals).
    const floor = bound === undefined ? Number.NEGATIVE_INFINITY : bound.floor;
    const reach = floor === Number.NEGATIVE_INFINITY ? undefined : bound?.reach;
    let { back, fwd, forward, root } = this;
    let budget = this.budget;
    let steps = 0;
    for (;;) {
      if (budget <= 0) {
        budget = abortCheckInterval;
        stats.steps += steps;
        steps = 0;
        if (this.control.due()) {
          this.back = back;
          this.fwd = fwd;
          this.forward = forward;
          this.root = root;
          this.budget = budget;
          return pausedWalk;
        }
      }
      if (back < 0) {
        const next = global ? this.roots.after(root) : this.started ? -1 : root;
        if (next < 0) {
          this.budget = budget;
          stats.steps += steps;
          this.done = true;
          return 0;
        }
        root = next;
        this.started = true;
        // No chain of at most maxParties − 1 arcs from the sponsor reaches the floor.
        if (reach !== undefined && reach[(maxParties - 2) * n + root] < floor) {
          stats.rootsDone++;
          budget--;
          continue;
        }
        backFirm[0] = root;
        fwdFirm[0] = root;
        back = 0;
        backPosition[0] = global ? 0 : inOffsets[root];
        backEnd[0] = global ? 0 : inOffsets[root + 1];
        forward = true;
        fwd = 0;
        fwdPosition[0] = outOffsets[root];
        fwdEnd[0] = outOffsets[root + 1];
      }
      let x: number;
      let arc: number;
      if (forward) {
        arc = fwdPosition[fwd];
        if (arc === fwdEnd[fwd]) {
          if (fwd === 0) forward = false;
          else fwd--;
          continue;
        }
        fwdPosition[fwd] = arc + 1;
        x = outTarget[arc];
      } else {
        const p = backPosition[back];
        if (p === backEnd[back]) {
          if (--back < 0) {
            stats.rootsDone++;
            if (!global) {
              this.budget = budget;
              stats.steps += steps;
              this.done = true;
              return 0;
            }
          }
          continue;
        }
        backPosition[back] = p + 1;
        x = inSource[p];
        arc = inCode[p];
      }
      steps++;
      budget--;
      let onPath = false;
      for (let i = 0; i <= back && !onPath; i++) onPath = backFirm[i] === x;
      for (let i = 1; i <= fwd && !onPath; i++) onPath = fwdFirm[i] === x;
      if (onPath) continue;
      const parties = back + fwd + 2;
      let emits = parties >= 3;
      let deeper = parties < maxParties;
      let weight = 0;
      if (bound !== undefined) {
        // The path's weight is kept from the start: the floor may rise above −Infinity mid-root.
        // (A bound comes only over the whole network, where every step is forward.)
        weight = fwdWeight[fwd] + bound.arcWeight(forward ? outCode[arc] : arc);
        if (reach !== undefined) {
          if (emits) emits = weight >= floor;
          // Deeper chains have 1..maxParties − parties arcs more.
          if (deeper) deeper = weight + reach[(maxParties - parties - 1) * n + x] >= floor;
        }
      }
      if (emits) {
        // The chain in SPEC order: the backward part reversed, then the forward part.
        let k = 0;
        if (forward) {
          for (let i = back; i >= 1; i--) arcs[k++] = backArc[i];
          for (let i = 1; i <= fwd; i++) arcs[k++] = outCode[fwdArc[i]];
          arcs[k++] = outCode[arc];
        } else {
          arcs[k++] = arc;
          for (let i = back; i >= 1; i--) arcs[k++] = backArc[i];
        }
      }
      if (deeper) {
        if (forward) {
          fwd++;
          fwdFirm[fwd] = x;
          fwdArc[fwd] = arc;
          fwdWeight[fwd] = weight;
          fwdPosition[fwd] = outOffsets[x];
          fwdEnd[fwd] = outOffsets[x + 1];
        } else {
          back++;
          backFirm[back] = x;
          backArc[back] = arc;
          backPosition[back] = inOffsets[x];
          backEnd[back] = inOffsets[x + 1];
          forward = true;
          fwd = 0;
          fwdPosition[0] = outOffsets[root];
          fwdEnd[0] = outOffsets[root + 1];
        }
      }
      if (emits) {
        this.back = back;
        this.fwd = fwd;
        this.forward = forward;
        this.root = root;
        this.budget = budget;
        stats.steps += steps;
        return parties - 1;
      }
    }
  }

  /**
   * Over the whole network, the forward search's share. Around an initiator,
   * the forward search from it counts as the first half and the backward
   * search (each prefix with its forward part) as the second.
   */
  rootShare(): number {
    if (this.done || this.back < 0) return 0;
    const { outOffsets, outTarget, inOffsets, inSource } = this.graph;
    const { fwdFirm, backFirm, back, fwd } = this;
    /** As the walk skips at a forward level d: the backward part and the forward part down to d. */
    const skippedForward = (d: number, x: number) => {
      for (let i = 0; i <= back; i++) if (backFirm[i] === x) return true;
      for (let i = 1; i <= d; i++) if (fwdFirm[i] === x) return true;
      return false;
    };
    /** As the walk skips at a backward level d: the backward part down to d. */
    const skippedBackward = (d: number, x: number) => {
      for (let i = 0; i <= d; i++) if (backFirm[i] === x) return true;
      return false;
    };
    const forwardShare = () =>
      this.forward
        ? searchShare(
            fwd + 1,
            this.fwdPosition,
            this.fwdEnd,
            (d) => outOffsets[fwdFirm[d]],
            (arc) => outTarget[arc],
            skippedForward,
          )
        : 1;
    if (this.initiator < 0) return forwardShare();
    if (back === 0 && this.forward) return forwardShare() / 2;
    const backwardShare = searchShare(
      back + 1,
      this.backPosition,
      this.backEnd,
      (d) => inOffsets[backFirm[d]],
      (arc) => inSource[arc],
      skippedBackward,
    );
    return 0.5 + backwardShare / 2;
  }
}
