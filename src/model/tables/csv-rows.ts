/**
 * RFC 4180 rows from text that arrives in pieces, each with the line it
 * starts on. papaparse does the parsing (its `Parser`, the engine behind
 * `Papa.parse`, fed the text so far and asked to hold back the last,
 * maybe unfinished, row); this file carries the unfinished row over to the
 * next piece, strips a byte-order mark, settles the line break from the
 * first line, counts lines (a quoted cell may span several), skips blank
 * lines and reports malformed quoting with its line.
 */
import Papa from "papaparse";

/** What one call of papaparse's `Parser.parse` returns (its typings say `any`). */
interface ParsedPiece {
  readonly data: string[][];
  readonly errors: readonly {
    readonly code: string;
    readonly message: string;
    readonly row?: number;
  }[];
  readonly meta: { readonly cursor: number };
}

/** papaparse's quoting errors in plain words. */
const quotingMessages: Readonly<Record<string, string>> = {
  MissingQuotes: 'a quoted cell is never closed (a " is missing)',
  InvalidQuotes:
    'a quoted cell goes on after its closing " (write "" for a " inside a quoted cell)',
};

/** Receives each row that is not blank: its cells and the line it starts on (line 1 is the first). */
export type RowHandler = (cells: string[], line: number) => void;

/** Receives each row that is not valid CSV: the line it starts on and what is wrong. */
export type CsvErrorHandler = (line: number, message: string) => void;

/** True when every cell is empty (a blank line, or `,,,` as spreadsheets save empty rows). */
function isBlank(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i] !== "") return false;
  return true;
}

/** How many line breaks a row holds inside its quoted cells. */
function breaksInside(cells: readonly string[], lineBreak: string): number {
  const mark = lineBreak === "\r" ? "\r" : "\n";
  let breaks = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    for (let at = cell.indexOf(mark); at >= 0; at = cell.indexOf(mark, at + 1)) breaks++;
  }
  return breaks;
}

/**
 * Splits CSV text, given piece by piece (`feed`, then `end`), into rows.
 * Rows go to `onRow` as soon as they are complete.
 */
export class CsvRows {
  /** Text fed but not yet parsed: the start of a row whose end has not come. */
  private rest = "";
  /** The line the next row starts on. */
  private line = 1;
  private started = false;
  private parser: Papa.Parser | undefined;
  private lineBreak: "\n" | "\r\n" | "\r" = "\n";

  constructor(
    private readonly onRow: RowHandler,
    private readonly onError: CsvErrorHandler,
  ) {}

  /** The line the text parsed so far has reached (where a failure in what follows is reported). */
  get lineReached(): number {
    return this.line;
  }

  /** Parses the rows that `text` completes. */
  feed(text: string): void {
    this.rest += text;
    if (!this.started && !this.start(false)) return;
    this.parse(true);
  }

  /** Parses what is left: the last row needs no line break after it. */
  end(): void {
    if (!this.started) this.start(true);
    if (this.rest !== "") this.parse(false);
    this.rest = "";
  }

  /**
   * Strips a byte-order mark and settles the line break (`\r\n`, `\n` or
   * `\r`) from the first one in the text; false while there is none yet.
   */
  private start(atEnd: boolean): boolean {
    const text = this.rest;
    const at = text.search(/[\r\n]/);
    if (at < 0 || (text[at] === "\r" && at === text.length - 1)) {
      if (!atEnd) return false;
    } else if (text[at] === "\r") {
      this.lineBreak = text[at + 1] === "\n" ? "\r\n" : "\r";
    }
    if (text.charCodeAt(0) === 0xfeff) this.rest = text.slice(1);
    this.parser = new Papa.Parser({ delimiter: ",", newline: this.lineBreak, quoteChar: '"' });
    this.started = true;
    return true;
  }

  private parse(holdLastRow: boolean): void {
    const parser = this.parser;
    if (parser === undefined) return; // `start` has made it before any parse
    const piece = parser.parse(this.rest, 0, holdLastRow) as ParsedPiece;
    const { data, errors } = piece;
    let nextError = 0;
    const strayReturn = this.lineBreak === "\n";
    // Without a quote in the text, no cell holds a line break.
    const quoted = this.rest.indexOf('"') >= 0;
    for (let r = 0; r < data.length; r++) {
      const cells = data[r];
      const line = this.line;
      this.line += quoted ? 1 + breaksInside(cells, this.lineBreak) : 1;
      let bad = false;
      while (nextError < errors.length && (errors[nextError].row ?? -1) <= r) {
        const error = errors[nextError++];
        if (error.row !== r || bad) continue; // one report a row
        this.onError(line, quotingMessages[error.code] ?? `not valid CSV: ${error.message}`);
        bad = true;
      }
      if (strayReturn) {
        // A CRLF line in a file whose first line ends in LF alone.
        const last = cells.length - 1;
        if (cells[last].endsWith("\r")) cells[last] = cells[last].slice(0, -1);
      }
      if (!bad && !isBlank(cells)) this.onRow(cells, line);
    }
    this.rest = holdLastRow ? this.rest.slice(piece.meta.cursor) : "";
  }
}
