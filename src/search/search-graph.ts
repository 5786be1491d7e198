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
 *
 * **Views from a buffer.** A graph is eight Int32Arrays (`searchGraphArrays`)
 * sized by a small header (`SearchGraphHeader`: order, vertices, arcs); a
 * built BFS graph keeps them in one buffer (`graph.layout`), so a worker
 * thread can view the same memory with `searchGraphViews(header, buffer)` and
 * `SearchGraph.fromArrays(index, header, arrays)`. The snapshot form writes
 * the arrays one by one and reads them back the same way. The build needs
 * the in-adjacency of the index in its own firm order only as a temporary,
 * laid out in the slots of the final arrays before they are written.
 */
import type { SnapshotFile } from "../model/snapshot/snapshot-file.js";
import { snapshotOf } from "../model/snapshot/snapshot-of.js";
import type { Network } from "../model/types.js";
import type { BuildOptions } from "../trade-index/build-index.js";
import { groupArcsByBuyer } from "../trade-index/in-arcs.js";
import { storedIndexSections } from "../trade-index/index-sections.js";
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

/** The counts that size a search graph's arrays. */
export interface SearchGraphHeader {
  readonly order: SearchOrder;
  readonly vertexCount: number;
  readonly arcCount: number;
}

/** The arrays of a search graph, in layout order (all Int32Array). */
export const searchGraphArrayNames = [
  "vertexOf",
  "firmOf",
  "outOffsets",
  "inOffsets",
  "outTarget",
  "outCode",
  "inSource",
  "inCode",
] as const;

/** The name of a search-graph array. */
export type SearchGraphArrayName = (typeof searchGraphArrayNames)[number];

/** The arrays of a search graph by name. */
export type SearchGraphArrays = Record<SearchGraphArrayName, Int32Array>;

/** The length of each array under a header. */
export function searchGraphArrayLength(
  header: SearchGraphHeader,
  name: SearchGraphArrayName,
): number {
  const n = header.vertexCount;
  if (name === "vertexOf" || name === "firmOf") return n;
  if (name === "outOffsets" || name === "inOffsets") return n + 1;
  return header.arcCount;
}

/** The views of every array in one buffer of Int32s laid out in `searchGraphArrayNames` order (no copy). */
export function searchGraphViews(
  header: SearchGraphHeader,
  buffer: ArrayBufferLike,
  byteOffset = 0,
): SearchGraphArrays {
  const views: Partial<SearchGraphArrays> = {};
  let at = byteOffset;
  for (const name of searchGraphArrayNames) {
    const length = searchGraphArrayLength(header, name);
    views[name] = new Int32Array(buffer as ArrayBuffer, at, length);
    at += 4 * length;
  }
  return views as SearchGraphArrays;
}

/** Options of a search-graph build. */
export interface SearchGraphBuildOptions {
  /** Called as the build goes (BFS vertices, then arcs laid out). @defaultValue none */
  readonly onProgress?: BuildOptions["onProgress"];
  /** Lay the arrays out in a `SharedArrayBuffer`. @defaultValue false */
  readonly shared?: boolean;
}

/** Items between two progress reports. */
const reportEvery = 1 << 16;

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
  /** The counts that size the arrays. */
  readonly header: SearchGraphHeader;
  /** The one buffer behind the arrays of a built BFS graph. */
  private readonly buffer: ArrayBufferLike | undefined;
  private readonly idle: SearchWorkspace[] = [];

  constructor(
    readonly index: TradeIndex,
    readonly order: SearchOrder,
    options: SearchGraphBuildOptions = {},
    stored?: SearchGraphArrays,
  ) {
    const n = index.firmCount;
    const arcCount = index.arcCount;
    this.header = { order, vertexCount: n, arcCount };
    let arrays: SearchGraphArrays;
    if (stored !== undefined) {
      arrays = stored;
      this.buffer = undefined;
    } else if (order === "identity") {
      arrays = identityGraph(index);
      this.buffer = undefined;
    } else {
      const bytes = 4 * (4 * n + 2 + 4 * arcCount);
      this.buffer = options.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
      arrays = searchGraphViews(this.header, this.buffer);
      buildBfsGraph(index, arrays, options.onProgress);
    }
    this.vertexOf = arrays.vertexOf;
    this.firmOf = arrays.firmOf;
    this.outOffsets = arrays.outOffsets;
    this.outTarget = arrays.outTarget;
    this.outCode = arrays.outCode;
    this.inOffsets = arrays.inOffsets;
    this.inSource = arrays.inSource;
    this.inCode = arrays.inCode;
  }

  /** A graph over arrays that exist already (a snapshot's, or views of another thread's buffer). */
  static fromArrays(
    index: TradeIndex,
    header: SearchGraphHeader,
    arrays: SearchGraphArrays,
  ): SearchGraph {
    return new SearchGraph(index, header.order, {}, arrays);
  }

  /** The header and the one buffer behind a built BFS graph's arrays (`searchGraphViews`), else undefined. */
  get layout():
    | { readonly header: SearchGraphHeader; readonly buffer: ArrayBufferLike }
    | undefined {
    return this.buffer === undefined ? undefined : { header: this.header, buffer: this.buffer };
  }

  /** The arrays by name. */
  get arrays(): SearchGraphArrays {
    const { vertexOf, firmOf, outOffsets, inOffsets, outTarget, outCode, inSource, inCode } = this;
    return { vertexOf, firmOf, outOffsets, inOffsets, outTarget, outCode, inSource, inCode };
  }

  /** Number of search vertices (= firms). */
  get vertexCount(): number {
    return this.firmOf.length;
  }

  /** Bytes of the typed arrays the search graph holds beyond the index's (workspaces not counted). */
  get byteLength(): number {
    const { index } = this;
    let bytes = 0;
    for (const array of Object.values(this.arrays)) {
      if (array !== index.outOffsets && array !== index.arcTarget) bytes += array.byteLength;
    }
    // The identity order's vertexOf and firmOf are one array.
    return this.order === "identity" ? bytes - this.firmOf.byteLength : bytes;
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

/**
 * The graph in the index's own firm order: the out-CSR is the index's; the
 * in-CSR is grouped by buyer here (two-digit radix, `in-arcs.ts`).
 */
function identityGraph(index: TradeIndex): SearchGraphArrays {
  const n = index.firmCount;
  const arcCount = index.arcCount;
  const memory = new Int32Array(n + 1 + n + 3 * arcCount);
  let at = 0;
  const take = (length: number) => {
    at += length;
    return memory.subarray(at - length, at);
  };
  const identity = take(n);
  const inOffsets = take(n + 1);
  const outCode = take(arcCount);
  const inSource = take(arcCount);
  const inCode = take(arcCount);
  for (let i = 0; i < n; i++) identity[i] = i;
  // inCode holds the in-arcs, inSource and outCode serve as scratch of the grouping.
  const inArcs = inCode;
  groupArcsByBuyer(index.arcTarget, inOffsets, inArcs, inSource, outCode);
  sellersOfInArcs(index, inArcs, inSource, outCode);
  writeArcCodes(index, outCode);
  for (let i = 0; i < arcCount; i++) inCode[i] = outCode[inArcs[i]];
  return {
    vertexOf: identity,
    firmOf: identity,
    outOffsets: index.outOffsets,
    outTarget: index.arcTarget,
    outCode,
    inOffsets,
    inSource,
    inCode,
  };
}

/**
 * Lays out the BFS-ordered graph into `arrays` (their content on entry is
 * ignored): the index's in-adjacency is grouped by buyer into the slots of
 * the in-CSR (offsets) and of `inSource` (sellers), with `outTarget`,
 * `outCode` and `inCode` as scratch; the breadth-first order is drawn over
 * both; then the out-CSR is written in search order, and the in-CSR scattered
 * from it.
 */
function buildBfsGraph(
  index: TradeIndex,
  arrays: SearchGraphArrays,
  onProgress: SearchGraphBuildOptions["onProgress"],
): void {
  const { outOffsets, arcTarget, firmCount: n, arcCount } = index;
  const { vertexOf, firmOf, outTarget, outCode, inSource, inCode } = arrays;
  const searchOut = arrays.outOffsets;
  const searchIn = arrays.inOffsets;
  const report = (step: string, done: number, total: number) =>
    onProgress?.({ task: "search graph", step, done, total });
  report("in-arcs", 0, arcCount);
  // The index's in-CSR: offsets in searchIn, arcs in inCode, then their sellers in inSource.
  const indexIn = searchIn;
  groupArcsByBuyer(arcTarget, indexIn, inCode, outTarget, outCode);
  sellersOfInArcs(index, inCode, inSource, outCode);
  // Breadth-first order over arcs both ways; firmOf doubles as the queue.
  vertexOf.fill(-1);
  let next = 0;
  for (let root = 0; root < n; root++) {
    if (vertexOf[root] >= 0) continue;
    vertexOf[root] = next;
    firmOf[next++] = root;
    for (let head = next - 1; head < next; head++) {
      if ((head & (reportEvery - 1)) === 0) report("firms ordered", head, n);
      const f = firmOf[head];
      for (let a = outOffsets[f]; a < outOffsets[f + 1]; a++) {
        const x = arcTarget[a];
        if (vertexOf[x] < 0) {
          vertexOf[x] = next;
          firmOf[next++] = x;
        }
      }
      for (let i = indexIn[f]; i < indexIn[f + 1]; i++) {
        const x = inSource[i];
        if (vertexOf[x] < 0) {
          vertexOf[x] = next;
          firmOf[next++] = x;
        }
      }
    }
  }
  report("arcs laid out", 0, arcCount);
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
  searchIn.fill(0);
  for (let q = 0; q < p; q++) searchIn[outTarget[q] + 1]++;
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
  report("arcs laid out", arcCount, arcCount);
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
 * Writes the seller of each position of the index's in-CSR (`inArcs`, arcs
 * grouped by buyer) into `sellers` (`scratch`: arcCount entries,
 * overwritten). A gather through `inArcs`: in the index's firm order a
 * scatter from the out-CSR measured slower (1.7 s against 0.6 s at 1M firms),
 * its writes and fill cursors being as random as the gather's reads.
 */
function sellersOfInArcs(
  index: TradeIndex,
  inArcs: Int32Array,
  sellers: Int32Array,
  scratch: Int32Array,
): void {
  const { outOffsets, firmCount, arcCount } = index;
  const arcSource = scratch;
  for (let f = 0; f < firmCount; f++) {
    for (let a = outOffsets[f]; a < outOffsets[f + 1]; a++) arcSource[a] = f;
  }
  for (let i = 0; i < arcCount; i++) sellers[i] = arcSource[inArcs[i]];
}

const graphs = new WeakMap<TradeIndex, SearchGraph>();

/** The snapshot section of a search graph array. */
function graphSection(name: keyof SearchGraphArrays): string {
  return `graph.${name}`;
}

/** Whether a snapshot stores a search graph. */
function hasStoredGraph(file: SnapshotFile): boolean {
  return file.has(graphSection("outTarget"));
}

/** The sections and the header of a search graph, for a snapshot. */
export function searchGraphSections(graph: SearchGraph): {
  meta: SearchGraphHeader;
  sections: { name: string; array: Int32Array }[];
} {
  const { arrays } = graph;
  return {
    meta: graph.header,
    sections: searchGraphArrayNames.map((name) => ({
      name: graphSection(name),
      array: arrays[name],
    })),
  };
}

/** The BFS graph stored in the snapshot the index's network was read from, if any. */
function storedGraph(index: TradeIndex): SearchGraph | undefined {
  const file = snapshotOf(index.network);
  if (file === undefined || !hasStoredGraph(file)) return undefined;
  const header = file.meta.graph as SearchGraphHeader;
  const arrays = Object.fromEntries(
    searchGraphArrayNames.map((name) => [name, file.typed(graphSection(name), "i32")]),
  ) as SearchGraphArrays;
  return SearchGraph.fromArrays(index, header, arrays);
}

/** The names of the search graph's sections a snapshot stores (none when it stores no graph). */
export function storedGraphSections(file: SnapshotFile): string[] {
  return hasStoredGraph(file) ? searchGraphArrayNames.map(graphSection) : [];
}

/**
 * Reads ahead, in parallel, what building the index and the search graph of
 * a network read from a snapshot reads first: the graph's sections and the
 * index's id pools (`SnapshotFile.prefetch`; sections read already are
 * skipped, and those being read are waited for); nothing for a network that
 * was not read from a snapshot.
 */
export async function prefetchSearchGraph(network: Network): Promise<void> {
  const file = snapshotOf(network);
  if (file === undefined) return;
  await file.prefetch([...storedGraphSections(file), ...storedIndexSections(file, [])]);
}

/**
 * Makes `graph` the search graph of its index (`searchGraphOf` returns it): a
 * worker thread's graph over another thread's shared arrays.
 */
export function adoptSearchGraph(graph: SearchGraph): void {
  graphs.set(graph.index, graph);
}

/**
 * The search graph of an index, built once and cached: in BFS order once a
 * search over the whole network asks for it, until then in the index's order
 * (an initiator search touches too few firms to pay for the relabelling). An
 * index read from a snapshot has its BFS graph stored, and every search uses
 * that one.
 */
export function searchGraphOf(
  index: TradeIndex,
  wholeNetwork: boolean,
  options: SearchGraphBuildOptions = {},
): SearchGraph {
  let graph = graphs.get(index);
  if (graph === undefined) {
    graph = storedGraph(index);
    if (graph !== undefined) graphs.set(index, graph);
  }
  if (graph === undefined || (wholeNetwork && graph.order !== "bfs")) {
    graph = new SearchGraph(index, wholeNetwork ? "bfs" : "identity", options);
    graphs.set(index, graph);
  }
  return graph;
}
