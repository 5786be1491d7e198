/**
 * The SPEC §8 JSON form of a deal (the DEAL object of `find --format json`).
 * The only difference from `Deal` is the initiator's efficiency: Infinity
 * (nothing given up) has no JSON form and is written as `null`.
 */
import type { Deal, DealShape, DealTrade, InitiatorFigures, PartyFigures } from "./deal.js";

/** The initiator's figures in JSON: `efficiency` is null when nothing is given up. */
export interface InitiatorFiguresJson extends Omit<InitiatorFigures, "efficiency"> {
  readonly efficiency: number | null;
}

/** A deal as SPEC §8's DEAL JSON object: a `Deal` whose initiator efficiency may be null. */
export interface DealJson extends Omit<Deal, "initiator"> {
  readonly initiator?: InitiatorFiguresJson;
}

/**
 * The SPEC §8 JSON object of a deal: plain data, keys in the SPEC's order,
 * ready for `JSON.stringify`; `initiator` only when one was named.
 *
 * @example
 * JSON.stringify({ deals: findDeals(network).map(dealToJson) })
 */
export function dealToJson(deal: Deal): DealJson {
  const json: DealJson = {
    id: deal.id,
    kind: deal.kind,
    feasible: deal.feasible,
    score: deal.score,
    surplus: deal.surplus,
    probability: deal.probability,
    expectedSurplus: deal.expectedSurplus,
    trades: deal.trades.map((t) => ({
      seller: t.seller,
      buyer: t.buyer,
      product: t.product,
      quantity: t.quantity,
      unitPrice: t.unitPrice,
      margin: t.margin,
      premium: t.premium,
      probability: t.probability,
      discount: t.discount,
    })),
    parties: deal.parties.map((p) => ({
      firm: p.firm,
      marginGained: p.marginGained,
      premiumPaid: p.premiumPaid,
      discountGiven: p.discountGiven,
      discountReceived: p.discountReceived,
      net: p.net,
    })),
  };
  if (deal.initiator === undefined) return json;
  const i = deal.initiator;
  return {
    ...json,
    initiator: {
      firm: i.firm,
      marginGained: i.marginGained,
      marginGivenUp: i.marginGivenUp,
      net: i.net,
      newCustomers: i.newCustomers,
      keyAccountsWon: i.keyAccountsWon,
      efficiency: Number.isFinite(i.efficiency) ? i.efficiency : null,
    },
  };
}
