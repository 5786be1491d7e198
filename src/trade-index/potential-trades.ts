/**
 * The potential trades of SPEC §3 as plain objects, in (seller, buyer, product)
 * order: the user-facing view of the trade index.
 */

import type { Network } from "../model/types.js";
import { tradeIndexOf } from "./trade-index.js";

/** One potential trade `(seller, buyer, product)` with its figures (SPEC §3). */
export interface PotentialTrade {
  readonly seller: string;
  readonly buyer: string;
  readonly product: string;
  /** q = min(offer capacity, need quantity). */
  readonly quantity: number;
  /** The offer's unit price. */
  readonly unitPrice: number;
  /** m = (price − cost)·q: what the seller gains. */
  readonly margin: number;
  /** c = (price − ref)·q + switchingCost: what the buyer loses by switching. */
  readonly premium: number;
  /** π, the chance the trade closes. */
  readonly probability: number;
}

/**
 * Lists the potential trades of a network lazily, sorted by seller, buyer and product.
 *
 * @example
 * for (const trade of potentialTrades(network)) console.log(trade.seller, trade.premium);
 */
export function* potentialTrades(network: Network): Generator<PotentialTrade> {
  const index = tradeIndexOf(network);
  for (let t = 0; t < index.tradeCount; t++) {
    yield {
      seller: index.firmId(index.tradeSeller(t)),
      buyer: index.firmId(index.tradeBuyer(t)),
      product: index.productId(index.tradeProduct(t)),
      quantity: index.tradeQuantity(t),
      unitPrice: index.tradeUnitPrice(t),
      margin: index.tradeMargin(t),
      premium: index.tradePremium[t],
      probability: index.tradeProbability(t),
    };
  }
}
