/**
 * Column generation's pricing (one round of the priced search with the
 * deals' exact economics) against `findDeals`: for any row prices y ≥ 0 and
 * threshold τ, a round with no limit finds exactly the deals `findDeals`
 * lists (feasible, worth > 0) whose reduced value r = value − Σ a·y is above
 * τ, each once, with that r. The rows and coefficients are recomputed here
 * from the deals' trades.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Deal, Objective } from "../../src/economics/deal.js";
import { DealScan } from "../../src/economics/deal-scan.js";
import { findDeals } from "../../src/economics/find-deals.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { ColumnPool } from "../../src/portfolio/column-pool.js";
import { Deadline } from "../../src/portfolio/deadline.js";
import { Pricer } from "../../src/portfolio/pricing.js";
import { RowSpace } from "../../src/portfolio/row-space.js";
import { runSync } from "../../src/portfolio/work.js";
import { dealId } from "../../src/search/deal-id.js";
import type { DealKind } from "../../src/search/kinds.js";
import { searchGraphOf } from "../../src/search/search-graph.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { completeGraph } from "../helpers/complete-graph.js";
import { smallNetwork } from "../search/small-network.js";

/** r of a deal under prices y over the row space, from its trades. */
function reduced(deal: Deal, value: number, space: RowSpace, y: Float64Array): number {
  const index = space.index;
  const used = new Map<number, number>();
  const bump = (row: number, amount: number) => {
    if (space.kept[row]) used.set(row, (used.get(row) ?? 0) + amount);
  };
  const firms = new Set<number>();
  for (const t of deal.trades) {
    const s = index.firmIndex(t.seller);
    const b = index.firmIndex(t.buyer);
    const p = index.productIndex(t.product);
    bump(index.findOffer(s, p), t.quantity);
    bump(space.offerCount + index.findNeed(b, p), t.quantity);
    firms.add(s);
    firms.add(b);
  }
  for (const f of firms) bump(space.firmRow(f), 1);
  let r = value;
  for (const [row, amount] of used) r -= amount * y[row];
  return r;
}

describe("pricing", () => {
  it("finds exactly the deals with r > τ, each once, with their r", () => {
    fc.assert(
      fc.property(
        smallNetwork({ maxFirms: 5 }),
        fc.subarray(["cycle", "brokered", "chain"] as DealKind[], { minLength: 1 }),
        fc.integer({ min: 2, max: 4 }),
        fc.constantFrom<Objective>("surplus", "expectedSurplus"),
        fc.array(
          fc.integer({ min: 0, max: 12 }).map((x) => x / 4),
          { minLength: 40, maxLength: 40 },
        ),
        fc.integer({ min: -40, max: 40 }).map((x) => x / 4 + 1 / 8),
        (plain, kinds, maxParties, objective, prices, tau) => {
          const network = parseNetwork(plain);
          const search = { kinds, maxParties, objective, top: Number.POSITIVE_INFINITY };
          const scan = new DealScan(network, search);
          const index = tradeIndexOf(network);
          const space = new RowSpace(index, kinds);
          const y = Float64Array.from({ length: space.rowCount }, (_, i) =>
            space.kept[i] ? prices[i % prices.length] : 0,
          );
          const expected = new Map<string, number>();
          for (const deal of findDeals(network, search)) {
            const value = objective === "surplus" ? deal.surplus : deal.expectedSurplus;
            if (!(value > 0)) continue;
            const r = reduced(deal, value, space, y);
            if (r > tau) expected.set(deal.id, r);
          }
          const pricer = new Pricer(scan, space, searchGraphOf(index, true));
          const round = runSync(
            pricer.round(
              y,
              new ColumnPool(),
              tau,
              Number.POSITIVE_INFINITY,
              new Deadline(Number.POSITIVE_INFINITY),
            ),
          );
          expect(round.complete).toBe(true);
          const found = new Map<string, number>();
          for (const j of round.order) {
            const trades = round.found.trades(j);
            found.set(dealId(index, round.found.kind(j), trades, trades.length), round.reduced[j]);
          }
          expect([...found.keys()].sort()).toEqual([...expected.keys()].sort());
          for (const [id, r] of found) expect(r).toBeCloseTo(expected.get(id) ?? Number.NaN, 9);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("pricing under a deadline", () => {
  it("stops at a passed deadline even where every step of a walk is a deal", () => {
    // K30: every pair of firms trades, so the walks hand out shapes without
    // ever spending their step budget: 435 two-cycles and 8,120 three-cycles.
    const network = parseNetwork(completeGraph(30));
    const kinds: DealKind[] = ["cycle"];
    const scan = new DealScan(network, { kinds, maxParties: 3, top: Number.POSITIVE_INFINITY });
    const index = tradeIndexOf(network);
    const space = new RowSpace(index, kinds);
    const pricer = new Pricer(scan, space, searchGraphOf(index, true));
    const round = (deadline: Deadline) =>
      runSync(
        pricer.round(
          new Float64Array(space.rowCount),
          new ColumnPool(),
          0,
          Number.POSITIVE_INFINITY,
          deadline,
        ),
      );
    const whole = round(new Deadline(Number.POSITIVE_INFINITY));
    expect(whole.complete).toBe(true);
    expect(whole.found.count).toBe(435 + 8120);
    const cut = round(new Deadline(0));
    expect(cut.complete).toBe(false);
    expect(cut.found.count).toBeLessThan(whole.found.count / 10);
  });
});
