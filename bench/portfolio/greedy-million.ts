/**
 * Greedy `selectPortfolio` on about a million candidate deals (issue 5).
 *
 * Candidates: the first N feasible deals `iterateDeals` lists on a generated
 * network (default /tmp/anchors/n100000/network.json, kinds cycle and chain,
 * ≤ 3 parties). Then `selectPortfolio` with the greedy solver, checked by
 * bench/lib/validate.ts, and a breakdown of its phases through the internal
 * modules (model, reduction, greedy fill, improvement, Lagrangian bound).
 *
 *   node --max-old-space-size=8192 --import tsx bench/portfolio/greedy-million.ts \
 *     [--network PATH] [--deals N] [--kinds cycle,chain] [--max-parties 3]
 *
 * Times are CPU (user + system) of this process, and wall.
 */
import { PerformanceObserver } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { Deal, DealKind } from "../../src/node.js";
import { iterateDeals, readNetwork, selectPortfolio } from "../../src/node.js";
import { Deadline } from "../../src/portfolio/deadline.js";
import { dealConstraints } from "../../src/portfolio/deal-constraints.js";
import { lagrangianBound } from "../../src/portfolio/dual-bound.js";
import { greedyPortfolio } from "../../src/portfolio/greedy.js";
import { portfolioValue, rowsOf } from "../../src/portfolio/packing-model.js";
import { reduceModel } from "../../src/portfolio/reduce-model.js";
import { runSync } from "../../src/portfolio/work.js";
import { checkPortfolio } from "../lib/validate.js";

const { values } = parseArgs({
  options: {
    network: { type: "string", default: "/tmp/anchors/n100000/network.json" },
    deals: { type: "string", default: "1000000" },
    kinds: { type: "string", default: "cycle,chain" },
    "max-parties": { type: "string", default: "3" },
  },
});

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

// Garbage collection pauses, summed: with a million Deal objects alive (~1.7 GB),
// each full collection marks them all, and big typed arrays trigger them.
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ["gc"] });

async function timed<T>(label: string, run: () => T | Promise<T>): Promise<T> {
  const c0 = cpuMs();
  const w0 = performance.now();
  const g0 = gcMs;
  const value = await run();
  // Let the observer deliver this phase's entries.
  await new Promise((resolve) => setImmediate(resolve));
  console.log(
    `${label}: ${(cpuMs() - c0).toFixed(0)} ms CPU, ${(performance.now() - w0).toFixed(0)} ms wall, ` +
      `${(gcMs - g0).toFixed(0)} ms in GC pauses`,
  );
  return value;
}

const network = await timed("read network", () => readNetwork(values.network));
const wanted = Number(values.deals);
const deals = await timed("list candidates", () => {
  const out: Deal[] = [];
  for (const deal of iterateDeals(network, {
    kinds: values.kinds.split(",") as DealKind[],
    maxParties: Number(values["max-parties"]),
  })) {
    out.push(deal);
    if (out.length >= wanted) break;
  }
  return out;
});
const kinds = new Map<string, number>();
for (const d of deals) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
console.log(
  `candidates: ${deals.length.toLocaleString("en")} (${[...kinds].map(([k, n]) => `${k} ${n.toLocaleString("en")}`).join(", ")})`,
);

const portfolio = await timed("selectPortfolio greedy", () =>
  selectPortfolio(network, deals, { solver: "greedy" }),
);
const check = checkPortfolio(network, deals, portfolio.deals);
if (check.problems.length > 0) throw new Error(check.problems.slice(0, 3).join("; "));
if (portfolio.bound < portfolio.objective) throw new Error("bound below objective");
console.log(
  `greedy: ${portfolio.deals.length.toLocaleString("en")} deals chosen, objective ${portfolio.objective.toExponential(6)}, ` +
    `bound ${portfolio.bound.toExponential(6)}, gap ${portfolio.gap.toFixed(4)}, status ${portfolio.status}`,
);
console.log(`stats: ${JSON.stringify(portfolio.stats)}`);

// Phase breakdown through the internals (same steps selectPortfolio runs).
const values_ = deals.map((d) => d.expectedSurplus);
const forever = new Deadline(Number.POSITIVE_INFINITY);
const full = await timed(
  "  phase: deals → packing model",
  () => runSync(dealConstraints(network, deals, values_)).model,
);
const { model } = await timed("  phase: reduction", () => runSync(reduceModel(full)));
const rows = rowsOf(model);
const filled = await timed("  phase: greedy fill", () =>
  runSync(greedyPortfolio(model, rows, forever, { passes: 0 })),
);
const improved = await timed("  phase: fill + improvement", () =>
  runSync(greedyPortfolio(model, rows, forever)),
);
console.log(
  `  fill ${portfolioValue(model, filled).toExponential(6)} → improved ${portfolioValue(model, improved).toExponential(6)}`,
);
await timed("  phase: Lagrangian bound", () =>
  runSync(lagrangianBound(model, portfolioValue(model, improved), forever)),
);
console.log(`Node ${process.version}, ${new Date().toISOString()}`);
