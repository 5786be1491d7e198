/**
 * Reading a network in the tables form (a folder of CSV files) beside the
 * same network as JSON Lines, side by side: each read runs in a fresh Node
 * process with the built package (`dist/`), alternating the forms, and
 * reports CPU time (user + system), wall time and the process's peak RSS.
 *
 *   npx tsx bench/model/tables.ts NETWORK.jsonl TABLES_DIR [REPS]
 *
 * TABLES_DIR is written from NETWORK.jsonl (with `writeNetworkTables`) when
 * it has no `firms.csv` yet. Prints one markdown row per form: medians of
 * REPS (default 3) runs.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const [networkPath, tablesDir, repsText = "3"] = process.argv.slice(2);
if (networkPath === undefined || tablesDir === undefined) {
  console.error("usage: npx tsx bench/model/tables.ts NETWORK.jsonl TABLES_DIR [REPS]");
  process.exit(2);
}
const dist = new URL("../../dist/index.js", import.meta.url).href;

/** One read in a fresh process: what it printed. */
interface Run {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly peakRssMiB: number;
  readonly firms: number;
}

function node(script: string, ...args: string[]): string {
  return String(
    execFileSync(
      process.execPath,
      ["--max-old-space-size=16000", "--input-type=module", "-e", script, ...args],
      { maxBuffer: 1 << 20 },
    ),
  );
}

const readScript = `import { readNetwork } from ${JSON.stringify(dist)};
const cpu = process.cpuUsage(); const wall = performance.now();
const network = await readNetwork(process.argv[1]);
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall,
  peakRssMiB: process.resourceUsage().maxRSS / 1024, firms: network.firms.length }));`;

if (!existsSync(join(tablesDir, "firms.csv"))) {
  const writeScript = `import { readNetwork, writeNetworkTables } from ${JSON.stringify(dist)};
const network = await readNetwork(process.argv[1]);
const cpu = process.cpuUsage();
await writeNetworkTables(network, process.argv[2]);
const used = process.cpuUsage(cpu);
console.log("wrote", process.argv[2], "in", ((used.user + used.system) / 1e6).toFixed(1), "s CPU");`;
  process.stdout.write(node(writeScript, networkPath, tablesDir));
}

const forms = [
  ["JSON Lines", networkPath],
  ["tables (CSV folder)", tablesDir],
] as const;
const runs = new Map<string, Run[]>(forms.map(([name]) => [name, []]));
for (let rep = 0; rep < Number(repsText); rep++) {
  for (const [name, path] of forms) {
    const run = JSON.parse(node(readScript, path)) as Run;
    runs.get(name)?.push(run);
    console.error(
      `${name}: ${(run.cpuMs / 1000).toFixed(1)} s CPU, ${run.peakRssMiB.toFixed(0)} MiB`,
    );
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

console.log("| form | firms | CPU (median) | wall (median) | peak RSS (median) |");
console.log("|---|--:|--:|--:|--:|");
for (const [name] of forms) {
  const list = runs.get(name) ?? [];
  const cell = (pick: (run: Run) => number, unit: number, suffix: string, digits: number) =>
    `${(median(list.map(pick)) / unit).toFixed(digits)} ${suffix}`;
  console.log(
    `| ${name} | ${list[0]?.firms.toLocaleString("en-US")} | ${cell((r) => r.cpuMs, 1000, "s", 1)} | ${cell((r) => r.wallMs, 1000, "s", 1)} | ${cell((r) => r.peakRssMiB, 1, "MiB", 0)} |`,
  );
}
