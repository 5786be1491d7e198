/**
 * `readNetwork`: reads a network file in any form of SPEC §2 — one JSON
 * document, JSON Lines (`.jsonl`, `.ndjson`; streamed, errors name the line),
 * a snapshot (`.rdsnap`), or a folder in the tables form — and the text
 * forms from memory or a stream.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { FileError } from "./file-error.js";
import { withNetworkSchemas } from "./schemas-on-demand.js";
import { readSnapshot, readSnapshotBytes } from "./snapshot/read-snapshot.js";
import { parseNetworkBytes } from "./text/read-document.js";
import { readNetworkLines } from "./text/read-lines.js";
import type { Network } from "./types.js";

export { readNetworkLines } from "./text/read-lines.js";

/** The text forms of SPEC §2: one JSON document, JSON Lines. */
export const networkFormats = ["json", "jsonl"] as const;

/** One of `networkFormats`. */
export type NetworkFormat = (typeof networkFormats)[number];

/** The forms a file or a stream can be read in: the text forms and the snapshot (the tables form is a folder). */
export const inputFormats = [...networkFormats, "rdsnap"] as const;

/** One of `inputFormats`. */
export type InputFormat = (typeof inputFormats)[number];

/** Options of `readNetwork`. */
export interface ReadNetworkOptions {
  /**
   * The file form. @defaultValue from the path: a folder is the tables form;
   * `.jsonl`/`.ndjson` → `jsonl`, `.rdsnap` → `rdsnap`, else `json`
   */
  readonly format?: InputFormat;
}

/** The text form a file's extension implies: `.jsonl`/`.ndjson` → `jsonl`, else `json`. */
export function formatOfPath(path: string): NetworkFormat {
  return /\.(jsonl|ndjson)$/i.test(path) ? "jsonl" : "json";
}

/** The form a file's extension implies, the snapshot included: `.rdsnap` → `rdsnap`, else `formatOfPath`. */
export function inputFormatOfPath(path: string): InputFormat {
  return /\.rdsnap$/i.test(path) ? "rdsnap" : formatOfPath(path);
}

/** Reads a whole file, with its path in any error. */
async function readWhole(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).path !== undefined) throw error;
    // A file over Node's 2 GiB read limit (ERR_FS_FILE_TOO_LARGE) comes without its path.
    throw new FileError(
      path,
      "EFBIG",
      `cannot read ${path} whole (${(error as Error).message}): write it as JSON Lines (.jsonl), which is read as a stream`,
    );
  }
}

/**
 * Reads a network file: `.json`, `.jsonl`/`.ndjson` (streamed), `.rdsnap`,
 * or a folder in the tables form.
 *
 * @throws NetworkError on invalid content (every problem, with its place);
 *   file-system errors are Node's (`code` and `path` set)
 * @example
 * const network = await readNetwork("examples/steel-valves/network.json");
 */
export async function readNetwork(
  path: string,
  options: ReadNetworkOptions = {},
): Promise<Network> {
  const info = await stat(path);
  if (options.format === undefined && info.isDirectory()) {
    // The tables reader brings papaparse, a CommonJS module that Node's ESM
    // loader lexes for its exports: ~60 ms of start and ~0.3 s of V8's
    // background compiling in every run. Only a folder needs it.
    const { readNetworkTables } = await import("./tables/tables-files.js");
    return readNetworkTables(path);
  }
  const format = options.format ?? inputFormatOfPath(path);
  if (format === "jsonl") {
    return readNetworkLines(createReadStream(path, { highWaterMark: 1 << 20 }), {
      sizeHint: info.size,
    });
  }
  if (format === "rdsnap") return readSnapshot(path);
  const bytes = await readWhole(path);
  return withNetworkSchemas(() => parseNetworkBytes(bytes));
}

/**
 * Reads a network from a stream of bytes in the given form (the CLI's input):
 * JSON Lines as it comes, a document or a snapshot once whole. `sizeHint`,
 * the input's size in bytes when known, makes room for it at once.
 */
export async function readNetworkStream(
  input: AsyncIterable<Uint8Array | string> | NodeJS.ReadableStream,
  format: InputFormat,
  sizeHint?: number,
): Promise<Network> {
  if (format === "jsonl") return readNetworkLines(input, { sizeHint });
  const whole = await collectBytes(input, sizeHint);
  return format === "rdsnap"
    ? readSnapshotBytes(whole)
    : withNetworkSchemas(() => parseNetworkBytes(whole));
}

/** Every byte of a stream (strings as UTF-8), in one array; `sizeHint` makes room at once. */
export async function collectBytes(
  input: AsyncIterable<Uint8Array | string> | NodeJS.ReadableStream,
  sizeHint?: number,
): Promise<Uint8Array> {
  let bytes = new Uint8Array(sizeHint ?? 1 << 16);
  let length = 0;
  for await (const piece of input as AsyncIterable<Uint8Array | string>) {
    const chunk = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
    if (length + chunk.length > bytes.length) {
      const bigger = new Uint8Array(Math.max(2 * bytes.length, length + chunk.length));
      bigger.set(bytes.subarray(0, length));
      bytes = bigger;
    }
    bytes.set(chunk, length);
    length += chunk.length;
  }
  return bytes.subarray(0, length);
}

/** Parses a network from the text of one JSON document. */
export function parseNetworkText(text: string): Network {
  return parseNetworkBytes(Buffer.from(text, "utf8"));
}
