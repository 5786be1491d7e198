/**
 * The value a deal adds to a portfolio under each objective (SPEC §5, §6).
 */
import type { Deal, Objective } from "../economics/deal.js";
import { UsageError } from "../model/errors.js";

/** The value of one deal under `objective`. */
export function dealValue(deal: Deal, objective: Objective): number {
  switch (objective) {
    case "surplus":
      return deal.surplus;
    case "expectedSurplus":
      return deal.expectedSurplus;
    case "initiatorNet":
      return initiatorOf(deal, objective).net;
    case "expectedInitiatorNet":
      return deal.probability * initiatorOf(deal, objective).net;
  }
}

function initiatorOf(deal: Deal, objective: Objective): NonNullable<Deal["initiator"]> {
  if (deal.initiator === undefined) {
    throw new UsageError(
      `objective ${objective} needs deals with initiator figures; deal ${deal.id} has none`,
    );
  }
  return deal.initiator;
}

/**
 * The default objective for a set of deals: `expectedInitiatorNet` when they
 * carry initiator figures, else `expectedSurplus` (SPEC §5). An empty set, or
 * one where any deal lacks initiator figures, gets `expectedSurplus`.
 */
export function defaultObjectiveFor(deals: readonly Deal[]): Objective {
  if (deals.length === 0) return "expectedSurplus";
  for (const deal of deals) if (deal.initiator === undefined) return "expectedSurplus";
  return "expectedInitiatorNet";
}
