/**
 * A ranking of the best N deals by a surplus objective passes over deals
 * whose surplus (summed from `tradeSurpluses`, without loading them) is
 * surely below the worst kept score (`surplusFloor`). Checked against the
 * plain oracle — the full listing (which never passes over a deal) sorted
 * and cut at N — on random networks with many deals and small N, and on
 * complete graphs, where every cycle of k parties ties at 350·k and only the
 * ids tell them apart: a deal tying the worst kept score must still come in.
 * The table itself: by hand, filled in parts for worker threads, and read
 * from a snapshot that stores it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Objective } from "../../src/economics/deal.js";
import { findDeals, iterateDeals, rankDealsAsync } from "../../src/economics/find-deals.js";
import type { FindDealsOptions } from "../../src/economics/find-options.js";
import { surplusFloor } from "../../src/economics/objective.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { DealKind } from "../../src/search/kinds.js";
import { TradeIndex, tradeIndexOf } from "../../src/trade-index/trade-index.js";
import {
  adoptTradeSurpluses,
  fillSharedSurpluses,
  fillTradeSurpluses,
  sharedTradeSurpluses,
  surplusSectionName,
  tradeSurpluses,
} from "../../src/trade-index/trade-surplus.js";
import { completeGraph } from "../helpers/complete-graph.js";
import { randomNetwork } from "../helpers/random-network.js";
import { byRank } from "../helpers/search-options.js";
import { assertOnSnapshots } from "../helpers/snapshot-round-trip.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";
import "../../src/node.js";

/** The ids and scores of a listing, what two rankings are compared by. */
const listed = (deals: Iterable<{ readonly id: string; readonly score: number }>) =>
  [...deals].map(({ id, score }) => ({ id, score }));

describe("surplusFloor", () => {
  it("lies 10⁻⁹ below a positive threshold under the surplus objectives, and bounds nothing otherwise", () => {
    expect(surplusFloor("surplus", 1000)).toBe(1000 - 1e-6);
    expect(surplusFloor("expectedSurplus", 350)).toBe(350 - 3.5e-7);
    expect(surplusFloor("surplus", 0)).toBe(Number.NEGATIVE_INFINITY);
    expect(surplusFloor("expectedSurplus", -5)).toBe(Number.NEGATIVE_INFINITY);
    expect(surplusFloor("surplus", Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(surplusFloor("initiatorNet", 1000)).toBe(Number.NEGATIVE_INFINITY);
    expect(surplusFloor("expectedInitiatorNet", 1000)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("tradeSurpluses", () => {
  it("holds each trade's margin at its quantity less its premium", () => {
    // a sells x at 10 (cost 4, capacity 5) to b, who needs 3 at reference 9
    // with switching cost 2: q = 3, m = (10 − 4)·3 = 18, c = (10 − 9)·3 + 2 = 5.
    const network = parseNetwork({
      firms: [
        { id: "a", offers: [{ product: "x", price: 10, cost: 4, capacity: 5 }], needs: [] },
        {
          id: "b",
          offers: [],
          needs: [{ product: "x", quantity: 3, referencePrice: 9, switchingCost: 2 }],
        },
      ],
    });
    expect([...(tradeSurpluses(tradeIndexOf(network)) ?? [])]).toEqual([13]);
  });
});

describe("a bounded ranking by a surplus objective", () => {
  it("is the full listing sorted and cut at top, on networks with many deals", () => {
    const cases = randomNetwork({ maxFirms: 8, maxProducts: 2 }).chain((raw) =>
      fc.record({
        raw: fc.constant(raw),
        objective: fc.constantFrom<Objective>("surplus", "expectedSurplus"),
        competition: fc.constantFrom("none" as const, "counter" as const),
        kinds: fc.subarray<DealKind>(["cycle", "brokered", "chain"], { minLength: 1 }),
        maxParties: fc.integer({ min: 2, max: 4 }),
        top: fc.integer({ min: 1, max: 4 }),
      }),
    );
    fc.assert(
      fc.property(cases, ({ raw, ...options }) => {
        const network = parseNetwork(raw);
        const all = [...iterateDeals(network, options)].sort(byRank);
        expect(listed(findDeals(network, options))).toEqual(listed(all.slice(0, options.top)));
      }),
      { numRuns: 300 },
    );
  });

  it("lets in a deal that ties the worst kept score (complete graphs: ties broken by id)", () => {
    const network = parseNetwork(completeGraph(5));
    for (const maxParties of [2, 3, 4]) {
      const all = [...iterateDeals(network, { maxParties })].sort(byRank);
      for (const top of [1, 3, 7, 11]) {
        const options: FindDealsOptions = { maxParties, top, objective: "surplus" };
        expect(listed(findDeals(network, options))).toEqual(listed(all.slice(0, top)));
      }
    }
  });

  it("is the same on worker threads, which share the trades' surpluses", async () => {
    // Top 3: each chunk's own ranking is full after 3 deals, and passes over the rest.
    const network = parseNetwork(completeGraph(7));
    const options: FindDealsOptions = { maxParties: 4, top: 3, objective: "expectedSurplus" };
    const all = [...iterateDeals(network, { maxParties: 4 })].sort(byRank);
    const ranked = await rankDealsAsync(network, { ...options, threads: 2 });
    try {
      expect(listed(ranked)).toEqual(listed(all.slice(0, 3)));
    } finally {
      ranked.close();
    }
  });
});

describe("a shared table of trade surpluses", () => {
  it("is the table built on one thread once it is written, and none before", () => {
    const network = parseNetwork(completeGraph(7));
    const built = tradeSurpluses(tradeIndexOf(network));
    // A second index of the same network: a worker thread's view of a shared table.
    const view = tradeIndexOf(parseNetwork(completeGraph(7)));
    const table = sharedTradeSurpluses(view);
    adoptTradeSurpluses(view, table);
    expect(table.stored).toBe(false);
    expect(tradeSurpluses(view)).toBeUndefined();
    fillSharedSurpluses(view, table);
    expect(built).toHaveLength(7 * 6);
    expect(tradeSurpluses(view)).toEqual(built);
  });
});

describe("a snapshot's table of trade surpluses", () => {
  const dir = temporaryFolder("rd-surplus-");

  it("is read from the snapshot, which stores the table built from the index, and is shared ready", async () => {
    await assertOnSnapshots(
      dir,
      ({ network, back, file }) => {
        expect(file?.has(surplusSectionName)).toBe(true);
        const index = tradeIndexOf(back);
        const stored = file?.typed(surplusSectionName, "f64");
        // The table is the stored section itself, not a pass over the trades.
        expect(tradeSurpluses(index)).toBe(stored);
        // Stored exact: a fresh float64 fill of the original network's index.
        const exact = new Float64Array(stored?.length ?? 0);
        fillTradeSurpluses(new TradeIndex(network), exact);
        expect(tradeSurpluses(index)).toEqual(exact);
        // Worker threads get it ready, nothing to write.
        const shared = sharedTradeSurpluses(index);
        expect(shared.values).toBe(stored);
        expect(shared.stored).toBe(true);
      },
      20,
    );
  });
});
