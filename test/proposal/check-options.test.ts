/**
 * `checkProposal` validates its options up front, whatever the proposal: a
 * misuse of the API is a `UsageError` for a sound proposal, one with
 * violations, and one that is not a proposal at all.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Network } from "../../src/model/types.js";
import { checkProposal } from "../../src/proposal/check-proposal.js";
import type { CheckProposalOptions, Proposal } from "../../src/proposal/proposal.js";
import { networkArb, proposalArb } from "../../src/testing/index.js";

/** Trades between the network's firms, of its products: sound or not, as they fall. */
function anyTrades(network: Network): fc.Arbitrary<Proposal> {
  const firm = fc.constantFrom(...network.firms.map((f) => f.id), "ghost");
  const products = network.firms.flatMap((f) => (f.offers ?? []).map((o) => o.product));
  const product = fc.constantFrom(...products, "thing");
  const trade = fc.record({ seller: firm, buyer: firm, product });
  return fc.array(trade, { minLength: 1, maxLength: 4 }).map((trades) => ({ trades }));
}

const misuses: CheckProposalOptions[] = [
  { policy: "foo" as never },
  { objective: "profit" as never },
  { initiator: "nobody-at-all" },
  { policy: "initiator" },
  { objective: "initiatorNet" },
];

describe("checkProposal's options", () => {
  it("throw UsageError for every misuse, on sound, unsound and malformed proposals", () => {
    fc.assert(
      fc.property(
        networkArb({ maxFirms: 5 }).chain((json) => {
          const network = parseNetwork(json);
          return fc.tuple(
            fc.constant(network),
            fc.oneof(
              proposalArb(network, { valid: false }).map((invalid) => invalid.proposal),
              anyTrades(network),
              fc.constant({ trades: [] } as unknown as Proposal),
              fc.constant({ trades: [{ seller: 3 }] } as unknown as Proposal),
            ),
            fc.constantFrom(...misuses),
          );
        }),
        ([network, proposal, options]) => {
          expect(() => checkProposal(network, proposal, options)).toThrow(UsageError);
        },
      ),
      { numRuns: 60 },
    );
  });
});
