/**
 * The tables form on disk (Node only; the rest of `tables/` works on
 * strings): `readNetworkTables` streams a folder's CSV files through the
 * reader, `writeNetworkTables` writes a network's.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import type { Network } from "../types.js";
import { NotUtf8Error, readTables } from "./read-tables.js";
import { tableFiles } from "./table-layout.js";
import { tableText } from "./write-tables.js";

const notUtf8 = 'not UTF-8 text (from a spreadsheet, save it as "CSV UTF-8")';

/**
 * A file's text, decoded as UTF-8 piece by piece. On bytes that are not
 * UTF-8 it hands over the text before them, then throws `NotUtf8Error`, so
 * the reader names the line they are on.
 */
async function* utf8Text(path: string): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      const lenient = new TextDecoder().decode(chunk as Buffer);
      yield lenient.slice(0, Math.max(0, lenient.indexOf("\uFFFD")));
      throw new NotUtf8Error(notUtf8);
    }
    yield text;
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw new NotUtf8Error(notUtf8);
  }
  if (tail !== "") yield tail;
}

/**
 * Reads a folder in the tables form (SPEC §2): `firms.csv`, and optionally
 * `offers.csv`, `needs.csv`, `relations.csv` and `network.csv`, each streamed.
 *
 * @throws NetworkError with every problem, named by file, line and column (`offers.csv line 12: cost`)
 * @example
 * const network = await readNetworkTables("examples/tables");
 */
export async function readNetworkTables(dir: string): Promise<Network> {
  const names = await readdir(dir);
  return readTables({ names, text: (name) => utf8Text(join(dir, name)) });
}

/** Writes `pieces` to a new file at `path`, waiting whenever the stream asks to. */
async function writePieces(path: string, pieces: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const piece of pieces) {
    if (!out.write(piece)) await once(out, "drain");
  }
  out.end();
  await finished(out);
}

/**
 * Writes `network` in the tables form into the folder `dir` (made when
 * missing): all five files, each with every column of the form, so reading
 * the folder back gives the same network (see `write-tables.ts` for what
 * the form cannot carry: non-string meta values come back as their JSON
 * text, empty strings as omitted fields).
 *
 * @example
 * await writeNetworkTables(network, "out/tables");
 */
export async function writeNetworkTables(network: Network, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const file of tableFiles) await writePieces(join(dir, file), tableText(network, file));
}
