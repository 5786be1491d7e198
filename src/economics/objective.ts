/**
 * The ranking objectives of SPEC §5 on a priced economy, and upper bounds of
 * them that need no pricing (to skip deals that cannot enter a top list).
 */
import type { Objective } from "./deal.js";
import type { DealEconomy } from "./deal-economy.js";
import { feasibilityTolerance } from "./price-fast.js";

/** Whether the objective is about the initiator (and so needs one). */
export function isInitiatorObjective(objective: Objective): boolean {
  return objective === "initiatorNet" || objective === "expectedInitiatorNet";
}

/**
 * The objective's value on a priced economy: the deal's `score`. The
 * initiator's net is 0 when it is not a party (or there is none).
 */
export function objectiveValue(economy: DealEconomy, objective: Objective): number {
  switch (objective) {
    case "surplus":
      return economy.surplus;
    case "expectedSurplus":
      return economy.dealProbability * economy.surplus;
    case "initiatorNet":
      return initiatorNet(economy);
    case "expectedInitiatorNet":
      return economy.dealProbability * initiatorNet(economy);
  }
}

function initiatorNet(economy: DealEconomy): number {
  const i = economy.initiatorParty;
  return i < 0 ? 0 : economy.net[i];
}

/**
 * An upper bound of the objective's value on a loaded, not yet priced economy.
 * Surplus objectives are exact. The initiator's net is at most its net with
 * every discount it could receive and none given, and, when the deal is
 * priced feasible (`feasibleOnly`), at most the surplus less the other
 * parties' hurdles (each loosened by the feasibility tolerance).
 */
export function objectiveBound(
  economy: DealEconomy,
  objective: Objective,
  feasibleOnly: boolean,
): number {
  if (objective === "surplus" || objective === "expectedSurplus") {
    return objectiveValue(economy, objective);
  }
  const i = economy.initiatorParty;
  let bound = 0;
  if (i >= 0) {
    bound = economy.base[i];
    for (let j = 0; j < economy.tradeCount; j++) {
      if (economy.buyer[j] === i && Number.isNaN(economy.fixedDiscount[j]))
        bound += economy.margin[j];
    }
    if (feasibleOnly) {
      let others = economy.surplus;
      const slack = feasibilityTolerance * economy.scale;
      for (let v = 0; v < economy.partyCount; v++) {
        if (v !== i) others -= economy.hurdle[v] - slack;
      }
      if (others < bound) bound = others;
    }
    // Room for rounding in the pricing's sums.
    bound += 1e-12 * economy.scale * (economy.tradeCount + 1);
  }
  return objective === "initiatorNet" ? bound : economy.dealProbability * bound;
}

/**
 * The surplus below which a deal surely ranks below `threshold` (a rank key:
 * the worst a full ranking keeps), so that it need not be loaded or priced;
 * −Infinity when the surplus bounds nothing. Under the surplus objectives a
 * deal scores its surplus, or its surplus times a probability ≤ 1, which for
 * a positive threshold is at most the surplus (a negative surplus scores
 * ≤ 0). The floor lies below the threshold by 10⁻⁹ of it, more than
 * `surelyBelow`'s margin and than the rounding of a sum of a few trades'
 * surpluses (summed in another order, or rounded up to float32 first), so
 * every deal it passes over `keptKey` would too.
 */
export function surplusFloor(objective: Objective, threshold: number): number {
  return threshold > 0 && scoreBoundedBySurplus(objective)
    ? threshold - 1e-9 * threshold
    : Number.NEGATIVE_INFINITY;
}

/** Whether a deal's positive score under `objective` is at most its surplus (the surplus objectives). */
export function scoreBoundedBySurplus(objective: Objective): boolean {
  return objective === "surplus" || objective === "expectedSurplus";
}
