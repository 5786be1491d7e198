/**
 * The arcs of the trade index, numbered again for the search. For a search
 * over the whole network, firms are relabelled in breadth-first order over
 * arcs in both directions (as the C reference `cycles.c --reorder` does), and
 * the out- and in-adjacency are laid out again as CSRs in that order, each
 * entry carrying the index's arc id.
 *
 * Why: the index numbers firms in id order, which for generated (and most
 * real) ids says nothing about who trades with whom, so every step of a DFS or
 * a triangle scan jumps to a random place in megabytes of arrays. In BFS order
 * the firms that trade with each other sit close together; on the 1M-firm
 * anchors network this alone made the brokered scan ~4× and the 3-cycle
 * search ~3× faster (bench/RESULTS.md, "Deal search vs the C reference"). The canonical "start each cycle
 * at its smallest firm" of the global search uses the search order; a cycle is
 * rotated to its smallest firm id only when it is handed out.
 *
 * A search around an initiator touches a few hundred firms, where locality
 * does not pay for the relabelling (seconds at 1M firms): until a global
 * search has asked for the BFS graph, initiator searches get the index's own
 * order, which only adds the in-arcs' sellers.
 *
 * Each adjacency entry carries an arc code rather than the arc, so that a deal
 * whose arcs carry one trade each (the usual case) is read off the codes it
 * was found with, without a trip to `arcTrades` and `tradePremium` per arc.
 *
 * It also holds a pool of scratch marks: one Int32Array over firms holding
 * `position + 1` (0: unmarked). A search marks one firm's neighbourhood and unmarks
 * it when it is done with that firm, so an idle workspace is all zero; it costs
 * 4 bytes per firm, so it is pooled: an initiator query reuses the last
 * query's instead of allocating and zeroing megabytes. A search abandoned
 * midway keeps its workspace, which goes to the garbage collector with it.
 */
import type { TradeIndex } from "../trade-index/trade-index.js";

/** The scratch marks of one running search; never shared by two at once. */
export class SearchWorkspace {
  /** Per search vertex: 1 + the adjacency position it was marked with, or 0. All zero while idle. */
  readonly mark: Int32Array;
  /** Per search vertex: a stamp; `stamp[v] === epoch` marks v for the current epoch. */
  private stampArray: Int32Array | undefined;
  private epoch = 0;

  constructor(private readonly vertexCount: number) {
    this.mark = new Int32Array(vertexCount);
  }

  /** The stamp array (allocated on first use: only the deeper cycle searches need it). */
  get stamp(): Int32Array {
    this.stampArray ??= new Int32Array(this.vertexCount);
    return this.stampArray;
  }

  /** A fresh epoch: every older stamp reads as unset. */
  nextEpoch(): number {
    if (this.epoch === 0x7fffffff) {
      this.stamp.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }
}

/**
 * How search vertices are numbered: `bfs` (breadth-first, for searches over
 * the whole network, where locality pays) or `identity` (the index's own
 * firm order, cheap to build, for initiator searches that touch a few hundred
 * firms).
 */
export type SearchOrder = "bfs" | "identity";

/** The index's arcs over search vertices, with a workspace pool. */
export class SearchGraph {
  /** The search vertex of each firm integer. */
  readonly vertexOf: Int32Array;
  /** The firm integer of each search vertex. */
  readonly firmOf: Int32Array;
  /** Out-CSR: the out-arcs of vertex v are positions `outOffsets[v] .. outOffsets[v+1]-1`. */
  readonly outOffsets: Int32Array;
  /** Buyer (a search vertex) of each out-position. */
  readonly outTarget: Int32Array;
  /** The trades behind each out-position, as an arc code (see `writeArcCodes`). */
  readonly outCode: Int32Array;
  /** In-CSR: the in-arcs of vertex v are positions `inOffsets[v] .. inOffsets[v+1]-1`. */
  readonly inOffsets: Int32Array;
  /** Seller (a search vertex) of each in-position. */
  readonly inSource: Int32Array;
  /** The trades behind each in-position, as an arc code (see `writeArcCodes`). */
  readonly inCode: Int32Array;
  private readonly idle: SearchWorkspace[] = [];

  constructor(
    readonly index: TradeIndex,
    readonly order: SearchOrder,
  ) {
    const { outOffsets, arcTarget, inOffsets, firmCount: n, arcCount } = index;
    // One buffer for every array (each large allocation can cost a full GC of
    // a heap that holds a million firms); temporaries live in slots whose
    // final content is written after they are used.
    if (order === "identity") {
      const memory = new Int32Array(n + 3 * arcCount);
      const identity = memory.subarray(0, n);
      const inSeller = memory.subarray(n, n + arcCount);
      const code = memory.subarray(n + arcCount, n + 2 * arcCount);
      const inCode = memory.subarray(n + 2 * arcCount);
      for (let i = 0; i < n; i++) identity[i] = i;
      sellersOfInArcs(index, inSeller, inCode);
      writeArcCodes(index, code);
      const { inArcs } = index;
      for (let i = 0; i < arcCount; i++) inCode[i] = code[inArcs[i]];
      this.vertexOf = identity;
      this.firmOf = identity;
      this.outOffsets = outOffsets;
      this.outTarget = arcTarget;
      this.outCode = code;
      this.inOffsets = inOffsets;
      this.inSource = inSeller;
      this.inCode = inCode;
      return;
    }
    const memory = new Int32Array(4 * n + 2 + 4 * arcCount);
    let at = 0;
    const take = (length: number) => {
      const part = memory.subarray(at, at + length);
      at += length;
      return part;
    };
    const vertexOf = take(n);
    const firmOf = take(n);
    const searchOut = take(n + 1);
    const searchIn = take(n + 1);
    const outTarget = take(arcCount);
    const outCode = take(arcCount);
    const inSource = take(arcCount);
    const inCode = take(arcCount);
    // inSource holds the in-arcs' sellers (index order) until the in-CSR is laid out.
    sellersOfInArcs(index, inSource, inCode);
    // Breadth-first order over arcs both ways; firmOf doubles as the queue.
    vertexOf.fill(-1);
    let next = 0;
    for (let root = 0; root < n; root++) {
      if (vertexOf[root] >= 0) continue;
      vertexOf[root] = next;
      firmOf[next++] = root;
      for (let head = next - 1; head < next; head++) {
        const f = firmOf[head];
        for (let a = outOffsets[f]; a < outOffsets[f + 1]; a++) {
          const x = arcTarget[a];
          if (vertexOf[x] < 0) {
            vertexOf[x] = next;
            firmOf[next++] = x;
          }
        }
        for (let i = inOffsets[f]; i < inOffsets[f + 1]; i++) {
          const x = inSource[i];
          if (vertexOf[x] < 0) {
            vertexOf[x] = next;
            firmOf[next++] = x;
          }
        }
      }
    }
    // Out-CSR in search order; inCode holds the index arcs' codes until the in-CSR is laid out.
    const code = inCode;
    writeArcCodes(index, code);
    let p = 0;
    for (let v = 0; v < n; v++) {
      searchOut[v] = p;
      const f = firmOf[v];
      for (let a = outOffsets[f]; a < outOffsets[f + 1]; a++, p++) {
        outTarget[p] = vertexOf[arcTarget[a]];
        outCode[p] = code[a];
      }
    }
    searchOut[n] = p;
    // In-CSR in search order, scattered from the out-CSR (sellers come in search order):
    // searchIn[v] is v's fill cursor, then is shifted back to v's start.
    for (let v = 0; v < n; v++) searchIn[v + 1] = inOffsets[firmOf[v] + 1] - inOffsets[firmOf[v]];
    for (let v = 0; v < n; v++) searchIn[v + 1] += searchIn[v];
    for (let v = 0; v < n; v++) {
      for (let q = searchOut[v]; q < searchOut[v + 1]; q++) {
        const to = searchIn[outTarget[q]]++;
        inSource[to] = v;
        inCode[to] = outCode[q];
      }
    }
    searchIn.copyWithin(1, 0, n);
    searchIn[0] = 0;
    this.vertexOf = vertexOf;
    this.firmOf = firmOf;
    this.outOffsets = searchOut;
    this.outTarget = outTarget;
    this.outCode = outCode;
    this.inOffsets = searchIn;
    this.inSource = inSource;
    this.inCode = inCode;
  }

  /** Number of search vertices (= firms). */
  get vertexCount(): number {
    return this.firmOf.length;
  }

  /** Bytes of the typed arrays the search graph holds beyond the index's (workspaces not counted). */
  get byteLength(): number {
    // Everything the graph owns sits in the one buffer behind firmOf.
    return this.firmOf.buffer.byteLength;
  }

  /** An idle workspace, or a new one. Give it back with `release` once the search has ended with its marks cleared. */
  acquire(): SearchWorkspace {
    return this.idle.pop() ?? new SearchWorkspace(this.vertexCount);
  }

  /** Returns a workspace to the pool. */
  release(workspace: SearchWorkspace): void {
    if (this.idle.length < 4) this.idle.push(workspace);
  }
}

/** Trades at or above this bound do not fit a one-trade arc code; their arcs get `~arc`. */
const codableTrades = 2 ** 30;

/**
 * Writes the arc code of every index arc into `code`: `trade << 1 | (premium > 0 ? 1 : 0)`
 * for an arc with one trade, `~arc` (negative) for an arc with several.
 */
export function writeArcCodes(index: TradeIndex, code: Int32Array): void {
  const { arcTrades, tradePremium, arcCount } = index;
  for (let a = 0; a < arcCount; a++) {
    const t = arcTrades[a];
    code[a] =
      arcTrades[a + 1] === t + 1 && t < codableTrades
        ? (t << 1) | (tradePremium[t] > 0 ? 1 : 0)
        : ~a;
  }
}

/**
 * Writes the seller of each position of the index's in-CSR into `sellers`
 * (`scratch`: arcCount entries, overwritten). A gather through `inArcs`: in
 * the index's firm order a scatter from the out-CSR measured slower (1.7 s
 * against 0.6 s at 1M firms), its writes and fill cursors being as random as
 * the gather's reads.
 */
function sellersOfInArcs(index: TradeIndex, sellers: Int32Array, scratch: Int32Array): void {
  const { outOffsets, inArcs, firmCount, arcCount } = index;
  const arcSource = scratch;
  for (let f = 0; f < firmCount; f++) {
    for (let a = outOffsets[f]; a < outOffsets[f + 1]; a++) arcSource[a] = f;
  }
  for (let i = 0; i < arcCount; i++) sellers[i] = arcSource[inArcs[i]];
}

const graphs = new WeakMap<TradeIndex, SearchGraph>();

/**
 * The search graph of an index, built once and cached: in BFS order once a
 * search over the whole network asks for it, until then in the index's order
 * (an initiator search touches too few firms to pay for the relabelling).
 */
export function searchGraphOf(index: TradeIndex, wholeNetwork: boolean): SearchGraph {
  let graph = graphs.get(index);
  if (graph === undefined || (wholeNetwork && graph.order !== "bfs")) {
    graph = new SearchGraph(index, wholeNetwork ? "bfs" : "identity");
    graphs.set(index, graph);
  }
  return graph;
}
