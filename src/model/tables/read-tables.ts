/**
 * Reading the tables form (SPEC §2): a folder of CSV files, given as a
 * `TablesSource` (the names of its files and each one's text, piece by
 * piece), so this core reads files on Node (`tables-files.ts`) and strings
 * anywhere. Each file is read as a stream of rows; each row becomes the
 * record the document form would have, and the records go through the same
 * `NetworkBuilder` as JSON and JSON Lines: the zod schemas decide what is
 * valid and word the messages, and every problem is reported at once. Only
 * the places differ: `offers.csv line 12: cost` (line 1 is the header).
 *
 * Firms are read first, then their offers and needs (attached to the firm
 * their `firm` column names, in file order), then each firm goes to the
 * builder; relations go to it as they are read.
 */

import { countingSort } from "../../util/counting-sort.js";
import { searchSorted } from "../../util/search-sorted.js";
import { StringInterner } from "../../util/string-interner.js";
import { TypedColumn } from "../../util/typed-column.js";
import { type Issue, NetworkError } from "../errors.js";
import { NetworkBuilder, type RecordPlaces } from "../network-builder.js";
import { loadNetworkSchemas } from "../schemas-on-demand.js";
import type { Network } from "../types.js";
import { cellValue } from "./cells.js";
import { CsvRows } from "./csv-rows.js";
import {
  type CellKind,
  metaPrefix,
  ownerColumn,
  requiredTableFiles,
  type TableFile,
  tableColumns,
  tableFiles,
} from "./table-layout.js";

/** A tables folder as the reader sees it: the names of its files and the text of each. */
export interface TablesSource {
  /** The names of the files in the folder (files that do not end in `.csv` are not looked at). */
  readonly names: readonly string[];
  /** The text of the file `name`, piece by piece; may throw `NotUtf8Error`. */
  text(name: TableFile): AsyncIterable<string> | Iterable<string>;
}

/** Thrown by a `TablesSource` whose file is not UTF-8 text. */
export class NotUtf8Error extends Error {
  override readonly name = "NotUtf8Error";
}

/**
 * A source of in-memory texts, one per file name: the tables form read from
 * strings (a browser, a test).
 *
 * @example
 * await readTables(tablesOfTexts({ "firms.csv": "id\nsteel\n" }));
 */
export function tablesOfTexts(texts: Readonly<Record<string, string>>): TablesSource {
  return { names: Object.keys(texts), text: (name) => [texts[name] ?? ""] };
}

/** A record under construction: the fields of one row. */
type Draft = Record<string, unknown>;

/** What a header column does with its cells. */
type ColumnRole =
  | {
      readonly role: "field";
      readonly name: string;
      readonly kind: CellKind;
      /** Cells of this column repeat (product names): one string each (`shared`). */
      readonly shared: boolean;
    }
  | { readonly role: "meta"; readonly key: string }
  | { readonly role: "owner" }
  | { readonly role: "ignored" };

const ignored: ColumnRole = { role: "ignored" };

/** A problem with where it is, for ordering: files in `tableFiles` order, then by line. */
interface PlacedIssue {
  readonly file: number;
  readonly line: number;
  readonly issue: Issue;
}

/** `offers.csv line 12: cost`: a place in the tables form. */
function placeOf(file: string, line: number, field?: string): string {
  return field === undefined ? `${file} line ${line}` : `${file} line ${line}: ${field}`;
}

/** The places the builder names, before they are turned into tables places. */
const builderPlaces: RecordPlaces = {
  firm: (line) => `firms.csv line ${line}`,
  relation: (line) => `relations.csv line ${line}`,
};

/** A builder place: file, line, and (for a firm) which offer or need, and the field. */
const builderPlace =
  /^(network\.csv|firms\.csv|relations\.csv) line (\d+)(?:\.(offers|needs)\[(\d+)\])?(?:\.(.+))?$/;

/**
 * The items (offers or needs) read for the firms, in file order, each with
 * its firm's place and its line; `attach` hands each firm its list.
 */
class FirmItems {
  private records: Draft[] = [];
  private readonly firm = new TypedColumn(Int32Array);
  private readonly line = new TypedColumn(Int32Array);
  /** After `attach`: the items sorted by firm (stable), and where each firm's run starts. */
  private order = new Int32Array(0);
  private starts = new Int32Array(1);

  add(record: Draft, firm: number, line: number): void {
    this.records.push(record);
    this.firm.push(firm);
    this.line.push(line);
  }

  /**
   * Sets `field` of each firm that has items to the list of them, in file
   * order, as an array of exactly their number (a list grown by `push`
   * keeps spare room: ~130 bytes a firm at a million).
   */
  attach(firms: Draft[], field: "offers" | "needs"): void {
    const { records } = this;
    this.order = new Int32Array(records.length);
    this.starts = new Int32Array(firms.length + 1);
    countingSort(records.length, this.firm.values, null, this.order, this.starts);
    for (let f = 0; f < firms.length; f++) {
      const first = this.starts[f];
      const count = this.starts[f + 1] - first;
      if (count === 0) continue;
      const list: Draft[] = new Array(count);
      for (let k = 0; k < count; k++) list[k] = records[this.order[first + k]];
      firms[f][field] = list;
    }
    this.records = [];
  }

  /** The line of the `k`-th item of the firm at place `firm` (after `attach`). */
  lineOf(firm: number, k: number): number {
    return this.line.at(this.order[this.starts[firm] + k]);
  }
}

/** The roles of a file's columns, from its header row, and whether its rows can be read. */
interface Header {
  readonly roles: readonly ColumnRole[];
  /** False when a required column is missing: every row would repeat that. */
  readonly readRows: boolean;
}

/** Receives a row's record, the firm it names (offers and needs) and its line. */
type RecordHandler = (record: Draft, owner: string | undefined, line: number) => void;

/** Sets `key` of `meta` to `text`, as JSON.parse would (an own key even for `__proto__`). */
function setMeta(meta: Record<string, string>, key: string, text: string): void {
  if (key === "__proto__")
    Object.defineProperty(meta, key, {
      value: text,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else meta[key] = text;
}

/** Reads one tables folder; `read` does it once. */
class TablesReader {
  private readonly issues: PlacedIssue[] = [];
  /** The firms in `firms.csv` order, each with the offers and needs found for it. */
  private readonly firms: Draft[] = [];
  /** The line of each firm. */
  private readonly firmLine = new TypedColumn(Int32Array);
  /** Firm ids numbered in first-seen order, and the firm (place in `firms`) of each number. */
  private readonly firmIds = new StringInterner();
  private readonly firmOfId = new TypedColumn(Int32Array);
  private readonly items = { offers: new FirmItems(), needs: new FirmItems() };
  /** One string per product name: repeated names share it (see `shared`). */
  private readonly products = new StringInterner();

  constructor(private readonly source: TablesSource) {}

  /** Reads every file; the network, or `NetworkError` with every problem. */
  async read(): Promise<Network> {
    const present = this.filesPresent();
    let header: { record: Draft; line: number } | undefined;
    if (present.has("network.csv")) {
      await this.readFile("network.csv", (record, _owner, line) => {
        if (header === undefined) header = { record, line };
        else this.report(line, placeOf("network.csv", line), "network.csv has only one row");
      });
    }
    let firmsRead = false;
    if (present.has("firms.csv")) {
      firmsRead = await this.readFile("firms.csv", (record, _owner, line) =>
        this.addFirm(record, line),
      );
    }
    // Without the firms, every offer and need would be reported as naming no firm.
    for (const field of ["offers", "needs"] as const) {
      const file = `${field}.csv` as const;
      if (firmsRead && present.has(file)) {
        await this.readFile(file, (record, owner, line) =>
          this.addItem(field, record, owner, line),
        );
      }
    }
    this.items.offers.attach(this.firms, "offers");
    this.items.needs.attach(this.firms, "needs");
    const builder = new NetworkBuilder(builderPlaces, { firms: this.firms.length, relations: 0 });
    if (header !== undefined) builder.header(header.record, placeOf("network.csv", header.line));
    for (let i = 0; i < this.firms.length; i++) builder.firm(this.firms[i], this.firmLine.at(i));
    if (present.has("relations.csv")) {
      await this.readFile("relations.csv", (record, _owner, line) =>
        builder.relation(record, line),
      );
    }
    let network: Network | undefined;
    try {
      network = builder.finish();
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      this.placeBuilderIssues(error.issues);
    }
    if (network === undefined || this.issues.length > 0) {
      this.issues.sort((a, b) => a.file - b.file || a.line - b.line);
      throw new NetworkError(this.issues.map((placed) => placed.issue));
    }
    return network;
  }

  /** The files of the form that the folder has; any other `.csv` file and a missing required one are reported. */
  private filesPresent(): Set<TableFile> {
    const known: readonly string[] = tableFiles;
    const present = new Set<TableFile>();
    for (const name of this.source.names) {
      if (known.includes(name)) present.add(name as TableFile);
      else if (name.toLowerCase().endsWith(".csv")) {
        this.report(0, name, `unknown file (a tables folder holds ${tableFiles.join(", ")})`);
      }
    }
    for (const file of requiredTableFiles) {
      if (!present.has(file)) this.report(0, file, "required file is missing");
    }
    return present;
  }

  /** Records a problem at `path` (which starts with its file's name), on `line` (0: the file). */
  private report(line: number, path: string, message: string): void {
    const file = tableFiles.findIndex((name) => path.startsWith(name));
    this.issues.push({ file, line, issue: { path, message } });
  }

  /**
   * Streams one file: its header, then each row as a record. False when its
   * rows could not be read (a required column is missing).
   */
  private async readFile(file: TableFile, onRecord: RecordHandler): Promise<boolean> {
    let header: Header | undefined;
    const rows = new CsvRows(
      (cells, line) => {
        if (header === undefined) header = this.readHeader(file, cells, line);
        else if (header.readRows) this.readRow(file, header.roles, cells, line, onRecord);
      },
      (line, message) => this.report(line, placeOf(file, line), message),
    );
    try {
      for await (const piece of this.source.text(file)) rows.feed(piece);
      rows.end();
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error;
      this.report(rows.lineReached, placeOf(file, rows.lineReached), error.message);
      return false;
    }
    // An empty file: a header without columns.
    header ??= this.readHeader(file, [], 1);
    return header.readRows;
  }

  /** The role of each column of `file`'s header row; unknown, repeated and missing columns are reported. */
  private readHeader(file: TableFile, cells: readonly string[], line: number): Header {
    const columns = tableColumns[file];
    const roles: ColumnRole[] = [];
    const seen = new Set<string>();
    for (const name of cells) {
      const column = columns.find((column) => column.name === name);
      if (seen.has(name)) {
        this.report(line, placeOf(file, line, name), "the column appears twice");
        roles.push(ignored);
      } else if (name.startsWith(metaPrefix)) {
        roles.push({ role: "meta", key: name.slice(metaPrefix.length) });
      } else if (column === undefined) {
        const known = [...columns.map((column) => column.name), `${metaPrefix}KEY`].join(", ");
        this.report(line, placeOf(file, line, name), `unknown column (${file} has ${known})`);
        roles.push(ignored);
      } else if (name === ownerColumn && (file === "offers.csv" || file === "needs.csv")) {
        roles.push({ role: "owner" });
      } else {
        roles.push({ role: "field", name, kind: column.kind, shared: name === "product" });
      }
      seen.add(name);
    }
    let readRows = true;
    for (const column of columns) {
      if (column.required && !seen.has(column.name)) {
        this.report(line, placeOf(file, line, column.name), "required column is missing");
        readRows = false;
      }
    }
    return { roles, readRows };
  }

  /** Makes the record of one row and hands it on. */
  private readRow(
    file: TableFile,
    roles: readonly ColumnRole[],
    cells: readonly string[],
    line: number,
    onRecord: RecordHandler,
  ): void {
    if (cells.length !== roles.length) {
      this.report(
        line,
        placeOf(file, line),
        `${cells.length} cells where the header has ${roles.length} columns`,
      );
      return;
    }
    const record: Draft = {};
    let meta: Record<string, string> | undefined;
    let owner: string | undefined;
    for (let i = 0; i < cells.length; i++) {
      const text = cells[i];
      if (text === "") continue; // an empty cell is an omitted field
      const role = roles[i];
      if (role.role === "field")
        record[role.name] = role.shared ? this.shared(text) : cellValue(text, role.kind);
      else if (role.role === "meta") {
        meta ??= {};
        setMeta(meta, role.key, text);
      } else if (role.role === "owner") owner = text;
    }
    if (meta !== undefined) record.meta = meta;
    onRecord(record, owner, line);
  }

  /**
   * The one string of a product name. A cell is a substring of the text
   * read, and V8 keeps a substring of 13 characters or more as a view that
   * holds the whole piece of text alive: a copy of each name, shared by its
   * repeats, keeps the files' text collectable (a million firms name their
   * ~200,000 products ~4 million times).
   */
  private shared(text: string): string {
    const { products } = this;
    const known = products.find(text);
    if (known >= 0) return products.strings[known];
    const copy = JSON.parse(JSON.stringify(text)) as string; // new characters, no view
    products.intern(copy);
    return copy;
  }

  private addFirm(record: Draft, line: number): void {
    const { id } = record;
    if (typeof id === "string" && this.firmIds.find(id) < 0) {
      this.firmIds.intern(id);
      this.firmOfId.push(this.firms.length);
    }
    this.firms.push(record);
    this.firmLine.push(line);
  }

  /** Attaches an offer or a need to the firm it names (its first row, for a repeated id). */
  private addItem(
    field: "offers" | "needs",
    record: Draft,
    owner: string | undefined,
    line: number,
  ): void {
    const file = `${field}.csv`;
    if (owner === undefined) {
      this.report(line, placeOf(file, line, ownerColumn), "required field is missing");
      return;
    }
    const id = this.firmIds.find(owner);
    if (id < 0) {
      this.report(line, placeOf(file, line, ownerColumn), `firm "${owner}" is not in firms.csv`);
      return;
    }
    this.items[field].add(record, this.firmOfId.at(id), line);
  }

  /**
   * Turns the builder's places into the tables form's: `firms.csv line 5.hurdle`
   * → `firms.csv line 5: hurdle`, and `firms.csv line 5.offers[1].cost` →
   * `offers.csv line L: cost` with L the line of that firm's second offer.
   */
  private placeBuilderIssues(issues: readonly Issue[]): void {
    const firmLines = this.firmLine.view();
    for (const issue of issues) {
      const match = builderPlace.exec(issue.path);
      if (match === null) {
        this.report(0, issue.path, issue.message);
        continue;
      }
      const [, file, lineText, field, k, rest] = match;
      const line = Number(lineText);
      if (field === undefined) {
        this.report(line, placeOf(file, line, rest), issue.message);
        continue;
      }
      const firm = searchSorted(firmLines, 0, firmLines.length, line);
      const itemLine = this.items[field as "offers" | "needs"].lineOf(firm, Number(k));
      this.report(itemLine, placeOf(`${field}.csv`, itemLine, rest), issue.message);
    }
  }
}

/**
 * Reads a network in the tables form from `source` (SPEC §2): every rule of
 * the document form, with every problem named by file, line and column.
 *
 * @throws NetworkError listing every problem (`offers.csv line 12: cost`)
 * @example
 * const network = await readTables(tablesOfTexts({
 *   "firms.csv": "id,name\nsteel,Special Steel Co\nvalveco,Valve Works\n",
 *   "offers.csv": "firm,product,price,cost,capacity\nsteel,special-steel,5200,4300,2000\n",
 * }));
 */
export async function readTables(source: TablesSource): Promise<Network> {
  // The rows reach the builder from the CSV parser's callbacks, which cannot
  // wait for the schemas to load: they are loaded first (schemas-on-demand.ts).
  await loadNetworkSchemas();
  return new TablesReader(source).read();
}
