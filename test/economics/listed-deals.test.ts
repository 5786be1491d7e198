/**
 * Deals taken back from a listing (`select --candidates`): a listing's deals
 * re-derived from the network are the deals `findDeals` gives, under the
 * listing's pricing or any other; a DEAL that is not one of the network's is
 * a ListingError naming its place.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dealToJson } from "../../src/economics/deal-json.js";
import { findDeals } from "../../src/economics/find-deals.js";
import type { FindDealsOptions } from "../../src/economics/find-options.js";
import { listedDeals } from "../../src/economics/listed-deals.js";
import { ListingError } from "../../src/economics/listing-error.js";
import type { PricingOptions } from "../../src/economics/pricing-options.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { randomNetworkAndOptions } from "../helpers/search-options.js";
import { twoFirmCycle } from "../helpers/two-firm-cycle.js";

const pricingOf = ({ initiator, policy, objective, room, competition }: FindDealsOptions) =>
  ({ initiator, policy, objective, room, competition }) satisfies PricingOptions;

describe("listedDeals", () => {
  it("re-derives a listing's deals as findDeals gives them, under its pricing or another", () => {
    fc.assert(
      fc.property(
        randomNetworkAndOptions({ maxFirms: 6, maxProducts: 2 }),
        fc.record({ room: fc.boolean(), competition: fc.constantFrom("none", "counter") }),
        fc.constantFrom("fair", "minimal"),
        ({ network, options: searched }, pricing, otherPolicy) => {
          const options = { ...searched, ...pricing } as FindDealsOptions;
          const found = findDeals(network, options);
          const listing = found.map((deal, i) => ({
            deal: JSON.parse(JSON.stringify(dealToJson(deal))),
            where: `line ${i + 1}`,
          }));
          expect([...listedDeals(network, listing, pricingOf(options))]).toEqual(found);
          // Priced again under another policy: each deal as a full search under it prices it.
          const other = { ...options, policy: otherPolicy as "fair" | "minimal" };
          const byId = new Map(
            findDeals(network, {
              ...other,
              top: Number.POSITIVE_INFINITY,
              includeInfeasible: true,
            }).map((d) => [d.id, d]),
          );
          for (const deal of listedDeals(network, listing, pricingOf(other))) {
            expect(deal).toEqual(byId.get(deal.id));
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it("refuses a DEAL that is not one of the network's, naming its place", () => {
    // a ⇄ b trade x and y: margin 5 each, premium 1 each (switching cost); hand-built.
    const network = parseNetwork(twoFirmCycle([{ id: "c" }]));
    const cycle = {
      id: "cycle:a>b:x|b>a:y",
      kind: "cycle",
      trades: [
        { seller: "a", buyer: "b", product: "x" },
        { seller: "b", buyer: "a", product: "y" },
      ],
    };
    const take = (deal: unknown, options = {}) => [
      ...listedDeals(network, [{ deal, where: "deals.json line 7" }], options),
    ];
    expect(take(cycle).map((d) => d.id)).toEqual([cycle.id]);
    // The trades in another order are the same deal.
    expect(take({ ...cycle, trades: [...cycle.trades].reverse() })[0]?.surplus).toBe(8);
    const bad = [
      { ...cycle, id: "cycle:b>a:y|a>b:x" },
      { ...cycle, kind: "chain" },
      { ...cycle, kind: "loop" },
      { ...cycle, trades: [{ seller: "a", buyer: "c", product: "x" }, cycle.trades[1]] },
      { ...cycle, trades: [{ seller: "a", buyer: "b", product: "zzz" }, cycle.trades[1]] },
      { ...cycle, trades: "none" },
      { ...cycle, id: 3 },
      null,
    ];
    for (const deal of bad) {
      expect(() => take(deal)).toThrow(ListingError);
      try {
        take(deal);
      } catch (error) {
        expect((error as ListingError).issues[0]?.path).toBe("deals.json line 7");
      }
    }
    expect(() => take(cycle, { initiator: "c" })).toThrow(ListingError);
    // Both buyers pay 12 today: premium (10 − 12)·1 = −2 each, so no trade needs the other.
    const cheaper = parseNetwork({
      firms: network.firms.map((f) => ({
        ...f,
        needs: (f.needs ?? []).map((n) => ({
          product: n.product,
          quantity: n.quantity,
          referencePrice: 12,
        })),
      })),
    });
    expect(() => [...listedDeals(cheaper, [{ deal: cycle, where: "line 1" }])]).toThrow(
      /not reciprocal/,
    );
  });
});
