import { describe, expect, it } from "vitest";
import { generateNetwork, industries, type Tier } from "../../src/generator/index.js";

const tierOf = new Map<string, Tier>(industries.map((i) => [i.id, i.tier]));
const goodsTiers = [0, 1, 2, 3] as const;

/**
 * The share of each goods tier among a goods tier's goods purchases, predicted
 * from the supplier table alone: industries weighted by their share of firms,
 * each splitting its needs by its supplier weights.
 */
function predictedShares(buyerTier: number): number[] {
  const shares = [0, 0, 0, 0];
  let total = 0;
  for (const industry of industries) {
    if (industry.tier !== buyerTier) continue;
    const entries = Object.entries(industry.suppliers).filter(
      ([id]) => tierOf.get(id) !== "service",
    );
    const sum = entries.reduce((s, [, w]) => s + w, 0);
    for (const [id, w] of entries) shares[tierOf.get(id) as number] += (industry.weight * w) / sum;
    total += industry.weight;
  }
  return shares.map((s) => s / total);
}

describe("the supply chain of a generated network", () => {
  const network = generateNetwork({ firms: 8000, seed: 4 });
  const sellerTier = new Map<string, Tier>();
  for (const firm of network.firms)
    for (const o of firm.offers!) sellerTier.set(o.product, tierOf.get(firm.industry!)!);
  /** purchases[buyer tier][supplier tier] counts needs. */
  const purchases = new Map<Tier, Map<Tier, number>>();
  for (const firm of network.firms) {
    const buyer = tierOf.get(firm.industry!)!;
    const row = purchases.get(buyer) ?? new Map<Tier, number>();
    for (const need of firm.needs!) {
      const supplier = sellerTier.get(need.product)!;
      row.set(supplier, (row.get(supplier) ?? 0) + 1);
    }
    purchases.set(buyer, row);
  }

  it("in the table, each goods tier buys most from the tier below, and raw materials from finished goods", () => {
    for (const t of [1, 2, 3]) {
      const shares = predictedShares(t);
      expect(Math.max(...shares)).toBe(shares[t - 1]);
    }
    expect(predictedShares(0)[3]).toBeGreaterThan(0.5);
  });

  it("buys goods in the proportions of the table (within sampling noise)", () => {
    for (const t of goodsTiers) {
      const row = purchases.get(t)!;
      const goods = goodsTiers.reduce<number>((s, j) => s + (row.get(j) ?? 0), 0);
      const predicted = predictedShares(t);
      expect(goods).toBeGreaterThan(500);
      for (const j of goodsTiers) {
        // ≥ 500 purchases: a share's standard error is under 0.023.
        expect(Math.abs((row.get(j) ?? 0) / goods - predicted[j])).toBeLessThan(0.07);
      }
    }
  });

  it("has services that sell to every goods tier and buy from at least three tiers", () => {
    for (const t of goodsTiers) {
      const row = purchases.get(t)!;
      const goods = goodsTiers.reduce<number>((s, j) => s + (row.get(j) ?? 0), 0);
      const services = row.get("service") ?? 0;
      // Goods firms buy services for 1.5 × serviceShare (0.2 by default) = 30% of their needs.
      expect(services / (services + goods)).toBeGreaterThan(0.22);
      expect(services / (services + goods)).toBeLessThan(0.38);
    }
    const serviceSuppliers = [...purchases.get("service")!.entries()].filter(([, n]) => n > 0);
    expect(serviceSuppliers.length).toBeGreaterThanOrEqual(3);
  });

  it("puts the requested share of firms in services", () => {
    for (const serviceShare of [0, 0.2, 0.5, 1]) {
      const firms = generateNetwork({ firms: 3000, seed: 1, serviceShare }).firms;
      const share =
        firms.filter((f) => tierOf.get(f.industry!) === "service").length / firms.length;
      // Binomial standard error at 3000 firms ≤ 0.0092.
      expect(Math.abs(share - serviceShare)).toBeLessThan(0.04);
    }
  });
});
