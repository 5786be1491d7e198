/**
 * Proposals (SPEC §7): a deal written by a person or another program, and what
 * checking it against a network returns — every violation, each with a code,
 * the trade or the firm where it applies and a message a salesperson reads.
 */
import type { Competition, Deal, Objective, Policy } from "../economics/deal.js";
import type { Meta } from "../model/types.js";

/** One trade of a proposal: `seller` sells `product` to `buyer`. */
export interface ProposedTrade {
  readonly seller: string;
  readonly buyer: string;
  readonly product: string;
  /** Units; omitted: min(offer capacity, need quantity), as in SPEC §3. */
  readonly quantity?: number;
  /** Money the seller gives the buyer, 0 ≤ discount ≤ margin; omitted: chosen by the policy. */
  readonly discount?: number;
  /** Free-form user data, carried through untouched. */
  readonly meta?: Meta;
}

/** A proposed deal: `{ kind?, trades }`. The kind, when given, is checked against the trades' shape. */
export interface Proposal {
  /** `cycle`, `brokered` or `chain` (SPEC §4); omitted: no shape is checked. Any other string is a `kind` violation. */
  readonly kind?: string;
  /** The trades, in any order; at least one. */
  readonly trades: readonly ProposedTrade[];
  /** Free-form user data, carried through untouched. */
  readonly meta?: Meta;
}

/** Every violation code of SPEC §7, in the order of its table. */
export const violationCodes = [
  "unknown-firm",
  "self-trade",
  "no-offer",
  "no-need",
  "blocked",
  "incumbent",
  "duplicate-trade",
  "quantity",
  "discount",
  "hurdle",
  "disconnected",
  "not-reciprocal",
  "kind",
] as const;

/** A violation code of SPEC §7. */
export type ViolationCode = (typeof violationCodes)[number];

/** One thing wrong with a proposal. */
export interface Violation {
  readonly code: ViolationCode;
  /** The trade's index in `proposal.trades` (0-based), for trade-level codes. */
  readonly trade?: number;
  /** The firm it concerns: the unknown id, the seller or buyer at fault, the party below its hurdle. */
  readonly firm?: string;
  /** What is wrong, in plain words ("Special Steel Co does not sell valve"). */
  readonly message: string;
}

/** What `checkProposal` returns. */
export interface ProposalCheck {
  /** No violations: the proposal is a sound deal. */
  readonly ok: boolean;
  /** Every violation, trade-level ones by trade index first, then the deal-level ones. */
  readonly violations: readonly Violation[];
  /**
   * The deal's economics under the policy, with given discounts kept, always
   * with the negotiation room (`discountRange`, `netRange`); absent
   * when a trade has a violation other than `hurdle`, `not-reciprocal` or `kind`.
   */
  readonly deal?: Deal;
}

/** Options of `checkProposal`. */
export interface CheckProposalOptions {
  /** A firm of the network whose figures are reported. @defaultValue none */
  readonly initiator?: string;
  /** How omitted discounts are chosen. @defaultValue `"fair"` */
  readonly policy?: Policy;
  /** The deal's `score`. @defaultValue `"expectedSurplus"` */
  readonly objective?: Objective;
  /**
   * `counter`: every party's hurdle is raised by its exposure to its
   * incumbents' counters before pricing, and `hurdle` violations follow the
   * raised hurdles (SPEC §5). @defaultValue `"none"`
   */
  readonly competition?: Competition;
}

/** The defaults of `CheckProposalOptions`. */
export const defaultCheckProposalOptions = {
  policy: "fair",
  objective: "expectedSurplus",
  competition: "none",
} as const satisfies CheckProposalOptions;
