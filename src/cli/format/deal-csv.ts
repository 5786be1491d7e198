/**
 * CSV of a deal list: one row per deal (RFC 4180 quoting), for spreadsheets.
 */
import type { Deal } from "../../economics/deal.js";

/** Quotes a CSV field when it needs it. */
export function csvField(value: string | number | boolean | null): string {
  const text = value === null ? "" : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header row. */
export const dealCsvHeader = [
  "rank",
  "id",
  "kind",
  "feasible",
  "score",
  "surplus",
  "probability",
  "expectedSurplus",
  "parties",
  "discounts",
  "initiator",
  "initiatorNet",
  "marginGivenUp",
].join(",");

/** One row per deal. */
export function dealCsvRow(deal: Deal, rank: number): string {
  return [
    rank,
    deal.id,
    deal.kind,
    deal.feasible,
    deal.score,
    deal.surplus,
    deal.probability,
    deal.expectedSurplus,
    deal.parties.map((p) => p.firm).join(" "),
    deal.trades.reduce((sum, t) => sum + t.discount, 0),
    deal.initiator?.firm ?? null,
    deal.initiator?.net ?? null,
    deal.initiator?.marginGivenUp ?? null,
  ]
    .map(csvField)
    .join(",");
}
