/**
 * `reciprocal-deals/testing`: fast-check arbitraries (networks, deals,
 * proposals) and ready properties of deals, for users' own property tests.
 * fast-check is a peer dependency.
 * @packageDocumentation
 */
export { type DealConstraints, dealArb, defaultDealConstraints } from "./deal-arb.js";
export { defaultNetworkConstraints, type NetworkConstraints, networkArb } from "./network-arb.js";
export {
  conservesMoney,
  dealTolerance,
  hasConsistentFigures,
  isExecutable,
  isIndividuallyRational,
} from "./properties.js";
export {
  defaultProposalConstraints,
  type InvalidProposal,
  type ProposalConstraints,
  proposalArb,
} from "./proposal-arb.js";
