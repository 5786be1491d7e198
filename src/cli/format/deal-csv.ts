/**
 * CSV of a deal list (RFC 4180), for spreadsheets.
 *
 * - The wide form: one row per deal. `parties` and `partyNames` are lists as
 *   JSON arrays (`["steel","valveco"]`), which hold any id.
 * - The long form (`--explain`): one row per trade and one per party, with a
 *   `record` column (`trade` or `party`), each deal's id, rank and kind on
 *   every row, firms by id and by name, the room (`discountMin`/`Max`,
 *   `netMin`/`Max`), the competitor's counter and exposure, and the party's
 *   pitch: a pivot table sums `net` by `firmName`, or `discount` by `seller`,
 *   directly.
 *
 * Text cells are always quoted. A text cell that begins with `=`, `+`, `-`,
 * `@`, a tab or a carriage return gets a leading `'`, so that a spreadsheet
 * shows it as text and never runs it as a formula (CSV injection); strip
 * that one `'` to read the raw text. Number cells are plain: money with two
 * decimals, other figures with at most 12 significant digits; the currency
 * has its own column.
 */
import type { Deal, MoneyRange } from "../../economics/deal.js";
import type { Network } from "../../model/types.js";
import { explainDeal } from "../../proposal/explain-deal.js";
import { formatDecimal, roundSignificant } from "../../util/number-format.js";
import type { NetworkLabels } from "./firm-labels.js";

/** A cell value: text is quoted (and guarded), numbers and booleans are plain, null is empty. */
export type CsvCell = string | number | boolean | null | { readonly money: number };

/** A text cell: quoted, quotes doubled, formula triggers guarded by a leading `'`. */
export function csvText(text: string): string {
  const guarded = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${guarded.replace(/"/g, '""')}"`;
}

/** One cell as CSV text. */
export function csvCell(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "string") return csvText(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return String(roundSignificant(value));
  return formatDecimal(value.money, 2);
}

/** One CSV line (no line end). */
export function csvRow(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(",");
}

const money = (x: number) => ({ money: x });

/** The wide form's columns. */
export const dealCsvColumns = [
  "rank",
  "id",
  "kind",
  "feasible",
  "defensible",
  "currency",
  "score",
  "surplus",
  "probability",
  "expectedSurplus",
  "discounts",
  "parties",
  "partyNames",
  "initiator",
  "initiatorName",
  "initiatorNet",
  "marginGivenUp",
] as const;

/** The wide form's row of a deal. */
export function dealCsvRow(deal: Deal, rank: number, labels: NetworkLabels): string {
  const firms = deal.parties.map((p) => p.firm);
  const i = deal.initiator;
  return csvRow([
    rank,
    deal.id,
    deal.kind,
    deal.feasible,
    deal.defensible,
    labels.currency ?? null,
    money(deal.score),
    money(deal.surplus),
    deal.probability,
    money(deal.expectedSurplus),
    money(deal.trades.reduce((sum, t) => sum + t.discount, 0)),
    JSON.stringify(firms),
    JSON.stringify(firms.map(labels.name)),
    i?.firm ?? null,
    i === undefined ? null : labels.name(i.firm),
    i === undefined ? null : money(i.net),
    i === undefined ? null : money(i.marginGivenUp),
  ]);
}

/** The long form's columns. */
export const dealCsvLongColumns = [
  "rank",
  "dealId",
  "kind",
  "feasible",
  "currency",
  "record",
  "seller",
  "sellerName",
  "buyer",
  "buyerName",
  "product",
  "quantity",
  "unitPrice",
  "margin",
  "premium",
  "probability",
  "discount",
  "discountMin",
  "discountMax",
  "counter",
  "firm",
  "firmName",
  "marginGained",
  "premiumPaid",
  "discountGiven",
  "discountReceived",
  "net",
  "netMin",
  "netMax",
  "exposure",
  "defensible",
  "pitch",
] as const;

/** A range's ends as two money cells (empty without the room). */
function rangeCells(range: MoneyRange | null | undefined): CsvCell[] {
  return range === null || range === undefined ? [null, null] : [money(range[0]), money(range[1])];
}

/** The long form's rows of a deal: its trades, then its parties (with their pitch). */
export function dealCsvLongRows(
  deal: Deal,
  rank: number,
  labels: NetworkLabels,
  network: Network,
): string[] {
  const head: CsvCell[] = [rank, deal.id, deal.kind, deal.feasible, labels.currency ?? null];
  const rows = deal.trades.map((t) =>
    csvRow([
      ...head,
      "trade",
      t.seller,
      labels.name(t.seller),
      t.buyer,
      labels.name(t.buyer),
      t.product,
      t.quantity,
      money(t.unitPrice),
      money(t.margin),
      money(t.premium),
      t.probability,
      money(t.discount),
      ...rangeCells(t.discountRange),
      t.counter === null ? null : money(t.counter),
      ...Array<null>(12).fill(null),
    ]),
  );
  const pitches = new Map(
    explainDeal(deal, { network }).map((p) => [p.firm, p.sentences.join(" ")]),
  );
  for (const p of deal.parties) {
    rows.push(
      csvRow([
        ...head,
        "party",
        ...Array<null>(14).fill(null),
        p.firm,
        labels.name(p.firm),
        money(p.marginGained),
        money(p.premiumPaid),
        money(p.discountGiven),
        money(p.discountReceived),
        money(p.net),
        ...rangeCells(p.netRange),
        money(p.exposure),
        p.defensible,
        pitches.get(p.firm) ?? null,
      ]),
    );
  }
  return rows;
}
