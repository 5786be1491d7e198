/**
 * Cycles `v1→v2→…→vk→v1` of 2..maxParties distinct firms, as firm sequences.
 *
 * Depth-limited iterative DFS with an explicit stack and a canonical start
 * (graphology `src/dag/has-cycle.js`, the C reference `cycles.c`):
 * - whole network: from every root r (of the search's root ranges), over
 *   search vertices > r only, so each cycle is found once, from its smallest
 *   search vertex;
 * - around an initiator: from the initiator over any firm back to it.
 * Either way the cycle is rotated to start at its smallest firm id when it is
 * handed out. Before a root's DFS its predecessors are marked with their arc
 * back to it (and unmarked after), so closing a cycle is one probe and the
 * last level only scans. From 4 parties on, the firms two arcs before the root
 * are stamped too (meet in the middle; once per root, when first needed, and
 * under a surplus bound only once the last level's scans from unstamped firms
 * have cost as much), and a firm is pushed as the cycle's second-to-last only
 * when it is stamped: most of the last level's scans, which are most of the
 * work, are never started. The path is at most 11 firms, so "on the path?" is a
 * scan of it, not a random access into a per-firm array.
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
import type { SearchGraph, SearchWorkspace } from "./search-graph.js";
import type { SurplusBound } from "./surplus-bound.js";

/** The resumable cycle search. */
export class CycleWalk implements DealWalk {
  readonly kind = "cycle" as const;
  /** The path: search vertices, and the out-positions that reach them. */
  private readonly pathVertex: Int32Array;
  private readonly pathArc: Int32Array;
  /** Per level: the next and the end out-position to try. */
  private readonly position: Int32Array;
  private readonly end: Int32Array;
  /** Per level: the weight of the path from the root to its firm (with a surplus bound). */
  private readonly pathWeight: Float64Array;
  /** Top of the stack; -1 between roots. */
  private depth = -1;
  private root: number;
  private started = false;
  /** The stamp of the current root's firms two arcs before it (4 parties and more). */
  private epoch = 0;
  /** Whether they are stamped (see `nextShape`: not before it pays). */
  private stamped = false;
  /** What stamping the current root would read (−1: not counted yet), and what its last level scanned from unstamped firms. */
  private stampCost = -1;
  private unstamped = 0;
  /** The heaviest arc into the current root from a firm that may close its cycles (with a surplus bound). */
  private closeMax = Number.NEGATIVE_INFINITY;
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
    private readonly maxParties: number,
    private readonly initiator: number,
    private readonly roots: RootCursor,
    private readonly stats: SearchStats,
    private readonly control: SearchControl,
    /** Leaves out the paths whose cycles cannot reach its floor (a search over the whole network). */
    private readonly bound?: SurplusBound,
  ) {
    this.pathWeight = new Float64Array(maxParties);
    this.pathVertex = new Int32Array(maxParties);
    this.pathArc = new Int32Array(maxParties);
    this.position = new Int32Array(maxParties);
    this.end = new Int32Array(maxParties);
    this.root = initiator < 0 ? -1 : graph.vertexOf[initiator];
  }

  nextShape(arcs: Int32Array): number {
    if (this.done) return 0;
    const { outOffsets, outTarget, inOffsets, inSource } = this.graph;
    const mark = this.workspace.mark;
    const { pathVertex, pathArc, position, end, maxParties, stats, bound, pathWeight } = this;
    const { outCode, inCode, vertexCount: n } = this.graph;
    // The floor holds still during a call (the scan sets it between deals).
    const floor = bound === undefined ? Number.NEGATIVE_INFINITY : bound.floor;
    const reach = floor === Number.NEGATIVE_INFINITY ? undefined : bound?.reach;
    /** Stamps of the firms two arcs before the root, used from 4 parties on. */
    const twoBefore = maxParties >= 4 ? this.workspace.stamp : mark;
    const global = this.initiator < 0;
    const firstOnPath = global ? 1 : 0;
    /** The level whose next firm is the cycle's last. */
    const lastLevel = maxParties - 2;
    let { depth, root, epoch, closeMax } = this;
    let lo = global ? root : -1;
    let budget = this.budget;
    let steps = 0;
    for (;;) {
      if (budget <= 0) {
        budget = abortCheckInterval;
        stats.steps += steps;
        steps = 0;
        if (this.control.due()) {
          this.depth = depth;
          this.root = root;
          this.epoch = epoch;
          this.closeMax = closeMax;
          this.budget = budget;
          return pausedWalk;
        }
      }
      if (depth < 0) {
        const next = global ? this.roots.after(root) : this.started ? -1 : root;
        if (next < 0) {
          this.budget = budget;
          stats.steps += steps;
          this.done = true;
          return 0;
        }
        root = next;
        if (global) lo = root;
        this.started = true;
        // No cycle of at most maxParties arcs from the root reaches the floor.
        if (reach !== undefined && reach[(maxParties - 1) * n + root] < floor) {
          stats.rootsDone++;
          budget--;
          continue;
        }
        closeMax = Number.NEGATIVE_INFINITY;
        for (let i = inOffsets[root]; i < inOffsets[root + 1]; i++) {
          if (inSource[i] > lo) {
            mark[inSource[i]] = i + 1;
            if (bound !== undefined) closeMax = Math.max(closeMax, bound.arcWeight(inCode[i]));
          }
        }
        // Nor, one arc short of it, with the heaviest arc back into the root.
        if (reach !== undefined && reach[(maxParties - 2) * n + root] + closeMax < floor) {
          this.finishRoot(root);
          budget--;
          continue;
        }
        this.stamped = false;
        this.stampCost = -1;
        this.unstamped = 0;
        pathVertex[0] = root;
        position[0] = outOffsets[root];
        end[0] = outOffsets[root + 1];
        depth = 0;
      }
      let p = position[depth];
      const e = end[depth];
      if (depth === lastLevel) {
        // The last firm: only arcs that close the cycle count; scan for the next one.
        const from = p;
        let found = -1;
        for (; p < e; p++) {
          const x = outTarget[p];
          if (x > lo && mark[x] !== 0) {
            let i = firstOnPath;
            while (i <= depth && pathVertex[i] !== x) i++;
            if (
              i > depth &&
              (reach === undefined ||
                bound === undefined ||
                pathWeight[depth] +
                  bound.arcWeight(outCode[p]) +
                  bound.arcWeight(inCode[mark[x] - 1]) >=
                  floor)
            ) {
              found = x;
              break;
            }
          }
        }
        const scanned = (found < 0 ? p : p + 1) - from;
        steps += scanned;
        budget -= scanned;
        if (found < 0) {
          if (--depth < 0) this.finishRoot(root);
          continue;
        }
        position[depth] = p + 1;
        this.emit(arcs, depth, p, found);
        this.depth = depth;
        this.root = root;
        this.epoch = epoch;
        this.closeMax = closeMax;
        this.budget = budget;
        stats.steps += steps;
        return depth + 2;
      }
      if (p === e) {
        if (--depth < 0) this.finishRoot(root);
        continue;
      }
      position[depth] = p + 1;
      const x = outTarget[p];
      if (x <= lo) continue;
      steps++;
      budget--;
      let i = firstOnPath;
      while (i <= depth && pathVertex[i] !== x) i++;
      if (i <= depth) continue;
      let closes = mark[x] !== 0;
      const parties = depth + 2;
      let deeper = true;
      let weight = 0;
      if (bound !== undefined) {
        // The path's weight is kept from the start: the floor may rise above −Infinity mid-root.
        weight = pathWeight[depth] + bound.arcWeight(outCode[p]);
        if (reach !== undefined) {
          if (closes) closes = weight + bound.arcWeight(inCode[mark[x] - 1]) >= floor;
          // At most maxParties − (depth + 1) arcs more, the closing one among
          // them: at best x's reach that far, and at best its reach one arc
          // less and then the heaviest arc into the root.
          const left = maxParties - depth - 2;
          deeper =
            weight + Math.min(reach[left * n + x], reach[(left - 1) * n + x] + closeMax) >= floor;
        }
      }
      // The second-to-last firm must be two arcs before the root. Stamping
      // those firms reads their successors' in-arcs; scanning the last level
      // from a firm reads its out-arcs. Under a surplus bound, which cuts most
      // paths short, the scans from unstamped firms go on until they have
      // read as much as stamping would (then it is done); without one the
      // stamps are set when first asked for.
      if (deeper && depth + 1 === lastLevel && lastLevel >= 2) {
        if (!this.stamped) {
          let stampNow = reach === undefined;
          if (!stampNow) {
            if (this.stampCost < 0) {
              this.stampCost = this.stampingCost(root, lo);
              steps += inOffsets[root + 1] - inOffsets[root];
            }
            const scan = outOffsets[x + 1] - outOffsets[x];
            stampNow = this.unstamped + scan > this.stampCost;
            if (!stampNow) this.unstamped += scan;
          }
          if (stampNow) {
            epoch = this.workspace.nextEpoch();
            steps += this.stampTwoBefore(root, lo, epoch);
            this.stamped = true;
          }
        }
        if (this.stamped) deeper = twoBefore[x] === epoch;
      }
      if (closes) this.emit(arcs, depth, p, x);
      // depth < lastLevel here: x can be followed by one more firm; as the
      // second-to-last firm only if it is two arcs before the root.
      if (deeper) {
        depth++;
        pathVertex[depth] = x;
        pathArc[depth] = p;
        pathWeight[depth] = weight;
        position[depth] = outOffsets[x];
        end[depth] = outOffsets[x + 1];
      }
      if (closes) {
        this.depth = depth;
        this.root = root;
        this.epoch = epoch;
        this.closeMax = closeMax;
        this.budget = budget;
        stats.steps += steps;
        return parties;
      }
    }
  }

  /**
   * Writes the index arcs of the cycle `path[0..depth], last` (reached by
   * out-position `p`, closed by its mark) into `arcs`, rotated to start at
   * the smallest firm.
   */
  private emit(arcs: Int32Array, depth: number, p: number, last: number): void {
    const { outCode, inCode, firmOf } = this.graph;
    const { pathVertex, pathArc } = this;
    const parties = depth + 2;
    for (let i = 1; i <= depth; i++) arcs[i - 1] = outCode[pathArc[i]];
    arcs[depth] = outCode[p];
    arcs[depth + 1] = inCode[this.workspace.mark[last] - 1];
    let start = parties - 1;
    let smallest = firmOf[last];
    for (let i = 0; i <= depth; i++) {
      const f = firmOf[pathVertex[i]];
      if (f < smallest) {
        smallest = f;
        start = i;
      }
    }
    if (start === 0) return;
    // Left rotation by `start` as three reversals, in place.
    reverse(arcs, 0, start);
    reverse(arcs, start, parties);
    reverse(arcs, 0, parties);
  }

  rootShare(): number {
    if (this.done || this.depth < 0) return 0;
    const { outOffsets, outTarget } = this.graph;
    const { pathVertex, depth } = this;
    const lo = this.initiator < 0 ? this.root : -1;
    /** As the walk skips at level d: firms on the path down to d, and (globally) up to the root. */
    const skipped = (d: number, x: number) => {
      if (x <= lo) return true;
      for (let i = 0; i <= d; i++) if (pathVertex[i] === x) return true;
      return false;
    };
    return searchShare(
      depth + 1,
      this.position,
      this.end,
      (d) => outOffsets[pathVertex[d]],
      (arc) => outTarget[arc],
      skipped,
    );
  }

  /** The in-arcs stamping the firms two arcs before `root` (above `lo`) would read. */
  private stampingCost(root: number, lo: number): number {
    const { inOffsets, inSource } = this.graph;
    let read = 0;
    for (let i = inOffsets[root]; i < inOffsets[root + 1]; i++) {
      const c = inSource[i];
      if (c > lo) read += inOffsets[c + 1] - inOffsets[c];
    }
    return read;
  }

  /** Stamps with `epoch` the firms above `lo` two arcs before `root`; returns the arcs read. */
  private stampTwoBefore(root: number, lo: number, epoch: number): number {
    const { inOffsets, inSource } = this.graph;
    const twoBefore = this.workspace.stamp;
    let read = 0;
    for (let i = inOffsets[root]; i < inOffsets[root + 1]; i++) {
      const c = inSource[i];
      if (c <= lo) continue;
      for (let j = inOffsets[c]; j < inOffsets[c + 1]; j++) {
        if (inSource[j] > lo) twoBefore[inSource[j]] = epoch;
      }
      read += inOffsets[c + 1] - inOffsets[c];
    }
    return read;
  }

  /** Unmarks the predecessors of a root whose DFS is over. */
  private finishRoot(root: number): void {
    const { inOffsets, inSource } = this.graph;
    const mark = this.workspace.mark;
    for (let i = inOffsets[root]; i < inOffsets[root + 1]; i++) mark[inSource[i]] = 0;
    this.stats.rootsDone++;
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
