/**
 * The trade index as data: every array it keeps, by name, with its element
 * type and its length in terms of a few counts (the header). An index is
 * fully described by its header, its arrays and its two sorted id lists; this
 * is what the snapshot form writes and reads back, and what a worker thread
 * needs to view an index built elsewhere:
 *
 *     const { header, buffer } = index.layout;   // one ArrayBuffer, arrays 8-byte aligned
 *     // … post `header`, `buffer` (a SharedArrayBuffer when built with one) and the id lists …
 *     const arrays = layoutArrays(header, buffer);   // views, no copy
 *
 * `layoutArrays(header, buffer)` carves the views from a buffer laid out as
 * `layoutBytes(header)` says (the order of `indexArrays`, each array 8-byte
 * aligned); the buffer may be a `SharedArrayBuffer`. Views over separate
 * buffers (a snapshot's sections) work as well: `TradeIndex.fromArrays`.
 */
import type { ArenaKind } from "../util/typed-arena.js";

/** The counts that size every array of an index. */
export interface IndexHeader {
  readonly firmCount: number;
  readonly productCount: number;
  readonly offerCount: number;
  readonly needCount: number;
  readonly tradeCount: number;
  readonly arcCount: number;
  /**
   * Room for trades and arcs in a buffer laid out by `layoutBytes` (≥ the
   * counts; the build sizes the trade arrays before it knows how many trades
   * pass the relations, and the tail of each is never written, so never
   * resident). The views are `tradeCount` (`arcCount`) long.
   */
  readonly tradeRoom: number;
  readonly arcRoom: number;
  /** Distinct probabilities (`probabilityValues`, 1 first). */
  readonly probabilityCount: number;
}

/** How an array's length follows from the counts of a header. */
type Length = (h: IndexCounts) => number;

/** The counts the lengths depend on. */
type IndexCounts = Omit<IndexHeader, "tradeRoom" | "arcRoom">;

const perFirm: Length = (h) => h.firmCount;
const perFirmPlusOne: Length = (h) => h.firmCount + 1;
const perOffer: Length = (h) => h.offerCount;
const perNeed: Length = (h) => h.needCount;
const perTrade: Length = (h) => h.tradeCount;

/** A per-trade probability code fits 16 bits unless there are more distinct probabilities. */
export function probabilityCodeKind(
  probabilityCount: number,
): typeof Uint16Array | typeof Uint32Array {
  return probabilityCount <= 0x10000 ? Uint16Array : Uint32Array;
}

/**
 * Every array of an index, in layout order: `[element type, length]`. The
 * element type of `tradeProbabilityCode` depends on the header
 * (`probabilityCodeKind`); the table says Uint16Array.
 */
export const indexArrays = {
  /** Position in `network.firms` of each firm integer. */
  firmRecord: [Int32Array, perFirm],
  /** Firm integer of each position in `network.firms`. */
  firmRank: [Int32Array, perFirm],
  firmHurdle: [Float64Array, perFirm],
  firmMaxDeals: [Float64Array, perFirm],
  firmKeyAccount: [Uint8Array, perFirm],
  /** Product integer of each product number (first-seen order of the records). */
  productRank: [Int32Array, (h) => h.productCount],
  offerOffsets: [Int32Array, perFirmPlusOne],
  offerFirm: [Int32Array, perOffer],
  offerProduct: [Int32Array, perOffer],
  offerPrice: [Float64Array, perOffer],
  offerUnitMargin: [Float64Array, perOffer],
  offerCapacity: [Float64Array, perOffer],
  needOffsets: [Int32Array, perFirmPlusOne],
  needFirm: [Int32Array, perNeed],
  needProduct: [Int32Array, perNeed],
  needRecord: [Int32Array, perNeed],
  needQuantity: [Float64Array, perNeed],
  tradeOffer: [Int32Array, perTrade],
  tradeNeed: [Int32Array, perTrade],
  tradePremium: [Float64Array, perTrade],
  tradeProbabilityCode: [Uint16Array, perTrade],
  probabilityValues: [Float64Array, (h) => h.probabilityCount],
  outOffsets: [Int32Array, perFirmPlusOne],
  arcTarget: [Int32Array, (h) => h.arcCount],
  arcTrades: [Int32Array, (h) => h.arcCount + 1],
} as const satisfies Record<string, readonly [ArenaKind, Length]>;

/** The name of an index array. */
export type IndexArrayName = keyof typeof indexArrays;

/** The arrays of an index, each typed by its element type. */
export type IndexArrayViews = {
  -readonly [K in IndexArrayName]: K extends "tradeProbabilityCode"
    ? Uint16Array | Uint32Array
    : InstanceType<(typeof indexArrays)[K][0]>;
};

/** Every index array's name, in layout order. */
export const indexArrayNames = Object.keys(indexArrays) as IndexArrayName[];

/** The element type and length of one array under a header. */
export function arrayShape(header: IndexHeader, name: IndexArrayName): [ArenaKind, number] {
  const [kind, length] = indexArrays[name];
  return [
    name === "tradeProbabilityCode" ? probabilityCodeKind(header.probabilityCount) : kind,
    length(header),
  ];
}

/** The room one array takes in a laid-out buffer (its length, or more for trades and arcs). */
function roomOf(header: IndexHeader, name: IndexArrayName): number {
  const [, length] = indexArrays[name];
  return length({ ...header, tradeCount: header.tradeRoom, arcCount: header.arcRoom });
}

const align = (bytes: number) => Math.ceil(bytes / 8) * 8;

/** The bytes of one buffer holding every array of an index with this header. */
export function layoutBytes(header: IndexHeader): number {
  let bytes = 0;
  for (const name of indexArrayNames) {
    const [kind] = arrayShape(header, name);
    bytes += align(kind.BYTES_PER_ELEMENT * roomOf(header, name));
  }
  return bytes;
}

/** The views of every array of an index in a buffer laid out by `layoutBytes` (no copy). */
export function layoutArrays(
  header: IndexHeader,
  buffer: ArrayBufferLike,
  byteOffset = 0,
): IndexArrayViews {
  const views: [string, ArrayBufferView][] = [];
  let at = byteOffset;
  for (const name of indexArrayNames) {
    const [kind, length] = arrayShape(header, name);
    views.push([name, new kind(buffer as ArrayBuffer, at, length)]);
    at += align(kind.BYTES_PER_ELEMENT * roomOf(header, name));
  }
  // Built at once (fast properties): the trade index reads these on every deal.
  return Object.fromEntries(views) as IndexArrayViews;
}
