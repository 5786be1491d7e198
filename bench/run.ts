/**
 * The benchmark suite (`npm run bench`): at 1k, 10k and 100k firms (1M with
 * `--large`), against the built package (dist/node.js), times parse, index,
 * search (each kind, maxParties 2-4), ranking, scoring and selection, each
 * validated first, with work counters and peak memory; writes
 * bench/out/results.json and bench/RESULTS-suite.md.
 *
 * Each size runs in its own child process, so that its peak RSS is its own.
 *
 *   npm run bench -- [--large] [--anchors /tmp/anchors] [--sizes 1000,10000] [--seed 1]
 *                    [--budget-ms 1000] [--dist dist/node.js] [--in-process]
 */
import { fork } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateNetwork as sourceGenerateNetwork } from "../src/generator/index.js";
import { exportsPresent, loadBuiltLibrary } from "./lib/library.js";
import { environment, type SuiteResults, writeResults } from "./lib/report.js";
import { runSize, type SizeConfig, type SizeResult } from "./lib/suite.js";

const here = dirname(fileURLToPath(import.meta.url));
let distPath = resolve(here, "../dist/node.js");
const outDir = resolve(here, "out");
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The child: one size, its result written to `resultPath`. */
async function child(config: SizeConfig, resultPath: string): Promise<void> {
  const library = await loadBuiltLibrary(distPath);
  const result = await runSize(
    library,
    library.generateNetwork ?? sourceGenerateNetwork,
    config,
    log,
  );
  await writeFile(resultPath, JSON.stringify(result));
}

function runChild(config: SizeConfig, resultPath: string): Promise<number> {
  const heap = config.firms >= 500_000 ? ["--max-old-space-size=16384"] : [];
  const args = ["--child", JSON.stringify(config), "--result", resultPath, "--dist", distPath];
  const worker = fork(fileURLToPath(import.meta.url), args, {
    execArgv: [...process.execArgv, ...heap],
    stdio: "inherit",
  });
  return new Promise((done) => worker.on("exit", (code) => done(code ?? 1)));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: "string" },
      result: { type: "string" },
      large: { type: "boolean" },
      anchors: { type: "string" },
      sizes: { type: "string" },
      seed: { type: "string" },
      "budget-ms": { type: "string" },
      "in-process": { type: "boolean" },
      dist: { type: "string" },
    },
    allowPositionals: true,
  });
  if (values.dist !== undefined) distPath = resolve(values.dist);
  if (values.child !== undefined) {
    await child(JSON.parse(values.child) as SizeConfig, values.result ?? join(outDir, "size.json"));
    return;
  }
  if (!existsSync(distPath))
    throw new Error(`${distPath} is missing: run "npm run build" first (npm run bench does)`);
  const library = await loadBuiltLibrary(distPath);
  const sizes =
    values.sizes !== undefined
      ? values.sizes.split(",").map(Number)
      : [1000, 10_000, 100_000, ...(values.large ? [1_000_000] : [])];
  const seed = Number(values.seed ?? 1);
  const budgetMs = Number(values["budget-ms"] ?? 1000);
  const notes: string[] = [];
  if (library.generateNetwork === undefined)
    notes.push(
      "The built package does not export generateNetwork yet: networks came from src/generator.",
    );
  const results: SizeResult[] = [];
  await mkdir(outDir, { recursive: true });
  for (const firms of sizes) {
    let source: SizeConfig["source"] = { kind: "generated", seed };
    if (values.anchors !== undefined) {
      const file = join(
        values.anchors,
        `n${firms}`,
        firms > 200_000 ? "network.jsonl" : "network.json",
      );
      if (!existsSync(file)) {
        notes.push(`No anchors file ${file}: ${firms} firms skipped.`);
        continue;
      }
      source = { kind: "anchors", path: file };
    }
    const config: SizeConfig = {
      firms,
      source,
      measure: { minReps: 3, maxReps: 15, budgetMs },
      dealCap: 1_000_000,
      searchLimitMs: 20_000,
      selectionCandidates: 50_000,
      exactTimeLimitMs: 30_000,
      largestText: 200_000,
    };
    if (values["in-process"]) {
      results.push(
        await runSize(library, library.generateNetwork ?? sourceGenerateNetwork, config, log),
      );
      continue;
    }
    const resultPath = join(outDir, `size-${firms}.json`);
    await rm(resultPath, { force: true });
    const code = await runChild(config, resultPath);
    if (code !== 0 || !existsSync(resultPath)) {
      notes.push(`${firms} firms: the run failed (exit ${code}).`);
      continue;
    }
    results.push(JSON.parse(await readFile(resultPath, "utf8")) as SizeResult);
  }
  const version = (
    JSON.parse(readFileSync(resolve(here, "../package.json"), "utf8")) as { version: string }
  ).version;
  const suite: SuiteResults = {
    environment: environment(),
    library: {
      path: relative(resolve(here, ".."), distPath),
      version,
      exports: exportsPresent(library),
    },
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    notes,
    sizes: results,
  };
  await writeResults(suite, join(outDir, "results.json"), resolve(here, "RESULTS-suite.md"));
  log(`wrote ${join(outDir, "results.json")} and ${resolve(here, "RESULTS-suite.md")}`);
}

main().catch((error: unknown) => {
  log(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
