/**
 * A deal as an SVG diagram: its firms as labelled boxes (name, id where it
 * differs, roles: initiator, sponsor, key account), its trades as arrows from
 * seller to buyer labelled with the product, quantity × unit price and the
 * discount. Laid out by `layoutDeal` (a ring). The SVG has a title and a
 * description (every trade in words) for screen readers, and names each
 * firm and trade in `data-` attributes for scripts and tests. Its look comes
 * from the page's stylesheet (`sheetStyle`), by class.
 */
import type { Deal, DealTrade } from "../economics/deal.js";
import type { Network } from "../model/types.js";
import { labelsOf, type NetworkLabels } from "../proposal/firm-labels.js";
import { tradeIndexOf } from "../trade-index/trade-index.js";
import { formatFixed, formatNumber } from "../util/number-format.js";
import { layoutDeal, type Point } from "./deal-layout.js";
import { escapeHtml } from "./html.js";

/** What a firm is in a deal, besides a party. */
export const firmRoles = ["initiator", "sponsor", "key account"] as const;
/** One of `firmRoles`. */
export type FirmRole = (typeof firmRoles)[number];

/** Each party's roles: the initiator, a chain's sponsor, a key account of the network. */
export function rolesOf(deal: Deal, network: Network): Map<string, FirmRole[]> {
  const index = tradeIndexOf(network);
  const roles = new Map<string, FirmRole[]>();
  for (const party of deal.parties) {
    const own: FirmRole[] = [];
    if (deal.initiator?.firm === party.firm) own.push("initiator");
    if (deal.kind === "chain" && deal.trades[0]?.seller === party.firm) own.push("sponsor");
    const f = index.firmIndex(party.firm);
    if (f >= 0 && index.firmKeyAccount[f] === 1) own.push("key account");
    roles.set(party.firm, own);
  }
  return roles;
}

/** Box and text sizes (SVG user units). */
const node = { width: 184, height: 78 };
const charWidth = { name: 7.9, small: 6.9, label: 7.1 };
const labelLineHeight = 15;
const nodeLineHeight = 15;

/** `text` cut to `max` characters with an ellipsis. */
function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** `text` on at most `lines` lines of `max` characters, broken between words, the rest cut. */
export function wrapText(text: string, max: number, lines: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const joined = line === "" ? word : `${line} ${word}`;
    if ([...joined].length <= max || line === "") {
      line = joined;
      continue;
    }
    out.push(line);
    line = word;
  }
  if (line !== "" || out.length === 0) out.push(line);
  if (out.length <= lines) return out.map((l) => truncate(l, max));
  const kept = out.slice(0, lines);
  kept[lines - 1] = truncate(`${kept[lines - 1]} ${out.slice(lines).join(" ")}`, max);
  return kept.map((l) => truncate(l, max));
}

/** A trade's label lines: product; quantity × unit price; the discount. */
export function tradeLabelLines(trade: DealTrade): string[] {
  return [
    trade.product,
    `${formatNumber(trade.quantity)} × ${formatFixed(trade.unitPrice)}`,
    trade.discount > 0 ? `discount ${formatFixed(trade.discount)}` : "no discount",
  ];
}

/** The trade in words, for the description. */
function tradeSentence(trade: DealTrade, labels: NetworkLabels): string {
  const discount =
    trade.discount > 0 ? `a discount of ${formatFixed(trade.discount)}` : "no discount";
  return (
    `${labels.name(trade.seller)} sells ${formatNumber(trade.quantity)} ${trade.product} to ` +
    `${labels.name(trade.buyer)} at ${formatFixed(trade.unitPrice)} a unit with ${discount}.`
  );
}

const round = (x: number) => Math.round(x * 10) / 10;
const point = (p: Point) => `${round(p.x)},${round(p.y)}`;

/** One firm's box: name, id (where it differs), roles; the full texts in its title. */
function firmBox(
  firm: string,
  at: Point,
  labels: NetworkLabels,
  roles: readonly FirmRole[],
): string {
  const name = labels.name(firm);
  const inner = node.width - 14;
  const lines: { text: string; cls: string }[] = wrapText(
    name,
    Math.floor(inner / charWidth.name),
    firm === name || roles.length === 0 ? 3 : 2,
  ).map((text) => ({ text, cls: "firm-name" }));
  if (name !== firm) {
    lines.push({ text: truncate(firm, Math.floor(inner / charWidth.small)), cls: "firm-id" });
  }
  if (roles.length > 0) lines.push({ text: roles.join(" · "), cls: "firm-roles" });
  const lineHeight = nodeLineHeight;
  const top = -((lines.length - 1) * lineHeight) / 2;
  const texts = lines
    .map(
      (line, i) =>
        `<text class="${line.cls}" x="0" y="${round(top + i * lineHeight)}" dy="0.35em">${escapeHtml(line.text)}</text>`,
    )
    .join("");
  const classes = ["firm", ...roles.map((r) => r.replace(" ", "-"))].join(" ");
  const title = [labels.firm(firm), ...roles].join(" — ");
  return (
    `<g class="${classes}" data-firm="${escapeHtml(firm)}" transform="translate(${point(at)})">` +
    `<title>${escapeHtml(title)}</title>` +
    `<rect x="${-node.width / 2}" y="${-node.height / 2}" width="${node.width}" height="${node.height}" rx="10"/>` +
    `${texts}</g>`
  );
}

/**
 * The SVG diagram of one deal. `idPrefix` keeps the ids of its title and
 * arrowhead unique in a page of many deals.
 */
export function dealDiagramSvg(deal: Deal, network: Network, idPrefix: string): string {
  const labels = labelsOf(network);
  const roles = rolesOf(deal, network);
  const lines = deal.trades.map(tradeLabelLines);
  const labelWidth = Math.max(
    60,
    ...lines.map((l) => Math.max(...l.map((text) => [...text].length)) * charWidth.label),
  );
  const layout = layoutDeal(deal, {
    nodeWidth: node.width,
    nodeHeight: node.height,
    labelWidth,
    labelHeight: 3 * labelLineHeight,
  });
  const arrow = `${idPrefix}-arrow`;
  const title = `${idPrefix}-title`;
  const description = `${idPrefix}-desc`;
  const edges = layout.trades
    .map((t) => {
      const trade = deal.trades[t.trade];
      return (
        `<path class="trade" data-trade="${t.trade}" data-seller="${escapeHtml(trade.seller)}" ` +
        `data-buyer="${escapeHtml(trade.buyer)}" d="M${point(t.start)} Q${point(t.control)} ${point(t.end)}" ` +
        `marker-end="url(#${arrow})"/>`
      );
    })
    .join("");
  const tradeLabels = layout.trades
    .map((t) => {
      const spans = lines[t.trade]
        .map(
          (text, i) =>
            `<tspan x="${round(t.label.x)}" y="${round(t.label.y + (i - 1) * labelLineHeight)}" dy="0.35em"` +
            `${i === 0 ? ' class="product"' : ""}>${escapeHtml(text)}</tspan>`,
        )
        .join("");
      return `<text class="trade-label" data-trade="${t.trade}">${spans}</text>`;
    })
    .join("");
  const boxes = layout.firms
    .map((f) => firmBox(f.firm, f, labels, roles.get(f.firm) ?? []))
    .join("");
  const words = deal.trades.map((t) => tradeSentence(t, labels)).join(" ");
  const names = deal.parties.map((p) => labels.name(p.firm)).join(", ");
  return (
    `<svg class="deal-diagram${deal.feasible ? "" : " infeasible"}" xmlns="http://www.w3.org/2000/svg" ` +
    `viewBox="${round(layout.minX)} ${round(layout.minY)} ${round(layout.width)} ${round(layout.height)}" ` +
    `width="${Math.ceil(layout.width)}" height="${Math.ceil(layout.height)}" role="img" ` +
    `aria-labelledby="${title} ${description}">` +
    `<title id="${title}">${escapeHtml(`${deal.kind} deal of ${names}`)}</title>` +
    `<desc id="${description}">${escapeHtml(words)}</desc>` +
    `<defs><marker id="${arrow}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" ` +
    `orient="auto-start-reverse"><path class="arrowhead" d="M0,0 L10,5 L0,10 z"/></marker></defs>` +
    `<g class="trades">${edges}</g><g class="firms">${boxes}</g><g class="trade-labels">${tradeLabels}</g>` +
    `</svg>`
  );
}
