import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Deal } from "../../src/economics/deal.js";
import { findDeals } from "../../src/economics/find-deals.js";
import { UsageError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { type DealConstraints, dealArb } from "../../src/testing/deal-arb.js";
import { networkArb } from "../../src/testing/network-arb.js";
import {
  conservesMoney,
  dealTolerance,
  hasConsistentFigures,
  isExecutable,
  isIndividuallyRational,
} from "../../src/testing/properties.js";

/*
 * A 2-cycle: a→b x: q = 3, m = (10 − 4)·3 = 18, c = 7; b→a y: q = 1, m = 8, c = 1.
 * surplus = 18 + 8 − 7 − 1 = 18.
 */
const small = parseNetwork({
  firms: [
    {
      id: "a",
      offers: [{ product: "x", price: 10, cost: 4, capacity: 5 }],
      needs: [{ product: "y", quantity: 2, referencePrice: 8 }],
    },
    {
      id: "b",
      offers: [{ product: "y", price: 9, cost: 1, capacity: 1 }],
      needs: [{ product: "x", quantity: 3, switchingCost: 7 }],
    },
  ],
});

describe("dealArb", () => {
  it("draws deals that findDeals lists, with the constraints given", () => {
    fc.assert(
      fc.property(
        networkArb({ maxFirms: 6 }),
        fc.integer(),
        fc.boolean(),
        (json, seed, withInitiator) => {
          const network = parseNetwork(json);
          const constraints: DealConstraints = {
            kinds: ["cycle", "brokered", "chain"],
            includeInfeasible: true,
            ...(withInitiator ? { initiator: network.firms[0].id } : {}),
          };
          const all = findDeals(network, { ...constraints, top: Number.POSITIVE_INFINITY });
          if (all.length === 0) {
            expect(() => dealArb(network, constraints)).toThrow(UsageError);
            return;
          }
          const ids = new Set(all.map((d) => d.id));
          for (const deal of fc.sample(dealArb(network, constraints), { seed, numRuns: 5 })) {
            expect(ids.has(deal.id)).toBe(true);
            if (withInitiator)
              expect(deal.parties.map((p) => p.firm)).toContain(network.firms[0].id);
          }
        },
      ),
    );
  });

  it("shrinks to the best deal and repeats itself for a seed", () => {
    const best = findDeals(small, { top: 1 })[0];
    const result = fc.check(
      fc.property(dealArb(small), () => false),
      { seed: 1 },
    );
    expect((result.counterexample![0] as Deal).id).toBe(best.id);
    expect(fc.sample(dealArb(small), { seed: 4, numRuns: 5 })).toEqual(
      fc.sample(dealArb(small), { seed: 4, numRuns: 5 }),
    );
  });

  it("rejects bad constraints and networks without deals", () => {
    expect(() => dealArb(small, { maxDeals: 0 })).toThrow(UsageError);
    expect(() => dealArb(small, { initiator: "nobody" })).toThrow(UsageError);
    expect(() => dealArb(small, { bogus: 1 } as unknown as DealConstraints)).toThrow(UsageError);
    expect(() => dealArb(parseNetwork({ firms: [{ id: "solo" }] }))).toThrow(UsageError);
  });
});

describe("the ready properties", () => {
  it("hold for every deal the library lists", () => {
    fc.assert(
      fc.property(networkArb({ maxFirms: 6 }), (json) => {
        const network = parseNetwork(json);
        for (const deal of findDeals(network, {
          kinds: ["cycle", "brokered", "chain"],
          top: Number.POSITIVE_INFINITY,
        })) {
          expect(conservesMoney(deal), deal.id).toBe(true);
          expect(hasConsistentFigures(deal), deal.id).toBe(true);
          expect(isExecutable(deal, network), deal.id).toBe(true);
          expect(isIndividuallyRational(deal, network), deal.id).toBe(true);
        }
      }),
    );
  });

  it("catch deals that break them", () => {
    const deal = findDeals(small, { top: 1 })[0];
    // fair: both parties net 9 (18 split evenly); a gives b 8 on x.
    expect(deal.parties.map((p) => p.net)).toEqual([9, 9]);
    expect(dealTolerance(deal)).toBeCloseTo(18e-9, 15);
    const tweak = (change: Partial<Deal>): Deal => ({ ...deal, ...change });
    const parties = (net: number) => deal.parties.map((p, i) => (i === 0 ? { ...p, net } : p));
    expect(conservesMoney(tweak({ parties: parties(10) }))).toBe(false);
    expect(conservesMoney(tweak({ surplus: 19 }))).toBe(false);
    expect(hasConsistentFigures(tweak({ parties: parties(10) }))).toBe(false);
    expect(
      hasConsistentFigures(
        tweak({ trades: deal.trades.map((t) => ({ ...t, discount: t.margin + 1 })) }),
      ),
    ).toBe(false);
    expect(hasConsistentFigures(tweak({ probability: 0.5 }))).toBe(false);
    // Hurdles: a needs 10 but nets 9; without a network hurdles are 0.
    const demanding = parseNetwork({
      firms: small.firms.map((f) => (f.id === "a" ? { ...f, hurdle: 10 } : f)),
    });
    expect(isIndividuallyRational(deal, demanding)).toBe(false);
    expect(isIndividuallyRational(deal)).toBe(true);
    expect(
      isIndividuallyRational(
        tweak({ parties: parties(9 - 1e-12) }),
        parseNetwork({ firms: small.firms.map((f) => (f.id === "a" ? { ...f, hurdle: 9 } : f)) }),
      ),
    ).toBe(true);
    // b's offer of y holds 1 unit: 2 units do not fit.
    expect(
      isExecutable(
        tweak({ trades: deal.trades.map((t) => (t.product === "y" ? { ...t, quantity: 2 } : t)) }),
        small,
      ),
    ).toBe(false);
  });
});
