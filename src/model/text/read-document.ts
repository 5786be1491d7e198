/**
 * The JSON document form (SPEC §2) read from its UTF-8 bytes: the root
 * object is walked key by key, each firm and relation of its arrays is read
 * by the record scanner (or, for an unusual shape, by `JSON.parse` of its
 * bytes and zod), and the other root fields by `JSON.parse` of theirs. No
 * string of the whole document is made, so a document larger than the
 * largest JavaScript string (~512 MB) reads like any other.
 *
 * When the walk meets anything it does not expect (bytes that are not JSON,
 * a repeated root key), the document is handed whole to `JSON.parse` and
 * `parseNetwork`, which report it as they always have; a document too large
 * for one string gets the place where the walk stopped.
 */
import { NetworkError } from "../errors.js";
import { NetworkBuilder } from "../network-builder.js";
import { parseNetwork } from "../parse-network.js";
import type { Network } from "../types.js";
import { scanPlainString, skipSpace, skipValue } from "./json-bytes.js";
import { expectedRecords } from "./read-lines.js";
import { RecordScan } from "./record-scanner.js";
import { firstBadUtf8, hexByte, isUtf8Range, lineAndByte, printable } from "./utf8-check.js";

/** Documents up to this many bytes can be decoded into one string (V8's limit is ~2^29 characters). */
const stringLimit = 2 ** 29 - 64;

const decoder = new TextDecoder();

const rootKeys = new Set(["currency", "firms", "relations", "meta"]);

/** Thrown inside the walk when it meets what it does not expect, at a byte position. */
class Unexpected {
  constructor(readonly at: number) {}
}

/** Reads a network document from its bytes. */
export function parseNetworkBytes(bytes: Uint8Array): Network {
  if (!isUtf8Range(bytes, 0, bytes.length)) {
    const bad = firstBadUtf8(bytes, 0, bytes.length);
    const { line, byte } = lineAndByte(bytes, bad);
    throw new NetworkError([
      {
        path: "$",
        message: `not valid UTF-8: byte ${hexByte(bytes[bad])} at line ${line}, byte ${byte} (save the file as UTF-8)`,
      },
    ]);
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new NetworkError([
      {
        path: "$",
        message: "the file starts with a byte-order mark (U+FEFF): save it as UTF-8 without one",
      },
    ]);
  }
  if (skipSpace(bytes, 0, bytes.length) === bytes.length) {
    throw new NetworkError([{ path: "$", message: "the file is empty (no JSON document)" }]);
  }
  try {
    return walk(bytes);
  } catch (error) {
    if (!(error instanceof Unexpected)) throw error;
    return parseWhole(bytes, error.at);
  }
}

/** The document through `JSON.parse` and `parseNetwork`, or the place the walk stopped when it is too large. */
function parseWhole(bytes: Uint8Array, at: number): Network {
  if (bytes.length <= stringLimit) {
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(bytes));
    } catch (error) {
      throw new NetworkError([
        { path: "$", message: `not valid JSON: ${printable((error as Error).message)}` },
      ]);
    }
    return parseNetwork(json);
  }
  const { line, byte } = lineAndByte(bytes, Math.min(at, bytes.length));
  throw new NetworkError([
    {
      path: "$",
      message: `not valid JSON (or a repeated key) at line ${line}, byte ${byte}; a document this large cannot be read as one string, so no finer message (JSON Lines reads any size)`,
    },
  ]);
}

/** Walks the root object; throws `Unexpected` where it cannot go on. */
function walk(bytes: Uint8Array): Network {
  const end = bytes.length;
  const scan = new RecordScan();
  const builder = new NetworkBuilder(undefined, expectedRecords(end));
  const seen = new Set<string>();
  const header: Record<string, unknown> = {};
  let at = skipSpace(bytes, 0, end);
  if (bytes[at] !== 0x7b) throw new Unexpected(at);
  at = skipSpace(bytes, at + 1, end);
  if (bytes[at] !== 0x7d) {
    for (;;) {
      const keyEnd = scanPlainString(bytes, at, end);
      if (keyEnd < 0) throw new Unexpected(at);
      const key = decoder.decode(bytes.subarray(at + 1, keyEnd - 1));
      if (seen.has(key)) throw new Unexpected(at);
      seen.add(key);
      at = skipSpace(bytes, keyEnd, end);
      if (bytes[at] !== 0x3a) throw new Unexpected(at);
      at = skipSpace(bytes, at + 1, end);
      if ((key === "firms" || key === "relations") && bytes[at] === 0x5b) {
        at = records(bytes, at, key, scan, builder);
      } else {
        const valueEnd = skipValue(bytes, at, end);
        if (valueEnd < 0) throw new Unexpected(at);
        const value = parseSlice(bytes, at, valueEnd);
        at = valueEnd;
        if (!rootKeys.has(key)) builder.report(key, `unknown key "${key}"`);
        else if (key === "currency" || key === "meta") header[key] = value;
        else builder.report(key, "must be an array");
      }
      at = skipSpace(bytes, at, end);
      if (bytes[at] === 0x2c) {
        at = skipSpace(bytes, at + 1, end);
        continue;
      }
      if (bytes[at] !== 0x7d) throw new Unexpected(at);
      break;
    }
  }
  if (skipSpace(bytes, at + 1, end) !== end) throw new Unexpected(at + 1);
  if (!seen.has("firms")) builder.report("firms", "required field is missing");
  builder.header(header, "");
  return builder.finish();
}

/** `JSON.parse` of `bytes[start..end)`; `Unexpected` when it is not JSON. */
function parseSlice(bytes: Uint8Array, start: number, end: number): unknown {
  try {
    return JSON.parse(decoder.decode(bytes.subarray(start, end)));
  } catch {
    throw new Unexpected(start);
  }
}

/** Reads the array of firms or relations at `at` (its `[`); returns the position after it. */
function records(
  bytes: Uint8Array,
  at: number,
  key: "firms" | "relations",
  scan: RecordScan,
  builder: NetworkBuilder,
): number {
  const end = bytes.length;
  at = skipSpace(bytes, at + 1, end);
  if (bytes[at] === 0x5d) return at + 1;
  for (let i = 0; ; i++) {
    const scanned =
      key === "firms" ? scan.scanFirm(bytes, at, end) : scan.scanRelation(bytes, at, end);
    if (scanned >= 0) {
      if (key === "firms") builder.scannedFirm(scan, i);
      else builder.scannedRelation(scan, i);
      at = scanned;
    } else {
      const valueEnd = skipValue(bytes, at, end);
      if (valueEnd < 0) throw new Unexpected(at);
      const value = parseSlice(bytes, at, valueEnd);
      if (key === "firms") builder.firm(value, i);
      else builder.relation(value, i);
      at = valueEnd;
    }
    at = skipSpace(bytes, at, end);
    if (bytes[at] === 0x2c) {
      at = skipSpace(bytes, at + 1, end);
      continue;
    }
    if (bytes[at] !== 0x5d) throw new Unexpected(at);
    return at + 1;
  }
}
