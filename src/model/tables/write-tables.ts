/**
 * Writing the tables form (SPEC §2): the text of each CSV file of a network,
 * piece by piece, for `tables-files.ts` to write or a browser to offer as
 * downloads. Every file gets every column of the form (a template an analyst
 * can fill), then one `meta.KEY` column per meta key its records use; lines
 * end in CRLF (RFC 4180).
 *
 * What the form cannot carry, and so what reading the files back gives:
 * - a `meta` value that is not a string is written as its JSON text
 *   (`3`, `true`, `{"a":1}`) and reads back as that string, since a
 *   `meta.KEY` column holds the cell's text;
 * - an empty string (a `name`, a meta value) is an empty cell, which reads
 *   back as an omitted field; a `meta` with no keys, and empty `offers` or
 *   `needs`, read back as omitted (which means the same);
 * - `relations` always reads back as a list (maybe empty), as from JSON.
 */
import type { Meta, Network } from "../types.js";
import { cellText, quoteField } from "./cells.js";
import { metaPrefix, ownerColumn, type TableFile, tableColumns } from "./table-layout.js";

/** A record of any file (a firm, an offer, a need, a relation, the root's fields). */
interface Row {
  readonly meta?: Meta;
}

/** The value of a record's field, by its column name. */
function fieldOf(record: Row, name: string): unknown {
  return (record as Readonly<Record<string, unknown>>)[name];
}

/** A row to write: the record, and the firm it belongs to (offers and needs). */
interface Owned {
  readonly record: Row;
  readonly owner?: string;
}

/** How many characters a piece of text holds before it is handed over. */
const pieceSize = 1 << 16;

const lineEnd = "\r\n";

/** The rows of `file` in `network`, in order. */
function* rowsOf(network: Network, file: TableFile): Generator<Owned> {
  if (file === "network.csv") {
    if (network.currency !== undefined || hasKeys(network.meta)) {
      yield { record: { currency: network.currency, meta: network.meta } as Row };
    }
  } else if (file === "firms.csv") {
    for (const firm of network.firms) yield { record: firm };
  } else if (file === "relations.csv") {
    for (const relation of network.relations ?? []) yield { record: relation };
  } else {
    const field = file === "offers.csv" ? "offers" : "needs";
    for (const firm of network.firms) {
      for (const item of firm[field] ?? []) yield { record: item, owner: firm.id };
    }
  }
}

function hasKeys(meta: Meta | undefined): boolean {
  for (const _ in meta) return true;
  return false;
}

/** The meta keys the rows of `file` use, in first-seen order. */
function metaKeysOf(network: Network, file: TableFile): string[] {
  const keys = new Set<string>();
  for (const { record } of rowsOf(network, file)) {
    for (const key in record.meta) keys.add(key);
  }
  return [...keys];
}

/**
 * The text of `file` in the tables form of `network`, header row first, in
 * pieces of about 64k characters.
 *
 * @example
 * const firmsCsv = [...tableText(network, "firms.csv")].join("");
 */
export function* tableText(network: Network, file: TableFile): Generator<string> {
  const columns = tableColumns[file].map((column) => column.name);
  const metaKeys = metaKeysOf(network, file);
  let piece =
    [...columns, ...metaKeys.map((key) => metaPrefix + key)].map(quoteField).join(",") + lineEnd;
  for (const { record, owner } of rowsOf(network, file)) {
    let line = "";
    for (let i = 0; i < columns.length; i++) {
      const name = columns[i];
      const value = name === ownerColumn && owner !== undefined ? owner : fieldOf(record, name);
      line += (i === 0 ? "" : ",") + quoteField(cellText(value));
    }
    const { meta } = record;
    for (const key of metaKeys) line += `,${quoteField(cellText(meta?.[key]))}`;
    piece += line + lineEnd;
    if (piece.length >= pieceSize) {
      yield piece;
      piece = "";
    }
  }
  if (piece !== "") yield piece;
}
