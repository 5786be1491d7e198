/**
 * The neighbourhood the explorer ships: the firms within `hops` trades of a
 * firm, checked against a breadth-first search over `potentialTrades`, and
 * exact for the firm's deals of up to hops + 1 parties, counters included.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findDeals } from "../../src/economics/find-deals.js";
import { neighbourhoodOf } from "../../src/interop/neighbourhood.js";
import { UsageError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Network } from "../../src/model/types.js";
import { incumbentFloorOf } from "../../src/trade-index/incumbent-floors.js";
import { potentialTrades } from "../../src/trade-index/potential-trades.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { randomNetwork } from "../helpers/random-network.js";

/** The oracle: a plain BFS over the potential trades as an undirected graph. */
function firmsWithin(network: Network, centre: string, hops: number): Set<string> {
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    neighbours.get(a)!.add(b);
  };
  for (const t of potentialTrades(network)) {
    link(t.seller, t.buyer);
    link(t.buyer, t.seller);
  }
  const seen = new Set([centre]);
  let frontier = [centre];
  for (let d = 0; d < hops; d++) {
    const next: string[] = [];
    for (const f of frontier) {
      for (const g of neighbours.get(f) ?? []) {
        if (!seen.has(g)) {
          seen.add(g);
          next.push(g);
        }
      }
    }
    frontier = next;
  }
  return seen;
}

const cases = randomNetwork({ maxFirms: 9, maxProducts: 3 }).chain((json) =>
  fc.record({
    json: fc.constant(json),
    centre: fc.constantFrom(...json.firms.map((f) => f.id)),
    hops: fc.integer({ min: 1, max: 2 }),
    competition: fc.constantFrom("none" as const, "counter" as const),
  }),
);

describe("neighbourhoodOf", () => {
  it("keeps exactly the firms within hops trades, in the network's order", () => {
    fc.assert(
      fc.property(cases, ({ json, centre, hops }) => {
        const network = parseNetwork(json);
        const around = neighbourhoodOf(network, centre, { hops });
        const expected = firmsWithin(network, centre, hops);
        expect(around.firms.map((f) => f.id)).toEqual(
          network.firms.map((f) => f.id).filter((id) => expected.has(id)),
        );
        for (const r of around.relations ?? []) {
          expect(expected.has(r.seller) && expected.has(r.buyer)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("has the same deals of the centre, figures and counters included", () => {
    fc.assert(
      fc.property(cases, ({ json, centre, hops, competition }) => {
        const network = parseNetwork(json);
        const options = {
          initiator: centre,
          kinds: ["cycle", "brokered", "chain"] as const,
          maxParties: hops + 1,
          top: Number.POSITIVE_INFINITY,
          includeInfeasible: true,
          room: true,
          competition,
        };
        const around = neighbourhoodOf(network, centre, { hops });
        expect(findDeals(around, options)).toEqual(findDeals(network, options));
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the trades among its firms and every need's incumbent floor (so every counter)", () => {
    fc.assert(
      fc.property(cases, ({ json, centre, hops }) => {
        const network = parseNetwork(json);
        const around = neighbourhoodOf(network, centre, { hops: hops - 1 });
        const kept = new Set(around.firms.map((f) => f.id));
        const among = [...potentialTrades(network)].filter(
          (t) => kept.has(t.seller) && kept.has(t.buyer),
        );
        expect([...potentialTrades(around)]).toEqual(among);
        const whole = tradeIndexOf(network);
        const part = tradeIndexOf(around);
        for (const firm of around.firms) {
          for (const need of firm.needs ?? []) {
            const floor = (index: typeof whole) =>
              incumbentFloorOf(
                index,
                index.findNeed(index.firmIndex(firm.id), index.productIndex(need.product)),
              );
            expect(floor(part)).toBe(floor(whole));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("writes the floor of an incumbent it leaves out into the need", () => {
    // far is c's incumbent for x at cost 3; far trades only with d, two hops from a.
    const network = parseNetwork({
      firms: [
        {
          id: "a",
          offers: [{ product: "x", price: 10, cost: 1, capacity: 5 }],
          needs: [{ product: "y", quantity: 5 }],
        },
        {
          id: "c",
          offers: [{ product: "y", price: 10, cost: 1, capacity: 5 }],
          needs: [{ product: "x", quantity: 5, referencePrice: 9, incumbent: "far" }],
        },
        { id: "d", needs: [{ product: "y", quantity: 1 }] },
        {
          id: "far",
          offers: [
            { product: "x", price: 9, cost: 3, capacity: 5 },
            { product: "z", price: 2, cost: 1, capacity: 1 },
          ],
        },
        {
          id: "e",
          offers: [{ product: "w", price: 2, cost: 1, capacity: 1 }],
          needs: [{ product: "z", quantity: 1 }],
        },
      ],
    });
    const around = neighbourhoodOf(network, "a", { hops: 1 });
    expect(around.firms.map((f) => f.id)).toEqual(["a", "c"]);
    expect(around.firms[1]!.needs).toEqual([
      { product: "x", quantity: 5, referencePrice: 9, incumbent: "far", incumbentFloor: 3 },
    ]);
    // a → c: counter (9 − 3) · 5 = 30, the same as in the whole network.
    const [deal] = findDeals(around, { initiator: "a" });
    expect(deal!.trades.find((t) => t.seller === "a")!.counter).toBe(30);
  });

  it("refuses an unknown firm and a bad number of hops", () => {
    const network = parseNetwork({ firms: [{ id: "a" }] });
    expect(() => neighbourhoodOf(network, "b")).toThrow(UsageError);
    expect(() => neighbourhoodOf(network, "a", { hops: -1 })).toThrow(UsageError);
    expect(() => neighbourhoodOf(network, "a", { hops: 1.5 })).toThrow(UsageError);
    expect(neighbourhoodOf(network, "a", { hops: 0 }).firms.map((f) => f.id)).toEqual(["a"]);
  });
});
