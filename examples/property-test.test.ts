/**
 * The property tests a user of `reciprocal-deals` would write with its testing
 * kit. In your project, import from "reciprocal-deals" and
 * "reciprocal-deals/testing"; here they come from the package's source.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkProposal,
  type Deal,
  findDeals,
  type Network,
  type Proposal,
  parseNetwork,
} from "../src/index.js";
import {
  conservesMoney,
  dealArb,
  isIndividuallyRational,
  networkArb,
  proposalArb,
} from "../src/testing/index.js";

/**
 * "Our pricing engine": it takes the library's deals, prints every discount in
 * whole cents rounded in the buyer's favour, and only proposes deals where
 * every party clears its hurdle by at least one currency unit — so that the
 * rounding can never push anyone below it.
 */
function ourPricingEngine(network: Network): Proposal[] {
  const hurdle = new Map(network.firms.map((f) => [f.id, f.hurdle ?? 0]));
  const roomy = (deal: Deal) => deal.parties.every((p) => p.net - hurdle.get(p.firm)! >= 1);
  return findDeals(network, { top: 10 })
    .filter(roomy)
    .map((deal) => ({
      kind: deal.kind,
      trades: deal.trades.map((t) => ({
        seller: t.seller,
        buyer: t.buyer,
        product: t.product,
        discount: Math.min(Math.ceil(t.discount * 100) / 100, t.margin),
      })),
    }));
}

/** "Our approval workflow": approves a proposal only when the library finds nothing wrong with it. */
function approve(network: Network, proposal: Proposal): boolean {
  return checkProposal(network, proposal).ok;
}

describe("property tests with reciprocal-deals/testing", () => {
  it("our pricing engine's proposals never leave a party below its hurdle", () => {
    fc.assert(
      fc.property(networkArb({ maxFirms: 6 }), (json) => {
        const network = parseNetwork(json);
        for (const proposal of ourPricingEngine(network)) {
          const check = checkProposal(network, proposal);
          expect(check.violations.filter((v) => v.code === "hurdle")).toEqual([]);
          expect(isIndividuallyRational(check.deal!, network)).toBe(true);
        }
      }),
    );
  });

  it("every deal the library returns passes checkProposal", () => {
    fc.assert(
      fc.property(networkArb({ maxFirms: 6 }), (json) => {
        const network = parseNetwork(json);
        for (const deal of findDeals(network, { top: Number.POSITIVE_INFINITY })) {
          const proposal = {
            kind: deal.kind,
            trades: deal.trades.map(({ seller, buyer, product, discount }) => ({
              seller,
              buyer,
              product,
              discount,
            })),
          };
          expect(checkProposal(network, proposal).ok).toBe(true);
        }
      }),
    );
  });

  it("our approval workflow rejects every broken proposal, and accepts sound ones", () => {
    const network = parseNetwork({
      firms: [
        {
          id: "bank",
          offers: [{ product: "loans", price: 100, cost: 60, capacity: 10 }],
          needs: [{ product: "phones", quantity: 20, referencePrice: 45 }],
        },
        {
          id: "telecom",
          offers: [{ product: "phones", price: 50, cost: 30, capacity: 50 }],
          needs: [{ product: "loans", quantity: 5, switchingCost: 40 }],
        },
        { id: "rival", offers: [{ product: "phones", price: 48, cost: 40, capacity: 5 }] },
      ],
      relations: [{ seller: "rival", buyer: "bank", blocked: true }],
    });
    fc.assert(
      fc.property(
        proposalArb(network, { valid: false }),
        ({ proposal }) => !approve(network, proposal),
      ),
    );
    fc.assert(fc.property(proposalArb(network), (proposal) => approve(network, proposal)));
  });

  it("discounts only move money between the parties", () => {
    // Random networks that have a deal, then a deal of each.
    const deals = networkArb({ maxFirms: 6, density: 0.7 })
      .map((json) => parseNetwork(json))
      .filter((network) => findDeals(network, { top: 1 }).length > 0)
      .chain((network) => dealArb(network));
    fc.assert(fc.property(deals, (deal) => conservesMoney(deal)));
  });
});
