/**
 * One `selectDeals` run with its work counters (the CLI prints only the
 * summary): candidates priced, columns generated, LP solves, branch nodes,
 * with the wall and CPU time of the call and the process's peak RSS. Run one
 * per process, so the RSS is the run's.
 *
 *   npx tsx bench/portfolio/select-stats.ts NETWORK [--kinds cycle] [--max-parties 3]
 *     [--objective surplus] [--time-limit MS] [--candidates auto|list|generate]
 *
 * Prints one JSON line.
 */
import { parseArgs } from "node:util";
import type { DealKind, Objective } from "../../src/index.js";
import { readNetwork, selectDeals } from "../../src/node.js";
import type { CandidateMethod } from "../../src/portfolio/select-deals.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    kinds: { type: "string", default: "cycle,brokered" },
    "max-parties": { type: "string", default: "3" },
    objective: { type: "string", default: "surplus" },
    "time-limit": { type: "string" },
    candidates: { type: "string", default: "auto" },
  },
});
const path = positionals[0];
if (path === undefined) throw new Error("usage: select-stats.ts NETWORK [options]");

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const network = await readNetwork(path);
const wall0 = performance.now();
const cpu0 = cpuMs();
const portfolio = await selectDeals(network, {
  kinds: values.kinds.split(",") as DealKind[],
  maxParties: Number(values["max-parties"]),
  objective: values.objective as Objective,
  solver: "exact",
  candidates: values.candidates as CandidateMethod,
  ...(values["time-limit"] === undefined ? {} : { timeLimitMs: Number(values["time-limit"]) }),
});
const wallMs = performance.now() - wall0;
const selectCpuMs = cpuMs() - cpu0;
const s = portfolio.stats;
console.log(
  JSON.stringify({
    network: path,
    kinds: values.kinds,
    maxParties: Number(values["max-parties"]),
    status: portfolio.status,
    objective: portfolio.objective,
    bound: portfolio.bound,
    gap: portfolio.gap,
    deals: portfolio.deals.length,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round(selectCpuMs),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    method: s.candidateMethod,
    candidates: s.candidates,
    candidatesPriced: s.candidatesPriced,
    columnsGenerated: s.columnsGenerated,
    pricingRounds: s.pricingRounds,
    candidateBytes: s.candidateBytes,
    lpBound: s.lpBound,
    fixingCandidates: s.fixingCandidates,
    lpSolves: s.lpSolves,
    mipSolves: s.mipSolves,
    branchNodes: s.branchNodes,
    searchMs: s.searchMs === undefined ? undefined : Math.round(s.searchMs),
    ...(process.env.ALL_STATS ? { stats: s } : {}),
  }),
);
// The HiGHS worker is kept for the next call; nothing else is coming.
process.exit(0);
