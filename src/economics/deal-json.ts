/**
 * The SPEC §8 JSON form of a deal (the DEAL object of `find --format json`).
 * The only difference from `Deal` is the initiator's efficiency: Infinity
 * (nothing given up) has no JSON form and is written as `null`. Keys come in
 * the SPEC's order, then the v3 fields: a trade's `counter` (and with room its
 * `discountRange`), a party's `exposure` and `defensible` (and with room its
 * `netRange`), and the deal's `defensible` after `feasible`.
 */
import { jsonNumber } from "../util/number-format.js";
import type { Deal, InitiatorFigures, MoneyRange } from "./deal.js";

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
    defensible: deal.defensible,
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
      counter: t.counter,
      ...(t.discountRange === undefined ? {} : { discountRange: t.discountRange }),
    })),
    parties: deal.parties.map((p) => ({
      firm: p.firm,
      marginGained: p.marginGained,
      premiumPaid: p.premiumPaid,
      discountGiven: p.discountGiven,
      discountReceived: p.discountReceived,
      net: p.net,
      exposure: p.exposure,
      defensible: p.defensible,
      ...(p.netRange === undefined ? {} : { netRange: p.netRange }),
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

/** A number as SPEC §8's JSON writes it: at most 12 significant digits, `null` when not finite. */
const num = jsonNumber;
const str = JSON.stringify;
/** A range of the room as JSON: `[min,max]`, or `null`. */
const range = (r: MoneyRange | null): string =>
  r === null ? "null" : `[${num(r[0])},${num(r[1])}]`;

/**
 * `JSON.stringify(dealToJson(deal))`, written directly (about 3× faster, for
 * listings of millions of deals); the same text, key for key, except that
 * every number has at most 12 significant digits (SPEC §8: no float noise).
 */
export function dealJsonText(deal: Deal): string {
  let text = `{"id":${str(deal.id)},"kind":${str(deal.kind)},"feasible":${deal.feasible},"defensible":${deal.defensible},"score":${num(deal.score)},"surplus":${num(deal.surplus)},"probability":${num(deal.probability)},"expectedSurplus":${num(deal.expectedSurplus)},"trades":[`;
  deal.trades.forEach((t, i) => {
    text += `${i === 0 ? "" : ","}{"seller":${str(t.seller)},"buyer":${str(t.buyer)},"product":${str(t.product)},"quantity":${num(t.quantity)},"unitPrice":${num(t.unitPrice)},"margin":${num(t.margin)},"premium":${num(t.premium)},"probability":${num(t.probability)},"discount":${num(t.discount)},"counter":${t.counter === null ? "null" : num(t.counter)}${t.discountRange === undefined ? "" : `,"discountRange":${range(t.discountRange)}`}}`;
  });
  text += `],"parties":[`;
  deal.parties.forEach((p, i) => {
    text += `${i === 0 ? "" : ","}{"firm":${str(p.firm)},"marginGained":${num(p.marginGained)},"premiumPaid":${num(p.premiumPaid)},"discountGiven":${num(p.discountGiven)},"discountReceived":${num(p.discountReceived)},"net":${num(p.net)},"exposure":${num(p.exposure)},"defensible":${p.defensible}${p.netRange === undefined ? "" : `,"netRange":${range(p.netRange)}`}}`;
  });
  text += "]";
  const i = deal.initiator;
  if (i !== undefined) {
    text += `,"initiator":{"firm":${str(i.firm)},"marginGained":${num(i.marginGained)},"marginGivenUp":${num(i.marginGivenUp)},"net":${num(i.net)},"newCustomers":${num(i.newCustomers)},"keyAccountsWon":${num(i.keyAccountsWon)},"efficiency":${num(i.efficiency)}}`;
  }
  return `${text}}`;
}
