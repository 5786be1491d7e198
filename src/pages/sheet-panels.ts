/**
 * The panels a deal sheet shows before its deals: `select`'s portfolio
 * summary (objective, bound, gap, status, solver, candidates, time) with the
 * limits the portfolio reaches, and `check`'s verdict with every violation.
 */
import type { Objective } from "../economics/deal.js";
import type { NetworkLabels } from "../proposal/firm-labels.js";
import type { Violation } from "../proposal/proposal.js";
import { formatNumber, formatPercent } from "../util/number-format.js";
import type { BindingLimit } from "./binding-limits.js";
import { escapeHtml } from "./html.js";
import { figureHtml } from "./party-card.js";

/** What a portfolio's panel states (the CLI's `select` summary has these fields). */
export interface PortfolioFacts {
  readonly objectiveName: Objective;
  /** Σ of the objective over the chosen deals. */
  readonly objective: number;
  readonly bound: number;
  readonly gap: number;
  readonly optimal: boolean;
  readonly status: string;
  readonly solver: string;
  /** Deals considered and chosen. */
  readonly candidates: number;
  readonly chosen: number;
  /** Milliseconds of the whole run (search and selection). */
  readonly timeMs: number;
}

/** What a check's panel states. */
export interface CheckFacts {
  readonly ok: boolean;
  readonly violations: readonly Violation[];
}

/** What a limit is, as people read it: "capacity of valve", "maxDeals". */
function limitName(limit: BindingLimit): string {
  return limit.kind === "maxDeals"
    ? "deals it can join (maxDeals)"
    : `capacity of ${limit.product ?? ""}`;
}

/** Rows past which the list of limits starts folded. */
const foldedAfter = 20;

/**
 * `select`'s panel: the summary, then the firms whose capacity or maxDeals the
 * portfolio uses up (a table, folded when long); needs filled to the last unit
 * are only counted, since most chosen trades fill their buyer's need.
 */
export function portfolioPanelHtml(
  facts: PortfolioFacts,
  binding: readonly BindingLimit[],
  labels: NetworkLabels,
  money: (x: number) => string,
): string {
  const text = (field: string, label: string, value: string) =>
    `<div><dt>${escapeHtml(label)}</dt><dd data-field="${field}">${escapeHtml(value)}</dd></div>`;
  const summary =
    '<dl class="facts">' +
    figureHtml(
      "objective",
      `objective (${facts.objectiveName})`,
      facts.objective,
      money(facts.objective),
    ) +
    figureHtml("bound", "bound", facts.bound, money(facts.bound)) +
    figureHtml("gap", "gap", facts.gap, formatPercent(facts.gap)) +
    text("status", "status", facts.status) +
    text("solver", "solver", facts.solver) +
    figureHtml(
      "chosen",
      "chosen",
      facts.chosen,
      `${formatNumber(facts.chosen)} of ${formatNumber(facts.candidates)} deals`,
    ) +
    figureHtml("timeMs", "time", facts.timeMs, `${formatNumber(Math.round(facts.timeMs))} ms`) +
    "</dl>";
  const firmLimits = binding.filter((limit) => limit.kind !== "need");
  const needs = binding.length - firmLimits.length;
  const rows = firmLimits
    .map(
      (limit) =>
        `<tr data-firm="${escapeHtml(limit.firm)}" data-limit="${limit.kind}"><td>${escapeHtml(labels.firm(limit.firm))}</td>` +
        `<td>${escapeHtml(limitName(limit))}</td><td class="num">${escapeHtml(formatNumber(limit.used))} of ${escapeHtml(formatNumber(limit.limit))}</td></tr>`,
    )
    .join("");
  const heading = `Capacities that bind (${formatNumber(firmLimits.length)})`;
  const table =
    firmLimits.length === 0
      ? "<p>No firm's capacity or maxDeals is used up: every seller could take more.</p>"
      : `<div class="table-wrap"><table class="binding"><thead><tr><th>firm</th><th>limit</th><th>used</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  const needsLine =
    needs === 0
      ? ""
      : `<p class="note">${formatNumber(needs)} buyer need${needs === 1 ? " is" : "s are"} filled to the last unit.</p>`;
  const limits =
    firmLimits.length > foldedAfter
      ? `<details class="binding"><summary><h3>${heading}</h3></summary>${table}</details>`
      : `<h3>${heading}</h3>${table}`;
  return (
    `<section class="panel portfolio" aria-labelledby="portfolio-title"><h2 id="portfolio-title">Portfolio</h2>${summary}` +
    `${limits}${needsLine}</section>`
  );
}

/** `check`'s panel: the verdict and every violation (code, where, message). */
export function checkPanelHtml(facts: CheckFacts, labels: NetworkLabels): string {
  const n = facts.violations.length;
  const verdict = facts.ok
    ? "✔ The proposal is sound."
    : `✖ ${formatNumber(n)} violation${n === 1 ? "" : "s"}`;
  const where = (v: Violation) =>
    v.trade !== undefined
      ? `trade ${v.trade}`
      : v.firm !== undefined
        ? labels.firm(v.firm)
        : "the deal";
  const items = facts.violations
    .map(
      (v) =>
        `<li data-code="${escapeHtml(v.code)}"><code>${escapeHtml(v.code)}</code> at ${escapeHtml(where(v))}: ${escapeHtml(v.message)}</li>`,
    )
    .join("");
  return (
    `<section class="panel verdict-panel ${facts.ok ? "good" : "bad"}" aria-labelledby="verdict-title">` +
    `<h2 id="verdict-title">${escapeHtml(verdict)}</h2>${n === 0 ? "" : `<ul class="violations">${items}</ul>`}</section>`
  );
}
