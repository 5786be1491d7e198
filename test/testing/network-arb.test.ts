import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Network } from "../../src/model/types.js";
import { type NetworkConstraints, networkArb } from "../../src/testing/network-arb.js";
import { potentialTrades } from "../../src/trade-index/potential-trades.js";

/** Runs a property that fails on `fails`, and returns every value fast-check tried, shrinks included. */
function triedValues(
  arb: fc.Arbitrary<Network>,
  fails: (network: Network) => boolean,
  seed: number,
): { values: Network[]; shrinks: number } {
  const values: Network[] = [];
  const result = fc.check(
    fc.property(arb, (json) => {
      values.push(structuredClone(json));
      return !fails(json);
    }),
    { seed, numRuns: 200 },
  );
  return { values, shrinks: result.numShrinks };
}

const hasReciprocalTrade = (json: Network) =>
  [...potentialTrades(parseNetwork(json))].some((t) => t.premium > 0);

describe("networkArb", () => {
  it("generates only networks that pass parseNetwork", () => {
    fc.assert(
      fc.property(networkArb(), (json) => parseNetwork(json).firms.length === json.firms.length),
    );
  });

  it("shrinks only to networks that pass parseNetwork", () => {
    const configs: NetworkConstraints[] = [
      {},
      { maxFirms: 8, maxRelations: 10, density: 0.8 },
      { maxDeals: true, products: 1 },
    ];
    for (const [i, config] of configs.entries()) {
      const { values, shrinks } = triedValues(networkArb(config), hasReciprocalTrade, 1000 + i);
      // The predicate fails on most networks, so fast-check shrank, through many values.
      expect(shrinks).toBeGreaterThan(0);
      for (const json of values) expect(() => parseNetwork(json)).not.toThrow();
    }
  });

  it("shrinks towards a small network", () => {
    // The smallest network with a reciprocal trade has two firms, one offer and one need;
    // fast-check's shrinker is greedy, so allow one idle firm more.
    const result = fc.check(
      fc.property(networkArb(), (json) => !hasReciprocalTrade(json)),
      { seed: 7 },
    );
    expect(result.failed).toBe(true);
    const smallest = result.counterexample![0] as Network;
    expect(smallest.firms.length).toBeLessThanOrEqual(3);
    const offers = smallest.firms.reduce((n, f) => n + (f.offers?.length ?? 0), 0);
    const needs = smallest.firms.reduce((n, f) => n + (f.needs?.length ?? 0), 0);
    expect([offers, needs]).toEqual([1, 1]);
    expect(smallest.relations).toEqual([]);
  });

  it("gives the same networks for the same seed", () => {
    const a = fc.sample(networkArb({ maxFirms: 6 }), { seed: 42, numRuns: 30 });
    const b = fc.sample(networkArb({ maxFirms: 6 }), { seed: 42, numRuns: 30 });
    expect(a).toEqual(b);
    const c = fc.sample(networkArb({ maxFirms: 6 }), { seed: 43, numRuns: 30 });
    expect(c).not.toEqual(a);
  });

  it("honours its knobs", () => {
    const config = {
      minFirms: 3,
      maxFirms: 4,
      products: 2,
      maxOffersPerFirm: 1,
      maxNeedsPerFirm: 1,
      maxRelations: 2,
    };
    fc.assert(
      fc.property(networkArb(config), (json) => {
        expect(json.firms.length).toBeGreaterThanOrEqual(3);
        expect(json.firms.length).toBeLessThanOrEqual(4);
        for (const firm of json.firms) {
          expect(firm.offers?.length ?? 0).toBeLessThanOrEqual(1);
          expect(firm.needs?.length ?? 0).toBeLessThanOrEqual(1);
          for (const item of [...(firm.offers ?? []), ...(firm.needs ?? [])])
            expect(["p0", "p1"]).toContain(item.product);
        }
        expect(json.relations!.length).toBeLessThanOrEqual(2);
      }),
    );
    const off = {
      probabilities: false,
      blocked: false,
      hurdles: false,
      incumbents: false,
      keyAccounts: false,
    };
    fc.assert(
      fc.property(networkArb({ ...off, maxRelations: 6 }), (json) => {
        for (const firm of json.firms) {
          expect(firm.hurdle).toBeUndefined();
          expect(firm.keyAccount).toBeUndefined();
          expect(firm.maxDeals).toBeUndefined();
          for (const need of firm.needs ?? []) expect(need.incumbent).toBeUndefined();
        }
        for (const relation of json.relations ?? []) {
          expect(relation.blocked).toBeUndefined();
          expect(relation.probability).toBeUndefined();
        }
      }),
    );
    for (const json of fc.sample(networkArb({ density: 0 }), { seed: 1, numRuns: 20 })) {
      for (const firm of json.firms)
        expect([firm.offers, firm.needs]).toEqual([undefined, undefined]);
    }
    for (const json of fc.sample(networkArb({ density: 1, products: 2 }), {
      seed: 1,
      numRuns: 20,
    })) {
      for (const firm of json.firms)
        expect([firm.offers?.length, firm.needs?.length]).toEqual([2, 2]);
    }
  });

  it("uses each knob somewhere by default", () => {
    const sample = fc.sample(networkArb({ maxRelations: 6 }), { seed: 3, numRuns: 200 });
    const firms = sample.flatMap((json) => json.firms);
    const relations = sample.flatMap((json) => json.relations ?? []);
    expect(firms.some((f) => (f.hurdle ?? 0) > 0)).toBe(true);
    expect(firms.some((f) => f.keyAccount === true)).toBe(true);
    expect(firms.some((f) => f.needs?.some((n) => n.incumbent === "rival"))).toBe(true);
    expect(
      firms.some((f) => f.needs?.some((n) => n.incumbent !== undefined && n.incumbent !== "rival")),
    ).toBe(true);
    expect(firms.some((f) => f.needs?.some((n) => n.incumbentFloor !== undefined))).toBe(true);
    // A floor only with an incumbent (SPEC §2).
    expect(
      firms.every((f) =>
        (f.needs ?? []).every((n) => n.incumbentFloor === undefined || n.incumbent !== undefined),
      ),
    ).toBe(true);
    expect(relations.some((r) => r.blocked === true && r.product === undefined)).toBe(true);
    expect(relations.some((r) => r.blocked === true && r.product !== undefined)).toBe(true);
    expect(relations.some((r) => r.probability !== undefined && r.probability < 1)).toBe(true);
  });

  it("rejects bad constraints when built", () => {
    const bad: NetworkConstraints[] = [
      { minFirms: 4, maxFirms: 3 },
      { minFirms: -1 },
      { products: 0 },
      { density: 1.5 },
      { density: Number.NaN },
      { maxRelations: 2.5 },
      { maxPrice: 0 },
      { hurdles: "yes" as unknown as boolean },
      { firms: 3 } as unknown as NetworkConstraints,
    ];
    for (const constraints of bad)
      expect(() => networkArb(constraints), JSON.stringify(constraints)).toThrow(UsageError);
  });
});
