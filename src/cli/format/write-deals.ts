/**
 * Writes a ranked deal list to stdout in one of the CLI formats, streaming
 * (a JSON list of a million deals never becomes one string).
 */

import type { Writable } from "node:stream";
import type { Deal } from "../../economics/deal.js";
import { dealJsonText } from "../../economics/deal-json.js";
import type { Network } from "../../model/types.js";
import { ChunkedWriter } from "../output.js";
import { dealCsvHeader, dealCsvRow } from "./deal-csv.js";
import { dealsToDot, dealsToMermaid } from "./deal-diagram.js";
import { dealTableLines } from "./deal-table.js";

/** The output formats of `find` and `select`. */
export const dealFormats = ["table", "json", "csv", "dot", "mermaid"] as const;
/** One of `dealFormats`. */
export type DealFormat = (typeof dealFormats)[number];

/** What to write: the deals, and for JSON the extra top-level fields (select's objective, bound …). */
export interface DealListing {
  /** The deals, ranked; read once, one at a time (a long listing is never held whole). */
  readonly deals: Iterable<Deal>;
  readonly explain?: boolean;
  /** The deals' network: names and currency in the pitches. */
  readonly network?: Network;
  /** Extra top-level JSON fields after `deals`. */
  readonly jsonFields?: Readonly<Record<string, unknown>>;
  /** Lines printed after a table. */
  readonly tableFooter?: readonly string[];
}

/** Writes the listing in `format` to `stream`. */
export async function writeDeals(
  stream: Writable,
  format: DealFormat,
  listing: DealListing,
): Promise<void> {
  const out = new ChunkedWriter(stream);
  const { deals } = listing;
  switch (format) {
    case "json": {
      await out.write('{"deals": [');
      let count = 0;
      for (const deal of deals) {
        await out.write(`${count++ === 0 ? "\n  " : ",\n  "}${dealJsonText(deal)}`);
      }
      await out.write(count === 0 ? "]" : "\n]");
      for (const [key, value] of Object.entries(listing.jsonFields ?? {})) {
        await out.write(`, ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
      }
      await out.write("}\n");
      break;
    }
    case "csv": {
      await out.write(`${dealCsvHeader}\n`);
      let rank = 0;
      for (const deal of deals) await out.write(`${dealCsvRow(deal, ++rank)}\n`);
      break;
    }
    case "dot":
      await out.write(dealsToDot([...deals]));
      break;
    case "mermaid":
      await out.write(dealsToMermaid([...deals]));
      break;
    case "table":
      for (const line of dealTableLines(deals, listing.explain === true, listing.network))
        await out.write(`${line}\n`);
      for (const line of listing.tableFooter ?? []) await out.write(`${line}\n`);
      break;
  }
  await out.flush();
}
