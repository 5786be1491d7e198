/**
 * Writes a ranked deal list to stdout in one of the CLI formats, streaming
 * (a JSON list of a million deals never becomes one string). Output for
 * people (table, csv, dot, mermaid) names firms through the network's labels;
 * JSON numbers have at most 12 significant digits (SPEC §8).
 */

import type { Writable } from "node:stream";
import type { Deal } from "../../economics/deal.js";
import { dealJsonText } from "../../economics/deal-json.js";
import type { Network } from "../../model/types.js";
import { CliUsageError } from "../io.js";
import { ChunkedWriter } from "../output.js";
import { dealCsvColumns, dealCsvLongColumns, dealCsvLongRows, dealCsvRow } from "./deal-csv.js";
import { dealsToDot, dealsToMermaid } from "./deal-diagram.js";
import { dealTableLines, tableTitle } from "./deal-table.js";
import { labelsOf } from "./firm-labels.js";
import { writeJsonLines, writeJsonListing } from "./listing-json.js";
import {
  type PortfolioSummary,
  summaryCsvLines,
  summaryJsonFields,
  summaryTableLines,
} from "./portfolio-summary.js";

/** The output formats of `find` and `select`. */
export const dealFormats = ["table", "json", "csv", "dot", "mermaid"] as const;
/** One of `dealFormats`. */
export type DealFormat = (typeof dealFormats)[number];

/**
 * The formats `--explain` works in: the table (the pitch under each deal) and
 * csv (the long form, with each party's pitch). JSON callers use
 * `explainDeal` from the API; a diagram has no place for sentences.
 */
export const explainFormats = ["table", "csv"] as const satisfies readonly DealFormat[];

/** Refuses `--explain` with a format it does not work in (a usage error, before any reading). */
export function checkExplain(format: FindFormat, explain: boolean): void {
  if (explain && !(explainFormats as readonly string[]).includes(format)) {
    throw new CliUsageError(
      `--explain works with --format ${explainFormats.join(" or ")}, not ${format}` +
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
      await writeJsonListing(
        out,
        jsonTexts(deals),
        summary === undefined ? [] : summaryJsonFields(summary),
      );
      break;
    case "jsonl":
      await writeJsonLines(out, jsonTexts(deals));
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
