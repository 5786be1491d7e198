/**
 * `findDeals` and `iterateDeals` (SPEC §8): the deals of a network (SPEC §4),
 * priced by the policy (SPEC §5) with the exact fast path, either streamed in
 * search order or ranked by the objective, ties by id ascending.
 *
 * Ranking keeps the best `top` in a bounded heap. Before a deal is priced, an
 * upper bound of its objective that needs no LP (the surplus objectives are
 * known exactly; the initiator's net is at most the surplus less the other
 * parties' hurdles, and at most its net with every discount received) is
 * compared with the worst kept score, and deals that cannot enter are skipped;
 * only the kept deals are built as objects, at the end.
 */
import type { Network } from "../model/types.js";
import { dealId } from "../search/deal-id.js";
import type { DealKind } from "../search/kinds.js";
import type { Deal } from "./deal.js";
import { DealScan } from "./deal-scan.js";
import type { DealSearchOptions, FindDealsOptions } from "./find-options.js";
import { objectiveBound, objectiveValue } from "./objective.js";
import { feasibilityTolerance } from "./price-fast.js";
import { TopDeals } from "./top-deals.js";

/**
 * Lists the deals of a network lazily, in search order, each priced by the
 * policy; infeasible deals only with `includeInfeasible`.
 *
 * @throws UsageError at once (before iterating) on bad options; the iteration
 *   throws the signal's reason once `signal` is aborted
 * @example
 * for (const deal of iterateDeals(network, { initiator: "steel" })) console.log(deal.id, deal.score);
 */
export function iterateDeals(
  network: Network,
  options: DealSearchOptions = {},
): Generator<Deal<DealKind>, void, undefined> {
  const scan = new DealScan(network, options);
  return streamDeals(scan);
}

function* streamDeals(scan: DealScan): Generator<Deal<DealKind>, void, undefined> {
  const include = scan.options.includeInfeasible;
  while (scan.next()) {
    scan.price();
    if (scan.economy.feasible || include) yield scan.build();
  }
}

/**
 * The best deals of a network (SPEC §4, §5), ranked by the objective
 * (descending), ties broken by id ascending, so the list is deterministic.
 *
 * @throws UsageError on bad options: an unknown initiator or kind, an
 *   initiator policy or objective without an initiator, maxParties outside
 *   2..12, a bad `top`; throws the signal's reason once `signal` is aborted
 * @example
 * const best = findDeals(network, { initiator: "steel", top: 5 });
 */
export function findDeals(network: Network, options: FindDealsOptions = {}): Deal<DealKind>[] {
  return [...rankDeals(network, options)];
}

/** The ranked deals of `rankDeals`: their count, and the deals built one at a time. */
export interface RankedDeals extends Iterable<Deal<DealKind>> {
  /** How many deals were kept. */
  readonly length: number;
}

/**
 * `findDeals` without holding every deal as objects: the search and the ranking
 * run at once (keeping only the compact trade lists of the best `top`), and
 * each deal is built when the iteration reaches it. For writing a long ranked
 * listing (`find --all`) in bounded memory.
 *
 * @throws as `findDeals`
 */
export function rankDeals(network: Network, options: FindDealsOptions = {}): RankedDeals {
  const scan = new DealScan(network, options);
  const { top, objective, includeInfeasible } = scan.options;
  const index = scan.index;
  const kept = new TopDeals(top, (kind, trades) => dealId(index, kind, trades, trades.length));
  if (top > 0) {
    const economy = scan.economy;
    const cursor = scan.cursor;
    while (scan.next()) {
      if (!includeInfeasible) {
        // Σ slack = surplus − Σ hurdles bounds the fair level from above.
        let room = economy.surplus;
        for (let v = 0; v < economy.partyCount; v++) room -= economy.hurdle[v];
        if (room < -feasibilityTolerance * economy.scale * economy.partyCount) continue;
      }
      if (kept.full && objectiveBound(economy, objective, !includeInfeasible) < kept.threshold)
        continue;
      scan.price();
      if (!economy.feasible && !includeInfeasible) continue;
      kept.offer(objectiveValue(economy, objective), cursor.kind, cursor.trades, cursor.size);
    }
  }
  const ranked = top > 0 ? kept.sorted() : [];
  return {
    length: ranked.length,
    *[Symbol.iterator]() {
      for (const deal of ranked) yield scan.rebuild(deal.kind, deal.trades, deal.id!);
    },
  };
}
