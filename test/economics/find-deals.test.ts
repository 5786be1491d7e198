/**
 * `findDeals` and `iterateDeals` against simple oracles: the ranked list is
 * the full listing sorted by (score to 12 significant digits desc, id asc)
 * and cut at `top`; filters
 * are the plain filters of the full listing; every deal is what `scoreDeal`
 * and the LP reference say of its trades.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Deal, Policy } from "../../src/economics/deal.js";
import { DealEconomy } from "../../src/economics/deal-economy.js";
import { findDeals, iterateDeals } from "../../src/economics/find-deals.js";
import { defaultFindOptions, type FindDealsOptions } from "../../src/economics/find-options.js";
import { priceByLp } from "../../src/economics/price-lp.js";
import { scoreDeal } from "../../src/economics/score-deal.js";
import { UsageError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { DealKind } from "../../src/search/kinds.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { byRank, randomNetworkAndOptions } from "../helpers/search-options.js";
import { twoFirmCycle } from "../helpers/two-firm-cycle.js";

const networkAndOptions = randomNetworkAndOptions({ maxFirms: 6, maxProducts: 2 });

describe("findDeals", () => {
  it("is the full listing ranked by score then id, cut at top", () => {
    fc.assert(
      fc.property(networkAndOptions, ({ network, options }) => {
        const all = [...iterateDeals(network, options)];
        const ranked = findDeals(network, options);
        expect(ranked).toEqual([...all].sort(byRank).slice(0, options.top));
        expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
        if (!options.includeInfeasible) expect(all.every((d) => d.feasible)).toBe(true);
      }),
    );
  });

  it("lists the feasible deals of the infeasible-inclusive listing, and filters key accounts", () => {
    fc.assert(
      fc.property(networkAndOptions, ({ network, options }) => {
        const everything = [...iterateDeals(network, { ...options, includeInfeasible: true })];
        const feasible = [...iterateDeals(network, { ...options, includeInfeasible: false })];
        expect(feasible).toEqual(everything.filter((d) => d.feasible));
        const keyAccounts = new Set(network.firms.filter((f) => f.keyAccount).map((f) => f.id));
        const buysFromInitiator = (d: Deal) =>
          d.trades.some(
            (t) =>
              keyAccounts.has(t.buyer) &&
              (options.initiator === undefined || t.seller === options.initiator),
          );
        const filtered = [
          ...iterateDeals(network, { ...options, includeInfeasible: true, keyAccountsOnly: true }),
        ];
        expect(filtered).toEqual(everything.filter(buysFromInitiator));
      }),
    );
  });

  it("prices every deal as scoreDeal and the LP reference do", () => {
    fc.assert(
      fc.property(networkAndOptions, ({ network, options }) => {
        const index = tradeIndexOf(network);
        const initiator = options.initiator === undefined ? -1 : index.firmIndex(options.initiator);
        for (const deal of iterateDeals(network, { ...options, includeInfeasible: true })) {
          const specs = [...deal.trades]
            .reverse()
            .map(({ seller, buyer, product }) => ({ seller, buyer, product }));
          const { kinds: _k, maxParties: _m, includeInfeasible: _i, top: _t, ...pricing } = options;
          expect(scoreDeal(network, specs, { ...pricing, kind: deal.kind as DealKind })).toEqual(
            deal,
          );
          // The LP on the same trades: same feasibility and score (the score is unique).
          const economy = new DealEconomy(4);
          const ids = deal.trades.map((t) =>
            index.findTrade(
              index.firmIndex(t.seller),
              index.firmIndex(t.buyer),
              index.productIndex(t.product),
            ),
          );
          economy.loadIndexDeal(index, deal.kind as DealKind, ids, ids.length, initiator);
          expect(priceByLp(economy, options.policy)).toBe("optimal");
          const scale = Math.max(1, ...deal.trades.flatMap((t) => [t.margin, Math.abs(t.premium)]));
          expect(economy.feasible).toBe(deal.feasible);
          const lpNet = economy.initiatorParty < 0 ? 0 : economy.net[economy.initiatorParty];
          expect(Math.abs(lpNet - (deal.initiator?.net ?? 0))).toBeLessThanOrEqual(1e-9 * scale);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("throws UsageError on misuse, before searching", () => {
    const network = parseNetwork({ firms: [{ id: "a" }, { id: "b" }] });
    const bad: FindDealsOptions[] = [
      { initiator: "nobody" },
      { policy: "initiator" },
      { objective: "initiatorNet" },
      { objective: "expectedInitiatorNet" },
      { maxParties: 1 },
      { maxParties: 2.5 },
      { top: -1 },
      { top: 1.5 },
      { kinds: ["loop" as DealKind] },
      { policy: "greedy" as Policy },
      { shard: { current: 0, total: 2 } },
      { shard: { current: 3, total: 2 } },
      { shard: { current: 1, total: 0 } },
      { memoryBudget: 0 },
      { memoryBudget: Number.NaN },
    ];
    for (const options of bad) {
      expect(() => findDeals(network, options)).toThrow(UsageError);
      expect(() => iterateDeals(network, options)).toThrow(UsageError);
    }
    expect(findDeals(network, { initiator: "a", objective: "initiatorNet" })).toEqual([]);
    expect(defaultFindOptions).toMatchObject({
      maxParties: 3,
      top: 20,
      kinds: ["cycle", "brokered"],
    });
  });

  it("stops with the signal's reason, and reports progress at the end", () => {
    const network = parseNetwork(twoFirmCycle());
    const reason = new Error("stop");
    const controller = new AbortController();
    controller.abort(reason);
    expect(() => findDeals(network, { signal: controller.signal })).toThrow(reason);
    const seen: number[] = [];
    // a→b and b→a: margin 5 each, premium 1 each (switching cost): one 2-cycle.
    expect(findDeals(network, { onProgress: (stats) => seen.push(stats.deals) }).length).toBe(1);
    expect(seen).toEqual([1]);
  });
});
