/**
 * A scanner for the common shape of firm and relation records, reading UTF-8
 * bytes straight into a staging area: no `JSON.parse`, no objects, and
 * strings kept as byte ranges until they are interned (ids, products,
 * labels) or pooled (names). On a million-firm file this is what makes
 * reading cost a few seconds rather than half a minute.
 *
 * It is conservative: it accepts a record only when it is certain that
 * `JSON.parse` reads the same values and that the zod schemas of
 * `schema.ts` accept them (the same rules as `quick-validate.ts`). Anything
 * else — an escape in a string, an unknown or repeated key, a value
 * out of range, bytes that are not JSON — makes `scan…` return false, and
 * the reader parses that record with `JSON.parse` and validates it with zod,
 * which write every error message. A property test checks that whatever the
 * scanner accepts, the fallback path reads identically.
 */
import { fieldNames, maxAmount } from "../record-fields.js";
import type { Meta } from "../types.js";
import { scanNumber, scannedNumber, scanPlainString, skipSpace, skipValue } from "./json-bytes.js";

/** The keys of each record, as the schemas of `schema.ts` list them (`record-fields.ts`), as bytes. */
const asBytes = (names: readonly string[]) =>
  names.map((name) => Uint8Array.from(name, (c) => c.charCodeAt(0)));
const firmKeys = fieldNames("firm");
const offerKeys = fieldNames("offer");
const needKeys = fieldNames("need");
const relationKeys = fieldNames("relation");
const recordKeys = ["firm", "relation"];
const keyBytes = {
  firm: asBytes(firmKeys),
  offer: asBytes(offerKeys),
  need: asBytes(needKeys),
  relation: asBytes(relationKeys),
  record: asBytes(recordKeys),
};

/** The key `memberKey` read last, as its index in the list it was given. */
let member = 0;

/**
 * Reads a member's key and colon at `at`; the key must be one of `names` and
 * not in `seen` (a bit per index). Returns the position of its value (after
 * whitespace), with the key's index in `member`, or −1.
 */
function memberKey(
  bytes: Uint8Array,
  at: number,
  end: number,
  names: readonly Uint8Array[],
  seen: number,
): number {
  const keyEnd = scanPlainString(bytes, at, end);
  if (keyEnd < 0) return -1;
  const length = keyEnd - at - 2;
  found: for (let k = 0; k < names.length; k++) {
    const name = names[k];
    if (name.length !== length) continue;
    for (let i = 0; i < length; i++) if (bytes[at + 1 + i] !== name[i]) continue found;
    if ((seen & (1 << k)) !== 0) return -1;
    member = k;
    at = skipSpace(bytes, keyEnd, end);
    return bytes[at] === 0x3a ? skipSpace(bytes, at + 1, end) : -1;
  }
  return -1;
}

/**
 * After an item's value at `at` (of an object or an array closed by
 * `close`): the position of the next one (after `,`), `~after` when the
 * object or array ends there (`after` is the position past `close`; always
 * below −1), or −1.
 */
function next(bytes: Uint8Array, at: number, end: number, close: number): number {
  at = skipSpace(bytes, at, end);
  if (bytes[at] === 0x2c) return skipSpace(bytes, at + 1, end);
  return bytes[at] === close ? ~(at + 1) : -1;
}

/** The position of the first item inside `{` or `[` at `at`, `~after` when it is empty, or −1. */
function open(bytes: Uint8Array, at: number, end: number, opening: number): number {
  if (bytes[at] !== opening) return -1;
  at = skipSpace(bytes, at + 1, end);
  return bytes[at] === opening + 2 ? ~(at + 1) : at;
}

/** The end of a non-empty plain string at `at` (its content `at + 1 .. result − 1`), or −1. */
function nonEmptyString(bytes: Uint8Array, at: number, end: number): number {
  const after = scanPlainString(bytes, at, end);
  return after - at > 2 ? after : -1;
}

const decoder = new TextDecoder();

/** The `meta` read by the last successful `scanMeta`. */
let scannedMeta: Meta | undefined;

/**
 * Reads a `meta` value at `at`: its extent by brackets, then `JSON.parse` of
 * those bytes (small), which must give an object. Returns the position after
 * it, or −1.
 */
function scanMeta(bytes: Uint8Array, at: number, end: number): number {
  if (bytes[at] !== 0x7b) return -1;
  const after = skipValue(bytes, at, end);
  if (after < 0) return -1;
  try {
    scannedMeta = JSON.parse(decoder.decode(bytes.subarray(at, after))) as Meta;
  } catch {
    return -1;
  }
  return after;
}

/** Growable staging arrays for one record's items. */
class Staging<T extends Int32Array | Float64Array> {
  values: T;
  constructor(private readonly kind: new (n: number) => T) {
    this.values = new kind(16);
  }
  /** Makes room for `n` values. */
  reserve(n: number): void {
    if (n <= this.values.length) return;
    const bigger = new this.kind(2 * n);
    bigger.set(this.values);
    this.values = bigger;
  }
}

/**
 * What one scanned record holds: string fields as byte ranges (start, end;
 * −1 when absent) into the scanned bytes, numbers as doubles (NaN when
 * absent). Valid until the next scan.
 */
export class RecordScan {
  /** The bytes of the record last scanned. */
  bytes: Uint8Array = new Uint8Array(0);
  // Firm
  idStart = 0;
  idEnd = 0;
  nameStart = -1;
  nameEnd = -1;
  industryStart = -1;
  industryEnd = -1;
  /** −1 absent, 0 false, 1 true. */
  keyAccount = -1;
  hurdle = Number.NaN;
  maxDeals = Number.NaN;
  offersStated = false;
  needsStated = false;
  offerCount = 0;
  needCount = 0;
  /** Per offer: product start and end. */
  readonly offerProduct = new Staging(Int32Array);
  /** Per offer: price, cost, capacity. */
  readonly offerFigures = new Staging(Float64Array);
  /** Per need: product start and end, incumbent start and end (−1). */
  readonly needStrings = new Staging(Int32Array);
  /** Per need: quantity, referencePrice, switchingCost, incumbentFloor (NaN: absent). */
  readonly needFigures = new Staging(Float64Array);
  /** The firm's `meta`, and each offer's and need's (by number; undefined: none). */
  meta: Meta | undefined;
  readonly offerMeta: (Meta | undefined)[] = [];
  readonly needMeta: (Meta | undefined)[] = [];
  // Relation
  sellerStart = 0;
  sellerEnd = 0;
  buyerStart = 0;
  buyerEnd = 0;
  productStart = -1;
  productEnd = -1;
  probability = Number.NaN;
  /** −1 absent, 0 false, 1 true. */
  blocked = -1;
  /** The relation's `meta`. */
  relationMeta: Meta | undefined;

  /**
   * Scans a JSON Lines record `{"firm": …}` or `{"relation": …}` in
   * `bytes[start..end)` (one line, whitespace allowed around tokens).
   * Returns which one it holds, or undefined when the line must take the
   * fallback path.
   */
  scanLine(bytes: Uint8Array, start: number, end: number): "firm" | "relation" | undefined {
    this.bytes = bytes;
    let at = open(bytes, skipSpace(bytes, start, end), end, 0x7b);
    if (at < 0) return undefined;
    at = memberKey(bytes, at, end, keyBytes.record, 0);
    if (at < 0) return undefined;
    const kind = member === 0 ? "firm" : "relation";
    at = kind === "firm" ? this.scanFirm(bytes, at, end) : this.scanRelation(bytes, at, end);
    if (at < 0) return undefined;
    at = skipSpace(bytes, at, end);
    if (bytes[at] !== 0x7d) return undefined;
    return skipSpace(bytes, at + 1, end) === end ? kind : undefined;
  }

  /**
   * Scans a firm object starting at `at` (after whitespace) and returns the
   * position after it, or −1 (fallback).
   */
  scanFirm(bytes: Uint8Array, at: number, end: number): number {
    this.bytes = bytes;
    this.nameStart = this.industryStart = -1;
    this.nameEnd = this.industryEnd = -1;
    this.keyAccount = -1;
    this.hurdle = this.maxDeals = Number.NaN;
    this.offersStated = this.needsStated = false;
    this.offerCount = this.needCount = 0;
    this.meta = undefined;
    at = open(bytes, at, end, 0x7b);
    for (let seen = 0; at >= 0; ) {
      at = memberKey(bytes, at, end, keyBytes.firm, seen);
      if (at < 0) return -1;
      seen |= 1 << member;
      switch (firmKeys[member]) {
        case "id": {
          const after = nonEmptyString(bytes, at, end);
          this.idStart = at + 1;
          this.idEnd = after - 1;
          at = after;
          break;
        }
        case "name": {
          const after = scanPlainString(bytes, at, end);
          this.nameStart = at + 1;
          this.nameEnd = after - 1;
          at = after;
          break;
        }
        case "industry": {
          const after = scanPlainString(bytes, at, end);
          this.industryStart = at + 1;
          this.industryEnd = after - 1;
          at = after;
          break;
        }
        case "keyAccount":
          this.keyAccount = scanBoolean(bytes, at, end);
          at = this.keyAccount < 0 ? -1 : at + (this.keyAccount === 1 ? 4 : 5);
          break;
        case "hurdle":
          at = scanNumber(bytes, at, end);
          if (!(scannedNumber >= 0 && scannedNumber <= maxAmount)) return -1;
          this.hurdle = scannedNumber;
          break;
        case "maxDeals":
          at = scanNumber(bytes, at, end);
          if (!(Number.isInteger(scannedNumber) && scannedNumber >= 1)) return -1;
          this.maxDeals = scannedNumber;
          break;
        case "offers":
          at = this.items(bytes, at, end, true);
          this.offersStated = true;
          break;
        case "needs":
          at = this.items(bytes, at, end, false);
          this.needsStated = true;
          break;
        case "meta":
          at = scanMeta(bytes, at, end);
          this.meta = scannedMeta;
          break;
        default:
          return -1;
      }
      if (at < 0) return -1;
      at = next(bytes, at, end, 0x7d);
      // The object ended: it must have its id (the first key).
      if (at < -1) return (seen & 1) === 0 ? -1 : ~at;
    }
    return -1;
  }

  /** Scans an array of offers (or needs) at `at`; returns the position after it, or −1. */
  private items(bytes: Uint8Array, at: number, end: number, offers: boolean): number {
    at = open(bytes, at, end, 0x5b);
    while (at >= 0) {
      at = offers ? this.scanOffer(bytes, at, end) : this.scanNeed(bytes, at, end);
      if (at < 0) return -1;
      at = next(bytes, at, end, 0x5d);
    }
    return at < -1 ? ~at : -1;
  }

  /** Scans an offer object into the next offer slot; returns the position after it, or −1. */
  private scanOffer(bytes: Uint8Array, at: number, end: number): number {
    const o = this.offerCount;
    this.offerProduct.reserve(2 * o + 2);
    this.offerFigures.reserve(3 * o + 3);
    const product = this.offerProduct.values;
    let price = 0;
    let cost = 0;
    let capacity = 0;
    let seen = 0;
    this.offerMeta[o] = undefined;
    at = open(bytes, at, end, 0x7b);
    while (at >= 0) {
      at = memberKey(bytes, at, end, keyBytes.offer, seen);
      if (at < 0) return -1;
      seen |= 1 << member;
      const key = offerKeys[member];
      if (key === "product") {
        const after = nonEmptyString(bytes, at, end);
        product[2 * o] = at + 1;
        product[2 * o + 1] = after - 1;
        at = after;
      } else if (key === "meta") {
        at = scanMeta(bytes, at, end);
        this.offerMeta[o] = scannedMeta;
      } else {
        at = scanNumber(bytes, at, end);
        if (key === "price") price = scannedNumber;
        else if (key === "cost") cost = scannedNumber;
        else capacity = scannedNumber;
      }
      if (at < 0) return -1;
      at = next(bytes, at, end, 0x7d);
    }
    // Every key but meta, and the ranges of `offerSchema` (with the bound on amounts).
    if (
      at === -1 ||
      (seen & 15) !== 15 ||
      !(price > 0 && cost >= 0 && cost <= price && capacity > 0) ||
      !(price * capacity <= maxAmount)
    ) {
      return -1;
    }
    const figures = this.offerFigures.values;
    figures[3 * o] = price;
    figures[3 * o + 1] = cost;
    figures[3 * o + 2] = capacity;
    this.offerCount++;
    return ~at;
  }

  /** Scans a need object into the next need slot; returns the position after it, or −1. */
  private scanNeed(bytes: Uint8Array, at: number, end: number): number {
    const n = this.needCount;
    this.needStrings.reserve(4 * n + 4);
    this.needFigures.reserve(4 * n + 4);
    const strings = this.needStrings.values;
    let quantity = 0;
    let reference = Number.NaN;
    let switching = Number.NaN;
    let floor = Number.NaN;
    let seen = 0;
    strings[4 * n + 2] = -1;
    strings[4 * n + 3] = -1;
    this.needMeta[n] = undefined;
    at = open(bytes, at, end, 0x7b);
    while (at >= 0) {
      at = memberKey(bytes, at, end, keyBytes.need, seen);
      if (at < 0) return -1;
      seen |= 1 << member;
      const key = needKeys[member];
      if (key === "product" || key === "incumbent") {
        const after = nonEmptyString(bytes, at, end);
        const slot = key === "product" ? 4 * n : 4 * n + 2;
        strings[slot] = at + 1;
        strings[slot + 1] = after - 1;
        at = after;
      } else if (key === "meta") {
        at = scanMeta(bytes, at, end);
        this.needMeta[n] = scannedMeta;
      } else {
        at = scanNumber(bytes, at, end);
        if (key === "quantity") quantity = scannedNumber;
        else if (key === "referencePrice") reference = scannedNumber;
        else if (key === "switchingCost") switching = scannedNumber;
        else floor = scannedNumber;
      }
      if (at < 0) return -1;
      at = next(bytes, at, end, 0x7d);
    }
    // product and quantity present, and the ranges of `needSchema` (with the bound on amounts).
    if (
      at === -1 ||
      (seen & 3) !== 3 ||
      !(quantity > 0 && quantity <= Number.MAX_VALUE) ||
      !(Number.isNaN(reference) || (reference >= 0 && reference * quantity <= maxAmount)) ||
      !(Number.isNaN(switching) || (switching >= 0 && switching <= maxAmount)) ||
      !(Number.isNaN(floor) || (floor >= 0 && floor <= maxAmount && strings[4 * n + 2] >= 0))
    ) {
      return -1;
    }
    const figures = this.needFigures.values;
    figures[4 * n] = quantity;
    figures[4 * n + 1] = reference;
    figures[4 * n + 2] = switching;
    figures[4 * n + 3] = floor;
    this.needCount++;
    return ~at;
  }

  /**
   * Scans a relation object starting at `at` (after whitespace) and returns
   * the position after it, or −1 (fallback).
   */
  scanRelation(bytes: Uint8Array, at: number, end: number): number {
    this.bytes = bytes;
    this.productStart = this.productEnd = -1;
    this.probability = Number.NaN;
    this.blocked = -1;
    this.relationMeta = undefined;
    let seen = 0;
    at = open(bytes, at, end, 0x7b);
    while (at >= 0) {
      at = memberKey(bytes, at, end, keyBytes.relation, seen);
      if (at < 0) return -1;
      seen |= 1 << member;
      const key = relationKeys[member];
      if (key === "probability") {
        at = scanNumber(bytes, at, end);
        if (!(scannedNumber > 0 && scannedNumber <= 1)) return -1;
        this.probability = scannedNumber;
      } else if (key === "blocked") {
        this.blocked = scanBoolean(bytes, at, end);
        at = this.blocked < 0 ? -1 : at + (this.blocked === 1 ? 4 : 5);
      } else if (key === "meta") {
        at = scanMeta(bytes, at, end);
        this.relationMeta = scannedMeta;
      } else {
        const after = nonEmptyString(bytes, at, end);
        if (key === "seller") {
          this.sellerStart = at + 1;
          this.sellerEnd = after - 1;
        } else if (key === "buyer") {
          this.buyerStart = at + 1;
          this.buyerEnd = after - 1;
        } else {
          this.productStart = at + 1;
          this.productEnd = after - 1;
        }
        at = after;
      }
      if (at < 0) return -1;
      at = next(bytes, at, end, 0x7d);
    }
    // seller and buyer present.
    return at < -1 && (seen & 3) === 3 ? ~at : -1;
  }
}

/** 1 for `true`, 0 for `false` at `at`, else −1. */
function scanBoolean(bytes: Uint8Array, at: number, end: number): number {
  if (at + 4 <= end && bytes[at] === 0x74 && bytes[at + 1] === 0x72) {
    return bytes[at + 2] === 0x75 && bytes[at + 3] === 0x65 ? 1 : -1;
  }
  if (
    at + 5 <= end &&
    bytes[at] === 0x66 &&
    bytes[at + 1] === 0x61 &&
    bytes[at + 2] === 0x6c &&
    bytes[at + 3] === 0x73 &&
    bytes[at + 4] === 0x65
  ) {
    return 0;
  }
  return -1;
}
