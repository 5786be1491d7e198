/**
 * reciprocal-deals: find, price and select reciprocal trade deals in a network of firms.
 * @packageDocumentation
 */

export type {
  Deal,
  DealShape,
  DealTrade,
  InitiatorFigures,
  Objective,
  PartyFigures,
  Policy,
} from "./economics/deal.js";
export type { InitiatorFiguresJson } from "./economics/deal-json.js";
export { type DealJson, dealToJson } from "./economics/deal-json.js";
export { findDeals, iterateDeals, type RankedDeals, rankDeals } from "./economics/find-deals.js";
export {
  type DealSearchOptions,
  defaultFindOptions,
  type FindDealsOptions,
} from "./economics/find-options.js";
export {
  defaultPricingOptions,
  type PricingOptions,
  policies,
} from "./economics/pricing-options.js";
export { type ScoreDealOptions, scoreDeal, type TradeSpec } from "./economics/score-deal.js";
export {
  defaultGenerateOptions,
  type GenerateOptions,
  generateNetwork,
  generateNetworkRecords,
  type NetworkRecord,
} from "./generator/index.js";
export {
  type FirmAttributes,
  fromGraph,
  type NetworkAttributes,
  type TradeAttributes,
  type TradeGraph,
  toGraph,
} from "./interop/graph.js";
export { formatIssues, type Issue, NetworkError, UsageError } from "./model/errors.js";
export { parseNetwork } from "./model/parse-network.js";
export {
  type NetworkFormat,
  parseNetworkText,
  type ReadNetworkOptions,
  readNetwork,
  readNetworkLines,
} from "./model/read-network.js";
export type { Firm, Meta, Need, Network, Offer, Relation } from "./model/types.js";
export type {
  Portfolio,
  PortfolioOptions,
  PortfolioSolver,
  PortfolioStats,
  PortfolioStatus,
} from "./portfolio/portfolio-options.js";
export { selectPortfolio } from "./portfolio/select-portfolio.js";
export { checkProposal } from "./proposal/check-proposal.js";
export { type DealToProposalOptions, dealToProposal } from "./proposal/deal-to-proposal.js";
export { explainDeal, type PartyPitch, summarizeDeal } from "./proposal/explain-deal.js";
export { parseProposal } from "./proposal/parse-proposal.js";
export type {
  Proposal,
  ProposalCheck,
  ProposedTrade,
  Violation,
  ViolationCode,
} from "./proposal/proposal.js";
export {
  type CheckProposalOptions,
  defaultCheckProposalOptions,
  violationCodes,
} from "./proposal/proposal.js";
export { ProposalError } from "./proposal/proposal-error.js";
export type { SearchStats } from "./search/deal-cursor.js";
export { DealCursor, dealId, maxPartiesLimit, type SearchOptions } from "./search/deal-cursor.js";
export type { DealKind } from "./search/kinds.js";
export { type PotentialTrade, potentialTrades } from "./trade-index/potential-trades.js";
export { TradeIndex, tradeIndexOf } from "./trade-index/trade-index.js";
