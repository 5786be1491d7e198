/**
 * reciprocal-deals: find, price and select reciprocal trade deals in a network of firms.
 *
 * The main entry is the stable API of SPEC §8, by layer: the model (read and
 * validate a network, its potential trades, the graphology view), the search
 * and pricing (`findDeals`, `rankDeals`, `iterateDeals`, `scoreDeal`), the
 * portfolio (`selectPortfolio`, `selectDeals`), proposals (`checkProposal`, `explainDeal`)
 * and the generator; with the default options of every function and the
 * vocabularies SPEC.md fixes (kinds, policies, objectives, solvers, violation
 * codes) as `as const` arrays. The typed-array trade index, the search cursor
 * and the integer-level pricing are in `reciprocal-deals/advanced`.
 *
 * This entry runs anywhere JavaScript runs (browsers, workers, edge
 * runtimes): it imports no Node built-in (test/exports/browser-bundle.test.ts
 * bundles it for the browser). Reading and writing files (`readNetwork`,
 * `writeNetwork`, …) is in `src/node.ts`, which the package's `exports` map
 * gives Node as the main entry (`import { readNetwork } from
 * "reciprocal-deals"` works there) and names `reciprocal-deals/node`.
 * @packageDocumentation
 */

export {
  type Deal,
  type DealShape,
  type DealTrade,
  type InitiatorFigures,
  type Objective,
  objectives,
  type PartyFigures,
  type Policy,
  policies,
} from "./economics/deal.js";
export { type DealJson, dealToJson, type InitiatorFiguresJson } from "./economics/deal-json.js";
export {
  asyncSliceMs,
  findDeals,
  findDealsAsync,
  iterateDeals,
  type RankedDeals,
  rankDeals,
  rankDealsAsync,
} from "./economics/find-deals.js";
export {
  type AsyncFindDealsOptions,
  type DealSearchOptions,
  defaultFindOptions,
  type FindDealsOptions,
  maxThreadCount,
} from "./economics/find-options.js";
export { ListingError } from "./economics/listing-error.js";
export {
  type MergeRankedOptions,
  mergeRanked,
  type RankedItem,
} from "./economics/merge-ranked.js";
export { defaultPricingOptions, type PricingOptions } from "./economics/pricing-options.js";
export { compareRanked, rankDigits, rankKey } from "./economics/rank-order.js";
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
export {
  formatIssues,
  InputError,
  type Issue,
  NetworkError,
  UsageError,
} from "./model/errors.js";
export { parseNetwork } from "./model/parse-network.js";
export type { Firm, Meta, Need, Network, Offer, Relation } from "./model/types.js";
export {
  defaultPortfolioOptions,
  type PortfolioOptions,
  type PortfolioSolver,
  portfolioSolvers,
} from "./portfolio/portfolio-options.js";
export {
  type Portfolio,
  type PortfolioStats,
  type PortfolioStatus,
  portfolioStatuses,
} from "./portfolio/portfolio-result.js";
export {
  autoListLimit,
  type CandidateMethod,
  candidateMethods,
  defaultSelectDealsOptions,
  type SelectDealsOptions,
  selectDeals,
} from "./portfolio/select-deals.js";
export { selectPortfolio } from "./portfolio/select-portfolio.js";
export { checkProposal } from "./proposal/check-proposal.js";
export {
  type DealToProposalOptions,
  dealToProposal,
  defaultDealToProposalOptions,
} from "./proposal/deal-to-proposal.js";
export { explainDeal, type PartyPitch, summarizeDeal } from "./proposal/explain-deal.js";
export { parseProposal } from "./proposal/parse-proposal.js";
export {
  type CheckProposalOptions,
  defaultCheckProposalOptions,
  type Proposal,
  type ProposalCheck,
  type ProposedTrade,
  type Violation,
  type ViolationCode,
  violationCodes,
} from "./proposal/proposal.js";
export { ProposalError } from "./proposal/proposal-error.js";
export {
  type DealIdKind,
  type DealIdTrade,
  formatDealId,
  type ParsedDealId,
  parseDealId,
} from "./search/deal-id.js";
export type { SearchStats } from "./search/deal-walk.js";
export { type DealKind, dealKinds, maxPartiesLimit } from "./search/kinds.js";
export { maxShards, type Shard } from "./search/shard.js";
export { type PotentialTrade, potentialTrades } from "./trade-index/potential-trades.js";
