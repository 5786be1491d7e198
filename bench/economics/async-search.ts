/**
 * The price of cancellation (issue 16): `rankDealsAsync` (the scan in ~10 ms
 * slices, a `setImmediate` turn of the event loop between them) against
 * `rankDeals` on the same network (search, pricing and keeping the ranking;
 * no deal built), CPU time (process.cpuUsage), runs interleaved, medians; and
 * how late an abort lands: `AbortSignal.timeout(ms)`
 * on the reproduction (K40, chains of 8) and on the network's search,
 * from the timer's due time to the rejection (wall).
 *
 *   npx tsx bench/economics/async-search.ts [NETWORK_DIR] [--k 4] [--reps 5]
 *
 * Default network: /tmp/anchors/n100000.
 */
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { findDealsAsync, rankDeals, rankDealsAsync } from "../../src/economics/find-deals.js";
import type { FindDealsOptions } from "../../src/economics/find-options.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { readNetwork } from "../../src/model/read-network.js";
import { searchGraphOf } from "../../src/search/search-graph.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { completeGraph } from "../../test/helpers/complete-graph.js";

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { k: { type: "string", default: "4" }, reps: { type: "string", default: "5" } },
});
const dir = positionals[0] ?? "/tmp/anchors/n100000";
const reps = Number(flags.reps);
const out = (line: string) => process.stdout.write(`${line}\n`);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const jsonl = join(dir, "network.jsonl");
const network = await readNetwork(existsSync(jsonl) ? jsonl : join(dir, "network.json"));
searchGraphOf(tradeIndexOf(network), true);
out(`# async search: ${dir}, K = ${flags.k}, ${reps} interleaved runs each`);
out(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, ${new Date().toISOString()}, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);
out("");
out("| search | deals kept | rankDeals (CPU ms) | rankDealsAsync (CPU ms) | async / sync |");
out("|---|--:|--:|--:|--:|");
for (const [label, options] of [
  ["top 20", { maxParties: Number(flags.k) }],
  ["all", { maxParties: Number(flags.k), top: Number.POSITIVE_INFINITY }],
] as const) {
  const sync: number[] = [];
  const async: number[] = [];
  let deals = 0;
  rankDeals(network, options).close(); // warm-up: both share the scan's code
  for (let i = 0; i < reps; i++) {
    let at = cpuMs();
    const a = rankDeals(network, options as FindDealsOptions);
    sync.push(cpuMs() - at);
    at = cpuMs();
    const b = await rankDealsAsync(network, options as FindDealsOptions);
    async.push(cpuMs() - at);
    if (a.length !== b.length) throw new Error("the async search differs");
    deals = a.length;
    a.close();
    b.close();
  }
  const s = median(sync);
  const x = median(async);
  out(`| ${label} | ${deals} | ${s.toFixed(0)} | ${x.toFixed(0)} | ${(x / s).toFixed(3)} |`);
}

/** How late (ms) an abort by AbortSignal.timeout(ms) stops a search. */
async function lateness(
  on: typeof network,
  options: FindDealsOptions,
  ms: number,
): Promise<number> {
  const start = performance.now();
  try {
    await findDealsAsync(on, { ...options, signal: AbortSignal.timeout(ms) });
    return Number.NaN; // finished first
  } catch {
    return performance.now() - start - ms;
  }
}

out("");
out("| abort | timer | late by (wall ms): each run |");
out("|---|--:|---|");
const k40 = parseNetwork(completeGraph(40));
const cases: [string, typeof network, FindDealsOptions, number][] = [
  ["K40, chains of 8 (issue 16)", k40, { kinds: ["chain"], maxParties: 8 }, 2000],
  [
    "K40, --all, 6 parties, spilling",
    k40,
    { maxParties: 6, top: Number.POSITIVE_INFINITY, memoryBudget: 1 << 24 },
    1000,
  ],
  [
    `${dir}, K = ${flags.k}, all`,
    network,
    { maxParties: Number(flags.k), top: Number.POSITIVE_INFINITY },
    100,
  ],
];
for (const [label, on, options, ms] of cases) {
  const late: number[] = [];
  for (let i = 0; i < reps; i++) late.push(await lateness(on, options, ms));
  out(`| ${label} | ${ms} ms | ${late.map((x) => x.toFixed(1)).join(", ")} |`);
}
