/**
 * Scoring and selection stages. Scoring re-prices listed deals with
 * `scoreDeal`: the fast path (cycles and brokered deals, with and without an
 * initiator) and the LP path (custom deals made of two 2-cycles that share a
 * firm). Selection chooses a portfolio with `selectPortfolio` (greedy and
 * auto) from the feasible cycle and brokered deals of ≤ 3 parties; every
 * portfolio is checked against the network's capacities, needs and maxDeals.
 */
import type { Deal, DealKind, TradeSpec } from "../../src/index.js";
import { measure, measureOnce } from "./measure.js";
import { invalid, type StageContext, type StageResult, skipped } from "./stage.js";
import { checkPortfolio } from "./validate.js";

const specs = (deal: Deal): TradeSpec[] =>
  deal.trades.map(({ seller, buyer, product }) => ({ seller, buyer, product }));
const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, scale);

/** Re-prices `sample` with `scoreDeal` (policy by default, or as the first party's initiator). */
export async function scoreStage(
  context: StageContext,
  sample: readonly Deal[],
  asInitiator: boolean,
): Promise<StageResult> {
  const variant = asInitiator ? "fast path, initiator policy" : "fast path, fair policy";
  const score = context.library.scoreDeal;
  if (score === undefined) return skipped("score", variant, "this build has no scoreDeal");
  if (sample.length === 0) return skipped("score", variant, "no deals to score");
  const run = () =>
    sample.map((deal) =>
      score(context.network, specs(deal), asInitiator ? { initiator: deal.parties[0].firm } : {}),
    );
  const scored = run();
  for (let i = 0; i < sample.length; i++) {
    const [want, got] = [sample[i], scored[i]];
    const scale = Math.max(...want.trades.map((t) => Math.abs(t.margin) + Math.abs(t.premium)));
    if (got.id !== want.id) return invalid("score", variant, `id ${got.id} for ${want.id}`);
    if (!close(got.surplus, want.surplus, scale))
      return invalid(
        "score",
        variant,
        `${want.id}: surplus ${got.surplus}, listed ${want.surplus}`,
      );
    if (asInitiator && got.initiator?.firm !== want.parties[0].firm)
      return invalid("score", variant, `${want.id}: no initiator figures`);
    if (!asInitiator && got.feasible !== want.feasible)
      return invalid(
        "score",
        variant,
        `${want.id}: feasible ${got.feasible}, listed ${want.feasible}`,
      );
  }
  const timing = await measure(run, context.measure);
  return {
    stage: "score",
    variant,
    status: "ok",
    timing,
    counters: {
      deals: sample.length,
      usPerDeal: Math.round((timing.cpuMs * 1000) / sample.length),
    },
  };
}

/** Custom deals: two 2-cycles that share one firm and no trade (priced by the LP). */
export function bowties(sample: readonly Deal[], most = 200): Deal[][] {
  const pairs = sample.filter((d) => d.kind === "cycle" && d.trades.length === 2);
  const byFirm = new Map<string, Deal[]>();
  const found: Deal[][] = [];
  for (const deal of pairs) {
    for (const party of deal.parties) {
      for (const other of byFirm.get(party.firm) ?? []) {
        const firms = new Set([...deal.parties, ...other.parties].map((p) => p.firm));
        if (firms.size === 3 && found.length < most) found.push([other, deal]);
      }
      byFirm.set(party.firm, [...(byFirm.get(party.firm) ?? []), deal]);
    }
  }
  return found;
}

/** Prices custom two-cycle deals with `scoreDeal` (the LP path); their surplus must be the two surpluses summed. */
export async function lpScoreStage(
  context: StageContext,
  sample: readonly Deal[],
): Promise<StageResult> {
  const variant = "LP path, custom 4-trade deals";
  const score = context.library.scoreDeal;
  if (score === undefined) return skipped("score", variant, "this build has no scoreDeal");
  const deals = bowties(sample);
  if (deals.length === 0) return skipped("score", variant, "no two listed 2-cycles share a firm");
  const run = () => deals.map(([a, b]) => score(context.network, [...specs(a!), ...specs(b!)]));
  const scored = run();
  for (let i = 0; i < deals.length; i++) {
    const [a, b] = deals[i];
    const got = scored[i];
    const scale = Math.max(
      ...[...a!.trades, ...b!.trades].map((t) => Math.abs(t.margin) + Math.abs(t.premium)),
    );
    if (!got.id.startsWith("custom:"))
      return invalid("score", variant, `${got.id}: not priced as a custom deal`);
    if (!close(got.surplus, a!.surplus + b!.surplus, scale))
      return invalid(
        "score",
        variant,
        `${got.id}: surplus ${got.surplus} ≠ ${a!.surplus} + ${b!.surplus}`,
      );
  }
  const timing = await measure(run, context.measure);
  return {
    stage: "score",
    variant,
    status: "ok",
    timing,
    counters: { deals: deals.length, usPerDeal: Math.round((timing.cpuMs * 1000) / deals.length) },
  };
}

/** The candidate deals of the selection stages: feasible cycles and brokered deals of ≤ 3 parties, the best `most`. */
export function selectionCandidates(context: StageContext, most: number): Deal[] | undefined {
  const find = context.library.findDeals;
  if (find === undefined) return undefined;
  return find(context.network, {
    kinds: ["cycle", "brokered"] as DealKind[],
    maxParties: 3,
    top: most,
  });
}

/** Chooses a portfolio from `candidates`, checks it, then times it (once for the exact solver). */
export async function selectStage(
  context: StageContext,
  candidates: readonly Deal[] | undefined,
  solver: "greedy" | "auto",
  timeLimitMs: number,
): Promise<StageResult> {
  const variant = solver === "auto" ? `auto (exact), limit ${timeLimitMs / 1000} s` : "greedy";
  const select = context.library.selectPortfolio;
  if (select === undefined || candidates === undefined)
    return skipped("select", variant, "this build has no selectPortfolio or findDeals");
  if (candidates.length === 0) return skipped("select", variant, "no candidate deals");
  const run = () => select(context.network, candidates, { solver, timeLimitMs });
  const { value: portfolio, timing: once } = await measureOnce(run);
  const check = checkPortfolio(context.network, candidates, portfolio.deals);
  const counters = {
    candidates: candidates.length,
    chosen: portfolio.deals.length,
    status: portfolio.status,
    objective: Math.round(portfolio.objective),
    gap: Number(portfolio.gap.toPrecision(3)),
    lpSolves: portfolio.stats.lpSolves,
    mipSolves: portfolio.stats.mipSolves,
  };
  if (check.problems.length > 0)
    return invalid("select", variant, check.problems.slice(0, 3).join("; "), counters);
  if (!close(portfolio.objective, check.expectedSurplus, Math.abs(check.expectedSurplus))) {
    return invalid(
      "select",
      variant,
      `objective ${portfolio.objective}, chosen deals sum to ${check.expectedSurplus}`,
      counters,
    );
  }
  if (portfolio.bound < portfolio.objective * (1 - 1e-9) - 1e-6)
    return invalid(
      "select",
      variant,
      `bound ${portfolio.bound} below objective ${portfolio.objective}`,
      counters,
    );
  const timing =
    solver === "auto" || once.wallMs > 5000 ? once : await measure(run, context.measure);
  return { stage: "select", variant, status: "ok", timing, counters };
}
