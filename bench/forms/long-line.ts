/**
 * Issue 16: JSON Lines splitting linear in line length. Reads one line of
 * about 120 MB (a firm with 1.5 million offers), handed over in 64 KiB
 * chunks as a file stream would, and prints the CPU seconds and the peak
 * RSS. (Before: 46 s and 1.1 GB, the line re-joined chunk by chunk.)
 *
 *   npx tsx bench/forms/long-line.ts [OFFERS]
 */
import { Readable } from "node:stream";
import { readNetworkLines } from "../../src/model/read-network.js";

const offers = Number(process.argv[2] ?? 1_500_000);
const parts = ['{"firm":{"id":"big","offers":['];
for (let i = 0; i < offers; i++) {
  parts.push(
    `${i === 0 ? "" : ","}{"product":"product-${i}","price":12.5,"cost":10,"capacity":100}`,
  );
}
parts.push("]}}\n");
const bytes = Buffer.from(parts.join(""));
parts.length = 0;
const chunks: Buffer[] = [];
for (let at = 0; at < bytes.length; at += 1 << 16) chunks.push(bytes.subarray(at, at + (1 << 16)));
const from = process.cpuUsage();
const network = await readNetworkLines(Readable.from(chunks));
const used = process.cpuUsage(from);
process.stdout.write(
  `${(bytes.length / 1e6).toFixed(0)} MB line, ${network.firms[0].offers?.length} offers: ` +
    `${((used.user + used.system) / 1e6).toFixed(2)} s CPU, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`,
);
