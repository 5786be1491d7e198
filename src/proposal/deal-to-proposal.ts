/**
 * A deal written back as a proposal (SPEC §7): what a user hands to
 * `checkProposal` to re-check a deal the library found, or to edit it first.
 */
import type { Deal } from "../economics/deal.js";
import type { Proposal } from "./proposal.js";

/** Options of `dealToProposal`. */
export interface DealToProposalOptions {
  /** Write each trade's discount (kept as given when checked); without, the policy chooses again. @defaultValue true */
  readonly discounts?: boolean;
}

/** The defaults of {@link DealToProposalOptions}. */
export const defaultDealToProposalOptions = {
  discounts: true,
} as const satisfies DealToProposalOptions;

/**
 * The proposal `{kind, trades: [{seller, buyer, product, quantity, discount?}]}` of a deal.
 *
 * @example
 * checkProposal(network, dealToProposal(findDeals(network)[0])).ok // true
 */
export function dealToProposal(deal: Deal, options: DealToProposalOptions = {}): Proposal {
  const discounts = options.discounts ?? defaultDealToProposalOptions.discounts;
  return {
    ...(deal.kind === "custom" ? {} : { kind: deal.kind }),
    trades: deal.trades.map((t) => ({
      seller: t.seller,
      buyer: t.buyer,
      product: t.product,
      quantity: t.quantity,
      ...(discounts ? { discount: t.discount } : {}),
    })),
  };
}
