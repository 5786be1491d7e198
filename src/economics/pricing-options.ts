/**
 * The pricing options shared by `scoreDeal`, `iterateDeals` and `findDeals`
 * (initiator, policy, objective): their defaults, which depend on whether an
 * initiator is named, and their eager validation.
 */

import { UsageError } from "../model/errors.js";
import type { TradeIndex } from "../trade-index/trade-index.js";
import {
  type Competition,
  competitions,
  type Objective,
  objectives,
  type Policy,
  policies,
} from "./deal.js";
import { isInitiatorObjective } from "./objective.js";

/** Options that say how deals are priced and scored. */
export interface PricingOptions {
  /** A firm id of the network: its figures are reported (and searches keep only its deals). @defaultValue none */
  readonly initiator?: string;
  /** How discounts are chosen. @defaultValue `"initiator"` with an initiator, else `"fair"` */
  readonly policy?: Policy;
  /** The deal's `score`, and what deals are ranked by. @defaultValue `"expectedInitiatorNet"` with an initiator, else `"expectedSurplus"` */
  readonly objective?: Objective;
  /** Report each trade's `discountRange` and each party's `netRange` (the negotiation room, SPEC §5). @defaultValue false */
  readonly room?: boolean;
  /** `counter`: raise every party's hurdle by its exposure to its incumbents' counters before pricing. @defaultValue `"none"` */
  readonly competition?: Competition;
}

/** The defaults of the pricing options, with and without an initiator (SPEC §5). */
export const defaultPricingOptions = {
  withInitiator: { policy: "initiator", objective: "expectedInitiatorNet" },
  withoutInitiator: { policy: "fair", objective: "expectedSurplus" },
} as const satisfies Record<string, { policy: Policy; objective: Objective }>;

/** The defaults of the pricing options that do not depend on the initiator. */
export const defaultRoomAndCompetition = {
  room: false,
  competition: "none",
} as const satisfies PricingOptions;

/** Pricing options after defaults, the initiator as a firm integer (-1: none). */
export interface ResolvedPricing {
  readonly initiator: number;
  readonly policy: Policy;
  readonly objective: Objective;
  readonly room: boolean;
  readonly competition: Competition;
}

/**
 * Applies the defaults and checks the options.
 *
 * @throws UsageError on an initiator that is not a firm of the network, an
 *   unknown policy or objective, or the `initiator` policy or an initiator
 *   objective without an initiator
 */
export function resolvePricing(index: TradeIndex, options: PricingOptions): ResolvedPricing {
  let initiator = -1;
  if (options.initiator !== undefined) {
    initiator = index.firmIndex(options.initiator);
    if (initiator < 0)
      throw new UsageError(
        `unknown initiator: "${options.initiator}" is not a firm of the network`,
      );
  }
  const defaults =
    initiator >= 0 ? defaultPricingOptions.withInitiator : defaultPricingOptions.withoutInitiator;
  const policy = options.policy ?? defaults.policy;
  const objective = options.objective ?? defaults.objective;
  if (!policies.includes(policy))
    throw new UsageError(`unknown policy: ${String(policy)} (expected ${policies.join(", ")})`);
  if (!objectives.includes(objective)) {
    throw new UsageError(
      `unknown objective: ${String(objective)} (expected ${objectives.join(", ")})`,
    );
  }
  if (initiator < 0 && policy === "initiator")
    throw new UsageError("the initiator policy needs an initiator");
  if (initiator < 0 && isInitiatorObjective(objective)) {
    throw new UsageError(`the objective ${objective} needs an initiator`);
  }
  const room = options.room ?? defaultRoomAndCompetition.room;
  if (typeof room !== "boolean")
    throw new UsageError(`room must be true or false: ${String(room)}`);
  const competition = options.competition ?? defaultRoomAndCompetition.competition;
  if (!competitions.includes(competition)) {
    throw new UsageError(
      `unknown competition: ${String(competition)} (expected ${competitions.join(", ")})`,
    );
  }
  return { initiator, policy, objective, room, competition };
}
