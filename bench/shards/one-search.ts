/**
 * One search, alone in its process, as one shard (or the single run) of a
 * sharded search: reads the network, builds the index and the search graph
 * (timed apart: preparation), then times the search cold (CPU and wall), as a fresh
 * `find --shard I/N` process would run it, and writes the ranked listing as
 * JSON Lines (timed apart: output).
 *
 *   npx tsx bench/shards/one-search.ts NETWORK_DIR K TOP SHARD OUT
 *
 * TOP: a number or "all"; SHARD: "I/N", or "-" for the single run; OUT: the
 * listing's path, or "-" for none. Prints one JSON line of CPU milliseconds
 * (process.cpuUsage) and counters.
 */
import { createWriteStream, existsSync } from "node:fs";
import { join } from "node:path";
import { dealJsonText } from "../../src/economics/deal-json.js";
import { rankDeals } from "../../src/economics/find-deals.js";
import { readNetwork } from "../../src/model/read-network.js";
import { searchGraphOf } from "../../src/search/search-graph.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";

const [dir, k, topArg, shardArg, out] = process.argv.slice(2);
if (dir === undefined || k === undefined || topArg === undefined || shardArg === undefined) {
  process.stderr.write("usage: one-search.ts NETWORK_DIR K TOP SHARD OUT\n");
  process.exit(2);
}
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const jsonl = join(dir, "network.jsonl");
let at = cpu();
const network = await readNetwork(existsSync(jsonl) ? jsonl : join(dir, "network.json"));
const index = tradeIndexOf(network);
const prepareMs = cpu() - at;
at = cpu();
searchGraphOf(index, true);
const graphMs = cpu() - at;
const [current, total] = shardArg === "-" ? [0, 0] : shardArg.split("/").map(Number);
at = cpu();
const wallAt = performance.now();
let steps = 0;
const ranked = rankDeals(network, {
  maxParties: Number(k),
  top: topArg === "all" ? Number.POSITIVE_INFINITY : Number(topArg),
  ...(current > 0 ? { shard: { current, total } } : {}),
  onProgress: (stats) => {
    steps = stats.steps;
  },
});
const searchMs = cpu() - at;
const searchWallMs = performance.now() - wallAt;
at = cpu();
const outputWallAt = performance.now();
if (out !== undefined && out !== "-") {
  const file = createWriteStream(out);
  let chunk = "";
  for (const deal of ranked) {
    chunk += `${dealJsonText(deal)}\n`;
    if (chunk.length > 1 << 20) {
      if (!file.write(chunk))
        await new Promise<void>((resolve) => file.once("drain", () => resolve()));
      chunk = "";
    }
  }
  await new Promise<void>((resolve) => file.end(chunk, () => resolve()));
}
const outputMs = cpu() - at;
const outputWallMs = performance.now() - outputWallAt;
process.stdout.write(
  `${JSON.stringify({ shard: shardArg, top: topArg, prepareMs, graphMs, searchMs, searchWallMs, outputMs, outputWallMs, deals: ranked.length, steps })}\n`,
);
