/**
 * The fast path against the LP reference and against a brute-force vertex
 * oracle, on random deals including degenerate ones (zero margins, negative
 * premiums, hurdles no discount can meet, exact ties, fixed discounts), plus a
 * validator of the discounts any pricing returns.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Policy } from "../../src/economics/deal.js";
import type { DealEconomy } from "../../src/economics/deal-economy.js";
import { priceFast } from "../../src/economics/price-fast.js";
import { priceByLp } from "../../src/economics/price-lp.js";
import { type DealNumbers, dealNumbers, loadNumbers, tradeEnds } from "./deal-numbers.js";
import { oracleValues } from "./vertex-oracle.js";

const policy = fc.constantFrom<Policy>("initiator", "fair", "minimal");

/** The unique values of a priced economy. */
function values(economy: DealEconomy) {
  let total = 0;
  for (let j = 0; j < economy.tradeCount; j++) total += economy.discount[j];
  const i = economy.initiatorParty;
  return {
    level: economy.fairLevel,
    feasible: economy.feasible,
    totalDiscount: total,
    initiatorNet: i < 0 ? 0 : economy.net[i],
  };
}

/** Tolerance 1e-9 relative to the deal's largest money amount. */
function tolerance(deal: DealNumbers): number {
  return 1e-9 * Math.max(...deal.margins, ...deal.premiums.map(Math.abs), ...deal.hurdles, 1e-300);
}

/** Whether the fair level is too close to the feasibility threshold for two methods to agree on it. */
function nearThreshold(deal: DealNumbers, level: number): boolean {
  return Math.abs(level + tolerance(deal)) <= tolerance(deal) * 1e-3;
}

/**
 * Independent validator: discounts in [0, m], fixed ones kept, nets as SPEC §5
 * defines them, every party at net ≥ hurdle (within the tolerance) when the
 * deal is feasible, and at net ≥ hurdle + fair level when it is not.
 */
function validate(deal: DealNumbers, economy: DealEconomy): void {
  const tol = tolerance(deal);
  const ends = tradeEnds(deal.kind, deal.parties);
  const net = Array<number>(deal.parties).fill(0);
  ends.forEach(([s, b], j) => {
    const d = economy.discount[j];
    expect(d).toBeGreaterThanOrEqual(0);
    expect(d).toBeLessThanOrEqual(deal.margins[j]);
    if (deal.fixed[j] !== null) expect(d).toBe(deal.fixed[j]);
    net[s] += deal.margins[j] - d;
    net[b] += d - deal.premiums[j];
  });
  for (let v = 0; v < deal.parties; v++) {
    expect(Math.abs(economy.net[v] - net[v])).toBeLessThanOrEqual(tol);
    const floor = economy.feasible ? 0 : economy.fairLevel;
    expect(net[v] - deal.hurdles[v]).toBeGreaterThanOrEqual(floor - 2 * tol);
  }
}

describe("fast path pricing", () => {
  it("agrees with the LP reference on the unique values of every policy", () => {
    fc.assert(
      fc.property(dealNumbers(), policy, (deal, chosen) => {
        const fast = loadNumbers(deal);
        priceFast(fast, chosen);
        const lp = loadNumbers(deal);
        expect(priceByLp(lp, chosen)).toBe("optimal");
        const a = values(fast);
        const b = values(lp);
        const tol = tolerance(deal);
        expect(Math.abs(a.level - b.level)).toBeLessThanOrEqual(tol);
        if (!nearThreshold(deal, a.level)) expect(a.feasible).toBe(b.feasible);
        if (a.feasible === b.feasible) {
          expect(Math.abs(a.totalDiscount - b.totalDiscount)).toBeLessThanOrEqual(tol);
          expect(Math.abs(a.initiatorNet - b.initiatorNet)).toBeLessThanOrEqual(tol);
        }
        validate(deal, fast);
        validate(deal, lp);
      }),
    );
  });

  it("agrees with the LP on brokered triangles, whose least discounts leave a free direction", () => {
    // The triangle's optimum is a segment when M can pass on discounts from its own room:
    // the initiator's net (S prefers M to give, M prefers S) decides the end.
    fc.assert(
      fc.property(dealNumbers({ kinds: ["brokered"] }), policy, (deal, chosen) => {
        const fast = loadNumbers(deal);
        priceFast(fast, chosen);
        const lp = loadNumbers(deal);
        expect(priceByLp(lp, chosen)).toBe("optimal");
        const tol = tolerance(deal);
        fc.pre(fast.feasible === lp.feasible);
        expect(Math.abs(values(fast).initiatorNet - values(lp).initiatorNet)).toBeLessThanOrEqual(
          tol,
        );
        expect(Math.abs(values(fast).totalDiscount - values(lp).totalDiscount)).toBeLessThanOrEqual(
          tol,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with a brute-force vertex oracle on deals of up to four trades", () => {
    fc.assert(
      fc.property(dealNumbers({ maxParties: 4 }), policy, (deal, chosen) => {
        fc.pre(tradeEnds(deal.kind, deal.parties).length <= 4);
        const fast = loadNumbers(deal);
        priceFast(fast, chosen);
        const expected = oracleValues(deal, chosen);
        const actual = values(fast);
        const tol = tolerance(deal);
        expect(Math.abs(actual.level - expected.level)).toBeLessThanOrEqual(tol);
        if (nearThreshold(deal, expected.level)) return;
        expect(actual.feasible).toBe(expected.feasible);
        expect(Math.abs(actual.totalDiscount - expected.totalDiscount)).toBeLessThanOrEqual(tol);
        expect(Math.abs(actual.initiatorNet - expected.initiatorNet)).toBeLessThanOrEqual(tol);
      }),
    );
  });

  it("gives the initiator at least as much as any other policy does on a feasible deal", () => {
    fc.assert(
      fc.property(
        dealNumbers({ withFixed: false }),
        fc.constantFrom<Policy>("fair", "minimal"),
        (deal, other) => {
          fc.pre(deal.initiator >= 0);
          const mine = loadNumbers(deal);
          priceFast(mine, "initiator");
          fc.pre(mine.feasible);
          const theirs = loadNumbers(deal);
          priceFast(theirs, other);
          const i = deal.initiator;
          expect(mine.net[i]).toBeGreaterThanOrEqual(theirs.net[i] - tolerance(deal));
        },
      ),
    );
  });

  it("prices a hand-made 2-cycle exactly", () => {
    // a sells to b: m = 100, c = 30; b sells to a: m = 50, c = 80.
    // Before discounts: a = 100 − 80 = 20, b = 50 − 30 = 20; surplus 40; hurdles 0.
    // fair: level 20 = 40 / 2, already reached with no discount: Σd = 0.
    // a as initiator: b must keep ≥ 0, so b gives a its 20 of room: d(b→a) = 20, a nets 40.
    const deal: DealNumbers = {
      kind: "cycle",
      parties: 2,
      margins: [100, 50],
      premiums: [30, 80],
      hurdles: [0, 0],
      fixed: [null, null],
      initiator: 0,
      scale: 1,
    };
    const fair = loadNumbers(deal);
    priceFast(fair, "fair");
    expect([fair.fairLevel, fair.discount[0], fair.discount[1], fair.net[0], fair.net[1]]).toEqual([
      20, 0, 0, 20, 20,
    ]);
    const initiator = loadNumbers(deal);
    priceFast(initiator, "initiator");
    expect([
      initiator.discount[0],
      initiator.discount[1],
      initiator.net[0],
      initiator.net[1],
    ]).toEqual([0, 20, 40, 0]);
    // A hurdle of 50 on b: total room 40 − 50 = −10 < 0, infeasible; fair splits the shortfall:
    // level −5, a at −5, b at 45 (= 50 − 5): b receives 25 from a... a gives d(a→b) = 25.
    const infeasible = loadNumbers({ ...deal, hurdles: [0, 50] });
    priceFast(infeasible, "initiator");
    expect(infeasible.feasible).toBe(false);
    expect([infeasible.fairLevel, infeasible.discount[0], infeasible.discount[1]]).toEqual([
      -5, 25, 0,
    ]);
  });
});
