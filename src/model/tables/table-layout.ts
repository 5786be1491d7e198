/**
 * The files and columns of the tables form (SPEC §2): one CSV file per kind
 * of record, one column per field. The columns are read off the zod schemas
 * of `schema.ts` (through `record-fields.ts`, their zod-free mirror), the
 * single definition of the fields, so a field added there is a column here:
 * each field whose value is a string, a number or a boolean is a column of
 * the same name; `offers`, `needs` and `meta` are not
 * (offers and needs have their own files, meta has `meta.KEY` columns).
 */
import { type RecordKind, recordFields } from "../record-fields.js";

/** The files of a tables folder, in the order they are read and reported. */
export const tableFiles = [
  "network.csv",
  "firms.csv",
  "offers.csv",
  "needs.csv",
  "relations.csv",
] as const;

/** One of `tableFiles`. */
export type TableFile = (typeof tableFiles)[number];

/** The files a folder must have. */
export const requiredTableFiles: readonly TableFile[] = ["firms.csv"];

/** How a cell's text becomes a field's value. */
export type CellKind = "string" | "number" | "boolean";

/** A column of a file: the field it fills, how, and whether the header must have it. */
export interface TableColumn {
  readonly name: string;
  readonly kind: CellKind;
  readonly required: boolean;
}

/** The prefix of a column that fills a key of the record's `meta`. */
export const metaPrefix = "meta.";

/** The column of `offers.csv` and `needs.csv` naming the firm an item belongs to. */
export const ownerColumn = "firm";

/** The fields of a kind of record that are columns, in the schema's order. */
function columnsOf(kind: RecordKind): TableColumn[] {
  const columns: TableColumn[] = [];
  for (const { name, kind: cell, required } of recordFields[kind]) {
    if (cell === "string" || cell === "number" || cell === "boolean") {
      columns.push({ name, kind: cell, required });
    }
  }
  return columns;
}

const owner: TableColumn = { name: ownerColumn, kind: "string", required: true };

/** The columns of each file, `meta.KEY` aside. */
export const tableColumns: Readonly<Record<TableFile, readonly TableColumn[]>> = {
  "network.csv": columnsOf("header"),
  "firms.csv": columnsOf("firm"),
  "offers.csv": [owner, ...columnsOf("offer")],
  "needs.csv": [owner, ...columnsOf("need")],
  "relations.csv": columnsOf("relation"),
};
