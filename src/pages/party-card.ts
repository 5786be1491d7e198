/**
 * One party of a deal on its sheet: its name and roles, its figures (SPEC §5:
 * margin gained, premium paid, discount given and received, net, exposure),
 * its room as a bar, the competitor's counter it faces (each incumbent that
 * could win it back, with the most it could offer) and whether the deal
 * beats it, then the pitch to it in sentences (`explainDeal`). Every figure
 * carries its raw value in `data-value` beside the money people read.
 */
import type { Deal, DealTrade, PartyFigures } from "../economics/deal.js";
import type { Network } from "../model/types.js";
import type { PartyPitch } from "../proposal/explain-deal.js";
import type { NetworkLabels } from "../proposal/firm-labels.js";
import { tradeIndexOf } from "../trade-index/trade-index.js";
import type { FirmRole } from "./deal-diagram-svg.js";
import { attributes, escapeHtml } from "./html.js";
import { type RoomScale, roomBarHtml } from "./room-bar.js";

/** A figure as a `<div><dt>…</dt><dd data-field data-value>…</dd></div>` pair. */
export function figureHtml(field: string, label: string, value: number, text: string): string {
  return `<div><dt>${escapeHtml(label)}</dt><dd ${attributes({ "data-field": field, "data-value": value })}>${escapeHtml(text)}</dd></div>`;
}

/** The party's figures, in SPEC §5's order. */
const partyFigures: readonly [keyof PartyFigures & string, string][] = [
  ["marginGained", "margin gained"],
  ["premiumPaid", "premium paid"],
  ["discountGiven", "discount given"],
  ["discountReceived", "discount received"],
  ["net", "net"],
  ["exposure", "exposure"],
];

/** The incumbent named by the need behind a trade (its buyer's need for the product). */
function incumbentOf(trade: DealTrade, network: Network): string | undefined {
  const index = tradeIndexOf(network);
  const f = index.firmIndex(trade.buyer);
  if (f < 0) return undefined;
  const firm = network.firms[index.firmRecord[f]];
  return firm?.needs?.find((n) => n.product === trade.product)?.incumbent;
}

/** The counters a party faces: one line per trade it buys whose counter is known. */
function counterHtml(
  deal: Deal,
  party: PartyFigures,
  network: Network,
  labels: NetworkLabels,
  money: (x: number) => string,
): string {
  const items = deal.trades
    .filter((t) => t.buyer === party.firm && t.counter !== null)
    .map((t) => {
      const incumbent = incumbentOf(t, network);
      const who = incumbent === undefined ? "its incumbent" : labels.firm(incumbent);
      return (
        `<li ${attributes({ "data-product": t.product, "data-incumbent": incumbent })}>` +
        `${escapeHtml(who)} could offer up to <span ${attributes({ "data-field": "counter", "data-value": t.counter ?? 0 })}>` +
        `${escapeHtml(money(t.counter ?? 0))}</span> to keep its ${escapeHtml(t.product)} order</li>`
      );
    });
  if (items.length === 0) return "";
  const verdict = party.defensible
    ? `<p class="verdict good">The deal beats the counter: net − exposure ${escapeHtml(money(party.net - party.exposure))}.</p>`
    : '<p class="verdict bad">Not defensible: the counter could win it back.</p>';
  return `<div class="counter"><h4>Competitor's counter</h4><ul>${items.join("")}</ul>${verdict}</div>`;
}

/** The card of one party. */
export function partyCardHtml(
  deal: Deal,
  party: PartyFigures,
  pitch: PartyPitch | undefined,
  context: {
    readonly network: Network;
    readonly labels: NetworkLabels;
    readonly roles: readonly FirmRole[];
    readonly scale: RoomScale;
    readonly money: (x: number) => string;
  },
): string {
  const { labels, roles, money } = context;
  const name = labels.name(party.firm);
  const classes = ["party", ...roles.map((r) => r.replace(" ", "-"))].join(" ");
  const id = name === party.firm ? "" : ` <span class="firm-id">${escapeHtml(party.firm)}</span>`;
  const badges = roles.map((r) => ` <span class="role">${escapeHtml(r)}</span>`).join("");
  const figures = partyFigures
    .map(([field, label]) => {
      const value = party[field];
      if (typeof value !== "number") return "";
      // A negative premium is what switching saves the buyer: said as such, not as "-5,000".
      if (field === "premiumPaid" && value < 0)
        return figureHtml(field, "switching saves", value, money(-value));
      return figureHtml(field, label, value, money(value));
    })
    .join("");
  const room = roomBarHtml(party, context.scale, money);
  const sentences = pitch?.sentences ?? [];
  return (
    `<article ${attributes({ class: classes, "data-firm": party.firm })}>` +
    `<h3>${escapeHtml(name)}${id}${badges}</h3>` +
    `<dl class="figures">${figures}</dl>` +
    (room === "" ? "" : `<h4>Room</h4>${room}`) +
    counterHtml(deal, party, context.network, labels, money) +
    (sentences.length === 0 ? "" : `<p class="pitch">${escapeHtml(sentences.join(" "))}</p>`) +
    `</article>`
  );
}
