/**
 * The pitch of a deal: what to tell each party, in plain sentences (SPEC §8
 * `explainDeal`), and a one-line summary for a table row.
 *
 * Each party hears what it sells to whom and buys from whom, with the order's
 * value, the discount it gives or gets (money and percent of the order), what
 * switching supplier costs or saves it, and its net gain; the initiator also
 * hears the margin it gives up against the customers it wins. Numbers are
 * written the same on every machine (no locale): thousands separated by
 * commas, at most two decimals.
 */
import type { Deal, DealTrade, PartyFigures } from "../economics/deal.js";

/** What to tell one party of a deal. */
export interface PartyPitch {
  /** The party's firm id. */
  readonly firm: string;
  /**
   * Plain sentences, in this order: one per trade it sells, one per trade it
   * buys, its net gain, and (for the initiator only) margin given up against
   * deals won.
   */
  readonly sentences: readonly string[];
}

/** `1234567.891` → `1,234,567.89`; `-0` and amounts under a cent → `0`. */
export function formatAmount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const cents = Math.round(Math.abs(value) * 100);
  if (cents === 0) return "0";
  const whole = Math.floor(cents / 100);
  const fraction = cents % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const decimals = fraction === 0 ? "" : `.${String(fraction).padStart(2, "0").replace(/0$/, "")}`;
  return `${value < 0 ? "-" : ""}${grouped}${decimals}`;
}

/** A share as a percent with at most two decimals: `0.04125` → `4.13%`. */
function formatPercent(share: number): string {
  const hundredths = Math.round(share * 10000);
  const text = (hundredths / 100).toFixed(2).replace(/\.?0+$/, "");
  return `${text}%`;
}

/** The order's value at list price: quantity · unit price. */
function orderValue(trade: DealTrade): number {
  return trade.quantity * trade.unitPrice;
}

function discountClause(trade: DealTrade, verb: "gives" | "gets"): string {
  if (trade.discount === 0) return "at the list price";
  const share =
    orderValue(trade) > 0
      ? ` (${formatPercent(trade.discount / orderValue(trade))} of the order)`
      : "";
  return `and ${verb} a discount of ${formatAmount(trade.discount)}${share}`;
}

function saleSentence(trade: DealTrade): string {
  return (
    `${trade.seller} sells ${formatAmount(trade.quantity)} ${trade.product} to ${trade.buyer} ` +
    `for ${formatAmount(orderValue(trade))} ${discountClause(trade, "gives")}, ` +
    `keeping ${formatAmount(trade.margin - trade.discount)} of its ${formatAmount(trade.margin)} margin.`
  );
}

function purchaseSentence(trade: DealTrade): string {
  const switching =
    trade.premium > 0
      ? `switching supplier costs it ${formatAmount(trade.premium)}`
      : trade.premium < 0
        ? `switching supplier saves it ${formatAmount(-trade.premium)}`
        : "switching supplier costs it nothing";
  return (
    `${trade.buyer} buys ${formatAmount(trade.quantity)} ${trade.product} from ${trade.seller} ` +
    `for ${formatAmount(orderValue(trade))} ${discountClause(trade, "gets")}; ${switching}.`
  );
}

function netSentence(party: PartyFigures): string {
  if (party.net > 0) return `Its net gain from the deal is ${formatAmount(party.net)}.`;
  if (party.net < 0) return `It loses ${formatAmount(-party.net)} on the deal.`;
  return "It breaks even on the deal.";
}

function initiatorSentence(deal: Deal): string | undefined {
  const initiator = deal.initiator;
  if (initiator === undefined || !deal.parties.some((p) => p.firm === initiator.firm))
    return undefined;
  const customers = `${initiator.newCustomers} new customer${initiator.newCustomers === 1 ? "" : "s"}`;
  const keys =
    initiator.keyAccountsWon > 0
      ? ` (${initiator.keyAccountsWon} key account${initiator.keyAccountsWon === 1 ? "" : "s"})`
      : "";
  const won = `${customers}${keys} and ${formatAmount(initiator.marginGained)} of margin`;
  if (initiator.marginGivenUp === 0)
    return `As the initiator, it gives up no margin and wins ${won}.`;
  return (
    `As the initiator, it gives up ${formatAmount(initiator.marginGivenUp)} of margin to win ${won}: ` +
    `${formatAmount(initiator.efficiency)} of margin for each 1 given up.`
  );
}

/**
 * The pitch to each party of a deal, in the order of `deal.parties`.
 *
 * @example
 * for (const { firm, sentences } of explainDeal(deal)) console.log(`${firm}: ${sentences.join(" ")}`);
 */
export function explainDeal(deal: Deal): PartyPitch[] {
  return deal.parties.map((party) => {
    const sentences: string[] = [];
    for (const trade of deal.trades)
      if (trade.seller === party.firm) sentences.push(saleSentence(trade));
    for (const trade of deal.trades)
      if (trade.buyer === party.firm) sentences.push(purchaseSentence(trade));
    sentences.push(netSentence(party));
    if (deal.initiator?.firm === party.firm) {
      const sentence = initiatorSentence(deal);
      if (sentence !== undefined) sentences.push(sentence);
    }
    return { firm: party.firm, sentences };
  });
}

/** The firms of a deal as a route: `a → b → c → a` (cycle), `s → m → d, s → d` (brokered). */
function route(deal: Deal): string {
  const trades = deal.trades;
  if (deal.kind === "cycle" || deal.kind === "chain") {
    const firms = trades.map((t) => t.seller);
    firms.push(trades[trades.length - 1].buyer);
    return firms.join(" → ");
  }
  if (deal.kind === "brokered") {
    const [sm, md, sd] = trades;
    return `${sm.seller} → ${sm.buyer} → ${md.buyer}, ${sd.seller} → ${sd.buyer}`;
  }
  return trades.map((t) => `${t.seller} → ${t.buyer}`).join(", ");
}

/**
 * One readable line for a table row: kind, route, score, surplus,
 * probability, and the discounts (or `infeasible`).
 *
 * @example
 * summarizeDeal(deal) // "cycle bank → telecom → bank: score 50,400, surplus 63,000, p 0.8; telecom→bank gives 31,500"
 */
export function summarizeDeal(deal: Deal): string {
  const discounts = deal.trades
    .filter((t) => t.discount > 0)
    .map((t) => `${t.seller}→${t.buyer} gives ${formatAmount(t.discount)}`);
  const tail = deal.feasible
    ? discounts.length > 0
      ? discounts.join(", ")
      : "no discounts"
    : "infeasible";
  return (
    `${deal.kind} ${route(deal)}: score ${formatAmount(deal.score)}, surplus ${formatAmount(deal.surplus)}, ` +
    `p ${Number(deal.probability.toPrecision(4))}; ${tail}`
  );
}
