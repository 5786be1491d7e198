/**
 * Metamorphic properties of the deal search: the order of firms, offers,
 * needs and relations in the input changes nothing (same deals, same ids, in
 * the same order); an unrelated firm adds no deal; the ids are unique.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNetwork } from "../../src/model/parse-network.js";
import { DealCursor } from "../../src/search/deal-cursor.js";
import { dealId } from "../../src/search/deal-id.js";
import { dealKinds } from "../../src/search/kinds.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";
import type { PlainNetwork } from "./brute-force-deals.js";
import { smallNetwork } from "./small-network.js";

function listIds(network: PlainNetwork, maxParties: number, initiator?: string): string[] {
  const index = tradeIndexOf(parseNetwork(network));
  const cursor = new DealCursor(index, {
    kinds: dealKinds,
    maxParties,
    initiator: initiator === undefined ? -1 : index.firmIndex(initiator),
  });
  const ids: string[] = [];
  while (cursor.next()) ids.push(dealId(index, cursor.kind, cursor.trades, cursor.size));
  return ids;
}

/** `items` reordered by the sort keys `keys` (one per item; missing keys count as 0). */
function permute<T>(items: readonly T[] | undefined, keys: readonly number[]): T[] {
  return (items ?? [])
    .map((item, i) => ({ item, key: keys[i] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.item);
}

const keys = fc.array(fc.nat(), { minLength: 8, maxLength: 8 });

describe("DealCursor metamorphic properties", () => {
  it("lists the same ids in the same order whatever the order of the input", () => {
    fc.assert(
      fc.property(
        smallNetwork(),
        keys,
        keys,
        fc.integer({ min: 2, max: 4 }),
        (network, firmKeys, listKeys, maxParties) => {
          const shuffled: PlainNetwork = {
            firms: permute(network.firms, firmKeys).map((firm) => ({
              ...firm,
              offers: permute(firm.offers, listKeys),
              needs: permute(firm.needs, [...listKeys].reverse()),
            })),
            relations: permute(network.relations, listKeys),
          };
          const ids = listIds(network, maxParties);
          expect(new Set(ids).size).toBe(ids.length);
          expect(listIds(shuffled, maxParties)).toEqual(ids);
          const someone = network.firms[firmKeys[0] % network.firms.length].id;
          expect(listIds(shuffled, maxParties, someone)).toEqual(
            listIds(network, maxParties, someone),
          );
        },
      ),
    );
  });

  it("lists the same ids when a firm that trades with no one joins", () => {
    fc.assert(
      fc.property(smallNetwork(), fc.integer({ min: 2, max: 4 }), (network, maxParties) => {
        const loner = {
          id: "loner",
          offers: [{ product: "nobody-needs", price: 1, cost: 0, capacity: 1 }],
          needs: [{ product: "nobody-sells", quantity: 1 }],
        };
        const bigger: PlainNetwork = { ...network, firms: [loner, ...network.firms] };
        expect(listIds(bigger, maxParties).sort()).toEqual(listIds(network, maxParties).sort());
        expect(listIds(bigger, maxParties, "loner")).toEqual([]);
      }),
    );
  });
});
