/**
 * `select`'s summary (SPEC §8): what was chosen and what is proved about it,
 * printed before the deals in every format that has room for it:
 *
 * - table: aligned `key  value` lines under a title, then the deal table;
 * - csv: leading comment lines `# key: value` (one fact a line, JSON's key
 *   names), then the deal CSV; a reader skips the lines that start with `#`;
 * - json: the top-level fields `objective`, `bound`, `optimal`, `gap`,
 *   `status`, `solver`, `timeMs` after `deals`.
 */
import type { Objective } from "../../economics/deal.js";
import type { Portfolio } from "../../portfolio/portfolio-result.js";
import { formatFixed, formatNumber, formatPercent, jsonNumber } from "../../util/number-format.js";
import { TextTable } from "./text-table.js";

/** What `select` reports besides the deals. */
export interface PortfolioSummary {
  readonly objectiveName: Objective;
  /** Σ of the objective over the chosen deals. */
  readonly objective: number;
  readonly bound: number;
  readonly gap: number;
  readonly optimal: boolean;
  readonly status: Portfolio["status"];
  readonly solver: Portfolio["solver"];
  /** Why the exact backend could not be used, when it could not. */
  readonly backendError?: string;
  /** Deals considered. */
  readonly candidates: number;
  /** Deals chosen. */
  readonly chosen: number;
  /** Wall-clock ms of the whole select: search and selection. */
  readonly timeMs: number;
  /** Of which the search for candidates. */
  readonly searchMs: number;
}

/** The summary of a portfolio chosen from `candidates` deals found in `searchMs`. */
export function summaryOf(
  portfolio: Portfolio,
  candidates: number,
  searchMs: number,
): PortfolioSummary {
  return {
    objectiveName: portfolio.objectiveName,
    objective: portfolio.objective,
    bound: portfolio.bound,
    gap: portfolio.gap,
    optimal: portfolio.optimal,
    status: portfolio.status,
    solver: portfolio.solver,
    ...(portfolio.stats.backendError === undefined
      ? {}
      : { backendError: portfolio.stats.backendError }),
    candidates,
    chosen: portfolio.deals.length,
    timeMs: searchMs + portfolio.timeMs,
    searchMs,
  };
}

const ms = (x: number) => `${formatNumber(x)} ms`;

/** The table form: a title and aligned `key  value` lines, then a blank line. */
export function summaryTableLines(summary: PortfolioSummary, currency?: string): string[] {
  const s = summary;
  const money = currency === undefined ? "" : ` (money in ${currency})`;
  const searchMs = Math.round(s.searchMs);
  const selectionMs = Math.round(s.timeMs - s.searchMs);
  const solver =
    s.backendError === undefined
      ? s.solver
      : `${s.solver} (the exact backend failed: ${s.backendError})`;
  const rows = [
    ["objective", `${formatFixed(s.objective)} (${s.objectiveName})`],
    ["bound", formatFixed(s.bound)],
    ["gap", formatPercent(s.gap)],
    ["status", s.optimal ? `${s.status} (proven optimal)` : s.status],
    ["solver", solver],
    ["candidates", `${formatNumber(s.candidates)} (${formatNumber(s.chosen)} chosen)`],
    [
      "time",
      `${ms(searchMs + selectionMs)} (search ${ms(searchMs)}, selection ${ms(selectionMs)})`,
    ],
  ];
  const table = new TextTable([{ header: "" }, { header: "" }]).fit(rows);
  return [`Portfolio${money}:`, ...rows.map((row) => `  ${table.line(row)}`), ""];
}

/** The CSV form: comment lines `# key: value`. */
export function summaryCsvLines(summary: PortfolioSummary): string[] {
  const s = summary;
  const facts: [string, string][] = [
    ["objectiveName", s.objectiveName],
    ["objective", jsonNumber(s.objective)],
    ["bound", jsonNumber(s.bound)],
    ["gap", jsonNumber(s.gap)],
    ["optimal", String(s.optimal)],
    ["status", s.status],
    ["solver", s.solver],
    ["candidates", String(s.candidates)],
    ["chosen", String(s.chosen)],
    ["timeMs", jsonNumber(Math.round(s.timeMs))],
  ];
  if (s.backendError !== undefined)
    facts.push(["backendError", s.backendError.replace(/\s+/g, " ")]);
  return facts.map(([key, value]) => `# ${key}: ${value}`);
}

/** The JSON form: SPEC §8's fields after `deals`, as `"key": value` texts. */
export function summaryJsonFields(summary: PortfolioSummary): string[] {
  const s = summary;
  return [
    `"objective": ${jsonNumber(s.objective)}`,
    `"bound": ${jsonNumber(s.bound)}`,
    `"optimal": ${s.optimal}`,
    `"gap": ${jsonNumber(s.gap)}`,
    `"status": ${JSON.stringify(s.status)}`,
    `"solver": ${JSON.stringify(s.solver)}`,
    `"timeMs": ${jsonNumber(Math.round(s.timeMs))}`,
  ];
}
