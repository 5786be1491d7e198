/**
 * Shared pieces of the search benchmarks: loading an anchors network with its
 * parse and index times, reading the C reference's output (`/tmp/cycles …
 * --print-initiators`), CPU timing, and the two measurements (the global
 * enumeration and the per-initiator search).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readNetwork } from "../../src/model/read-network.js";
import { DealCursor } from "../../src/search/deal-cursor.js";
import type { DealKind } from "../../src/search/kinds.js";
import { searchGraphOf } from "../../src/search/search-graph.js";
import { type TradeIndex, tradeIndexOf } from "../../src/trade-index/trade-index.js";

/** CPU seconds (user + system) of this process since `from`. */
export function cpuSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

/** The median of some numbers (upper median for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** A loaded network with its preparation times (CPU seconds). */
export interface LoadedIndex {
  readonly index: TradeIndex;
  readonly file: string;
  readonly parseSeconds: number;
  readonly indexSeconds: number;
  readonly indexBytes: number;
}

/** Reads DIR/network.jsonl (or network.json) and builds the index. */
export async function loadIndex(dir: string): Promise<LoadedIndex> {
  const jsonl = join(dir, "network.jsonl");
  const file = existsSync(jsonl) ? jsonl : join(dir, "network.json");
  let from = process.cpuUsage();
  const network = await readNetwork(file);
  const parseSeconds = cpuSince(from);
  from = process.cpuUsage();
  const index = tradeIndexOf(network);
  const indexSeconds = cpuSince(from);
  return { index, file, parseSeconds, indexSeconds, indexBytes: index.byteLength };
}

/** Builds (or takes from the cache) the search graph a global or an initiator search uses. */
export function timeSearchGraph(
  index: TradeIndex,
  wholeNetwork: boolean,
): { seconds: number; bytes: number; order: string } {
  const from = process.cpuUsage();
  const graph = searchGraphOf(index, wholeNetwork);
  return { seconds: cpuSince(from), bytes: graph.byteLength, order: graph.order };
}

/** One initiator line of the C reference: `init FIRM d2 … dK dB s2 … sK sB`. */
export interface ReferenceInitiator {
  readonly firm: string;
  /** Cycle deals by length, index 0 for 2 parties. */
  readonly cycles: readonly number[];
  readonly brokered: number;
}

/** The C reference's output: its `key value` lines and its initiator lines. */
export interface Reference {
  readonly values: ReadonlyMap<string, number>;
  readonly initiators: readonly ReferenceInitiator[];
}

/** Parses the output of `/tmp/cycles TRADES -K k --limits LIMITS [--initiators N --print-initiators]`. */
export function readReference(path: string): Reference {
  const values = new Map<string, number>();
  const initiators: ReferenceInitiator[] = [];
  const k = Number(/^K (\d+)$/m.exec(readFileSync(path, "utf8"))?.[1] ?? 0);
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const fields = line.split(" ");
    if (fields[0] === "init") {
      const counts = fields.slice(2).map(Number);
      initiators.push({
        firm: fields[1],
        cycles: counts.slice(0, k - 1),
        brokered: counts[k - 1],
      });
    } else if (fields.length === 2 && !line.startsWith("{") && Number.isFinite(Number(fields[1]))) {
      values.set(fields[0], Number(fields[1]));
    }
  }
  return { values, initiators };
}

/** Deals of one listing: cycles by parties (index 0 for 2), brokered, chains. */
export interface DealCounts {
  cycles: number[];
  brokered: number;
  chains: number;
  steps: number;
}

/** Lists every deal of `kinds` and counts them by kind and size. */
export function countDeals(
  index: TradeIndex,
  kinds: readonly DealKind[],
  maxParties: number,
  initiator: number,
): DealCounts {
  const cursor = new DealCursor(index, { kinds, maxParties, initiator });
  const counts: DealCounts = { cycles: [], brokered: 0, chains: 0, steps: 0 };
  for (let k = 2; k <= maxParties; k++) counts.cycles.push(0);
  while (cursor.next()) {
    if (cursor.kind === "cycle") counts.cycles[cursor.size - 2]++;
    else if (cursor.kind === "brokered") counts.brokered++;
    else counts.chains++;
  }
  counts.steps = cursor.stats.steps;
  return counts;
}

/** Times of the global enumeration, per phase (CPU seconds, one value per repetition). */
export interface GlobalTimes {
  readonly cycleSeconds: number[];
  readonly brokeredSeconds: number[];
  counts: DealCounts;
}

/**
 * Enumerates the cycles (≤ maxParties) and the brokered deals of the whole
 * network at least `reps` times, and until each phase has run `minSeconds` of
 * CPU in all (as the C reference's `--min-time`, so small networks are timed warm).
 */
export function benchGlobal(
  index: TradeIndex,
  maxParties: number,
  reps: number,
  minSeconds = 0.2,
): GlobalTimes {
  const times: GlobalTimes = {
    cycleSeconds: [],
    brokeredSeconds: [],
    counts: countDeals(index, [], 2, -1),
  };
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  for (
    let rep = 0;
    rep < reps || sum(times.cycleSeconds) < minSeconds || sum(times.brokeredSeconds) < minSeconds;
    rep++
  ) {
    let from = process.cpuUsage();
    const cycles = countDeals(index, ["cycle"], maxParties, -1);
    times.cycleSeconds.push(cpuSince(from));
    from = process.cpuUsage();
    const brokered = countDeals(index, ["brokered"], Math.max(3, maxParties), -1);
    times.brokeredSeconds.push(cpuSince(from));
    times.counts = { ...cycles, brokered: brokered.brokered, steps: cycles.steps + brokered.steps };
  }
  return times;
}

/** Per-initiator results: times in microseconds, and how many initiators disagreed with the reference. */
export interface InitiatorTimes {
  readonly cpuMicros: number[];
  readonly wallMicros: number[];
  readonly totalCpuSeconds: number;
  readonly mismatches: string[];
  readonly cycleSums: number[];
  brokeredSum: number;
}

/**
 * Lists the cycles and brokered deals around each initiator (once untimed to
 * warm up, then timed one by one), and checks the counts against the reference.
 */
export function benchInitiators(
  index: TradeIndex,
  maxParties: number,
  initiators: readonly ReferenceInitiator[],
): InitiatorTimes {
  const kinds: DealKind[] = ["cycle", "brokered"];
  const firms = initiators.map((i) => index.firmIndex(i.firm));
  for (const f of firms) if (f >= 0) countDeals(index, kinds, maxParties, f);
  const cpuMicros: number[] = [];
  const wallMicros: number[] = [];
  const mismatches: string[] = [];
  const cycleSums: number[] = [];
  let brokeredSum = 0;
  const start = process.cpuUsage();
  initiators.forEach((reference, i) => {
    const f = firms[i];
    if (f < 0) {
      mismatches.push(`${reference.firm}: not a firm of the network`);
      return;
    }
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const counts = countDeals(index, kinds, maxParties, f);
    const used = process.cpuUsage(cpu);
    wallMicros.push((performance.now() - wall) * 1000);
    cpuMicros.push(used.user + used.system);
    counts.cycles.forEach((n, k) => {
      cycleSums[k] = (cycleSums[k] ?? 0) + n;
    });
    brokeredSum += counts.brokered;
    const same =
      counts.brokered === reference.brokered &&
      counts.cycles.every((n, k) => n === reference.cycles[k]);
    if (!same) {
      mismatches.push(
        `${reference.firm}: cycles ${counts.cycles.join(",")} brokered ${counts.brokered}` +
          ` vs reference ${reference.cycles.join(",")} ${reference.brokered}`,
      );
    }
  });
  return {
    cpuMicros,
    wallMicros,
    totalCpuSeconds: cpuSince(start),
    mismatches,
    cycleSums,
    brokeredSum,
  };
}

/** The p-quantile of some numbers (nearest rank, as the C reference). */
export function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}
