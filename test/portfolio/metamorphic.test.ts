import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Deal } from "../../src/economics/deal.js";
import { UsageError } from "../../src/model/errors.js";
import type { Network } from "../../src/model/types.js";
import type { PortfolioSolver } from "../../src/portfolio/portfolio-options.js";
import { selectPortfolio } from "../../src/portfolio/select-portfolio.js";
import { bestBySubsets, close, instanceArb, makeDeal, violations } from "./fixtures.js";

const solverArb = fc.constantFrom<PortfolioSolver>("exact", "greedy");

/** A fresh pair of firms trading two new products with each other, and their 2-cycle worth `surplus`. */
function isolatedPair(
  network: Network,
  surplus: number,
  maxDeals?: number,
): { network: Network; deal: Deal } {
  const extra = [
    {
      id: "zz-a",
      ...(maxDeals === undefined ? {} : { maxDeals }),
      offers: [{ product: "zz-x", price: 10, cost: 5, capacity: 2 }],
      needs: [{ product: "zz-y", quantity: 3 }],
    },
    {
      id: "zz-b",
      offers: [{ product: "zz-y", price: 10, cost: 5, capacity: 3 }],
      needs: [{ product: "zz-x", quantity: 2 }],
    },
  ];
  const deal = makeDeal(
    "cycle",
    [
      { seller: "zz-a", buyer: "zz-b", product: "zz-x", quantity: 2 },
      { seller: "zz-b", buyer: "zz-a", product: "zz-y", quantity: 3 },
    ],
    { surplus },
  );
  return { network: { ...network, firms: [...network.firms, ...extra] }, deal };
}

/** `xs` shuffled by the permutation keys `keys` (stable for equal keys). */
function permute<T>(xs: readonly T[], keys: readonly number[]): T[] {
  return xs
    .map((x, i) => ({ x, k: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((e) => e.x);
}

describe("metamorphic rules", () => {
  it("a deal that conflicts with nothing raises the optimum by exactly its value", async () => {
    await fc.assert(
      fc.asyncProperty(
        instanceArb({ maxDeals: 12 }),
        fc.integer({ min: 1, max: 50 }).map((x) => x / 10),
        async ({ network, deals }, surplus) => {
          const before = await selectPortfolio(network, deals, {
            solver: "exact",
            objective: "surplus",
          });
          const { network: bigger, deal } = isolatedPair(network, surplus, 1);
          const after = await selectPortfolio(bigger, [...deals, deal], {
            solver: "exact",
            objective: "surplus",
          });
          expect(after.status).toBe("optimal");
          expect(close(after.objective, before.objective + surplus)).toBe(true);
          expect(after.deals.map((d) => d.id)).toContain(deal.id);
          // An infeasible or worthless extra deal changes nothing.
          const useless = [
            { ...deal, id: `${deal.id}#infeasible`, feasible: false, surplus: 100 },
            { ...deal, id: `${deal.id}#worthless`, surplus: -1 },
          ];
          const same = await selectPortfolio(bigger, [...deals, ...useless], {
            solver: "exact",
            objective: "surplus",
          });
          expect(close(same.objective, before.objective)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reordering firms, their offers and needs, or the deals changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        instanceArb({ maxDeals: 12 }),
        fc.array(fc.nat(100), { minLength: 1, maxLength: 8 }),
        solverArb,
        async ({ network, deals }, keys, solver) => {
          const shuffled: Network = {
            firms: permute(network.firms, keys).map((f) => ({
              ...f,
              offers: [...(f.offers ?? [])].reverse(),
              needs: [...(f.needs ?? [])].reverse(),
            })),
          };
          const a = await selectPortfolio(network, deals, { solver });
          const b = await selectPortfolio(shuffled, permute(deals, [...keys].reverse()), {
            solver,
          });
          expect(b.deals.map((d) => d.id)).toEqual(a.deals.map((d) => d.id));
          expect(b.objective).toBe(a.objective);
          expect(b.bound).toBe(a.bound);
          expect(b.status).toBe(a.status);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a repeated id counts once: the first occurrence is the candidate", async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb({ maxDeals: 10 }), async ({ network, deals }) => {
        const doubled = [
          ...deals,
          ...deals.map((d) => ({ ...d, surplus: d.surplus + 100, expectedSurplus: 1000 })),
        ];
        const result = await selectPortfolio(network, doubled, { solver: "exact" });
        expect(result.stats.duplicateIds).toBe(deals.length);
        expect(close(result.objective, bestBySubsets(network, deals, "expectedSurplus"))).toBe(
          true,
        );
        expect(violations(network, deals, result.deals)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe("hand-built portfolios", () => {
  // Hub h (maxDeals 2) trades with a, b, c; each pair is a 2-cycle of
  // product x (h → partner) and product y (partner → h), capacities ample.
  const network: Network = {
    firms: [
      {
        id: "h",
        maxDeals: 2,
        offers: [{ product: "x", price: 10, cost: 5, capacity: 10 }],
        needs: [{ product: "y", quantity: 10 }],
      },
      ...["a", "b", "c"].map((id) => ({
        id,
        offers: [{ product: "y", price: 10, cost: 5, capacity: 1 }],
        needs: [{ product: "x", quantity: 1 }],
      })),
    ],
  };
  const pair = (partner: string, surplus: number, extra: Partial<Deal> = {}): Deal => ({
    ...makeDeal(
      "cycle",
      [
        { seller: "h", buyer: partner, product: "x", quantity: 1 },
        { seller: partner, buyer: "h", product: "y", quantity: 1 },
      ],
      { surplus },
    ),
    ...extra,
  });

  it("a firm with maxDeals 2 takes its two best deals", async () => {
    // Values 3, 2 and 2.5: h can join two, so 3 + 2.5 = 5.5.
    const deals = [pair("a", 3), pair("b", 2), pair("c", 2.5)];
    for (const solver of ["exact", "greedy", "auto"] as const) {
      const result = await selectPortfolio(network, deals, { solver, objective: "surplus" });
      expect(result.objective).toBe(5.5);
      expect(result.deals.map((d) => d.id)).toEqual([deals[0].id, deals[2].id]);
      expect(result.status).toBe("optimal");
      expect(result.bound).toBe(5.5);
      expect(result.gap).toBe(0);
    }
  });

  it("never chooses an infeasible deal, however valuable", async () => {
    // The infeasible deal with a is worth 100; the best feasible pair is 2 + 2.5 = 4.5.
    const deals = [pair("a", 100, { feasible: false }), pair("b", 2), pair("c", 2.5)];
    const result = await selectPortfolio(network, deals, { objective: "surplus" });
    expect(result.objective).toBe(4.5);
    expect(result.stats.infeasible).toBe(1);
  });

  it("the expected objective weighs surplus by probability", async () => {
    // Expected: a 4 · 0.5 = 2, b 3 · 1 = 3, c 2.5 · 1 = 2.5 → best two: 3 + 2.5 = 5.5;
    // by plain surplus a (4) and b (3) would win with 7.
    const deals = [
      pair("a", 4, { probability: 0.5, expectedSurplus: 2 }),
      pair("b", 3, { expectedSurplus: 3 }),
      pair("c", 2.5, { expectedSurplus: 2.5 }),
    ];
    const expected = await selectPortfolio(network, deals);
    expect(expected.objectiveName).toBe("expectedSurplus");
    expect(expected.objective).toBe(5.5);
    const plain = await selectPortfolio(network, deals, { objective: "surplus" });
    expect(plain.objective).toBe(7);
  });

  it("no deals: an empty optimal portfolio", async () => {
    const result = await selectPortfolio(network, []);
    expect(result).toMatchObject({
      status: "optimal",
      objective: 0,
      bound: 0,
      gap: 0,
      optimal: true,
      deals: [],
    });
  });

  it("misuse is a UsageError", async () => {
    const deals = [pair("a", 1)];
    await expect(selectPortfolio(network, deals, { objective: "initiatorNet" })).rejects.toThrow(
      UsageError,
    );
    await expect(
      selectPortfolio(network, deals, { solver: "fastest" as unknown as PortfolioSolver }),
    ).rejects.toThrow(UsageError);
    await expect(selectPortfolio(network, deals, { timeLimitMs: Number.NaN })).rejects.toThrow(
      UsageError,
    );
    const stranger = makeDeal(
      "cycle",
      [
        { seller: "h", buyer: "nobody", product: "x", quantity: 1 },
        { seller: "nobody", buyer: "h", product: "y", quantity: 1 },
      ],
      { surplus: 1 },
    );
    await expect(selectPortfolio(network, [stranger])).rejects.toThrow(UsageError);
  });
});
