/**
 * reciprocal-deals: find, price and select reciprocal trade deals in a network of firms.
 * @packageDocumentation
 */
export type { Firm, Meta, Need, Network, Offer, Relation } from "./model/types.js";
export { NetworkError, UsageError, formatIssues, type Issue } from "./model/errors.js";
export { parseNetwork } from "./model/parse-network.js";
export { readNetwork, readNetworkLines, parseNetworkText, type NetworkFormat, type ReadNetworkOptions } from "./model/read-network.js";
export { potentialTrades, type PotentialTrade } from "./model/potential-trades.js";
export { TradeIndex, tradeIndexOf } from "./index/trade-index.js";
export type { DealKind } from "./search/kinds.js";
export type { Deal, DealTrade, InitiatorFigures, Objective, PartyFigures, Policy } from "./economics/deal.js";
export { fromGraph, toGraph, type FirmAttributes, type NetworkAttributes, type TradeAttributes, type TradeGraph } from "./interop/graph.js";
export { findDeals, iterateDeals, rankDeals, type RankedDeals } from "./economics/find-deals.js";
export { defaultFindOptions, type DealSearchOptions, type FindDealsOptions } from "./economics/find-options.js";
export { scoreDeal, type ScoreDealOptions, type TradeSpec } from "./economics/score-deal.js";
export { dealToJson, type DealJson } from "./economics/deal-json.js";
export { explainDeal, summarizeDeal, type PartyPitch } from "./proposal/explain-deal.js";
export { selectPortfolio } from "./portfolio/select-portfolio.js";
export type { Portfolio, PortfolioOptions, PortfolioSolver, PortfolioStatus, PortfolioStats } from "./portfolio/portfolio-options.js";
export { checkProposal } from "./proposal/check-proposal.js";
export { parseProposal } from "./proposal/parse-proposal.js";
export { ProposalError } from "./proposal/proposal-error.js";
export type { Proposal, ProposalCheck, ProposedTrade, Violation, ViolationCode } from "./proposal/proposal.js";
export { violationCodes } from "./proposal/proposal.js";
export { generateNetwork, generateNetworkRecords, defaultGenerateOptions, type GenerateOptions, type NetworkRecord } from "./generator/index.js";
export { type CheckProposalOptions, defaultCheckProposalOptions } from "./proposal/proposal.js";
export type { DealShape } from "./economics/deal.js";
export { defaultPricingOptions, policies, type PricingOptions } from "./economics/pricing-options.js";
export type { InitiatorFiguresJson } from "./economics/deal-json.js";
export type { SearchStats } from "./search/deal-cursor.js";
export { dealToProposal, type DealToProposalOptions } from "./proposal/deal-to-proposal.js";
export { DealCursor, dealId, maxPartiesLimit, type SearchOptions } from "./search/deal-cursor.js";
