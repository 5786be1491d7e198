/**
 * Benchmark of SPEC §5's pricing: scored 3-party deals per second of CPU time,
 * with the exact fast path (alone, with the negotiation room, and under the
 * competitor's counter) and with the LP reference (javascript-lp-solver),
 * per policy, plus `findDeals` end to end (search + pricing + ranking).
 *
 * The deals are the real 3-party deals (3-cycles and brokered triangles) of a
 * network: the anchors' 100k-firm network when present, else a generated one.
 * Each measured loop loads a deal from the trade index into the workspace,
 * prices it and takes its score, as `findDeals` does. Before timing, the fast
 * path is checked against the LP on a sample. Times are CPU time
 * (process.cpuUsage), the median of five runs.
 *
 * Run: npx tsx bench/economics/pricing.bench.ts [network.json|.jsonl] [--write]
 * (`--write` writes bench/RESULTS-economics.md).
 */
import { existsSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import type { Policy } from "../../src/economics/deal.js";
import { DealEconomy } from "../../src/economics/deal-economy.js";
import { computeRoom } from "../../src/economics/deal-room.js";
import { findDeals } from "../../src/economics/find-deals.js";
import { objectiveValue } from "../../src/economics/objective.js";
import { priceFast } from "../../src/economics/price-fast.js";
import { priceByLp, roomByLp } from "../../src/economics/price-lp.js";
import { generateNetwork } from "../../src/generator/generate-network.js";
import { readNetwork } from "../../src/model/read-network.js";
import type { Network } from "../../src/model/types.js";
import { DealCursor } from "../../src/search/deal-cursor.js";
import type { DealKind } from "../../src/search/kinds.js";
import { incumbentFloors } from "../../src/trade-index/incumbent-floors.js";
import { type TradeIndex, tradeIndexOf } from "../../src/trade-index/trade-index.js";

const args = process.argv.slice(2);
const write = args.includes("--write");
const fileArg = args.find((a) => !a.startsWith("--"));
const defaultFile = "/tmp/anchors/n100000/network.json";

/** The 3-party deals of an index, trades flat (3 per deal). */
interface DealSet {
  readonly kinds: DealKind[];
  readonly trades: Int32Array;
  readonly count: number;
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function collectDeals(index: TradeIndex): DealSet & { listed: number } {
  const cursor = new DealCursor(index, {
    kinds: ["cycle", "brokered"],
    maxParties: 3,
    initiator: -1,
  });
  const kinds: DealKind[] = [];
  const trades: number[] = [];
  let listed = 0;
  while (cursor.next()) {
    listed++;
    if (cursor.size !== 3) continue;
    kinds.push(cursor.kind);
    for (let j = 0; j < 3; j++) trades.push(cursor.trades[j]);
  }
  return { kinds, trades: Int32Array.from(trades), count: kinds.length, listed };
}

/** The initiator of deal d for the `initiator` policy: its first trade's seller; -1 otherwise. */
function initiatorOf(index: TradeIndex, deals: DealSet, d: number, policy: Policy): number {
  return policy === "initiator" ? index.tradeSeller(deals.trades[3 * d]) : -1;
}

/** How each deal is priced: the fast path or the LP; with the room; under the counter. */
interface Mode {
  readonly lp: boolean;
  readonly room: boolean;
  readonly counter: boolean;
}

/** Prices deals [0, count) once; returns a checksum of the scores (and rooms). */
function priceAll(
  index: TradeIndex,
  deals: DealSet,
  count: number,
  policy: Policy,
  { lp, room, counter }: Mode,
): number {
  const economy = new DealEconomy(3);
  if (counter) {
    economy.competition = "counter";
    economy.floors = incumbentFloors(index);
  }
  const objective = policy === "initiator" ? "initiatorNet" : "surplus";
  const trades = new Int32Array(3);
  let checksum = 0;
  for (let d = 0; d < count; d++) {
    // As from the cursor: the deal's trades in a reused buffer.
    trades[0] = deals.trades[3 * d];
    trades[1] = deals.trades[3 * d + 1];
    trades[2] = deals.trades[3 * d + 2];
    economy.loadIndexDeal(index, deals.kinds[d], trades, 3, initiatorOf(index, deals, d, policy));
    if (lp) {
      if (priceByLp(economy, policy) !== "optimal") throw new Error(`LP failed on deal ${d}`);
    } else {
      priceFast(economy, policy);
    }
    checksum += objectiveValue(economy, objective) + (economy.feasible ? 1 : 0);
    if (room && economy.feasible) {
      computeRoom(economy);
      checksum += economy.netMax[0] - economy.discountMin[2];
    }
  }
  return checksum;
}

/** Deals per CPU second: the median of `runs` runs of at least `minSeconds` each. */
function rate(run: () => number, perRun: number, minSeconds: number, runs = 5): number {
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = cpuSeconds();
    let done = 0;
    do {
      run();
      done += perRun;
    } while (cpuSeconds() - start < minSeconds);
    rates.push(done / (cpuSeconds() - start));
  }
  return median(rates);
}

/** The fast path and the LP agree on the unique values of a sample of deals. */
function check(index: TradeIndex, deals: DealSet, policy: Policy, sample: number): void {
  const fast = new DealEconomy(3);
  const lp = new DealEconomy(3);
  for (let d = 0; d < Math.min(sample, deals.count); d++) {
    const trades = deals.trades.subarray(3 * d, 3 * d + 3);
    const initiator = initiatorOf(index, deals, d, policy);
    fast.loadIndexDeal(index, deals.kinds[d], trades, 3, initiator);
    lp.loadIndexDeal(index, deals.kinds[d], trades, 3, initiator);
    priceFast(fast, policy);
    if (priceByLp(lp, policy) !== "optimal") throw new Error(`LP failed on deal ${d}`);
    const tol = 1e-9 * fast.scale;
    const i = fast.initiatorParty;
    const bad =
      fast.feasible !== lp.feasible ||
      Math.abs(fast.fairLevel - lp.fairLevel) > tol ||
      Math.abs(fast.totalDiscount() - lp.totalDiscount()) > tol ||
      (i >= 0 && Math.abs(fast.net[i] - lp.net[i]) > tol);
    if (bad) throw new Error(`fast path and LP disagree on deal ${d} (${policy})`);
    if (!fast.feasible) continue;
    computeRoom(fast);
    if (roomByLp(lp) !== "optimal") throw new Error(`LP room failed on deal ${d}`);
    for (let j = 0; j < 3; j++) {
      const far =
        Math.abs(fast.discountMin[j] - lp.discountMin[j]) > tol ||
        Math.abs(fast.discountMax[j] - lp.discountMax[j]) > tol ||
        Math.abs(fast.netMin[j] - lp.netMin[j]) > tol ||
        Math.abs(fast.netMax[j] - lp.netMax[j]) > tol;
      if (far) throw new Error(`fast path and LP disagree on the room of deal ${d} (${policy})`);
    }
  }
}

async function loadNetwork(): Promise<{ network: Network; source: string }> {
  const file = fileArg ?? (existsSync(defaultFile) ? defaultFile : undefined);
  if (file !== undefined) return { network: await readNetwork(file), source: file };
  return {
    network: generateNetwork({ firms: 50_000, seed: 1 }),
    source: "generateNetwork({ firms: 50000, seed: 1 })",
  };
}

const { network, source } = await loadNetwork();
const index = tradeIndexOf(network);
const deals = collectDeals(index);
const brokered = deals.kinds.filter((k) => k === "brokered").length;
const lines: string[] = [];
const log = (line: string) => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
log(`network: ${source}: ${index.firmCount} firms, ${index.tradeCount} trades`);
log(
  `3-party deals: ${deals.count} (${deals.count - brokered} 3-cycles, ${brokered} brokered); ${deals.listed} deals with 2-cycles`,
);
log("");
log(
  "| policy | fast path (deals/s) | fast + room | fast, counter | fast + room, counter | LP (deals/s) | fast / LP |",
);
log("|---|---|---|---|---|---|---|");
const lpSample = Math.min(1500, deals.count);
const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
for (const policy of ["fair", "minimal", "initiator"] as const) {
  check(index, deals, policy, 300);
  const fastRate = (room: boolean, counter: boolean) =>
    rate(
      () => priceAll(index, deals, deals.count, policy, { lp: false, room, counter }),
      deals.count,
      1,
    );
  const fast = fastRate(false, false);
  const withRoom = fastRate(true, false);
  const countered = fastRate(false, true);
  const both = fastRate(true, true);
  const lp = rate(
    () => priceAll(index, deals, lpSample, policy, { lp: true, room: false, counter: false }),
    lpSample,
    1,
  );
  log(
    `| ${policy} | ${fmt(fast)} | ${fmt(withRoom)} | ${fmt(countered)} | ${fmt(both)} | ${fmt(lp)} | ${Math.round(fast / lp)}× |`,
  );
}
log("");
for (const [label, options] of [
  ["findDeals top 20 (search + pricing + ranking)", { top: 20 }],
  [
    "findDeals all, every deal built (search + pricing + objects)",
    { top: Number.POSITIVE_INFINITY },
  ],
] as const) {
  let found = 0;
  const perSecond = rate(
    () => {
      found = findDeals(network, options).length;
      return found;
    },
    deals.listed,
    0,
    3,
  );
  log(
    `${label}: ${Math.round(perSecond).toLocaleString("en-US")} deals/s of CPU (${found} returned)`,
  );
}
log("");
log(
  `machine: ${cpus()[0]?.model ?? "unknown"} (${cpus().length} cores), Node ${process.version}, ` +
    `${new Date().toISOString().slice(0, 10)}, load average ${loadavg()[0].toFixed(1)} (a shared machine)`,
);

if (write) {
  const text = [
    "# Economics benchmark: scored 3-party deals per second",
    "",
    "Produced by `npx tsx bench/economics/pricing.bench.ts --write`. CPU time",
    "(process.cpuUsage), median of five runs (three for findDeals); one deal = load from the trade",
    "index + price under the policy + score (+ the negotiation room of a feasible deal in the",
    "room columns; with every hurdle raised by the incumbents' counters in the counter",
    "columns). The fast path, its room included, is checked against",
    "the LP (javascript-lp-solver) on 300 deals per policy before timing. The",
    "`initiator` rows name each deal's first seller as its initiator. The",
    "findDeals rows count every deal the search lists (kinds cycle and",
    "brokered, maxParties 3, 2-cycles included) per CPU second, search included.",
    "",
    ...lines,
    "",
  ].join("\n");
  writeFileSync(new URL("../RESULTS-economics.md", import.meta.url), text);
}
