/**
 * Reading the NETWORK argument: a path (form by extension; a folder is the
 * tables form) or `-` for stdin (form from `--input-format`, default json).
 * Text files are streamed as bytes with a progress line (megabytes read of
 * the file's size) on an interactive stderr; the trade index (and, for a
 * search over the whole network, the search graph) are then built with a
 * progress line of their own, unless the file was a snapshot that holds them.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { warmThreads } from "../economics/deal-threads.js";
import { searchArrays } from "../economics/shared-index.js";
import {
  collectBytes,
  type InputFormat,
  inputFormatOfPath,
  inputFormats,
  readNetwork,
  readNetworkStream,
} from "../model/read-network.js";
import { recordMetaSections } from "../model/snapshot/network-sections.js";
import { readSnapshot } from "../model/snapshot/read-snapshot.js";
import type { SnapshotFile } from "../model/snapshot/snapshot-file.js";
import type { Network } from "../model/types.js";
import { searchGraphOf, storedGraphSections } from "../search/search-graph.js";
import { surplusBoundSections } from "../search/surplus-bound.js";
import type { BuildProgress } from "../trade-index/build-index.js";
import { recordLookupArrays, storedIndexSections } from "../trade-index/index-sections.js";
import { tradeIndexOf } from "../trade-index/trade-index.js";
import { choiceFlag } from "./args.js";
import type { CliIO } from "./io.js";
import { parseNetworkTextWithHint } from "./json-lines-hint.js";
import { ProgressReporter } from "./progress.js";

/** The `--input-format` flag spec, shared by every command that reads a network. */
export const inputFlags = { "input-format": { type: "string" } } as const;

/** The byte chunks of a stream, each reported to `onRead` with its length. */
async function* counted(
  stream: AsyncIterable<Uint8Array | string>,
  onRead: (length: number) => void,
): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of stream) {
    onRead(chunk.length);
    yield chunk;
  }
}

/** What to prepare once the network is read. */
export interface LoadOptions {
  /**
   * A search follows (around an initiator, or over the whole network): read
   * a snapshot's search graph and pricing arrays ahead. @defaultValue `wholeNetworkSearch`
   */
  readonly search?: boolean;
  /** Build the breadth-first search graph too (a search over the whole network follows). @defaultValue false */
  readonly wholeNetworkSearch?: boolean;
  /**
   * The worker threads the search will run on. More than one: lay the index
   * and the search graph out in shared memory (arrays not shared would be
   * copied for the threads: at 1M firms ~490 MB more), read a snapshot's
   * sections in parallel (the threads would sit idle meanwhile).
   * @defaultValue 1
   */
  readonly threads?: number;
  /**
   * From this size of network file on, the threads start while the file is
   * read (each takes ~0.25 s to load its code) instead of once the search
   * begins: for a search sure to run on them, or a file so large that it
   * will. @defaultValue Infinity (never)
   */
  readonly warmThreadsFrom?: number;
  /**
   * A ranking of the best deals over the whole network by a surplus
   * objective follows: read a snapshot's trade surpluses ahead too
   * (`tradeSurpluses`). @defaultValue false
   */
  readonly rankBySurplus?: boolean;
}

/**
 * An `onProgress` for the index and search-graph builds: a progress line per
 * step (`index: trades`), drawn once the build has run a second.
 */
export function buildProgress(io: CliIO): {
  onProgress: (progress: BuildProgress) => void;
  finish: () => void;
} {
  const started = performance.now();
  let current: { key: string; reporter: ProgressReporter } | undefined;
  return {
    onProgress(progress) {
      const key = `${progress.task}: ${progress.step}`;
      if (current?.key !== key) {
        current?.reporter.finish();
        const elapsed = performance.now() - started;
        current = {
          key,
          reporter: new ProgressReporter(io, { label: key, delayMs: Math.max(0, 1000 - elapsed) }),
        };
      }
      current.reporter.update(progress.done, progress.total);
    },
    finish() {
      current?.reporter.finish();
    },
  };
}

/** Reads the network named on the command line, then builds (or takes from the snapshot) its index. */
export async function loadNetwork(
  path: string,
  inputFormat: string | undefined,
  io: CliIO,
  options: LoadOptions = {},
): Promise<Network> {
  const explicit =
    inputFormat === undefined
      ? undefined
      : choiceFlag<InputFormat>(inputFormat, "input-format", inputFormats, "json");
  // A search reads the search graph and the pricing's arrays of a snapshot,
  // and showing its deals the arrays that lead to their records: read while
  // the checksums are checked (and checked from the bytes read).
  const search = options.search ?? options.wholeNetworkSearch === true;
  const readAhead = search
    ? (file: SnapshotFile) => [
        ...storedGraphSections(file),
        ...storedIndexSections(
          file,
          [...searchArrays, ...recordLookupArrays],
          [...(options.rankBySurplus === true ? surplusBoundSections : []), ...recordMetaSections],
        ),
      ]
    : undefined;
  const threads = options.threads ?? 1;
  const onThreads = threads > 1;
  const network =
    path === "-"
      ? await readStdin(io, explicit ?? "json")
      : await readPath(path, explicit, io, readAhead, {
          threads,
          from: options.warmThreadsFrom ?? Number.POSITIVE_INFINITY,
        });
  const progress = buildProgress(io);
  try {
    const build = { onProgress: progress.onProgress, shared: onThreads };
    const index = tradeIndexOf(network, build);
    if (options.wholeNetworkSearch === true) searchGraphOf(index, true, build);
  } finally {
    progress.finish();
  }
  return network;
}

/**
 * Reads a stream in the given form; a JSON document that is not JSON but
 * looks like JSON Lines gets a hint (`json-lines-hint.ts`).
 */
async function readStream(
  input: AsyncIterable<Uint8Array | string>,
  format: InputFormat,
  path: string,
  sizeHint?: number,
): Promise<Network> {
  if (format !== "json") return readNetworkStream(input, format, sizeHint);
  return parseNetworkTextWithHint(await collectBytes(input, sizeHint), path);
}

/** Reads stdin in the given form. */
function readStdin(io: CliIO, format: InputFormat): Promise<Network> {
  return readStream(io.stdin as AsyncIterable<Uint8Array | string>, format, "-");
}

/** Reads a file (text forms streamed with a progress line) or a folder. */
async function readPath(
  path: string,
  explicit: InputFormat | undefined,
  io: CliIO,
  readAhead?: (file: SnapshotFile) => readonly string[],
  /** Threads to start while a file of `from` bytes or more is read. */
  warm: { readonly threads: number; readonly from: number } = { threads: 1, from: 0 },
): Promise<Network> {
  const info = await stat(path);
  if (warm.threads > 1 && info.isFile() && info.size >= warm.from) void warmThreads(warm.threads);
  const format = explicit ?? inputFormatOfPath(path);
  if (info.isDirectory()) return readNetwork(path, { format: explicit });
  if (format === "rdsnap") return readSnapshot(path, readAhead);
  const progress = new ProgressReporter(io, { label: "MB read" });
  let read = 0;
  const size = Math.round(info.size / 1e6);
  const chunks = counted(createReadStream(path, { highWaterMark: 1 << 20 }), (length) => {
    read += length;
    progress.update(Math.round(read / 1e6), size);
  });
  try {
    return await readStream(chunks, format, path, info.size);
  } finally {
    progress.finish();
  }
}
