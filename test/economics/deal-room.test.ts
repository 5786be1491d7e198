/**
 * The negotiation room (SPEC §5): the shortest-path fast path against the LP
 * (min and max of one linear function over F, javascript-lp-solver) and
 * against a brute-force vertex oracle, on random deals with zero margins,
 * binding hurdles, given discounts and incumbents' counters, under both
 * competition options; the policy's point lies inside the ranges; under the
 * counter every feasible deal is defensible.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Policy } from "../../src/economics/deal.js";
import type { DealEconomy } from "../../src/economics/deal-economy.js";
import { computeRoom } from "../../src/economics/deal-room.js";
import { priceFast } from "../../src/economics/price-fast.js";
import { priceByLp, roomByLp } from "../../src/economics/price-lp.js";
import {
  type DealNumbers,
  dealNumbers,
  loadNumbers,
  pricedHurdles,
  tradeEnds,
} from "./deal-numbers.js";
import { oracleRoom } from "./vertex-oracle.js";

const policy = fc.constantFrom<Policy>("initiator", "fair", "minimal");
const deals = dealNumbers({ withCounters: true });

/** 1e-9 of the deal's largest money amount (margins, premiums, priced hurdles). */
function tolerance(deal: DealNumbers): number {
  return (
    1e-9 * Math.max(...deal.margins, ...deal.premiums.map(Math.abs), ...pricedHurdles(deal), 1e-300)
  );
}

/** Whether the deal sits so close to the feasibility threshold that two methods may disagree. */
function nearThreshold(deal: DealNumbers, economy: DealEconomy): boolean {
  return Math.abs(economy.fairLevel + tolerance(deal)) <= tolerance(deal) * 1e-3;
}

type Ranges = { discount: [number, number][]; net: [number, number][] };

function rangesOf(economy: DealEconomy): Ranges {
  return {
    discount: Array.from({ length: economy.tradeCount }, (_, j) => [
      economy.discountMin[j],
      economy.discountMax[j],
    ]),
    net: Array.from({ length: economy.partyCount }, (_, v) => [
      economy.netMin[v],
      economy.netMax[v],
    ]),
  };
}

function expectClose(actual: Ranges, expected: Ranges, tol: number): void {
  const pairs = [
    ...actual.discount.map((r, j) => [r, expected.discount[j]] as const),
    ...actual.net.map((r, v) => [r, expected.net[v]] as const),
  ];
  for (const [[a0, a1], [e0, e1]] of pairs) {
    expect(Math.abs(a0 - e0)).toBeLessThanOrEqual(tol);
    expect(Math.abs(a1 - e1)).toBeLessThanOrEqual(tol);
  }
}

describe("the negotiation room", () => {
  it("equals the LP's min and max of each discount and each net", () => {
    fc.assert(
      fc.property(deals, policy, (deal, chosen) => {
        const fast = loadNumbers(deal);
        priceFast(fast, chosen);
        fc.pre(fast.feasible && !nearThreshold(deal, fast));
        computeRoom(fast);
        const lp = loadNumbers(deal);
        expect(priceByLp(lp, chosen)).toBe("optimal");
        expect(roomByLp(lp)).toBe("optimal");
        expectClose(rangesOf(fast), rangesOf(lp), tolerance(deal));
      }),
      { numRuns: 300 },
    );
  });

  it("equals a brute-force vertex oracle on deals of up to four trades", () => {
    fc.assert(
      fc.property(dealNumbers({ withCounters: true, maxParties: 4 }), policy, (deal, chosen) => {
        fc.pre(tradeEnds(deal.kind, deal.parties).length <= 4);
        const fast = loadNumbers(deal);
        priceFast(fast, chosen);
        fc.pre(!nearThreshold(deal, fast));
        const oracle = oracleRoom(deal);
        expect(fast.feasible).toBe(oracle.feasible);
        if (!fast.feasible) return;
        computeRoom(fast);
        expectClose(
          rangesOf(fast),
          {
            discount: (oracle.discountRanges ?? []).map(([a, b]) => [a, b]),
            net: (oracle.netRanges ?? []).map(([a, b]) => [a, b]),
          },
          tolerance(deal),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("holds the policy's discounts and nets, and every range is ordered", () => {
    fc.assert(
      fc.property(deals, policy, (deal, chosen) => {
        const economy = loadNumbers(deal);
        priceFast(economy, chosen);
        fc.pre(economy.feasible);
        computeRoom(economy);
        const tol = tolerance(deal);
        for (let j = 0; j < economy.tradeCount; j++) {
          expect(economy.discountMin[j]).toBeLessThanOrEqual(economy.discountMax[j] + tol);
          expect(economy.discount[j]).toBeGreaterThanOrEqual(economy.discountMin[j] - tol);
          expect(economy.discount[j]).toBeLessThanOrEqual(economy.discountMax[j] + tol);
          if (deal.fixed[j] !== null) {
            expect([economy.discountMin[j], economy.discountMax[j]]).toEqual([
              deal.fixed[j],
              deal.fixed[j],
            ]);
          }
        }
        for (let v = 0; v < economy.partyCount; v++) {
          expect(economy.net[v]).toBeGreaterThanOrEqual(economy.netMin[v] - tol);
          expect(economy.net[v]).toBeLessThanOrEqual(economy.netMax[v] + tol);
          // Nobody in F is below its (priced) hurdle, beyond the tolerated shortfall.
          expect(economy.netMin[v]).toBeGreaterThanOrEqual(
            economy.hurdle[v] + Math.min(0, economy.fairLevel) - tol,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it("raises every hurdle by the exposure under the counter: feasible deals are defensible", () => {
    fc.assert(
      fc.property(dealNumbers({ withCounters: true }), policy, (numbers, chosen) => {
        const deal: DealNumbers = { ...numbers, competition: "counter" };
        const economy = loadNumbers(deal);
        priceFast(economy, chosen);
        fc.pre(economy.feasible);
        const exposure = Array<number>(deal.parties).fill(0);
        tradeEnds(deal.kind, deal.parties).forEach(([, b], j) => {
          exposure[b] += deal.counters?.[j] ?? 0;
        });
        for (let v = 0; v < deal.parties; v++) {
          expect(economy.hurdle[v]).toBe(deal.hurdles[v] + exposure[v]);
          expect(economy.net[v] - exposure[v]).toBeGreaterThanOrEqual(
            deal.hurdles[v] - tolerance(deal),
          );
        }
      }),
    );
  });

  it("gives a deal feasible only within the tolerance the room of its lowered hurdles", () => {
    // a→b: m = 100, c = 0; b→a: m = 0, c = 100.00000005. Before discounts a nets
    // 100 − 100.00000005 = −5e-8 and b nets 0; only a can give (b's margin is 0), which
    // only makes a worse: the fair level is −5e-8, above −1e-9 · 100, so the deal is
    // feasible within the tolerance. With the hurdles lowered by 5e-8, F is the single
    // point d = 0: both ranges collapse, nets −5e-8 and 0.
    const deal: DealNumbers = {
      kind: "cycle",
      parties: 2,
      margins: [100, 0],
      premiums: [0, 100.00000005],
      hurdles: [0, 0],
      fixed: [null, null],
      initiator: -1,
      scale: 1,
    };
    const economy = loadNumbers(deal);
    priceFast(economy, "fair");
    expect(economy.feasible).toBe(true);
    expect(economy.fairLevel).toBeLessThan(0);
    computeRoom(economy);
    const { discount, net } = rangesOf(economy);
    expect(economy.fairLevel).toBeCloseTo(-5e-8, 12);
    expect(discount).toEqual([
      [0, 0],
      [0, 0],
    ]);
    for (const [low, high] of net) {
      expect(low).toBeLessThanOrEqual(high);
      expect(low).toBeCloseTo(0, 6);
      expect(high).toBeCloseTo(0, 6);
    }
  });

  it("works the steel/valves triangle by hand", () => {
    // Trades S→M (steel→valveco), M→D (valveco→developer), S→D (steel→developer):
    // m = 180,000, 9,000, 900,000; c = −5,000, 3,500, 220,000; hurdles 0, 2,000, 0.
    // Bases: S 1,080,000; M 9,000 + 5,000 = 14,000; D −223,500.
    // F: d_SM + d_SD ≤ 1,080,000; d_MD − d_SM ≤ 12,000; d_MD + d_SD ≥ 223,500.
    //   d_SM ∈ [0, 180,000]; d_MD ∈ [0, 9,000]; d_SD ∈ [223,500 − 9,000, 900,000] = [214,500, 900,000].
    //   steel: 1,080,000 − 180,000 − 900,000 = 0 … 1,080,000 − 214,500 = 865,500;
    //   valveco: 14,000 − 9,000 = 5,000 … 14,000 + 180,000 = 194,000;
    //   developer: 0 … −223,500 + 9,000 + 900,000 = 685,500.
    const deal: DealNumbers = {
      kind: "brokered",
      parties: 3,
      margins: [180_000, 9_000, 900_000],
      premiums: [-5_000, 3_500, 220_000],
      hurdles: [0, 2_000, 0],
      fixed: [null, null, null],
      initiator: 0,
      scale: 1,
    };
    const economy = loadNumbers(deal);
    priceFast(economy, "initiator");
    computeRoom(economy);
    expect(rangesOf(economy)).toEqual({
      discount: [
        [0, 180_000],
        [0, 9_000],
        [214_500, 900_000],
      ],
      net: [
        [0, 865_500],
        [5_000, 194_000],
        [0, 685_500],
      ],
    });
    // acme-valves, the developer's valve incumbent, could cut to 81: counter (95 − 81)·300 = 4,200.
    // Under the counter the developer's hurdle is 4,200: steel must give 218,700 at least.
    const countered = loadNumbers({
      ...deal,
      counters: [null, 4_200, null],
      competition: "counter",
    });
    priceFast(countered, "initiator");
    computeRoom(countered);
    expect(countered.discount[2]).toBe(218_700);
    expect(rangesOf(countered).discount[2]).toEqual([218_700, 900_000]);
    expect(rangesOf(countered).net[2]).toEqual([4_200, 685_500]);
    expect(rangesOf(countered).net[0]).toEqual([0, 861_300]);
  });
});
