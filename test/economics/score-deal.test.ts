/**
 * `scoreDeal`: shape recognition whatever the trades' order, the usage errors,
 * and custom deals priced by the LP checked by an independent validator.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recognizeShape } from "../../src/economics/deal-shape.js";
import { scoreDeal, type TradeSpec } from "../../src/economics/score-deal.js";
import { UsageError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";

/** Firms a..e; each sells its own product `p-<id>` to anyone and needs every other firm's. */
const firms = ["a", "b", "c", "d", "e"];
const network = parseNetwork({
  firms: firms.map((id, i) => ({
    id,
    hurdle: i * 10,
    keyAccount: id === "c",
    offers: [{ product: `p-${id}`, price: 100 + i, cost: 60, capacity: 10 }],
    needs: firms
      .filter((other) => other !== id)
      .map((other) => ({
        product: `p-${other}`,
        quantity: 5,
        referencePrice: 95,
        switchingCost: 20 * i,
      })),
  })),
  relations: [{ seller: "e", buyer: "a", blocked: true }],
});
const trade = (seller: string, buyer: string): TradeSpec => ({
  seller,
  buyer,
  product: `p-${seller}`,
});

describe("recognizeShape", () => {
  const t = (seller: number, buyer: number, product = 0) => ({ seller, buyer, product });
  it("recognizes each shape in any order and puts it in SPEC §4 order", () => {
    const cases = [
      { trades: [t(2, 0), t(0, 1), t(1, 2)], kind: "cycle", order: [t(0, 1), t(1, 2), t(2, 0)] },
      { trades: [t(1, 0), t(0, 1)], kind: "cycle", order: [t(0, 1), t(1, 0)] },
      { trades: [t(3, 1), t(1, 0), t(3, 0)], kind: "brokered", order: [t(3, 1), t(1, 0), t(3, 0)] },
      { trades: [t(0, 2), t(1, 0), t(2, 3)], kind: "chain", order: [t(1, 0), t(0, 2), t(2, 3)] },
      // Two parallel trades, a path of two, a cycle plus a spur: custom, sorted.
      { trades: [t(1, 0, 1), t(1, 0, 0)], kind: "custom", order: [t(1, 0, 0), t(1, 0, 1)] },
      { trades: [t(0, 1)], kind: "custom", order: [t(0, 1)] },
      { trades: [t(1, 0), t(0, 1), t(1, 2)], kind: "custom", order: [t(0, 1), t(1, 0), t(1, 2)] },
      { trades: [t(0, 1), t(2, 3)], kind: "custom", order: [t(0, 1), t(2, 3)] },
    ];
    for (const { trades, kind, order } of cases) {
      fc.assert(
        fc.property(fc.shuffledSubarray(trades, { minLength: trades.length }), (shuffled) => {
          const shape = recognizeShape(shuffled);
          expect(shape.kind).toBe(kind);
          expect(shape.order.map((i) => shuffled[i])).toEqual(order);
        }),
        { numRuns: 20 },
      );
    }
  });
});

describe("scoreDeal", () => {
  it("throws UsageError on misuse", () => {
    const cases: [TradeSpec[], object][] = [
      [[], {}],
      [[{ seller: "x", buyer: "a", product: "p-b" }], {}],
      [[{ seller: "a", buyer: "b", product: "nothing" }], {}],
      [[{ seller: "a", buyer: "a", product: "p-a" }], {}],
      [[{ seller: "a", buyer: "b", product: "p-c" }], {}], // a does not offer p-c
      [[trade("e", "a")], {}], // blocked
      [[trade("a", "b"), trade("a", "b")], {}],
      [[{ ...trade("a", "b"), quantity: 0 }], {}],
      [[{ ...trade("a", "b"), quantity: 6 }], {}], // need is 5
      [[{ ...trade("a", "b"), discount: -1 }], {}],
      [[{ ...trade("a", "b"), discount: 201 }], {}], // margin (100 − 60)·5 = 200
      [[trade("a", "b"), trade("b", "a")], { kind: "brokered" }],
      [[trade("a", "b"), trade("b", "a")], { initiator: "nobody" }],
      [[trade("a", "b"), trade("b", "a")], { policy: "initiator" }],
      [[trade("a", "b"), trade("b", "a")], { objective: "initiatorNet" }],
    ];
    for (const [trades, options] of cases)
      expect(() => scoreDeal(network, trades, options)).toThrow(UsageError);
  });

  it("prices a cycle, a brokered triangle and a chain by the fast path in any trade order", () => {
    // a→b: m = 40·5 = 200, c = (100 − 95)·5 + 20·1 = 45 (b's switching cost 20).
    // b→a: m = 41·5 = 205, c = (101 − 95)·5 + 0 = 30. a: 200 − 30 = 170; b: 205 − 45 = 160, hurdle 10.
    // fair: slacks 170 and 150, room 320, 160 each: a gives b 10; nets a 160, b 10 + 160 = 170.
    const cycle = scoreDeal(network, [trade("b", "a"), trade("a", "b")]);
    expect(cycle.id).toBe("cycle:a>b:p-a|b>a:p-b");
    expect(cycle.trades.map((t) => t.discount)).toEqual([10, 0]);
    expect(cycle.parties.map((p) => p.net)).toEqual([160, 170]);
    const triangle = scoreDeal(network, [trade("a", "c"), trade("b", "c"), trade("a", "b")], {
      initiator: "a",
    });
    expect(triangle.id).toBe("brokered:a>b:p-a|b>c:p-b|a>c:p-a");
    expect(triangle.initiator).toMatchObject({ newCustomers: 2, keyAccountsWon: 1 });
    const chain = scoreDeal(network, [trade("c", "d"), trade("b", "c")], { kind: "chain" });
    expect(chain.id).toBe("chain:b>c:p-b|c>d:p-c");
  });

  it("prices custom deals with the LP within every bound and hurdle", () => {
    const pairs = firms.flatMap((s) =>
      firms.filter((b) => b !== s && !(s === "e" && b === "a")).map((b) => [s, b] as const),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...pairs), {
          minLength: 1,
          maxLength: 5,
          selector: ([s, b]) => `${s}>${b}`,
        }),
        fc.constantFrom("fair", "minimal", "initiator" as const),
        (chosen, policy) => {
          const deal = scoreDeal(
            network,
            chosen.map(([s, b]) => trade(s, b)),
            { initiator: "a", policy },
          );
          const hurdle = (firm: string) => firms.indexOf(firm) * 10;
          const scale = Math.max(
            ...deal.trades.flatMap((t) => [t.margin, Math.abs(t.premium)]),
            40,
          );
          const net = new Map<string, number>();
          for (const t of deal.trades) {
            expect(t.discount).toBeGreaterThanOrEqual(0);
            expect(t.discount).toBeLessThanOrEqual(t.margin);
            net.set(t.seller, (net.get(t.seller) ?? 0) + t.margin - t.discount);
            net.set(t.buyer, (net.get(t.buyer) ?? 0) + t.discount - t.premium);
          }
          for (const party of deal.parties) {
            expect(Math.abs(party.net - net.get(party.firm)!)).toBeLessThanOrEqual(1e-9 * scale);
            if (deal.feasible)
              expect(party.net).toBeGreaterThanOrEqual(hurdle(party.firm) - 1e-9 * scale);
          }
          // Feasible needs room: surplus ≥ Σ hurdles.
          const room = deal.surplus - deal.parties.reduce((s, p) => s + hurdle(p.firm), 0);
          if (room < -1e-6) expect(deal.feasible).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });
});
