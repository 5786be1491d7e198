/**
 * A seconds-long smoke run of the suite against the built package: 1,000
 * firms, each stage once, nothing written. Exits 1 when a stage fails.
 * (CI runs the same harness through test/bench-smoke.test.ts.)
 *
 *   npm run build && npx tsx bench/smoke.ts
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateNetwork as sourceGenerateNetwork } from "../src/generator/index.js";
import { loadBuiltLibrary } from "./lib/library.js";
import { runSize } from "./lib/suite.js";

const here = dirname(fileURLToPath(import.meta.url));
const library = await loadBuiltLibrary(resolve(here, "../dist/node.js"));
const result = await runSize(
  library,
  library.generateNetwork ?? sourceGenerateNetwork,
  {
    firms: 1000,
    source: { kind: "generated", seed: 1 },
    measure: { minReps: 1, maxReps: 1, budgetMs: 0 },
    dealCap: 50_000,
    searchLimitMs: 5_000,
    selectionCandidates: 300,
    exactTimeLimitMs: 10_000,
    largestText: 200_000,
  },
  (line) => process.stderr.write(`${line}\n`),
);
const failed = result.stages.filter((stage) => stage.status === "failed");
for (const stage of result.stages) {
  process.stdout.write(
    `${stage.status.padEnd(7)} ${stage.stage} ${stage.variant} ${stage.note ?? ""}\n`,
  );
}
process.stdout.write(
  `smoke: ${result.stages.length - failed.length} stages ok, ${failed.length} failed\n`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
