/**
 * `readNetwork`: reads a network file, either one JSON document or JSON Lines
 * (`.jsonl`, `.ndjson`; streamed, errors name the line).
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { NetworkError } from "./errors.js";
import { NetworkBuilder } from "./network-builder.js";
import { parseNetwork } from "./parse-network.js";
import type { Network } from "./types.js";

/** The two file forms of SPEC §2. */
export type NetworkFormat = "json" | "jsonl";

/** Options of `readNetwork`. */
export interface ReadNetworkOptions {
  /** The file form. @defaultValue from the extension: `.jsonl`/`.ndjson` → `jsonl`, else `json` */
  readonly format?: NetworkFormat;
}

/** The form a path's extension implies. */
export function formatOfPath(path: string): NetworkFormat {
  return /\.(jsonl|ndjson)$/i.test(path) ? "jsonl" : "json";
}

/**
 * Reads a `.json`, `.jsonl` or `.ndjson` network file.
 *
 * @throws NetworkError on invalid content (a missing file is a plain `Error` with its path)
 * @example
 * const network = await readNetwork("examples/steel-valves/network.json");
 */
export async function readNetwork(path: string, options: ReadNetworkOptions = {}): Promise<Network> {
  const format = options.format ?? formatOfPath(path);
  if (format === "jsonl") return readNetworkLines(createReadStream(path, { encoding: "utf8" }));
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

/**
 * Reads the JSON Lines form from a text stream: one `{"firm": …}` or
 * `{"relation": …}` a line, an optional first line `{"currency": …, "meta": …}`.
 */
export async function readNetworkLines(input: AsyncIterable<string> | NodeJS.ReadableStream): Promise<Network> {
  const builder = new NetworkBuilder();
  const lines = createInterface({ input: input as NodeJS.ReadableStream, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let sawRecord = false;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    const where = `line ${lineNumber}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      builder.report(where, `not valid JSON: ${(error as Error).message}`);
      continue;
    }
    if (!isPlainObject(value)) {
      builder.report(where, 'expected an object: {"firm": …} or {"relation": …}');
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "firm") {
      builder.firm(value.firm, `${where}: firm`);
      sawRecord = true;
    } else if (keys.length === 1 && keys[0] === "relation") {
      builder.relation(value.relation, `${where}: relation`);
      sawRecord = true;
    } else if (!sawRecord && keys.every((key) => key === "currency" || key === "meta")) {
      builder.header(value, where);
    } else {
      builder.report(where, 'expected {"firm": …} or {"relation": …} (a header {"currency", "meta"} only on the first line)');
    }
  }
  return builder.finish();
}
