/**
 * The economics of a proposal whose trades are all sound: hands the trades,
 * with their given quantities and discounts, to the economics layer's
 * `scoreDeal`, which recognizes the shape, keeps given discounts and chooses
 * omitted ones by the policy.
 */
import type { Deal, Objective, Policy } from "../economics/deal.js";
import { scoreDeal } from "../economics/score-deal.js";
import type { Network } from "../model/types.js";
import type { ResolvedTrade } from "./trade-checks.js";

/** What the economics need besides the trades. */
export interface ProposalEconomicsOptions {
  readonly initiator: string | undefined;
  readonly policy: Policy;
  readonly objective: Objective;
}

/**
 * Prices sound trades. A given discount within the tolerance outside
 * [0, margin] (an LP's rounding) is clamped into it first.
 */
export function scoreProposal(
  network: Network,
  trades: readonly ResolvedTrade[],
  options: ProposalEconomicsOptions,
): Deal {
  const specs = trades.map(({ trade, margin }) => {
    const spec: {
      seller: string;
      buyer: string;
      product: string;
      quantity?: number;
      discount?: number;
    } = {
      seller: trade.seller,
      buyer: trade.buyer,
      product: trade.product,
    };
    if (trade.quantity !== undefined) spec.quantity = trade.quantity;
    if (trade.discount !== undefined)
      spec.discount = Math.min(Math.max(trade.discount, 0), margin!);
    return spec;
  });
  const { initiator, policy, objective } = options;
  return scoreDeal(
    network,
    specs,
    initiator === undefined ? { policy, objective } : { initiator, policy, objective },
  );
}
