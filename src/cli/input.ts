/**
 * Reading the NETWORK argument: a path (form by extension; a folder is the
 * tables form) or `-` for stdin (form from `--input-format`, default json). Files are streamed with a
 * progress line (megabytes read of the file's size) on an interactive stderr.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import {
  formatOfPath,
  type NetworkFormat,
  networkFormats,
  readNetworkLines,
} from "../model/read-network.js";
import { readNetworkTables } from "../model/tables/tables-files.js";
import type { Network } from "../model/types.js";
import { choiceFlag } from "./args.js";
import type { CliIO } from "./io.js";
import { parseNetworkTextWithHint } from "./json-lines-hint.js";
import { ProgressReporter } from "./progress.js";

/** The `--input-format` flag spec, shared by every command that reads a network. */
export const inputFlags = { "input-format": { type: "string" } } as const;

/** The text chunks of a stream, each reported to `onRead` with its length. */
async function* counted(
  stream: NodeJS.ReadableStream,
  onRead: (length: number) => void,
): AsyncGenerator<string> {
  stream.setEncoding("utf8");
  for await (const chunk of stream) {
    onRead((chunk as string).length);
    yield chunk as string;
  }
}

async function readAll(chunks: AsyncIterable<string>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join("");
}

/** Reads the network named on the command line. */
export async function loadNetwork(
  path: string,
  inputFormat: string | undefined,
  io: CliIO,
): Promise<Network> {
  const explicit =
    inputFormat === undefined
      ? undefined
      : choiceFlag<NetworkFormat>(inputFormat, "input-format", networkFormats, "json");
  const format = explicit ?? (path === "-" ? "json" : formatOfPath(path));
  const file = path === "-" ? undefined : await stat(path);
  if (file?.isDirectory()) return readNetworkTables(path);
  const size = file?.size ?? 0;
  const stream = path === "-" ? io.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  const progress = new ProgressReporter(io, { label: "MB read" });
  let read = 0;
  const chunks = counted(stream, (length) => {
    read += length;
    progress.update(Math.round(read / 1e6), Math.round(size / 1e6));
  });
  try {
    return format === "jsonl"
      ? await readNetworkLines(chunks)
      : parseNetworkTextWithHint(await readAll(chunks), path);
  } finally {
    progress.finish();
  }
}
