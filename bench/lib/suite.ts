/**
 * One size of the benchmark suite: get the network (generated, or an anchors
 * file), then parse, index, search every kind and maxParties, rank, score and
 * select, each validated before it is timed; peak memory at the end.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { generateNetwork as GenerateNetwork } from "../../src/generator/index.js";
import { generateNetworkRecords, jsonLinesText } from "../../src/generator/index.js";
import type { Deal, Network } from "../../src/index.js";
import {
  indexStage,
  parseTextStage,
  readFileStage,
  snapshotReadStage,
  snapshotWriteStage,
} from "./input-stages.js";
import type { BenchLibrary } from "./library.js";
import { type MeasureOptions, measureOnce } from "./measure.js";
import { lpScoreStage, scoreStage, selectionCandidates, selectStage } from "./pricing-stages.js";
import { findStage, searchPlan, searchSetupStage, searchStage } from "./search-stages.js";
import { guarded, type StageContext, type StageResult } from "./stage.js";

/** Where one size's network comes from. */
export type NetworkSource =
  | { readonly kind: "generated"; readonly seed: number }
  | { readonly kind: "anchors"; readonly path: string };

/** The settings of one size. */
export interface SizeConfig {
  readonly firms: number;
  readonly source: NetworkSource;
  readonly measure: MeasureOptions;
  /** Most deals a search stage lists. */
  readonly dealCap: number;
  /** Most CPU time a search stage lists for, ms. */
  readonly searchLimitMs: number;
  /** Most candidate deals for the selection stages. */
  readonly selectionCandidates: number;
  /** Time limit of the exact (auto) selection, ms. */
  readonly exactTimeLimitMs: number;
  /** Largest network parsed from one in-memory JSON string; larger ones go through a JSON Lines file. */
  readonly largestText: number;
}

/** One size's results. */
export interface SizeResult {
  readonly firms: number;
  readonly source: string;
  readonly stages: readonly StageResult[];
  /** Peak resident memory of the process, MiB. */
  readonly peakRssMiB: number;
}

/** Writes `network`'s records (regenerated with the same options) as JSON Lines to a temporary file. */
async function writeGeneratedLines(
  firms: number,
  seed: number,
): Promise<{ path: string; bytes: number; records: number }> {
  const path = join(tmpdir(), `rd-bench-${process.pid}-${firms}.jsonl`);
  const out = createWriteStream(path);
  let records = 0;
  for (const line of jsonLinesText(generateNetworkRecords({ firms, seed }))) {
    records++;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return { path, bytes: out.bytesWritten, records };
}

/** Gets the network and runs the parse stage on it. */
async function input(
  library: BenchLibrary,
  generate: typeof GenerateNetwork,
  config: SizeConfig,
  stages: StageResult[],
  log: (line: string) => void,
): Promise<Network | undefined> {
  const { firms, source } = config;
  let parsed: Network | undefined;
  if (source.kind === "anchors") {
    const result = await guarded("parse", source.path, log, async () => {
      const read = await readFileStage(library, source.path, undefined);
      parsed = read.network;
      return read.result;
    });
    stages.push(result);
    return parsed;
  }
  if (firms > config.largestText) {
    const written = await measureOnce(() => writeGeneratedLines(firms, source.seed));
    const { path, bytes, records } = written.value;
    stages.push({
      stage: "generate",
      variant: `generateNetworkRecords seed ${source.seed} → JSON Lines file`,
      status: "ok",
      timing: written.timing,
      counters: { records, mib: Math.round(bytes / 2 ** 20) },
    });
    try {
      stages.push(
        await guarded("parse", "JSON Lines file", log, async () => {
          const read = await readFileStage(library, path, firms);
          parsed = read.network;
          return read.result;
        }),
      );
    } finally {
      await rm(path, { force: true });
    }
    return parsed;
  }
  const generated = await measureOnce(() => generate({ firms, seed: source.seed }));
  const network = generated.value;
  stages.push({
    stage: "generate",
    variant: `generateNetwork seed ${source.seed}`,
    status: "ok",
    timing: generated.timing,
    counters: { firms: network.firms.length, relations: network.relations?.length ?? 0 },
  });
  const text = JSON.stringify(network);
  stages.push(
    await guarded("parse", "JSON text", log, async () => {
      const read = await parseTextStage(library, text, network, config.measure);
      parsed = read.network;
      return read.result;
    }),
  );
  return parsed;
}

/** Runs every stage at one size. */
export async function runSize(
  library: BenchLibrary,
  generate: typeof GenerateNetwork,
  config: SizeConfig,
  log: (line: string) => void = () => {},
): Promise<SizeResult> {
  const stages: StageResult[] = [];
  const sourceName =
    config.source.kind === "generated"
      ? `generated, seed ${config.source.seed}`
      : config.source.path;
  log(`${config.firms} firms (${sourceName})`);
  const network = await input(library, generate, config, stages, log);
  const snapshotPath = join(tmpdir(), `rd-bench-${process.pid}-${config.firms}.rdsnap`);
  if (network !== undefined) {
    const context: StageContext = {
      library,
      network,
      measure: config.measure,
      dealCap: config.dealCap,
      searchLimitMs: config.searchLimitMs,
      log,
    };
    stages.push(
      await guarded("index", "", log, () => indexStage(library, network, config.measure)),
    );
    stages.push(
      await guarded("write", "snapshot", log, () =>
        snapshotWriteStage(library, network, snapshotPath),
      ),
    );
    stages.push(
      await guarded("parse", "snapshot", log, () =>
        snapshotReadStage(library, network, snapshotPath),
      ),
    );
    await rm(snapshotPath, { force: true });
    const cycles: Deal[] = [];
    const brokered: Deal[] = [];
    stages.push(await guarded("search", "setup", log, () => searchSetupStage(context)));
    for (const { kind, maxParties } of searchPlan) {
      const keep =
        kind === "cycle" && maxParties === 3 ? cycles : kind === "brokered" ? brokered : undefined;
      stages.push(
        await guarded("search", `${kind} k≤${maxParties}`, log, () =>
          searchStage(context, kind, maxParties, keep),
        ),
      );
    }
    stages.push(await guarded("find", "top 20", log, () => findStage(context)));
    const sample = [...cycles, ...brokered];
    stages.push(await guarded("score", "fair", log, () => scoreStage(context, sample, false)));
    stages.push(await guarded("score", "initiator", log, () => scoreStage(context, sample, true)));
    stages.push(await guarded("score", "LP", log, () => lpScoreStage(context, sample)));
    let candidates: Deal[] | undefined;
    stages.push(
      await guarded("select", "greedy", log, async () => {
        candidates = selectionCandidates(context, config.selectionCandidates);
        return selectStage(context, candidates, "greedy", config.exactTimeLimitMs);
      }),
    );
    stages.push(
      await guarded("select", "auto", log, () =>
        selectStage(context, candidates, "auto", config.exactTimeLimitMs),
      ),
    );
  }
  return {
    firms: config.firms,
    source: sourceName,
    stages,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
