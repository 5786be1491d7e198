/**
 * The pitch of a deal: what to tell each party, in plain sentences (SPEC §8
 * `explainDeal`), and a one-line summary for a table row.
 *
 * Each party hears what it sells to whom and buys from whom, with the order's
 * value, the discount it gives or gets (money and percent of the order), what
 * switching supplier costs or saves it, and its net gain; then its room (how
 * much more it could give before the deal stops paying for it, the floor it
 * cannot be pushed below and the most it could ask for), the counter of each
 * incumbent that could win it back and whether the deal still beats it; the initiator also hears the margin it
 * gives up against the customers it wins. Given the network, firms are named
 * by their names and money carries the network's currency; money has two
 * decimals, written the same on every machine (no locale).
 */
import type { Deal, DealTrade, PartyFigures } from "../economics/deal.js";
import type { Firm, Network } from "../model/types.js";
import { tradeIndexOf } from "../trade-index/trade-index.js";
import { formatMoney, formatNumber, formatPercent } from "../util/number-format.js";

/** What to tell one party of a deal. */
export interface PartyPitch {
  /** The party's firm id. */
  readonly firm: string;
  /** How people know it: its name with the id where they differ (`Special Steel Co (steel)`), else the id. */
  readonly label: string;
  /**
   * Plain sentences, in this order: one per trade it sells, one per trade it
   * buys, its net gain, its room (when the deal carries it), the incumbents'
   * counters it is exposed to, and (for the initiator only) margin given up
   * against deals won.
   */
  readonly sentences: readonly string[];
}

/** Options of `explainDeal`. */
export interface ExplainOptions {
  /**
   * The deal's network: firms named by their names, money in its currency,
   * the incumbents that could counter named with their floors.
   * @defaultValue none (firm ids, no currency)
   */
  readonly network?: Network;
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

/** The order's value at list price: quantity · unit price. */
function orderValue(trade: DealTrade): number {
  return trade.quantity * trade.unitPrice;
}

/** How the pitch writes names and money for one deal. */
class Voice {
  private readonly firms = new Map<string, Firm>();
  private readonly currency: string | undefined;
  private readonly network: Network | undefined;

  constructor(
    private readonly deal: Deal,
    network: Network | undefined,
  ) {
    this.currency = network?.currency;
    this.network = network;
  }

  /** A firm of the network by id (through the trade index: no scan of the firms). */
  private firm(id: string): Firm | undefined {
    const network = this.network;
    if (network === undefined) return undefined;
    let firm = this.firms.get(id);
    if (firm === undefined) {
      const index = tradeIndexOf(network);
      const f = index.firmIndex(id);
      if (f < 0) return undefined;
      firm = network.firms[index.firmRecord[f]];
      this.firms.set(id, firm);
    }
    return firm;
  }

  /** A firm in a sentence: its name, else its id. */
  name(id: string): string {
    return this.firm(id)?.name ?? id;
  }

  /** A firm as a heading: its name with the id where they differ. */
  label(id: string): string {
    const name = this.firm(id)?.name;
    return name === undefined || name === id ? id : `${name} (${id})`;
  }

  money(x: number): string {
    return formatMoney(x, this.currency);
  }

  /** The buyer's need behind a trade, from the network. */
  needOf(trade: DealTrade) {
    return this.firm(trade.buyer)?.needs?.find((n) => n.product === trade.product);
  }

  saleSentence(trade: DealTrade): string {
    return (
      `${this.name(trade.seller)} sells ${formatNumber(trade.quantity)} ${trade.product} to ${this.name(trade.buyer)} ` +
      `for ${this.money(orderValue(trade))} ${this.discountClause(trade, "gives")}, ` +
      `keeping ${this.money(trade.margin - trade.discount)} of its ${this.money(trade.margin)} margin.`
    );
  }

  purchaseSentence(trade: DealTrade): string {
    const switching =
      trade.premium > 0
        ? `switching supplier costs it ${this.money(trade.premium)}`
        : trade.premium < 0
          ? `switching supplier saves it ${this.money(-trade.premium)}`
          : "switching supplier costs it nothing";
    return (
      `${this.name(trade.buyer)} buys ${formatNumber(trade.quantity)} ${trade.product} from ${this.name(trade.seller)} ` +
      `for ${this.money(orderValue(trade))} ${this.discountClause(trade, "gets")}; ${switching}.`
    );
  }

  private discountClause(trade: DealTrade, verb: "gives" | "gets"): string {
    if (trade.discount === 0) return "at the list price";
    const share =
      orderValue(trade) > 0
        ? ` (${formatPercent(trade.discount / orderValue(trade))} of the order)`
        : "";
    return `and ${verb} a discount of ${this.money(trade.discount)}${share}`;
  }

  netSentence(party: PartyFigures): string {
    if (party.net > 0) return `Its net gain from the deal is ${this.money(party.net)}.`;
    if (party.net < 0) return `It loses ${this.money(-party.net)} on the deal.`;
    return "It breaks even on the deal.";
  }

  /** How far the party can go: what it could still give, its floor and its ceiling. */
  roomSentence(party: PartyFigures): string | undefined {
    const range = party.netRange;
    if (range === undefined || range === null) return undefined;
    const [floor, ceiling] = range;
    // Amounts under half a cent read as none.
    const atCeiling = !(ceiling - party.net >= 0.005);
    const bounds = atCeiling
      ? `it cannot be pushed below ${this.money(floor)}, and this deal already gives it the most it could ask for`
      : `it cannot be pushed below ${this.money(floor)} and could ask for up to ${this.money(ceiling)}`;
    const give = party.net - floor;
    if (!(give >= 0.005)) return `It has no room to give more: ${bounds}.`;
    const orders = this.ordersOf(party.firm);
    const share = orders > 0 ? ` (${formatPercent(give / orders)} of its orders)` : "";
    return `It could give up to ${this.money(give)} more${share} before the deal stops paying for it; ${bounds}.`;
  }

  /** The value of what a party sells in the deal, or of what it buys when it sells nothing. */
  private ordersOf(firm: string): number {
    let sold = 0;
    let bought = 0;
    for (const trade of this.deal.trades) {
      if (trade.seller === firm) sold += orderValue(trade);
      if (trade.buyer === firm) bought += orderValue(trade);
    }
    return sold > 0 ? sold : bought;
  }

  /** One sentence per incumbent that could win the party back, then whether the deal beats them. */
  counterSentences(party: PartyFigures): string[] {
    const sentences: string[] = [];
    for (const trade of this.deal.trades) {
      if (trade.buyer !== party.firm || trade.counter === null || trade.counter <= 0) continue;
      const need = this.needOf(trade);
      if (need?.incumbent === undefined) {
        sentences.push(
          `Its incumbent supplier of ${trade.product} could offer it up to ${this.money(trade.counter)} to stay.`,
        );
        continue;
      }
      const reference = need.referencePrice ?? trade.unitPrice;
      const floor = reference - trade.counter / trade.quantity;
      sentences.push(
        `${this.name(need.incumbent)} could cut its price of ${trade.product} to ${this.money(floor)} and save it ${this.money(trade.counter)}.`,
      );
    }
    if (sentences.length === 0) return sentences;
    const lead = party.net - party.exposure;
    sentences.push(
      party.defensible
        ? `This deal leaves it ${this.money(party.net)} ahead, ${this.money(lead)} more than that.`
        : `This deal leaves it ${this.money(party.net)} ahead, not enough to beat that and clear its hurdle: the deal is not defensible for it.`,
    );
    return sentences;
  }

  initiatorSentence(): string | undefined {
    const initiator = this.deal.initiator;
    if (initiator === undefined || !this.deal.parties.some((p) => p.firm === initiator.firm))
      return undefined;
    const customers = `${initiator.newCustomers} new customer${initiator.newCustomers === 1 ? "" : "s"}`;
    const keys =
      initiator.keyAccountsWon > 0
        ? ` (${initiator.keyAccountsWon} key account${initiator.keyAccountsWon === 1 ? "" : "s"})`
        : "";
    const won = `${customers}${keys} and ${this.money(initiator.marginGained)} of margin`;
    if (initiator.marginGivenUp === 0)
      return `As the initiator, it gives up no margin and wins ${won}.`;
    return (
      `As the initiator, it gives up ${this.money(initiator.marginGivenUp)} of margin to win ${won}: ` +
      `${formatNumber(initiator.efficiency)} of margin for each 1 given up.`
    );
  }
}

/**
 * The pitch to each party of a deal, in the order of `deal.parties`. The room
 * sentence needs the deal's ranges (`room: true` in `findDeals`/`scoreDeal`;
 * `checkProposal` always has them).
 *
 * @example
 * for (const { label, sentences } of explainDeal(deal, { network })) console.log(`${label}: ${sentences.join(" ")}`);
 */
export function explainDeal(deal: Deal, options: ExplainOptions = {}): PartyPitch[] {
  const voice = new Voice(deal, options.network);
  return deal.parties.map((party) => {
    const sentences: string[] = [];
    for (const trade of deal.trades)
      if (trade.seller === party.firm) sentences.push(voice.saleSentence(trade));
    for (const trade of deal.trades)
      if (trade.buyer === party.firm) sentences.push(voice.purchaseSentence(trade));
    sentences.push(voice.netSentence(party));
    const room = voice.roomSentence(party);
    if (room !== undefined) sentences.push(room);
    sentences.push(...voice.counterSentences(party));
    if (deal.initiator?.firm === party.firm) {
      const sentence = voice.initiatorSentence();
      if (sentence !== undefined) sentences.push(sentence);
    }
    return { firm: party.firm, label: voice.label(party.firm), sentences };
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
