/**
 * Kidney-exchange benchmark of `selectPortfolio` (SPEC §6; issue 5).
 *
 * For every instance in ../shared/benchmarks/kidney/instances and each cycle
 * cap K: candidates = every cycle of ≤ K parties (`findDeals` with kinds
 * ["cycle"], top Infinity, objective surplus); then the exact solver (times,
 * status, gap, work counters) and the greedy solver (objective against the
 * proven optimum). Every portfolio is checked by bench/lib/validate.ts before
 * its figures are reported; `--verify` also solves the plain cycle-formulation
 * MIP with HiGHS (time-limited) and compares the optimum.
 *
 *   npx tsx bench/portfolio/kidney.ts [--k 3,4] [--only NAME,...] [--verify SECONDS]
 *
 * Prints one Markdown table row per (instance, K) and writes the raw figures
 * to bench/out/portfolio-kidney.json. Times are CPU (user + system) of this
 * process unless marked wall.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import type { Deal, Network, Portfolio } from "../../src/node.js";
import { findDeals, readNetwork, selectPortfolio } from "../../src/node.js";
import { loadHighs } from "../../src/portfolio/highs-backend.js";
import { checkPortfolio } from "../lib/validate.js";

const directory = "/work/shared/benchmarks/kidney/instances";

const { values } = parseArgs({
  options: {
    k: { type: "string", default: "3,4" },
    only: { type: "string" },
    verify: { type: "string" },
  },
});

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function timed<T>(
  run: () => T | Promise<T>,
): Promise<{ value: T; cpuMs: number; wallMs: number }> {
  const c0 = cpuMs();
  const w0 = performance.now();
  const value = await run();
  return { value, cpuMs: cpuMs() - c0, wallMs: performance.now() - w0 };
}

/** Throws unless the portfolio is valid, its objective adds up and its bound is above it. */
function validate(network: Network, deals: readonly Deal[], portfolio: Portfolio): void {
  const check = checkPortfolio(network, deals, portfolio.deals);
  if (check.problems.length > 0) throw new Error(check.problems.slice(0, 3).join("; "));
  const surplus = portfolio.deals.reduce((s, d) => s + d.surplus, 0);
  if (Math.abs(surplus - portfolio.objective) > 1e-9 * Math.max(1, surplus))
    throw new Error(`objective ${portfolio.objective} but the deals sum to ${surplus}`);
  // Kidney instances: every trade leaves surplus 0.5, so a cycle of k parties is worth k/2.
  for (const d of portfolio.deals)
    if (d.surplus !== 0.5 * d.trades.length) throw new Error(`${d.id}: surplus ${d.surplus}`);
  if (portfolio.bound < portfolio.objective) throw new Error("bound below objective");
}

/** The plain cycle-formulation MIP (one binary per cycle, one row per firm), solved by HiGHS alone. */
async function plainMip(
  network: Network,
  deals: readonly Deal[],
  seconds: number,
): Promise<{ status: string; objective: number; cpuMs: number }> {
  const highs = await loadHighs();
  const firms = new Map(network.firms.map((f, i) => [f.id, i]));
  const lines = [
    "Maximize",
    ` obj: ${deals.map((d, j) => `${d.surplus} x${j}`).join(" + ")}`,
    "Subject To",
  ];
  const rows = network.firms.map(() => [] as number[]);
  deals.forEach((d, j) => {
    for (const p of new Set(d.trades.map((t) => t.seller))) rows[firms.get(p)!].push(j);
  });
  rows.forEach((r, i) => {
    if (r.length > 1) lines.push(` f${i}: ${r.map((j) => `x${j}`).join(" + ")} <= 1`);
  });
  lines.push("Binary", ` ${deals.map((_, j) => `x${j}`).join(" ")}`, "End");
  const { value, cpuMs: cpu } = await timed(() =>
    highs.solve(lines.join("\n"), { time_limit: seconds, mip_rel_gap: 0, output_flag: false }),
  );
  return { status: value.Status, objective: value.ObjectiveValue, cpuMs: cpu };
}

const caps = values.k.split(",").map(Number);
const only = values.only?.split(",");
const files = readdirSync(directory)
  .filter((f) => f.endsWith(".json"))
  .filter((f) => only === undefined || only.includes(basename(f, ".json")))
  .sort();

const load = await timed(() => loadHighs());
console.log(
  `HiGHS load: ${load.cpuMs.toFixed(0)} ms CPU (once per process, not in the times below)`,
);
console.log(
  "| instance | K | cycles | find CPU ms | exact CPU ms | exact wall ms | status | objective | bound | gap | columns after reduction | LP solves | MIP solves | greedy objective | greedy / optimum | greedy CPU ms | greedy status, gap |",
);
console.log("|---|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
const results: unknown[] = [];
for (const file of files) {
  const network = await readNetwork(join(directory, file));
  for (const k of caps) {
    const found = await timed(() =>
      findDeals(network, {
        kinds: ["cycle"],
        maxParties: k,
        top: Number.POSITIVE_INFINITY,
        objective: "surplus",
      }),
    );
    const deals = found.value;
    const exact = await timed(() =>
      selectPortfolio(network, deals, { solver: "exact", objective: "surplus" }),
    );
    validate(network, deals, exact.value);
    const greedy = await timed(() =>
      selectPortfolio(network, deals, { solver: "greedy", objective: "surplus" }),
    );
    validate(network, deals, greedy.value);
    if (
      greedy.value.objective > exact.value.objective + 1e-9 ||
      greedy.value.bound < exact.value.objective - 1e-9
    )
      throw new Error(
        `${file} K=${k}: greedy ${greedy.value.objective} / bound ${greedy.value.bound} vs optimum ${exact.value.objective}`,
      );
    let verified: Awaited<ReturnType<typeof plainMip>> | undefined;
    if (values.verify !== undefined) {
      verified = await plainMip(network, deals, Number(values.verify));
      if (
        verified.status === "Optimal" &&
        Math.abs(verified.objective - exact.value.objective) > 1e-6
      )
        throw new Error(
          `${file} K=${k}: plain MIP ${verified.objective} ≠ ${exact.value.objective}`,
        );
    }
    const e = exact.value;
    const g = greedy.value;
    const name = basename(file, ".json");
    console.log(
      `| ${name} | ${k} | ${deals.length.toLocaleString("en")} | ${found.cpuMs.toFixed(0)} | ${exact.cpuMs.toFixed(0)} | ${exact.wallMs.toFixed(0)} | ${e.status} | ${e.objective} | ${e.bound} | ${e.gap} | ${e.stats.columns.toLocaleString("en")} | ${e.stats.lpSolves} | ${e.stats.mipSolves} | ${g.objective} | ${(g.objective / e.objective).toFixed(4)} | ${greedy.cpuMs.toFixed(0)} | ${g.status}, ${g.gap.toFixed(4)} |` +
        (verified
          ? ` plain MIP: ${verified.status} ${verified.objective} in ${verified.cpuMs.toFixed(0)} ms |`
          : ""),
    );
    results.push({
      instance: name,
      k,
      cycles: deals.length,
      find: { cpuMs: found.cpuMs, wallMs: found.wallMs },
      exact: { ...exact, value: { ...e, deals: e.deals.length } },
      greedy: { ...greedy, value: { ...g, deals: g.deals.length } },
      verified,
    });
  }
}
mkdirSync("bench/out", { recursive: true });
writeFileSync(
  "bench/out/portfolio-kidney.json",
  `${JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 1)}\n`,
);
