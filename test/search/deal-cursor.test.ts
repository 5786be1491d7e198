/**
 * The deal cursor against the brute-force enumerator: every kind, maxParties
 * 2..5, over the whole network and around every firm, on random small
 * networks.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNetwork } from "../../src/model/parse-network.js";
import { DealCursor } from "../../src/search/deal-cursor.js";
import { dealId } from "../../src/search/deal-id.js";
import { type DealKind, dealKinds } from "../../src/search/kinds.js";
import { type TradeIndex, tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { bruteForceDeals } from "./brute-force-deals.js";
import { smallNetwork } from "./small-network.js";

/** The ids the cursor lists, in its order. */
function cursorIds(
  index: TradeIndex,
  kinds: readonly DealKind[],
  maxParties: number,
  initiator: string | undefined,
): string[] {
  const cursor = new DealCursor(index, {
    kinds,
    maxParties,
    initiator: initiator === undefined ? -1 : index.firmIndex(initiator),
  });
  const ids: string[] = [];
  while (cursor.next()) ids.push(dealId(index, cursor.kind, cursor.trades, cursor.size));
  expect(cursor.stats.deals).toBe(ids.length);
  expect(cursor.stats.rootsDone).toBe(cursor.stats.rootsTotal);
  return ids;
}

const sorted = (ids: string[]) => [...ids].sort();

describe.each([2, 3, 4, 5])("DealCursor, maxParties %i", (maxParties) => {
  it("lists exactly the brute-force deals, each once, globally and around every firm", () => {
    fc.assert(
      fc.property(
        smallNetwork(),
        fc.subarray([...dealKinds], { minLength: 1 }),
        (network, kinds) => {
          const expected = bruteForceDeals(network, maxParties).filter((d) =>
            kinds.includes(d.kind),
          );
          const index = tradeIndexOf(parseNetwork(network));
          const aroundEveryFirm = () => {
            for (const firm of network.firms) {
              const around = cursorIds(index, kinds, maxParties, firm.id);
              expect(new Set(around).size).toBe(around.length);
              const mine = expected.filter((d) => d.parties.includes(firm.id)).map((d) => d.id);
              expect(sorted(around)).toEqual(sorted(mine));
            }
          };
          // Around each firm on the index's own firm order, then again once a
          // global search has relabelled the search graph in BFS order.
          aroundEveryFirm();
          const global = cursorIds(index, kinds, maxParties, undefined);
          expect(new Set(global).size).toBe(global.length);
          expect(sorted(global)).toEqual(sorted(expected.map((d) => d.id)));
          aroundEveryFirm();
        },
      ),
    );
  });
});

describe("DealCursor on networks where pairs trade several products", () => {
  it("agrees with the brute force when every firm offers and needs every product", () => {
    const dense = smallNetwork({ maxFirms: 4 }).map((network) => ({
      ...network,
      firms: network.firms.map((f) => ({
        id: f.id,
        offers: ["p", "q"].map((product, i) => ({ product, price: 10, cost: 2, capacity: 2 + i })),
        needs: ["p", "q"].map((product, i) => ({
          product,
          quantity: 3 - i,
          referencePrice: product === "p" ? 12 : 8,
        })),
      })),
    }));
    fc.assert(
      fc.property(dense, fc.integer({ min: 2, max: 4 }), (network, maxParties) => {
        const index = tradeIndexOf(parseNetwork(network));
        const expected = bruteForceDeals(network, maxParties).map((d) => d.id);
        expect(sorted(cursorIds(index, [...dealKinds], maxParties, undefined))).toEqual(
          sorted(expected),
        );
      }),
    );
  });
});
