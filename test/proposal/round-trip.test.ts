/**
 * Round trip: every deal findDeals returns, written as a proposal, passes
 * checkProposal with the same economics.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Deal, Objective, Policy } from "../../src/economics/deal.js";
import { findDeals } from "../../src/economics/find-deals.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Network } from "../../src/model/types.js";
import { checkProposal } from "../../src/proposal/check-proposal.js";
import { dealToProposal } from "../../src/proposal/deal-to-proposal.js";
import type { Proposal } from "../../src/proposal/proposal.js";
import { networkArb } from "../../src/testing/network-arb.js";
import { randomNetwork } from "../helpers/random-network.js";

/** The library's own random networks, and the testing kit's (denser in deals). */
const networks = fc.oneof(randomNetwork({ maxFirms: 6 }), networkArb({ maxFirms: 5 }));

const asProposal = (deal: Deal, withDiscounts: boolean): Proposal =>
  dealToProposal(deal, { discounts: withDiscounts });

const options = fc.record({
  policy: fc.constantFrom<Policy>("fair", "minimal", "initiator"),
  objective: fc.constantFrom<Objective>(
    "surplus",
    "expectedSurplus",
    "initiatorNet",
    "expectedInitiatorNet",
  ),
  initiator: fc.nat(),
});

function resolve(network: Network, o: { policy: Policy; objective: Objective; initiator: number }) {
  const needsInitiator =
    o.policy === "initiator" ||
    o.objective === "initiatorNet" ||
    o.objective === "expectedInitiatorNet";
  const initiator = network.firms[o.initiator % network.firms.length].id;
  return needsInitiator || o.initiator % 2 === 0
    ? { policy: o.policy, objective: o.objective, initiator }
    : { policy: o.policy, objective: o.objective };
}

const close = (scale: number) => (a: number, b: number) =>
  Math.abs(a - b) <= 1e-6 * Math.max(1, scale);

describe("every deal findDeals returns passes checkProposal", () => {
  it("with its discounts written out: the same figures", () => {
    fc.assert(
      fc.property(networks, options, (json, o) => {
        const network = parseNetwork(json);
        const opts = resolve(network, o);
        for (const deal of findDeals(network, {
          ...opts,
          kinds: ["cycle", "brokered", "chain"],
          maxParties: 4,
          top: Number.POSITIVE_INFINITY,
        })) {
          const check = checkProposal(network, asProposal(deal, true), opts);
          expect(check.violations, deal.id).toEqual([]);
          const again = check.deal!;
          const near = close(
            Math.max(...deal.trades.map((t) => Math.max(t.margin, Math.abs(t.premium)))),
          );
          expect(again.id).toBe(deal.id);
          expect(again.kind).toBe(deal.kind);
          // check always carries the room; with every discount given, each range is that value.
          expect(again.trades.map(({ discountRange: _, ...t }) => t)).toEqual(deal.trades);
          for (const t of again.trades) expect(t.discountRange).toEqual([t.discount, t.discount]);
          expect(again.surplus).toBe(deal.surplus);
          expect(again.probability).toBe(deal.probability);
          expect(again.feasible).toBe(true);
          // All discounts given: every party's figures are fixed.
          deal.parties.forEach((p, i) => {
            expect(near(again.parties[i].net, p.net), `${deal.id} ${p.firm}`).toBe(true);
          });
          expect(near(again.score, deal.score)).toBe(true);
          if (deal.initiator !== undefined)
            expect(near(again.initiator!.net, deal.initiator.net)).toBe(true);
        }
      }),
    );
  });

  it("with its discounts left to the same policy: the same unique values", () => {
    fc.assert(
      fc.property(networks, options, (json, o) => {
        const network = parseNetwork(json);
        const opts = resolve(network, o);
        const hurdle = (id: string) => network.firms.find((f) => f.id === id)!.hurdle ?? 0;
        for (const deal of findDeals(network, {
          ...opts,
          kinds: ["cycle", "brokered"],
          top: Number.POSITIVE_INFINITY,
        })) {
          const check = checkProposal(network, asProposal(deal, false), opts);
          expect(check.violations, deal.id).toEqual([]);
          const again = check.deal!;
          const near = close(
            Math.max(
              ...deal.trades.map((t) => Math.max(t.margin, Math.abs(t.premium))),
              ...deal.parties.map((p) => hurdle(p.firm)),
            ),
          );
          expect(again.id).toBe(deal.id);
          expect(again.surplus).toBe(deal.surplus);
          expect(near(again.score, deal.score)).toBe(true);
          // What each policy makes unique (SPEC §5): the least slack (fair), the total discount
          // (every policy's first or second stage), and the initiator's net.
          const least = (d: Deal) => Math.min(...d.parties.map((p) => p.net - hurdle(p.firm)));
          const given = (d: Deal) => d.trades.reduce((s, t) => s + t.discount, 0);
          if (opts.policy === "fair") expect(near(least(again), least(deal)), deal.id).toBe(true);
          expect(near(given(again), given(deal)), deal.id).toBe(true);
          if (deal.initiator !== undefined)
            expect(near(again.initiator!.net, deal.initiator.net), deal.id).toBe(true);
        }
      }),
    );
  });
});
