/**
 * `readNetwork`: reads a network file, either one JSON document or JSON Lines
 * (`.jsonl`, `.ndjson`; streamed, errors name the line), or a folder in the
 * tables form (CSV files; streamed, errors name file, line and column).
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { NetworkError } from "./errors.js";
import { linePlaces, NetworkBuilder } from "./network-builder.js";
import { parseNetwork } from "./parse-network.js";
import { readNetworkTables } from "./tables/tables-files.js";
import type { Network } from "./types.js";

/** The text forms of SPEC §2 a stream can be read in. */
export const networkFormats = ["json", "jsonl"] as const;

/** One of `networkFormats`. */
export type NetworkFormat = (typeof networkFormats)[number];

/** Options of `readNetwork`. */
export interface ReadNetworkOptions {
  /** The file form. @defaultValue from the extension: `.jsonl`/`.ndjson` → `jsonl`, else `json` */
  readonly format?: NetworkFormat;
}

/** The form a path's extension implies. */
export function formatOfPath(path: string): NetworkFormat {
  return /\.(jsonl|ndjson)$/i.test(path) ? "jsonl" : "json";
}

/** True when `path` is a folder (false when it is anything else or cannot be looked at). */
async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads a `.json`, `.jsonl` or `.ndjson` network file, or a folder in the
 * tables form (`readNetworkTables`; `format` does not apply to it).
 *
 * @throws NetworkError on invalid content (a missing file is a plain `Error` with its path)
 * @example
 * const network = await readNetwork("examples/steel-valves/network.json");
 */
export async function readNetwork(
  path: string,
  options: ReadNetworkOptions = {},
): Promise<Network> {
  if (await isFolder(path)) return readNetworkTables(path);
  const format = options.format ?? formatOfPath(path);
  if (format === "jsonl")
    return readNetworkLines(createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 }));
  return parseNetworkText(await readFile(path, "utf8"));
}

/** Parses a network from the text of one JSON document. */
export function parseNetworkText(text: string): Network {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new NetworkError([{ path: "$", message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return parseNetwork(json);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The only key of a JSON Lines record, or undefined when it has none or several (no array made). */
function soleKey(value: Record<string, unknown>): string | undefined {
  let sole: string | undefined;
  for (const key in value) {
    if (sole !== undefined) return undefined;
    sole = key;
  }
  return sole;
}

/** Splits a text stream into lines (LF or CRLF), chunk by chunk, without an async step per line. */
async function* linesOf(input: AsyncIterable<string | Buffer>): AsyncGenerator<string[]> {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of input) {
    const text =
      rest + (typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    const lines = text.split("\n");
    rest = lines.pop()!;
    yield lines;
  }
  rest += decoder.decode();
  if (rest !== "") yield [rest];
}

/**
 * Reads the JSON Lines form from a text stream: one `{"firm": …}` or
 * `{"relation": …}` a line, an optional first line `{"currency": …, "meta": …}`.
 * Errors name the line: `line 1203: firm.offers[0].cost`.
 */
export async function readNetworkLines(
  input: AsyncIterable<string | Buffer> | NodeJS.ReadableStream,
): Promise<Network> {
  const builder = new NetworkBuilder(linePlaces);
  let lineNumber = 0;
  let sawRecord = false;
  for await (const lines of linesOf(input as AsyncIterable<string | Buffer>)) {
    for (let line of lines) {
      lineNumber++;
      if (line.endsWith("\r")) line = line.slice(0, -1);
      if (line.trim() === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        builder.report(`line ${lineNumber}`, `not valid JSON: ${(error as Error).message}`);
        continue;
      }
      const key = isPlainObject(value) ? soleKey(value) : undefined;
      if (key === "firm") {
        builder.firm((value as { firm: unknown }).firm, lineNumber);
        sawRecord = true;
      } else if (key === "relation") {
        builder.relation((value as { relation: unknown }).relation, lineNumber);
        sawRecord = true;
      } else if (
        !sawRecord &&
        isPlainObject(value) &&
        Object.keys(value).every((key) => key === "currency" || key === "meta")
      ) {
        builder.header(value, `line ${lineNumber}: header`);
      } else {
        builder.report(
          `line ${lineNumber}`,
          'expected {"firm": …} or {"relation": …} (a header {"currency", "meta"} only before them)',
        );
      }
    }
  }
  return builder.finish();
}
