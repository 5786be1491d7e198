/**
 * The canonical deal id of SPEC §4: `kind:seller>buyer:product|…`, the trades
 * in the order of the SPEC's table (a cycle rotated to start at its smallest
 * firm; brokered S→M, M→D, S→D; a chain from its sponsor). The deal cursor
 * already hands out trades in that order, so the id is a join.
 *
 * Inside a firm id or a product, each `\`, `>`, `:` and `|` is written with a
 * `\` before it (SPEC v3 §4), so that distinct deals always have distinct ids
 * and `parseDealId` reads an id back: `a>b:x|y` as the product `x|y` is
 * `a>b:x\|y`. Ids are compared as strings (UTF-16 code units), escapes and all.
 */

import { UsageError } from "../model/errors.js";
import type { TradeIndex } from "../trade-index/trade-index.js";
import { ItemCache } from "../util/item-cache.js";
import { type DealKind, dealKinds } from "./kinds.js";

/** The kinds an id may start with: SPEC §4's, and `custom` (`scoreDeal`'s trades of no SPEC shape). */
export type DealIdKind = DealKind | "custom";

/** The firms and product of one trade, as a deal id names them. */
export interface DealIdTrade {
  readonly seller: string;
  readonly buyer: string;
  readonly product: string;
}

/** What `parseDealId` reads from an id. */
export interface ParsedDealId {
  readonly kind: DealIdKind;
  /** In the id's order (SPEC §4's). */
  readonly trades: readonly DealIdTrade[];
}

const special = /[\\>:|]/;
const specialAll = /[\\>:|]/g;

/**
 * A firm id or product as it is written inside a deal id: each `\`, `>`, `:`
 * and `|` with a `\` before it; other text unchanged.
 *
 * @example
 * escapeIdPart("x|y") // "x\\|y"
 */
export function escapeIdPart(text: string): string {
  return special.test(text) ? text.replace(specialAll, "\\$&") : text;
}

/**
 * The escaped firm and product ids of an index, each made on first use and
 * kept: a search touches only some firms, and a worker thread that builds ids
 * decodes only the ids it writes (a snapshot's ids are UTF-8 until read).
 */
interface EscapedIds {
  readonly firms: ItemCache<string>;
  readonly products: ItemCache<string>;
}

const escapedCache = new WeakMap<TradeIndex, EscapedIds>();

function escapedIdsOf(index: TradeIndex): EscapedIds {
  let escaped = escapedCache.get(index);
  if (escaped === undefined) {
    // From the index's own kept ids: an id with nothing to escape (nearly
    // all) is then the very string the index keeps, not a second copy.
    escaped = {
      firms: new ItemCache(index.header.firmCount, (i) => escapeIdPart(index.firmId(i))),
      products: new ItemCache(index.header.productCount, (i) => escapeIdPart(index.productId(i))),
    };
    escapedCache.set(index, escaped);
  }
  return escaped;
}

/**
 * The canonical SPEC §4 id of a deal: `kind:seller>buyer:product|…`, with
 * `\`, `>`, `:` and `|` inside ids escaped.
 *
 * @param kind the deal's kind; `custom` for trades of no SPEC shape (their order is the caller's)
 * @param trades trade integers of the index, in SPEC §4 order (as `DealCursor.trades` holds them)
 * @param size how many of `trades` belong to the deal
 * @example
 * dealId(index, cursor.kind, cursor.trades, cursor.size) // "cycle:a>b:steel|b>a:valve"
 */
export function dealId(
  index: TradeIndex,
  kind: DealIdKind,
  trades: ArrayLike<number>,
  size: number,
): string {
  const { offerFirm, offerProduct, needFirm, tradeOffer, tradeNeed } = index;
  const escaped = escapedIdsOf(index);
  let id = `${kind}:`;
  for (let i = 0; i < size; i++) {
    const t = trades[i];
    const offer = tradeOffer[t];
    if (i > 0) id += "|";
    const { firms, products } = escaped;
    id += `${firms.get(offerFirm[offer])}>${firms.get(needFirm[tradeNeed[t]])}:${products.get(offerProduct[offer])}`;
  }
  return id;
}

/**
 * A deal id from its kind and trades given as strings (the trades in the
 * order the id lists them): the same text `dealId` writes for the same deal.
 *
 * @example
 * formatDealId("cycle", [{ seller: "a", buyer: "b", product: "x|y" }, { seller: "b", buyer: "a", product: "z" }])
 * // "cycle:a>b:x\\|y|b>a:z"
 */
export function formatDealId(kind: DealIdKind, trades: Iterable<DealIdTrade>): string {
  let id = `${kind}:`;
  let first = true;
  for (const { seller, buyer, product } of trades) {
    if (!first) id += "|";
    first = false;
    id += `${escapeIdPart(seller)}>${escapeIdPart(buyer)}:${escapeIdPart(product)}`;
  }
  return id;
}

const idKinds: readonly string[] = [...dealKinds, "custom"];

/** What each part of a trade ends with, and the part that follows. */
const partEnd = [">", ":", "|"] as const;

/**
 * Reads a deal id back into its kind and trades: the inverse of `dealId` and
 * `formatDealId` (`parseDealId(formatDealId(k, ts))` gives `k` and `ts`).
 *
 * @throws UsageError when `id` is not a deal id: an unknown kind, a trade
 *   without `>` or `:`, an empty firm id or product, a `\` before any other
 *   character or at the end, or an unescaped `>`, `:` or `|` out of place
 * @example
 * parseDealId("cycle:a>b:x\\|y|b>a:z").trades[0].product // "x|y"
 */
export function parseDealId(id: string): ParsedDealId {
  const colon = id.indexOf(":");
  const kind = colon < 0 ? id : id.slice(0, colon);
  if (colon < 0 || !idKinds.includes(kind)) {
    throw new UsageError(
      `not a deal id: "${id}" (it must start with one of ${idKinds.join(", ")} and ":")`,
    );
  }
  const trades: DealIdTrade[] = [];
  if (colon === id.length - 1) return { kind: kind as DealIdKind, trades };
  function fail(at: number, what: string): never {
    throw new UsageError(`not a deal id: "${id}": ${what} at character ${at}`);
  }
  const parts: string[] = [];
  let part = "";
  for (let i = colon + 1; i <= id.length; i++) {
    const c = i < id.length ? id[i] : undefined;
    if (c === "\\") {
      const next = id[i + 1];
      if (next === undefined || !special.test(next)) fail(i, "a \\ that escapes nothing");
      part += next;
      i++;
      continue;
    }
    const expected = c === undefined ? "|" : partEnd[parts.length];
    if (c !== undefined && !special.test(c)) {
      part += c;
      continue;
    }
    if (c !== undefined && c !== expected) fail(i, `"${c}" where "${expected}" was expected`);
    if (c === undefined && parts.length !== 2) fail(i, "a trade that ends early");
    if (part === "") fail(i, "an empty firm id or product");
    parts.push(part);
    part = "";
    if (parts.length === 3) {
      const [seller, buyer, product] = parts as [string, string, string];
      trades.push({ seller, buyer, product });
      parts.length = 0;
    }
  }
  return { kind: kind as DealIdKind, trades };
}
