/**
 * The canonical deal id of SPEC §4: `kind:seller>buyer:product|…`, the trades
 * in the order of the SPEC's table (a cycle rotated to start at its smallest
 * firm; brokered S→M, M→D, S→D; a chain from its sponsor). The deal cursor
 * already hands out trades in that order, so the id is a plain join.
 */
import type { TradeIndex } from "../trade-index/trade-index.js";
import type { DealKind } from "./kinds.js";

/**
 * The canonical SPEC §4 id of a deal: `kind:seller>buyer:product|…`.
 *
 * @param kind a SPEC §4 kind, or another label (the economics write `custom` for trades of no shape)
 * @param trades trade integers of the index, in SPEC §4 order (as `DealCursor.trades` holds them)
 * @param size how many of `trades` belong to the deal
 * @example
 * dealId(index, cursor.kind, cursor.trades, cursor.size) // "cycle:a>b:steel|b>a:valve"
 */
export function dealId(
  index: TradeIndex,
  kind: DealKind | (string & {}),
  trades: ArrayLike<number>,
  size: number,
): string {
  const { firmIds, productIds, offerFirm, offerProduct, needFirm, tradeOffer, tradeNeed } = index;
  let id = `${kind}:`;
  for (let i = 0; i < size; i++) {
    const t = trades[i];
    const offer = tradeOffer[t];
    if (i > 0) id += "|";
    id += `${firmIds[offerFirm[offer]]}>${firmIds[needFirm[tradeNeed[t]]]}:${productIds[offerProduct[offer]]}`;
  }
  return id;
}
