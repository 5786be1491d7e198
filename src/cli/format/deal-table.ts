/**
 * The human format of a deal list (SPEC §8, output for people): one table
 * with a header, one line per trade, the deal's own figures on its first
 * line; firms by name (with the id where it differs), products, and money
 * with two decimals in the network's currency (named in the title), aligned
 * in columns. With `--explain` the pitch to each party follows its deal.
 *
 * The columns are a list (`dealColumns`): a new column is one more entry,
 * with a cell for the deal's first line, for each trade line, or both. Deals
 * that carry the room (`--room`, `--explain`) get a `room` column (each
 * trade's discount range), and deals with a known competitor's counter a
 * `counter` column (`roomColumns`). Streams: the columns and their widths are
 * fixed from the first `fitRows` deals, the rest follow one at a time.
 */
import type { Deal, DealTrade, MoneyRange } from "../../economics/deal.js";
import type { Network } from "../../model/types.js";
import { explainDeal } from "../../proposal/explain-deal.js";
import { formatFixed, formatNumber, roundSignificant } from "../../util/number-format.js";
import { visibleText } from "./escape.js";
import { labelsOf, type NetworkLabels } from "./firm-labels.js";
import { type TextColumn, TextTable } from "./text-table.js";

/** A column of the deal table: its cell on the deal's first line and on each trade line. */
export interface DealColumn extends TextColumn {
  /** The cell on the deal's first line (with its first trade). @defaultValue blank */
  readonly deal?: (deal: Deal, rank: number, labels: NetworkLabels) => string;
  /** The cell on each trade's line. @defaultValue blank */
  readonly trade?: (trade: DealTrade, deal: Deal, labels: NetworkLabels) => string;
}

/** A probability as people read it: at most 4 significant digits (`0.54`, `0.1235`). */
export function formatProbability(p: number): string {
  return String(roundSignificant(p, 4));
}

/** The columns of `find` and `select`'s table, left to right. */
export const dealColumns: readonly DealColumn[] = [
  { header: "#", align: "right", deal: (_, rank) => String(rank) },
  { header: "kind", deal: (d) => (d.feasible ? d.kind : `${d.kind} (infeasible)`) },
  { header: "score", align: "right", deal: (d) => formatFixed(d.score) },
  { header: "surplus", align: "right", deal: (d) => formatFixed(d.surplus) },
  { header: "p", align: "right", deal: (d) => formatProbability(d.probability) },
  { header: "seller", trade: (t, _, labels) => visibleText(labels.firm(t.seller)) },
  { header: "buyer", trade: (t, _, labels) => visibleText(labels.firm(t.buyer)) },
  { header: "product", trade: (t) => visibleText(t.product) },
  { header: "quantity", align: "right", trade: (t) => formatNumber(t.quantity) },
  { header: "discount", align: "right", trade: (t) => formatFixed(t.discount) },
];

/** A range of the room as people read it: `0.00 … 42,000.00`; `—` when there is none (infeasible). */
export function formatRange(range: MoneyRange | null | undefined): string {
  return range === null || range === undefined
    ? "—"
    : `${formatFixed(range[0])} … ${formatFixed(range[1])}`;
}

/** The columns deals with room or counters add after `dealColumns`. */
export const roomColumns = {
  room: { header: "room", align: "right", trade: (t) => formatRange(t.discountRange) },
  counter: {
    header: "counter",
    align: "right",
    trade: (t) => (t.counter === null ? "—" : formatFixed(t.counter)),
  },
} as const satisfies Record<string, DealColumn>;

/** The columns for these deals: `dealColumns`, and room and counter where the deals carry them. */
export function columnsFor(deals: readonly Deal[]): DealColumn[] {
  const trades = deals.flatMap((d) => d.trades);
  return [
    ...dealColumns,
    ...(trades.some((t) => t.discountRange !== undefined) ? [roomColumns.room] : []),
    ...(trades.some((t) => t.counter !== null) ? [roomColumns.counter] : []),
  ];
}

/** The table's lines of one deal: cells per line, the first line with the deal's figures. */
export function dealRows(
  deal: Deal,
  rank: number,
  labels: NetworkLabels,
  columns: readonly DealColumn[] = dealColumns,
): string[][] {
  return deal.trades.map((trade, i) =>
    columns.map((column) => {
      const own = i === 0 && column.deal !== undefined ? column.deal(deal, rank, labels) : "";
      return own !== "" ? own : (column.trade?.(trade, deal, labels) ?? "");
    }),
  );
}

/** The pitch lines under a deal (`--explain`): each party's sentences, then a blank line. */
export function pitchLines(deal: Deal, network: Network): string[] {
  const lines = explainDeal(deal, { network }).map(
    ({ label, sentences }) => `    ${visibleText(label)}: ${visibleText(sentences.join(" "))}`,
  );
  return [...lines, ""];
}

/** What the title line says: how many deals, ranked by what, in which currency. */
export function tableTitle(count: number | undefined, objective: string, currency?: string) {
  const deals =
    count === undefined ? "Deals" : `${formatNumber(count)} deal${count === 1 ? "" : "s"}`;
  const money = currency === undefined ? "" : `; money in ${currency}`;
  return `${deals}, ranked by ${objective}${money}`;
}

/** How many deals fix the column widths before the listing streams on. */
export const fitRows = 1000;

/**
 * The table's lines, lazily: the widths from the first `fitRows` deals, then
 * one deal at a time. "no deals found" when there are none.
 */
export function* dealTableLines(
  deals: Iterable<Deal>,
  network: Network,
  explain: boolean,
): Generator<string> {
  const labels = labelsOf(network);
  const head: Deal[] = [];
  const iterator = deals[Symbol.iterator]();
  for (let next = iterator.next(); ; next = iterator.next()) {
    if (next.done) break;
    head.push(next.value);
    if (head.length >= fitRows) break;
  }
  if (head.length === 0) {
    yield "no deals found";
    return;
  }
  const columns = columnsFor(head);
  const table = new TextTable(columns);
  let rank = 0;
  const rowsOf = (deal: Deal) => dealRows(deal, ++rank, labels, columns);
  const headRows = head.map(rowsOf);
  for (const rows of headRows) table.fit(rows);
  yield table.header();
  const emit = function* (deal: Deal, rows: string[][]) {
    for (const row of rows) yield table.line(row);
    if (explain) yield* pitchLines(deal, network);
  };
  for (let i = 0; i < head.length; i++) yield* emit(head[i], headRows[i]);
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    yield* emit(next.value, rowsOf(next.value));
  }
}
