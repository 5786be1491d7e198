/**
 * The deal as the library reports it (SPEC §5, §8): its trades with their
 * figures and discounts, each party's figures, and the initiator's.
 */

import type { DealKind } from "../search/kinds.js";
import type { PotentialTrade } from "../trade-index/potential-trades.js";

/**
 * The kind a deal reports: one of SPEC §4's shapes, or `custom` for a set of
 * trades that `scoreDeal` was given and that has none of them (a single
 * trade, a disconnected set, a shape with extra trades). A custom deal's id is
 * `custom:` and its trades as `seller>buyer:product` sorted by seller, buyer
 * and product (UTF-16), so it is stable whatever order the trades came in.
 */
export type DealShape = DealKind | "custom";

/**
 * How discounts are chosen (SPEC §5), each a short sequence of LPs, each stage
 * keeping the optimum of the stages before it:
 * - `initiator`: maximize the initiator's net with every other party at net ≥
 *   hurdle, then minimize the total discount;
 * - `fair`: maximize the least (net − hurdle) over the parties, then minimize
 *   the total discount, then (with an initiator) maximize its net;
 * - `minimal`: minimize the total discount with every party at net ≥ hurdle,
 *   then maximize the initiator's net.
 */
export type Policy = (typeof policies)[number];

/** Every policy, in the order of SPEC §5's table. */
export const policies = ["initiator", "fair", "minimal"] as const;

/**
 * What deals are ranked and portfolios chosen by (SPEC §5): `surplus`,
 * `expectedSurplus` (probability · surplus), `initiatorNet` (the initiator's
 * net), `expectedInitiatorNet` (probability · the initiator's net).
 */
export type Objective = (typeof objectives)[number];

/** Every objective, in the order of SPEC §5. */
export const objectives = [
  "surplus",
  "expectedSurplus",
  "initiatorNet",
  "expectedInitiatorNet",
] as const;

/**
 * How the incumbent competitor is taken into account (SPEC §5):
 * - `none`: counters and exposures are reported, pricing ignores them;
 * - `counter`: every party's hurdle is raised by its exposure before anything
 *   is priced, so every feasible deal is defensible.
 */
export type Competition = (typeof competitions)[number];

/** Every competition option. */
export const competitions = ["none", "counter"] as const;

/** A `[min, max]` range of money. */
export type MoneyRange = readonly [min: number, max: number];

/** One trade of a deal: the potential trade's figures (SPEC §3) and its discount. */
export interface DealTrade extends PotentialTrade {
  /** d: money the seller gives the buyer, 0 ≤ d ≤ m. */
  readonly discount: number;
  /**
   * The most the buyer's incumbent can offer it to stay: max(0, ref − floor) · q
   * (SPEC §5); `null` when the buyer names no incumbent or its floor is unknown.
   */
  readonly counter: number | null;
  /**
   * With `room`: the least and the most this discount can be with every party
   * still accepting the deal (SPEC §5); `null` for an infeasible deal; a given
   * discount is fixed (its range is that one value).
   */
  readonly discountRange?: MoneyRange | null;
}

/** One party's figures. */
export interface PartyFigures {
  readonly firm: string;
  readonly marginGained: number;
  readonly premiumPaid: number;
  /** The margin given up. */
  readonly discountGiven: number;
  readonly discountReceived: number;
  /** marginGained − premiumPaid − discountGiven + discountReceived. */
  readonly net: number;
  /** Σ of the known counters of the trades it buys (0 when none is known). */
  readonly exposure: number;
  /** net − exposure ≥ its hurdle (SPEC §5's tolerance): the incumbents' best counters cannot win it back. */
  readonly defensible: boolean;
  /**
   * With `room`: the least it can be pushed to and the most it can ask for,
   * with every party still accepting the deal; `null` for an infeasible deal.
   */
  readonly netRange?: MoneyRange | null;
}

/**
 * The initiator's figures (only when an initiator is named). An initiator that
 * is not a party of the deal (possible with `scoreDeal`) has all figures 0 and
 * efficiency Infinity.
 */
export interface InitiatorFigures {
  readonly firm: string;
  /** Σ m over the trades it sells. */
  readonly marginGained: number;
  /** Σ d over the trades it sells: its discountGiven. */
  readonly marginGivenUp: number;
  /** Its net (as in its `PartyFigures`). */
  readonly net: number;
  /** Distinct buyers it sells to in the deal. */
  readonly newCustomers: number;
  /** Those of them that are key accounts. */
  readonly keyAccountsWon: number;
  /** marginGained / marginGivenUp; Infinity when nothing is given up (`null` in JSON). */
  readonly efficiency: number;
}

/**
 * A priced deal (SPEC §5). Its discounts are the policy's; an infeasible deal
 * (listed only on request) carries the `fair` policy's discounts, which show
 * the least shortfall. Among optimal discounts the figures the policy fixes
 * (its objective values and the initiator's net) are unique; the fast path
 * picks the same optimum every time (see price-fast.ts).
 */
export interface Deal<Kind extends DealShape = DealShape> {
  /** Canonical id (SPEC §4): kind and trades, e.g. `cycle:a>b:x|b>a:y`. */
  readonly id: string;
  /** The shape (SPEC §4), or `custom` for trades `scoreDeal` found no shape in (never for a search's deals). */
  readonly kind: Kind;
  /**
   * Some discounts give every party net ≥ its hurdle; a party within 1e-9 ×
   * the deal's largest money amount (margin, |premium| or hurdle) below its
   * hurdle counts as at it.
   */
  readonly feasible: boolean;
  /** The value of the ranking objective (the initiator's net counts as 0 when it is not a party). */
  readonly score: number;
  /** Σ m − Σ c. */
  readonly surplus: number;
  /** Π π. */
  readonly probability: number;
  /** probability · surplus. */
  readonly expectedSurplus: number;
  /** Trades in the order of SPEC §4 (cycle rotated to its smallest firm id). */
  readonly trades: readonly DealTrade[];
  /** Parties in the order they first appear in `trades`. */
  readonly parties: readonly PartyFigures[];
  /** Feasible, and every party defensible against its incumbents' counters (SPEC §5). */
  readonly defensible: boolean;
  readonly initiator?: InitiatorFigures;
}
