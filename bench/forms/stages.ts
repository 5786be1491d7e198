/**
 * One run of the input stages on one file, in its own process (so its peak
 * RSS is its own), against the built package: read, index, search graph,
 * and `findDeals` top 20 (cycles ≤ 3 + brokered, global: what `find --top 20`
 * computes). Prints one JSON line: CPU seconds per stage (process.cpuUsage),
 * the peak RSS in KiB, firms and trades.
 *
 *   node --import tsx bench/forms/stages.ts FILE [DIST]
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Advanced from "../../src/advanced.js";
import type * as Api from "../../src/index.js";

const [file, dist = resolve(import.meta.dirname, "../../dist")] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write("usage: node --import tsx bench/forms/stages.ts FILE [DIST]\n");
  process.exit(2);
}
const main = (await import(pathToFileURL(resolve(dist, "index.js")).href)) as typeof Api;
const advanced = (await import(
  pathToFileURL(resolve(dist, "advanced.js")).href
)) as typeof Advanced;

const cpu = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
};
const start = cpu();
const network = await main.readNetwork(file);
const read = cpu();
const index = advanced.tradeIndexOf(network);
// Touch the arrays the search reads, so that a snapshot's lazily read sections count here.
let touched = index.tradeOffer.length + index.tradeNeed.length + index.tradePremium.length;
const indexed = cpu();
const graph = advanced.searchGraphOf(index, true);
touched += graph.outTarget.length + graph.inSource.length;
const graphed = cpu();
const deals = main.findDeals(network, { top: 20 });
const found = cpu();
process.stdout.write(
  `${JSON.stringify({
    file,
    firms: network.firms.length,
    trades: index.tradeCount,
    deals: deals.length,
    ids: deals.map((deal) => deal.id).join(" "),
    touched,
    readSeconds: read - start,
    indexSeconds: indexed - read,
    graphSeconds: graphed - indexed,
    findSeconds: found - graphed,
    totalSeconds: found,
    peakKiB: process.resourceUsage().maxRSS,
  })}\n`,
);
