/**
 * Input stages: generating the network, parsing it (JSON text → `parseNetwork`,
 * or a file through `readNetwork`), and building the trade index. Each result
 * is checked (firm and relation counts, trade count) before it is timed.
 */
import { statSync } from "node:fs";
import type { Network } from "../../src/index.js";
import type { BenchLibrary } from "./library.js";
import { type MeasureOptions, measure, measureOnce } from "./measure.js";
import { invalid, type StageResult, skipped } from "./stage.js";

/** Parses `text` with the library's text parser (or JSON.parse + parseNetwork). */
function parseText(library: BenchLibrary, text: string): Network {
  return library.parseNetworkText !== undefined
    ? library.parseNetworkText(text)
    : library.parseNetwork(JSON.parse(text));
}

/** Parses a JSON document held in memory; checks the counts against `expected`. */
export async function parseTextStage(
  library: BenchLibrary,
  text: string,
  expected: Network | undefined,
  options: MeasureOptions,
): Promise<{ result: StageResult; network: Network | undefined }> {
  const variant = `JSON text ${(text.length / 2 ** 20).toFixed(1)} MiB → parseNetwork`;
  const { value: network, timing: once } = await measureOnce(() => parseText(library, text));
  const counters = {
    firms: network.firms.length,
    relations: network.relations?.length ?? 0,
    mib: Number((text.length / 2 ** 20).toFixed(1)),
  };
  if (
    expected !== undefined &&
    (network.firms.length !== expected.firms.length ||
      counters.relations !== (expected.relations?.length ?? 0))
  ) {
    return {
      result: invalid(
        "parse",
        variant,
        `read ${counters.firms} firms, ${counters.relations} relations`,
        counters,
      ),
      network: undefined,
    };
  }
  const timing = once.wallMs > 5000 ? once : await measure(() => parseText(library, text), options);
  return { result: { stage: "parse", variant, status: "ok", timing, counters }, network };
}

/** Reads a network file with `readNetwork` (streamed for .jsonl), once: at these sizes one run is seconds. */
export async function readFileStage(
  library: BenchLibrary,
  path: string,
  expectedFirms: number | undefined,
): Promise<{ result: StageResult; network: Network | undefined }> {
  const form = /\.(jsonl|ndjson)$/.test(path) ? "JSON Lines" : "JSON";
  const variant = `readNetwork, ${form} file ${(statSync(path).size / 2 ** 20).toFixed(1)} MiB`;
  const read = library.readNetwork;
  if (read === undefined)
    return {
      result: skipped("parse", variant, "this build has no readNetwork"),
      network: undefined,
    };
  const { value: network, timing } = await measureOnce(() => read(path));
  const counters = { firms: network.firms.length, relations: network.relations?.length ?? 0 };
  if (expectedFirms !== undefined && network.firms.length !== expectedFirms) {
    return {
      result: invalid(
        "parse",
        variant,
        `read ${network.firms.length} firms, expected ${expectedFirms}`,
        counters,
      ),
      network: undefined,
    };
  }
  return { result: { stage: "parse", variant, status: "ok", timing, counters }, network };
}

/** Builds the trade index afresh (bypassing the cache), checked against `tradeIndexOf`. */
export async function indexStage(
  library: BenchLibrary,
  network: Network,
  options: MeasureOptions,
): Promise<StageResult> {
  const cached = library.tradeIndexOf(network);
  const build =
    library.TradeIndex !== undefined
      ? (n: Network) => new library.TradeIndex!(n)
      : (n: Network) => library.tradeIndexOf({ ...n });
  const variant = library.TradeIndex !== undefined ? "new TradeIndex" : "tradeIndexOf (fresh copy)";
  const { value: fresh, timing: once } = await measureOnce(() => build(network));
  if (fresh.tradeCount !== cached.tradeCount)
    return invalid(
      "index",
      variant,
      `${fresh.tradeCount} trades, cached index has ${cached.tradeCount}`,
    );
  if (fresh.tradeCount === 0 && network.firms.length >= 100)
    return invalid("index", variant, "no potential trades");
  const timing = once.wallMs > 5000 ? once : await measure(() => build(network), options);
  return { stage: "index", variant, status: "ok", timing, counters: { trades: fresh.tradeCount } };
}

/** Writes the network as a snapshot (with its index and search graph), once. */
export async function snapshotWriteStage(
  library: BenchLibrary,
  network: Network,
  path: string,
): Promise<StageResult> {
  const write = library.writeNetwork;
  if (write === undefined) return skipped("write", "snapshot", "this build has no writeNetwork");
  const { timing } = await measureOnce(() => write(network, path));
  const mib = Number((statSync(path).size / 2 ** 20).toFixed(1));
  return {
    stage: "write",
    variant: `writeNetwork → .rdsnap`,
    status: "ok",
    timing,
    counters: { mib },
  };
}

/**
 * Reads the snapshot back and takes its index (the arrays a search reads
 * touched, so that sections read on first use count), checked against the
 * network's: the same firms and trades.
 */
export async function snapshotReadStage(
  library: BenchLibrary,
  network: Network,
  path: string,
): Promise<StageResult> {
  const read = library.readNetwork;
  const variant = "readNetwork + tradeIndexOf, snapshot file";
  if (read === undefined || library.writeNetwork === undefined) {
    return skipped("parse", variant, "this build has no snapshot");
  }
  const expected = library.tradeIndexOf(network).tradeCount;
  const { value, timing } = await measureOnce(async () => {
    const back = await read(path);
    const index = library.tradeIndexOf(back);
    const touched = index.tradeOffer.length + index.tradeNeed.length + index.tradePremium.length;
    return { back, trades: index.tradeCount, touched };
  });
  const counters = { firms: value.back.firms.length, trades: value.trades };
  if (value.back.firms.length !== network.firms.length || value.trades !== expected) {
    return invalid(
      "parse",
      variant,
      `read ${counters.firms} firms, ${counters.trades} trades`,
      counters,
    );
  }
  return { stage: "parse", variant, status: "ok", timing, counters };
}
