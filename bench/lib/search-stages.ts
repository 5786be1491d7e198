/**
 * Search stages: every deal of one kind and maxParties listed by
 * `iterateDeals` (priced by the fast path, infeasible ones included, so the
 * counts are the SPEC §4 deal counts), and the ranked `findDeals` top 20.
 * Each listing is validated first (shapes, unique ids, reciprocal), then timed.
 */
import type { Deal, DealKind } from "../../src/index.js";
import { cpuMs, measure, measureOnce } from "./measure.js";
import { invalid, type StageContext, type StageResult, skipped } from "./stage.js";
import { dealProblem, idHash } from "./validate.js";

/** The kind / maxParties combinations of the suite. */
export const searchPlan: readonly { readonly kind: DealKind; readonly maxParties: number }[] = [
  { kind: "cycle", maxParties: 2 },
  { kind: "cycle", maxParties: 3 },
  { kind: "cycle", maxParties: 4 },
  { kind: "brokered", maxParties: 3 },
  { kind: "chain", maxParties: 3 },
  { kind: "chain", maxParties: 4 },
];

interface Listing {
  deals: number;
  feasible: number;
  steps: number;
  capped: boolean;
  problem: string | undefined;
}

function list(
  context: StageContext,
  kind: DealKind,
  maxParties: number,
  check: boolean,
  sample: Deal[] | undefined,
): Listing {
  const iterate = context.library.iterateDeals!;
  const listing: Listing = { deals: 0, feasible: 0, steps: 0, capped: false, problem: undefined };
  const ids = check ? new Set<number>() : undefined;
  const cpuAtStart = cpuMs();
  const options = {
    kinds: [kind],
    maxParties,
    includeInfeasible: true,
    onProgress: (stats: { readonly steps: number }) => {
      listing.steps = stats.steps;
    },
  };
  for (const deal of iterate(context.network, options)) {
    listing.deals++;
    if (deal.feasible) listing.feasible++;
    if (ids !== undefined && listing.problem === undefined) {
      const hash = idHash(deal.id);
      listing.problem = ids.has(hash)
        ? `${deal.id}: listed twice`
        : dealProblem(deal, kind, maxParties);
      ids.add(hash);
    }
    if (sample !== undefined && sample.length < 500) sample.push(deal);
    if (
      listing.deals >= context.dealCap ||
      ((listing.deals & 1023) === 0 && cpuMs() - cpuAtStart > context.searchLimitMs)
    ) {
      listing.capped = true;
      break;
    }
  }
  return listing;
}

/** Lists every deal of `kind` up to `maxParties`, validates, then times the listing. */
export async function searchStage(
  context: StageContext,
  kind: DealKind,
  maxParties: number,
  sample?: Deal[],
): Promise<StageResult> {
  const variant = `${kind} k≤${maxParties}`;
  if (context.library.iterateDeals === undefined)
    return skipped("search", variant, "this build has no iterateDeals");
  const first = await measureOnce(() => list(context, kind, maxParties, true, sample));
  const checked = first.value;
  const counters = { deals: checked.deals, feasible: checked.feasible, steps: checked.steps };
  if (checked.problem !== undefined) return invalid("search", variant, checked.problem, counters);
  if (checked.capped) {
    const note = `stopped at ${checked.deals} deals (caps: ${context.dealCap} deals, ${context.searchLimitMs / 1000} CPU s): one run, validation included`;
    return { stage: "search", variant, status: "ok", note, timing: first.timing, counters };
  }
  const heavy = first.timing.wallMs > 5000;
  const timing = heavy
    ? first.timing
    : await measure(() => list(context, kind, maxParties, false, undefined), context.measure);
  return { stage: "search", variant, status: "ok", timing, counters };
}

/**
 * The first `iterateDeals` call on a network builds what the search runs on
 * (the trade index is built already): timed apart, so that no kind's stage
 * carries it.
 */
export async function searchSetupStage(context: StageContext): Promise<StageResult> {
  const variant = "first iterateDeals call (builds the search graph)";
  const iterate = context.library.iterateDeals;
  if (iterate === undefined) return skipped("search", variant, "this build has no iterateDeals");
  const { timing } = await measureOnce(() =>
    iterate(context.network, { kinds: ["cycle"], maxParties: 2 }).next(),
  );
  return { stage: "search", variant, status: "ok", timing, counters: {} };
}

/** `findDeals` top 20 (cycles and brokered, ≤ 3 parties): the ranked search with its bound pruning. */
export async function findStage(context: StageContext): Promise<StageResult> {
  const variant = "top 20, cycle+brokered k≤3";
  const find = context.library.findDeals;
  if (find === undefined) return skipped("find", variant, "this build has no findDeals");
  const options = { kinds: ["cycle", "brokered"] as DealKind[], maxParties: 3, top: 20 };
  const { value: first, timing: once } = await measureOnce(() => find(context.network, options));
  if (first.length > 20) return invalid("find", variant, `${first.length} deals for top 20`);
  for (let i = 1; i < first.length; i++) {
    const [a, b] = [first[i - 1], first[i]];
    if (a.score < b.score || (a.score === b.score && a.id >= b.id)) {
      return invalid(
        "find",
        variant,
        `not ranked at ${i}: ${a.id} (${a.score}) before ${b.id} (${b.score})`,
      );
    }
  }
  if (first.some((d) => !d.feasible))
    return invalid("find", variant, "an infeasible deal was listed");
  const timing =
    once.wallMs > 5000
      ? once
      : await measure(() => find(context.network, options), context.measure);
  return {
    stage: "find",
    variant,
    status: "ok",
    timing,
    counters: { deals: first.length, best: first[0]?.score ?? 0 },
  };
}
