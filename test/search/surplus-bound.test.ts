/**
 * `SurplusBound`'s reach against a brute-force oracle: on random networks,
 * for every firm and level l, at least the weight of every walk of 1..l
 * arcs from it (firms repeated or not, each arc weighing the largest
 * surplus share of its trades), enumerated one by one; and by hand on the
 * two-firm cycle.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indexOfShare, shareIndex } from "../../src/economics/shared-index.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { SnapshotFile } from "../../src/model/snapshot/snapshot-file.js";
import type { Network } from "../../src/model/types.js";
import { DealCursor } from "../../src/search/deal-cursor.js";
import { dealId } from "../../src/search/deal-id.js";
import type { DealKind } from "../../src/search/kinds.js";
import { searchGraphOf } from "../../src/search/search-graph.js";
import {
  reachSectionName,
  SurplusBound,
  sharedSurplusReach,
  storedReachLevels,
  storedSurplusReach,
} from "../../src/search/surplus-bound.js";
import { TradeIndex, tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { fillTradeSurpluses, tradeSurpluses } from "../../src/trade-index/trade-surplus.js";
import { randomNetwork } from "../helpers/random-network.js";
import { assertOnSnapshots } from "../helpers/snapshot-round-trip.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";
import { twoFirmCycle } from "../helpers/two-firm-cycle.js";

/** The bound of a network's whole-network search graph, for walks of up to `levels` arcs. */
function boundOf(raw: unknown, levels: number) {
  const index = tradeIndexOf(parseNetwork(raw as never));
  const graph = searchGraphOf(index, true);
  const values = tradeSurpluses(index);
  if (values === undefined) throw new Error("no table");
  return { graph, values, index, bound: new SurplusBound(graph, index, values, levels) };
}

describe("SurplusBound", () => {
  it("weighs the two-firm cycle's arcs 4 each: reach 4, 8, 12", () => {
    // Each trade: m = (10 − 5)·1 = 5, c = 1, m − c = 4 (the 2-cycle's surplus is 8).
    const { bound, graph } = boundOf(twoFirmCycle(), 3);
    const n = graph.vertexCount;
    expect(n).toBe(2);
    for (let v = 0; v < n; v++) {
      expect(bound.reach[v]).toBe(4);
      expect(bound.reach[n + v]).toBe(8);
      expect(bound.reach[2 * n + v]).toBe(12);
    }
  });

  it("bounds every walk of 1..l arcs from every firm (brute force)", () => {
    const cases = fc.record({
      raw: randomNetwork({ maxFirms: 6, maxProducts: 3 }),
      levels: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(cases, ({ raw, levels }) => {
        const { graph, bound } = boundOf(raw, levels);
        const { outOffsets, outTarget, outCode, vertexCount: n } = graph;
        // The heaviest walk of exactly 1..l arcs from v, every walk enumerated.
        const heaviest = (v: number, arcs: number): number => {
          let best = Number.NEGATIVE_INFINITY;
          for (let p = outOffsets[v]; p < outOffsets[v + 1]; p++) {
            const weight = bound.arcWeight(outCode[p]);
            best = Math.max(best, weight);
            if (arcs > 1) best = Math.max(best, weight + heaviest(outTarget[p], arcs - 1));
          }
          return best;
        };
        for (let level = 1; level <= levels; level++) {
          for (let v = 0; v < n; v++) {
            const walk = heaviest(v, level);
            const reach = bound.reach[(level - 1) * n + v];
            if (walk === Number.NEGATIVE_INFINITY) expect(reach).toBe(Number.NEGATIVE_INFINITY);
            else expect(reach).toBeGreaterThanOrEqual(walk);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("rounds a reach that float32 cannot hold up, never down", () => {
    // m − c = (10 − 9.3)·3 = 2.1000000000000014, between two float32s.
    const { bound, values } = boundOf(
      {
        firms: [
          { id: "a", offers: [{ product: "x", price: 10, cost: 9.3, capacity: 3 }], needs: [] },
          { id: "b", offers: [], needs: [{ product: "x", quantity: 3 }] },
        ],
      },
      1,
    );
    const exact = (10 - 9.3) * 3;
    expect(Math.fround(exact)).toBeLessThan(exact);
    // The table built in memory holds it rounded up already; the reach keeps it up.
    expect(values[0]).toBeGreaterThanOrEqual(exact);
    expect(bound.reach[0]).toBeGreaterThanOrEqual(exact);
    expect(bound.reach[0] - exact).toBeLessThan(1e-6);
  });

  it("weighs an arc of several trades by the largest of their surplus shares", () => {
    const { index, graph, values, bound } = boundOf(
      {
        firms: [
          {
            id: "a",
            offers: [
              { product: "x", price: 10, cost: 5, capacity: 1 },
              { product: "y", price: 10, cost: 2, capacity: 1 },
            ],
            needs: [],
          },
          {
            id: "b",
            offers: [],
            needs: [
              { product: "x", quantity: 1 },
              { product: "y", quantity: 1 },
            ],
          },
        ],
      },
      1,
    );
    // One arc a→b of two trades: m − c = 5 and 8 (no premium: reference = price, no switching cost).
    expect([...values].sort((a, b) => a - b)).toEqual([5, 8]);
    expect(index.tradeCount).toBe(2);
    expect(graph.outCode[0]).toBeLessThan(0);
    expect(bound.arcWeight(graph.outCode[0])).toBe(8);
  });

  it("keeps a root whose only cycle needs all its arcs to reach the floor (by hand)", () => {
    // a → b → c → a, each trade margin 10 (price 11, cost 1) less premium 1
    // (switching cost 1): each arc weighs 9, the triangle 27. With the floor at
    // 25 the root's reach over two arcs (18) plus its heaviest arc back (9)
    // reaches it; its reach over one arc (9) plus that arc would not.
    const firm = (id: string, sells: string, buys: string) => ({
      id,
      offers: [{ product: sells, price: 11, cost: 1, capacity: 1 }],
      needs: [{ product: buys, quantity: 1, referencePrice: 11, switchingCost: 1 }],
    });
    const raw = { firms: [firm("a", "p", "r"), firm("b", "q", "p"), firm("c", "r", "q")] };
    const { index, bound } = boundOf(raw, 3);
    const listed = (floor: number) => {
      bound.floor = floor;
      const cursor = new DealCursor(index, {
        kinds: ["cycle"],
        maxParties: 3,
        initiator: -1,
        bound,
      });
      const ids: string[] = [];
      while (cursor.next()) ids.push(dealId(index, cursor.kind, cursor.trades, cursor.size));
      return ids;
    };
    expect(listed(25)).toEqual(["cycle:a>b:p|b>c:q|c>a:r"]);
    expect(listed(27)).toEqual(["cycle:a>b:p|b>c:q|c>a:r"]);
    expect(listed(27.5)).toEqual([]);
  });

  it("lets the walks list exactly the cycles, triangles and chains weighing at least the floor (brute force)", () => {
    const cases = fc.record({
      raw: randomNetwork({ maxFirms: 10, maxProducts: 3 }),
      maxParties: fc.integer({ min: 3, max: 5 }),
      kinds: fc.subarray<DealKind>(["cycle", "brokered", "chain"], { minLength: 1 }),
      quantile: fc.double({ min: 0, max: 1, noNaN: true }),
      raiseAfter: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(cases, ({ raw, maxParties, kinds, quantile, raiseAfter }) => {
        const { index, values, graph } = boundOf(raw, maxParties);
        // An arc weighs the largest m − c of the trades between its two firms.
        const arcWeight = new Map<string, number>();
        const arcOf = (t: number) => `${index.tradeSeller(t)}>${index.tradeBuyer(t)}`;
        for (let t = 0; t < index.tradeCount; t++) {
          arcWeight.set(
            arcOf(t),
            Math.max(arcWeight.get(arcOf(t)) ?? Number.NEGATIVE_INFINITY, values[t]),
          );
        }
        /** The deals listed before the floor rises to `floor` (after `raise` deals), and after. */
        const listing = (bound?: SurplusBound, raise = 0, floor = Number.NEGATIVE_INFINITY) => {
          const cursor = new DealCursor(index, { kinds, maxParties, initiator: -1, bound });
          const before = new Map<string, number>();
          const after = new Map<string, number>();
          while (cursor.next()) {
            let weight = 0;
            for (let j = 0; j < cursor.size; j++)
              weight += arcWeight.get(arcOf(cursor.trades[j])) ?? 0;
            const id = dealId(index, cursor.kind, cursor.trades, cursor.size);
            if (before.size < raise) {
              before.set(id, weight);
              if (before.size === raise && bound !== undefined) bound.floor = floor;
            } else after.set(id, weight);
          }
          return { before, after };
        };
        const listed = (bound?: SurplusBound) => listing(bound).after;
        const all = listed();
        const weights = [...all.values()].sort((a, b) => a - b);
        if (weights.length === 0) return;
        const floor = weights[Math.min(weights.length - 1, Math.floor(quantile * weights.length))];
        const bound = new SurplusBound(graph, index, values, maxParties);
        bound.floor = floor;
        const expected = [...all].filter(([, weight]) => weight >= floor).map(([id]) => id);
        expect([...listed(bound).keys()].sort()).toEqual(expected.sort());
        // The floor rises mid-walk (as a ranking fills): every deal at or above it
        // not listed yet still comes (the product choices of a firm sequence
        // already handed out may come too, below it: the scan passes over them).
        const rising = listing(
          new SurplusBound(graph, index, values, maxParties),
          raiseAfter,
          floor,
        );
        for (const id of expected) {
          if (!rising.before.has(id)) expect(rising.after.has(id)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** The stored reach section as floats (it holds their bits as u32). */
function storedBits(file: SnapshotFile | undefined): Float32Array | undefined {
  const bits = file?.typed(reachSectionName, "u32");
  return bits === undefined
    ? undefined
    : new Float32Array(bits.buffer, bits.byteOffset, bits.length);
}

describe("a snapshot's reach", () => {
  const dir = temporaryFolder("rd-reach-");

  /** The reach built (no snapshot) over the original network's BFS graph from the exact table, as `convert` builds it. */
  function builtReach(network: Network, levels: number): Float32Array {
    const index = new TradeIndex(network);
    const exact = new Float64Array(index.tradeCount);
    fillTradeSurpluses(index, exact);
    return new SurplusBound(searchGraphOf(index, true), index, exact, levels).reach;
  }

  it("is the stored section itself for up to 4 levels, equal to the reach built; built on it past them", async () => {
    await assertOnSnapshots(
      dir,
      ({ network, back, file }) => {
        expect(file?.has(reachSectionName)).toBe(true);
        const stored = storedBits(file);
        const index = tradeIndexOf(back);
        const graph = searchGraphOf(index, true);
        const values = tradeSurpluses(index);
        if (values === undefined || stored === undefined) throw new Error("no table");
        expect(stored).toHaveLength(storedReachLevels * graph.vertexCount);
        for (let levels = 1; levels <= storedReachLevels + 2; levels++) {
          const reach = new SurplusBound(graph, index, values, levels).reach;
          expect([...reach]).toEqual([...builtReach(network, levels)]);
          // Read, not built, where the snapshot holds the levels; in shared memory when built.
          expect(reach.buffer === stored.buffer).toBe(levels <= storedReachLevels);
          expect(reach.buffer).toBeInstanceOf(SharedArrayBuffer);
        }
        // Past them, built on the stored levels (not weighing the arcs again):
        // a stored level 1 made larger shows in the levels built on it.
        const n = graph.vertexCount;
        if (n > 0) {
          stored[0] = 1e30;
          const reach = new SurplusBound(graph, index, values, storedReachLevels + 3).reach;
          expect(reach[(storedReachLevels + 2) * n]).toBeGreaterThanOrEqual(1e30);
        }
      },
      20,
    );
  });

  it("goes to worker threads as the stored section, and a thread's walks read it", async () => {
    await assertOnSnapshots(
      dir,
      ({ back, file }) => {
        const stored = storedBits(file);
        const index = tradeIndexOf(back);
        const graph = searchGraphOf(index, true);
        const shared = storedSurplusReach(graph, index, 3);
        expect(shared?.buffer === stored?.buffer).toBe(true);
        expect(shared?.byteOffset).toBe(stored?.byteOffset);
        expect(shared).toHaveLength(stored?.length ?? -1);
        const share = shareIndex(index, graph, false, undefined, shared);
        const threadIndex = indexOfShare(share, () => {
          throw new Error("not asked");
        });
        const values = tradeSurpluses(index);
        if (values === undefined || stored === undefined) throw new Error("no table");
        const reach = new SurplusBound(searchGraphOf(threadIndex, true), threadIndex, values, 3)
          .reach;
        expect(reach.buffer === stored.buffer).toBe(true);
        expect([...reach]).toEqual([...stored.subarray(0, 3 * graph.vertexCount)]);
        // Longer walks: extended once on this thread, in shared memory, and read by the thread.
        const five = sharedSurplusReach(graph, index, values, 5);
        expect(five?.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect([...(five ?? [])].slice(0, stored.length)).toEqual([...stored]);
        const fiveShare = shareIndex(index, graph, false, undefined, five);
        const fiveIndex = indexOfShare(fiveShare, () => {
          throw new Error("not asked");
        });
        const threadReach = new SurplusBound(searchGraphOf(fiveIndex, true), fiveIndex, values, 5)
          .reach;
        expect(threadReach.buffer === five?.buffer).toBe(true);
      },
      10,
    );
  });
});
