/**
 * Whether a ranking keeps the deal a scan has loaded, and by what key: the
 * one step that the ranking on the calling thread and the worker threads'
 * rankings of their chunks share, so that both keep exactly the same deals.
 */
import type { DealScan } from "./deal-scan.js";
import { objectiveBound, objectiveValue } from "./objective.js";
import { feasibilityTolerance } from "./price-fast.js";
import { rankKey, surelyBelow } from "./rank-order.js";

/**
 * Prices the scan's loaded deal when it can rank, and returns its rank key;
 * undefined when it is left out: infeasible (unless included), or, with a
 * `threshold` (the worst key a full ranking keeps; −Infinity for none), surely
 * below it by an upper bound of its objective that needs no pricing.
 */
export function keptKey(scan: DealScan, threshold: number): number | undefined {
  const economy = scan.economy;
  const { objective, includeInfeasible } = scan.options;
  if (!includeInfeasible) {
    // Σ slack = surplus − Σ hurdles bounds the fair level from above.
    let room = economy.surplus;
    for (let v = 0; v < economy.partyCount; v++) room -= economy.hurdle[v];
    if (room < -feasibilityTolerance * economy.scale * economy.partyCount) return undefined;
  }
  if (
    threshold !== Number.NEGATIVE_INFINITY &&
    surelyBelow(objectiveBound(economy, objective, !includeInfeasible), threshold)
  )
    return undefined;
  scan.price();
  if (!economy.feasible && !includeInfeasible) return undefined;
  return rankKey(objectiveValue(economy, objective));
}
