/**
 * The JSON Lines form (SPEC §2) read from a stream of bytes: one
 * `{"firm": …}` or `{"relation": …}` a line, an optional first line
 * `{"currency": …, "meta": …}`; errors name the line
 * (`line 1203: firm.offers[0].cost`).
 *
 * Lines are found in each chunk as it comes (a line split across chunks is
 * joined once, so a line of any length costs time linear in its length),
 * each chunk's complete lines are checked to be UTF-8 at once, and each line
 * is read by the record scanner, or by `JSON.parse` and zod when it has an
 * unusual shape or a problem (`record-scanner.ts`).
 */
import { linePlaces, NetworkBuilder } from "../network-builder.js";
import { loadNetworkSchemas, SchemasNotLoaded } from "../schemas-on-demand.js";
import type { Network } from "../types.js";
import { RecordScan } from "./record-scanner.js";
import { firstBadUtf8, hexByte, isUtf8Range, printable } from "./utf8-check.js";

const encoder = new TextEncoder();

/** A chunk as bytes (strings are encoded as UTF-8). */
function bytesOf(chunk: string | Uint8Array): Uint8Array {
  return typeof chunk === "string" ? encoder.encode(chunk) : chunk;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The only key of a record, or undefined when it has none or several (no array made). */
function soleKey(value: Record<string, unknown>): string | undefined {
  let sole: string | undefined;
  for (const key in value) {
    if (sole !== undefined) return undefined;
    sole = key;
  }
  return sole;
}

/** Whether every byte of `bytes[start..end)` is JSON whitespace. */
function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  }
  return true;
}

const decoder = new TextDecoder();

/** Options of `readNetworkLines`. */
export interface ReadLinesOptions {
  /** The input's size in bytes, when known: room for its records is made at once. @defaultValue unknown */
  readonly sizeHint?: number;
}

/** About how many firms and relations `bytes` of a file hold (generated files: ~450 bytes a firm). */
export function expectedRecords(bytes: number | undefined): { firms: number; relations: number } {
  const firms = bytes === undefined ? 0 : Math.min(1 << 24, Math.floor(bytes / 450));
  return { firms, relations: firms };
}

/** Reads lines into a builder. */
class LineReader {
  readonly builder: NetworkBuilder;
  private readonly scan = new RecordScan();
  private lineNumber = 0;
  private sawRecord = false;
  private sawLine = false;
  /** The start of a line not yet ended, in pieces (copied); while a line waits, every byte after it. */
  private carry: Uint8Array[] = [];
  /** A parsed line that needs the zod schemas, which are not loaded yet. */
  private waiting: { readonly text: string; readonly n: number } | undefined;

  constructor(sizeHint: number | undefined) {
    this.builder = new NetworkBuilder(linePlaces, expectedRecords(sizeHint));
  }

  /**
   * Reads the complete lines of a chunk and keeps its last, unfinished one.
   * When a line needs the zod schemas and they are not loaded, it stops after
   * that line (kept as `waiting`) and keeps the rest: load them and `resume()`.
   */
  push(chunk: Uint8Array): void {
    let first = chunk.indexOf(0x0a);
    if (first < 0) {
      if (chunk.length > 0) this.carry.push(chunk.slice());
      return;
    }
    let start = 0;
    if (this.carry.length > 0) {
      this.carry.push(chunk.subarray(0, first));
      const line = concat(this.carry);
      this.carry = [];
      this.checkedLine(line, 0, line.length);
      start = first + 1;
      first = chunk.indexOf(0x0a, start);
    }
    const last = chunk.lastIndexOf(0x0a);
    if (first >= 0 && this.waiting === undefined) {
      const utf8 = isUtf8Range(chunk, start, last);
      for (let end = first; end >= 0 && end <= last; end = chunk.indexOf(0x0a, start)) {
        if (utf8) this.line(chunk, start, end);
        else this.checkedLine(chunk, start, end);
        start = end + 1;
        if (this.waiting !== undefined) break;
      }
    }
    if (start < chunk.length) this.carry.push(chunk.slice(start));
  }

  /** A line waits for the zod schemas: load them (`loadNetworkSchemas`), then `resume()`. */
  get isWaiting(): boolean {
    return this.waiting !== undefined;
  }

  /** Reads the waiting line, now that the schemas are loaded, and the lines kept after it. */
  resume(): void {
    const waiting = this.waiting;
    if (waiting === undefined) return;
    this.waiting = undefined;
    this.parsedLine(waiting.text, waiting.n);
    const rest = concat(this.carry);
    this.carry = [];
    this.push(rest);
  }

  /** Reads the unfinished last line, if any (it may wait for the schemas too). */
  endLines(): void {
    if (this.carry.length > 0) {
      const line = concat(this.carry);
      this.carry = [];
      this.checkedLine(line, 0, line.length);
    }
  }

  /** The network, once every line is read. */
  finish(): Network {
    if (!this.sawLine) this.builder.report("$", "the file is empty (no header, firm or relation)");
    return this.builder.finish();
  }

  /** A line not yet known to be UTF-8. */
  private checkedLine(bytes: Uint8Array, start: number, end: number): void {
    if (isUtf8Range(bytes, start, end)) {
      this.line(bytes, start, end);
      return;
    }
    this.lineNumber++;
    this.sawLine = true;
    const bad = firstBadUtf8(bytes, start, end);
    this.builder.report(
      `line ${this.lineNumber}`,
      `not valid UTF-8: byte ${hexByte(bytes[bad])} at byte ${bad - start + 1} of the line (save the file as UTF-8)`,
    );
  }

  /** One line, `bytes[start..end)` without its LF, known to be UTF-8. */
  private line(bytes: Uint8Array, start: number, end: number): void {
    const n = ++this.lineNumber;
    if (end > start && bytes[end - 1] === 0x0d) end--;
    if (
      n === 1 &&
      bytes[start] === 0xef &&
      bytes[start + 1] === 0xbb &&
      bytes[start + 2] === 0xbf
    ) {
      this.builder.report(
        "line 1",
        "the file starts with a byte-order mark (U+FEFF): save it as UTF-8 without one",
      );
      start += 3;
    }
    if (isBlank(bytes, start, end)) return;
    this.sawLine = true;
    const kind = this.scan.scanLine(bytes, start, end);
    if (kind === "firm") {
      this.builder.scannedFirm(this.scan, n);
      this.sawRecord = true;
    } else if (kind === "relation") {
      this.builder.scannedRelation(this.scan, n);
      this.sawRecord = true;
    } else {
      this.parsedLine(decoder.decode(bytes.subarray(start, end)), n);
    }
  }

  /** A line the scanner left: `JSON.parse`, then the builder's validation. */
  private parsedLine(text: string, n: number): void {
    try {
      this.parsedRecord(text, n);
    } catch (error) {
      if (!(error instanceof SchemasNotLoaded)) throw error;
      this.waiting = { text, n };
    }
  }

  /** `parsedLine`'s work; throws `SchemasNotLoaded` before changing anything. */
  private parsedRecord(text: string, n: number): void {
    const { builder } = this;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      builder.report(`line ${n}`, `not valid JSON: ${printable((error as Error).message)}`);
      return;
    }
    const key = isPlainObject(value) ? soleKey(value) : undefined;
    if (key === "firm") {
      builder.firm((value as { firm: unknown }).firm, n);
      this.sawRecord = true;
    } else if (key === "relation") {
      builder.relation((value as { relation: unknown }).relation, n);
      this.sawRecord = true;
    } else if (
      !this.sawRecord &&
      isPlainObject(value) &&
      Object.keys(value).every((k) => k === "currency" || k === "meta")
    ) {
      builder.header(value, `line ${n}: header`);
    } else {
      builder.report(
        `line ${n}`,
        'expected {"firm": …} or {"relation": …} (a header {"currency", "meta"} only before them)',
      );
    }
  }
}

/** The pieces as one array. */
function concat(pieces: readonly Uint8Array[]): Uint8Array {
  if (pieces.length === 1) return pieces[0];
  let length = 0;
  for (const piece of pieces) length += piece.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/**
 * Reads the JSON Lines form from a stream of bytes (or strings, taken as
 * UTF-8 text). Errors name the line: `line 1203: firm.offers[0].cost`; bytes
 * that are not UTF-8 are an error naming the line and the byte.
 *
 * @throws NetworkError listing every problem
 */
export async function readNetworkLines(
  input: AsyncIterable<string | Uint8Array> | NodeJS.ReadableStream,
  options: ReadLinesOptions = {},
): Promise<Network> {
  const reader = new LineReader(options.sizeHint);
  const settle = async () => {
    while (reader.isWaiting) {
      await loadNetworkSchemas();
      reader.resume();
    }
  };
  for await (const chunk of input as AsyncIterable<string | Uint8Array>) {
    reader.push(bytesOf(chunk));
    await settle();
  }
  reader.endLines();
  await settle();
  return reader.finish();
}
