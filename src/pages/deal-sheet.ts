/**
 * The deal sheet (SPEC §8 `--format html`): one self-contained, printable
 * HTML page — styles, script, data and diagrams inlined, nothing fetched —
 * with a sheet per deal (`dealSectionHtml`), the list of deals, and, for
 * `select`, the portfolio's summary and the limits it reaches, for `check`
 * the verdict. Written as a stream of chunks, a deal at a time, so a long
 * listing never becomes one string; the list of deals comes last and the
 * page's script moves it to the top.
 */
import type { Deal } from "../economics/deal.js";
import type { Network } from "../model/types.js";
import { labelsOf } from "../proposal/firm-labels.js";
import { formatMoney } from "../util/number-format.js";
import type { BindingLimit } from "./binding-limits.js";
import { dealSectionHtml, kindTitle } from "./deal-section.js";
import { escapeHtml } from "./html.js";
import {
  type CheckFacts,
  checkPanelHtml,
  type PortfolioFacts,
  portfolioPanelHtml,
} from "./sheet-panels.js";
import { sheetScript } from "./sheet-script.js";
import { sheetStyle } from "./sheet-style.js";

/** What the page holds besides the deals. */
export interface DealSheetOptions {
  /** The deals' network: firms' names, key accounts, incumbents, the currency. */
  readonly network: Network;
  /** The page's title. @defaultValue "Deals" */
  readonly title?: string;
  /** Facts about the listing, shown under the title (how it was made, what it is ranked by). @defaultValue none */
  readonly context?: readonly string[];
  /** `select`'s summary, shown first. @defaultValue none */
  readonly portfolio?: PortfolioFacts;
  /** The limits the portfolio reaches (with `portfolio`). @defaultValue none */
  readonly binding?: readonly BindingLimit[];
  /** `check`'s verdict, shown first; its deal has no rank. @defaultValue none */
  readonly check?: CheckFacts;
  /** A line at the foot of the page (what wrote it). @defaultValue none */
  readonly footer?: string;
}

/** The page's head and its first panels. */
function pageHead(options: DealSheetOptions): string {
  const title = options.title ?? "Deals";
  const labels = labelsOf(options.network);
  const money = (x: number) => formatMoney(x, labels.currency);
  const context = (options.context ?? []).filter((line) => line !== "");
  const panels =
    (options.check === undefined ? "" : checkPanelHtml(options.check, labels)) +
    (options.portfolio === undefined
      ? ""
      : portfolioPanelHtml(options.portfolio, options.binding ?? [], labels, money));
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="generator" content="reciprocal-deals">` +
    `<title>${escapeHtml(title)}</title><style>${sheetStyle}</style></head>\n<body>` +
    (options.check === undefined
      ? '<a class="skip" href="#deal-index">Skip to the list of deals</a>'
      : "") +
    `<header class="page-head"><h1>${escapeHtml(title)}</h1>` +
    (context.length === 0 ? "" : `<p class="context">${escapeHtml(context.join(" · "))}</p>`) +
    `<p class="keys">Keys: <kbd>j</kbd> next deal, <kbd>k</kbd> previous deal, <kbd>Tab</kbd> through the links; ` +
    "printing gives a deal a page.</p></header>\n<main>" +
    panels +
    `<div id="deal-index-slot"></div>\n`
  );
}

/** The page as chunks of HTML, a deal at a time. */
export function* dealSheetChunks(
  deals: Iterable<Deal>,
  options: DealSheetOptions,
): Generator<string> {
  const { network } = options;
  const labels = labelsOf(network);
  yield pageHead(options);
  const entries: string[] = [];
  const ranked = options.check === undefined;
  for (const deal of deals) {
    const rank = entries.length + 1;
    yield `${dealSectionHtml(deal, network, ranked ? { rank } : { anchor: "deal" })}\n`;
    const names = deal.parties.map((p) => labels.name(p.firm)).join(" · ");
    entries.push(
      `<li><a href="#${ranked ? `deal-${rank}` : "deal"}">${escapeHtml(kindTitle(deal))}: ${escapeHtml(names)}</a> ` +
        `<span class="score">${escapeHtml(formatMoney(deal.score, labels.currency))}</span></li>`,
    );
  }
  if (entries.length === 0 && options.check === undefined) {
    yield '<section class="panel empty"><h2>No deals found</h2><p>No deal matches: try more parties, other kinds, or including infeasible deals.</p></section>\n';
  }
  if (ranked) {
    yield `<nav id="deal-index" class="panel deal-index" aria-labelledby="deal-index-title">` +
      `<h2 id="deal-index-title">Deals (${entries.length})</h2><ol>${entries.join("")}</ol></nav>\n`;
  }
  yield "</main>";
  if (options.footer !== undefined)
    yield `<footer class="page-foot">${escapeHtml(options.footer)}</footer>`;
  yield `<script>${sheetScript}</script></body></html>\n`;
}

/** The whole page as one string (for a few deals; stream `dealSheetChunks` for many). */
export function dealSheetHtml(deals: Iterable<Deal>, options: DealSheetOptions): string {
  return [...dealSheetChunks(deals, options)].join("");
}
