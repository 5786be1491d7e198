/**
 * `dealArb`: real deals of a network, as `findDeals` returns them (SPEC §4,
 * §5), for properties that must hold of every deal. The deals are listed once,
 * when the arbitrary is built, ranked; a value is an index into that list, so
 * it shrinks towards the best deal.
 */
import fc from "fast-check";
import {
  type Deal,
  type DealKind,
  findDeals,
  type Network,
  type Objective,
  type Policy,
  UsageError,
} from "../index.js";
import { checkKeys, checkWhole, withDefaults } from "./constraints.js";

/** The knobs of `dealArb`: `findDeals`'s options, and how many deals to draw from. */
export interface DealConstraints {
  /** @defaultValue `["cycle", "brokered"]` (as `findDeals`) */
  readonly kinds?: readonly DealKind[];
  /** @defaultValue 3 */
  readonly maxParties?: number;
  /** @defaultValue none */
  readonly initiator?: string;
  /** @defaultValue `findDeals`'s (initiator with an initiator, else fair) */
  readonly policy?: Policy;
  /** @defaultValue `findDeals`'s */
  readonly objective?: Objective;
  /** Also draw infeasible deals. @defaultValue false */
  readonly includeInfeasible?: boolean;
  /** @defaultValue false */
  readonly keyAccountsOnly?: boolean;
  /** Draw from the best this many deals. @defaultValue 100 */
  readonly maxDeals?: number;
}

/** The defaults of `DealConstraints` that are `dealArb`'s own. */
export const defaultDealConstraints = { maxDeals: 100 } as const;

const knobs = [
  "kinds",
  "maxParties",
  "initiator",
  "policy",
  "objective",
  "includeInfeasible",
  "keyAccountsOnly",
  "maxDeals",
];

/**
 * Deals of `network` (from `findDeals` with these options).
 *
 * @param network - a network (from `parseNetwork`, or `networkArb`'s JSON)
 * @throws UsageError on bad constraints (as `findDeals` would), or when the network has no such deal
 * @example
 * fc.assert(fc.property(dealArb(network), (deal) => conservesMoney(deal)));
 */
export function dealArb(network: Network, constraints: DealConstraints = {}): fc.Arbitrary<Deal> {
  checkKeys("dealArb", constraints, knobs);
  const { maxDeals, ...options } = withDefaults(defaultDealConstraints, constraints);
  checkWhole("dealArb", "maxDeals", maxDeals, 1);
  const deals = findDeals(network, { ...options, top: maxDeals });
  if (deals.length === 0)
    throw new UsageError("dealArb: the network has no deal with these constraints");
  return fc.nat(deals.length - 1).map((i) => deals[i]);
}
