/**
 * One deal's sheet: a heading (its shape, parties and rank), its figures
 * (score, surplus, probability, expected surplus, feasible, defensible, the
 * initiator's), the diagram beside a card per party (figures, room bar,
 * competitor's counter, pitch), the trades as a table, and the deal's SPEC §8
 * JSON in a `<script type="application/json">` for whoever reads the page
 * with a program. The CLI's `--format html` writes one per deal; the explorer
 * builds the same in the browser when a deal is opened.
 */
import type { Deal, DealTrade, MoneyRange } from "../economics/deal.js";
import { dealJsonText } from "../economics/deal-json.js";
import type { Network } from "../model/types.js";
import { explainDeal } from "../proposal/explain-deal.js";
import { labelsOf } from "../proposal/firm-labels.js";
import { formatFixed, formatMoney, formatNumber, roundSignificant } from "../util/number-format.js";
import { dealDiagramSvg, rolesOf } from "./deal-diagram-svg.js";
import { attributes, escapeHtml, scriptJson } from "./html.js";
import { figureHtml, partyCardHtml } from "./party-card.js";
import { roomScale } from "./room-bar.js";

/** How a deal's shape is called on its sheet. */
export function kindTitle(deal: Deal): string {
  const k = deal.parties.length;
  switch (deal.kind) {
    case "cycle":
      return k === 2 ? "Bilateral deal" : `Loop of ${k} firms`;
    case "brokered":
      return "Brokered triangle";
    case "chain":
      return `Chain of ${k} firms`;
    default:
      return `Deal of ${k} firms`;
  }
}

/** Where a deal's sheet sits in its page. */
export interface DealSectionOptions {
  /** Its rank in the listing; none for a checked proposal. @defaultValue none */
  readonly rank?: number;
  /** The section's id, unique in the page (its anchor). @defaultValue `deal-RANK`, or `deal` */
  readonly anchor?: string;
  /** The heading level of the deal's title. @defaultValue 2 */
  readonly level?: 2 | 3;
}

/** A range as people read it: `0.00 … 42,000.00`; `—` without one. */
function rangeText(range: MoneyRange | null | undefined): string {
  return range === null || range === undefined
    ? "—"
    : `${formatFixed(range[0])} … ${formatFixed(range[1])}`;
}

/** A probability with at most 4 significant digits. */
const probability = (p: number) => String(roundSignificant(p, 4));

/** The trades table: one row per trade, in the deal's order. */
function tradesTable(deal: Deal, name: (id: string) => string, currency?: string): string {
  const cell = (field: string, value: number | null, text: string) =>
    `<td ${attributes({ class: "num", "data-field": field, "data-value": value ?? undefined })}>${escapeHtml(text)}</td>`;
  const rows = deal.trades.map(
    (t: DealTrade, i) =>
      `<tr ${attributes({ "data-trade": i })}><td>${escapeHtml(name(t.seller))}</td><td>${escapeHtml(name(t.buyer))}</td>` +
      `<td>${escapeHtml(t.product)}</td>` +
      cell("quantity", t.quantity, formatNumber(t.quantity)) +
      cell("unitPrice", t.unitPrice, formatFixed(t.unitPrice)) +
      cell("margin", t.margin, formatFixed(t.margin)) +
      cell("premium", t.premium, formatFixed(t.premium)) +
      cell("probability", t.probability, probability(t.probability)) +
      cell("discount", t.discount, formatFixed(t.discount)) +
      `<td class="num">${escapeHtml(rangeText(t.discountRange))}</td>` +
      cell("counter", t.counter, t.counter === null ? "—" : formatFixed(t.counter)) +
      "</tr>",
  );
  const money = currency === undefined ? "" : ` (${escapeHtml(currency)})`;
  return (
    `<div class="table-wrap"><table class="trades"><caption>Trades${money}</caption><thead><tr>` +
    "<th>seller</th><th>buyer</th><th>product</th><th>quantity</th><th>unit price</th><th>margin</th>" +
    '<th>premium</th><th><abbr title="probability that the trade closes">prob.</abbr></th><th>discount</th><th>discount room</th><th>counter</th>' +
    `</tr></thead><tbody>${rows.join("")}</tbody></table></div>`
  );
}

/** The initiator's figures as a line of facts (only when the deal has an initiator among its parties). */
function initiatorFacts(
  deal: Deal,
  money: (x: number) => string,
  name: (id: string) => string,
): string {
  const i = deal.initiator;
  if (i === undefined) return "";
  const efficiency = Number.isFinite(i.efficiency) ? formatFixed(i.efficiency) : "∞";
  return (
    `<dl class="facts initiator-facts" aria-label="the initiator's figures"><div><dt>initiator</dt><dd>${escapeHtml(name(i.firm))}</dd></div>` +
    figureHtml("initiatorNet", "net", i.net, money(i.net)) +
    figureHtml("marginGained", "margin gained", i.marginGained, money(i.marginGained)) +
    figureHtml("marginGivenUp", "margin given up", i.marginGivenUp, money(i.marginGivenUp)) +
    figureHtml(
      "efficiency",
      "efficiency",
      Number.isFinite(i.efficiency) ? i.efficiency : 0,
      efficiency,
    ) +
    figureHtml("newCustomers", "new customers", i.newCustomers, String(i.newCustomers)) +
    figureHtml("keyAccountsWon", "key accounts won", i.keyAccountsWon, String(i.keyAccountsWon)) +
    "</dl>"
  );
}

/** One deal's sheet as a `<section>`. */
export function dealSectionHtml(
  deal: Deal,
  network: Network,
  options: DealSectionOptions = {},
): string {
  const labels = labelsOf(network);
  const money = (x: number) => formatMoney(x, labels.currency);
  const anchor = options.anchor ?? (options.rank === undefined ? "deal" : `deal-${options.rank}`);
  const level = options.level ?? 2;
  const roles = rolesOf(deal, network);
  const pitches = new Map(explainDeal(deal, { network }).map((p) => [p.firm, p]));
  const scale = roomScale(deal);
  const names = deal.parties.map((p) => labels.name(p.firm)).join(" · ");
  const rank = options.rank === undefined ? "" : `<span class="rank">#${options.rank}</span> `;
  const badge = (good: boolean, yes: string, no: string) =>
    `<span class="badge ${good ? "good" : "bad"}">${good ? yes : no}</span>`;
  const facts =
    `<dl class="facts">` +
    figureHtml("score", "score", deal.score, money(deal.score)) +
    figureHtml("surplus", "surplus", deal.surplus, money(deal.surplus)) +
    figureHtml("probability", "probability", deal.probability, probability(deal.probability)) +
    figureHtml(
      "expectedSurplus",
      "expected surplus",
      deal.expectedSurplus,
      money(deal.expectedSurplus),
    ) +
    "</dl>";
  const cards = deal.parties
    .map((party) =>
      partyCardHtml(deal, party, pitches.get(party.firm), {
        network,
        labels,
        roles: roles.get(party.firm) ?? [],
        scale,
        money,
      }),
    )
    .join("");
  const caption =
    "Arrows run from seller to buyer: product, quantity × unit price, discount" +
    (labels.currency === undefined ? "." : ` (${labels.currency}).`);
  return (
    `<section ${attributes({
      class: `deal${deal.feasible ? "" : " infeasible"}`,
      id: anchor,
      tabindex: -1,
      "data-deal-id": deal.id,
      "data-rank": options.rank,
      "aria-labelledby": `${anchor}-title`,
    })}>` +
    `<header class="deal-head"><h${level} id="${anchor}-title">${rank}${escapeHtml(kindTitle(deal))}: ${escapeHtml(names)}</h${level}>` +
    `<p class="badges">${badge(deal.feasible, "feasible", "infeasible")} ${badge(deal.defensible, "defensible", "not defensible")}</p>` +
    (deal.parties.some((p) => p.netRange === null)
      ? '<p class="room-none">No room: no discounts make this deal acceptable to every party.</p>'
      : "") +
    facts +
    initiatorFacts(deal, money, labels.name) +
    `<p class="deal-id">id <code>${escapeHtml(deal.id)}</code></p></header>` +
    `<div class="deal-body"><figure class="diagram">${dealDiagramSvg(deal, network, anchor)}` +
    `<figcaption>${escapeHtml(caption)}</figcaption></figure>` +
    `<div class="parties">${cards}</div></div>` +
    tradesTable(deal, labels.name, labels.currency) +
    `<script type="application/json" class="deal-json">${scriptJson(dealJsonText(deal))}</script>` +
    `</section>`
  );
}
