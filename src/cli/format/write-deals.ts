/**
 * Writes a ranked deal list to stdout in one of the CLI formats, streaming
 * (a JSON list of a million deals never becomes one string). Output for
 * people (table, csv, dot, mermaid, html) names firms through the network's
 * labels; JSON numbers have at most 12 significant digits (SPEC §8). The
 * html page is the deal sheet of `src/pages`, a deal at a time.
 */

import type { Writable } from "node:stream";
import type { Deal } from "../../economics/deal.js";
import { dealJsonText } from "../../economics/deal-json.js";
import type { Network } from "../../model/types.js";
import type { BindingLimit } from "../../pages/binding-limits.js";
import { dealSheetChunks } from "../../pages/deal-sheet.js";
import { labelsOf } from "../../proposal/firm-labels.js";
import { formatNumber } from "../../util/number-format.js";
import { CliUsageError } from "../io.js";
import { ChunkedWriter } from "../output.js";
import { dealCsvColumns, dealCsvLongColumns, dealCsvLongRows, dealCsvRow } from "./deal-csv.js";
import { dealsToDot, dealsToMermaid } from "./deal-diagram.js";
import { dealTableLines, tableTitle } from "./deal-table.js";
import {
  dealSeparators,
  writeJsonLines,
  writeJsonListing,
  writeListingBatches,
} from "./listing-json.js";
import {
  type PortfolioSummary,
  summaryCsvLines,
  summaryJsonFields,
  summaryTableLines,
} from "./portfolio-summary.js";

/** The output formats of `find` and `select`. */
export const dealFormats = ["table", "json", "csv", "dot", "mermaid", "html"] as const;
/** One of `dealFormats`. */
export type DealFormat = (typeof dealFormats)[number];

/**
 * The formats `--explain` works in: the table (the pitch under each deal),
 * csv (the long form, with each party's pitch) and html (whose sheets always
 * carry the pitch). JSON callers use `explainDeal` from the API; a DOT or
 * Mermaid diagram has no place for sentences.
 */
export const explainFormats = ["table", "csv", "html"] as const satisfies readonly DealFormat[];

/**
 * Whether a format shows each party's room, so the search must compute it:
 * the pitch (`--explain`) and the html sheet's room bars.
 */
export function needsRoom(format: FindFormat, explain: boolean): boolean {
  return explain || format === "html";
}

/** Refuses `--explain` with a format it does not work in (a usage error, before any reading). */
export function checkExplain(format: FindFormat, explain: boolean): void {
  if (explain && !(explainFormats as readonly string[]).includes(format)) {
    throw new CliUsageError(
      `--explain works with --format ${explainFormats.slice(0, -1).join(", ")} or ${explainFormats.at(-1)}, not ${format}` +
        (format === "json" ? " (JSON callers use explainDeal from the API)" : ""),
    );
  }
}

/** The output formats of `find`: those of `select`, and JSON Lines (one DEAL a line, for shards and `merge`). */
export const findFormats = [...dealFormats, "jsonl"] as const;
/** One of `findFormats`. */
export type FindFormat = (typeof findFormats)[number];

/** What to write. */
export interface DealListing {
  /** The deals, ranked; read once, one at a time (a long listing is never held whole). */
  readonly deals: Iterable<Deal>;
  /**
   * The deals' JSON texts, in the same order, already written by worker
   * threads in batches of bytes, given the separators (`dealSeparators`):
   * json (without a summary) and jsonl write these instead of the deals.
   * @defaultValue from `deals`
   */
  readonly jsonTexts?: (
    before: string,
    after: string,
    recycle?: boolean,
  ) => AsyncIterable<Uint8Array>;
  /** How many deals there are, when known (the table's title). */
  readonly count?: number;
  /** The deals' network: firms' names and the currency. */
  readonly network: Network;
  /** The objective the deals are ranked by (the table's title). */
  readonly objective: string;
  /** The pitch to each party (table), or the long form (csv). @defaultValue false */
  readonly explain?: boolean;
  /** `select`'s summary, written first. @defaultValue none (`find`) */
  readonly summary?: PortfolioSummary;
  /** The limits `select`'s portfolio reaches (the html sheet lists them). @defaultValue none */
  readonly binding?: readonly BindingLimit[];
  /** The search's initiator (the html page's title). @defaultValue none */
  readonly initiator?: string;
  /** Where the network was read from (the html page says it). @defaultValue none */
  readonly source?: string;
}

/** The html page's title and context lines. */
function sheetHeading(listing: DealListing, currency: string | undefined) {
  const labels = labelsOf(listing.network);
  const what = listing.summary === undefined ? "Deals" : "Portfolio of deals";
  const title =
    listing.initiator === undefined ? `${what}` : `${what} for ${labels.name(listing.initiator)}`;
  const count =
    listing.count === undefined
      ? ""
      : `${formatNumber(listing.count)} deal${listing.count === 1 ? "" : "s"}`;
  const context = [
    count,
    `ranked by ${listing.objective}`,
    currency === undefined ? "" : `money in ${currency}`,
    listing.source === undefined ? "" : `network ${listing.source}`,
  ];
  return { title, context };
}

/** Writes the listing in `format` to `stream`. */
export async function writeDeals(
  stream: Writable,
  format: FindFormat,
  listing: DealListing,
): Promise<void> {
  checkExplain(format, listing.explain === true);
  const out = new ChunkedWriter(stream);
  const { deals, network, summary } = listing;
  const labels = labelsOf(network);
  const explain = listing.explain === true;
  switch (format) {
    case "json":
      if (listing.jsonTexts !== undefined && summary === undefined) {
        const { before, after } = dealSeparators.json;
        await writeListingBatches(out, "json", listing.jsonTexts(before, after, true));
        break;
      }
      await writeJsonListing(
        out,
        jsonTexts(deals),
        summary === undefined ? [] : summaryJsonFields(summary),
      );
      break;
    case "jsonl":
      if (listing.jsonTexts !== undefined) {
        const { before, after } = dealSeparators.jsonl;
        await writeListingBatches(out, "jsonl", listing.jsonTexts(before, after, true));
      } else await writeJsonLines(out, jsonTexts(deals));
      break;
    case "csv": {
      for (const line of summary === undefined ? [] : summaryCsvLines(summary))
        await out.write(`${line}\n`);
      await out.write(`${(explain ? dealCsvLongColumns : dealCsvColumns).join(",")}\n`);
      let rank = 0;
      for (const deal of deals) {
        rank++;
        if (explain) {
          for (const row of dealCsvLongRows(deal, rank, labels, network))
            await out.write(`${row}\n`);
        } else await out.write(`${dealCsvRow(deal, rank, labels)}\n`);
      }
      break;
    }
    case "dot":
      await out.write(dealsToDot(deals, labels));
      break;
    case "mermaid":
      await out.write(dealsToMermaid(deals, labels));
      break;
    case "html":
      for (const chunk of dealSheetChunks(deals, {
        network,
        ...sheetHeading(listing, labels.currency),
        ...(summary === undefined ? {} : { portfolio: summary, binding: listing.binding ?? [] }),
      }))
        await out.write(chunk);
      break;
    case "table":
      if (summary !== undefined) {
        for (const line of summaryTableLines(summary, labels.currency))
          await out.write(`${line}\n`);
      } else if (listing.count !== 0) {
        await out.write(`${tableTitle(listing.count, listing.objective, labels.currency)}\n\n`);
      }
      for (const line of dealTableLines(deals, network, explain)) await out.write(`${line}\n`);
      break;
  }
  await out.flush();
}

function* jsonTexts(deals: Iterable<Deal>): Generator<string, void, undefined> {
  for (const deal of deals) yield dealJsonText(deal);
}
