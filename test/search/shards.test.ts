/**
 * Root ranges and shards of the global search: the roots of a shard, and of
 * any partition into ranges, are searched exactly once between them, so the
 * union of the parts' deals is the single search's, each deal once; the
 * slices are balanced by the cost estimate; a paused search resumes where it
 * stopped.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { DealCursor, type SearchOptions } from "../../src/search/deal-cursor.js";
import { dealId } from "../../src/search/deal-id.js";
import { type DealKind, dealKinds } from "../../src/search/kinds.js";
import { estimatedWork, rootCosts, workSampleStride } from "../../src/search/root-cost.js";
import { RootRanges } from "../../src/search/root-ranges.js";
import { searchGraphOf } from "../../src/search/search-graph.js";
import { chunksPerShard, shardRoots } from "../../src/search/shard.js";
import { type TradeIndex, tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { completeGraph } from "../helpers/complete-graph.js";
import { smallNetwork } from "./small-network.js";

/** The ids the cursor lists, in its order. */
function ids(index: TradeIndex, options: SearchOptions): string[] {
  const cursor = new DealCursor(index, options);
  const out: string[] = [];
  while (cursor.next()) out.push(dealId(index, cursor.kind, cursor.trades, cursor.size));
  expect(cursor.stats.rootsDone).toBe(cursor.stats.rootsTotal);
  return out;
}

/** The roots of `ranges`, one by one, through a cursor. */
function rootsOf(ranges: RootRanges): number[] {
  const cursor = ranges.cursor();
  const roots: number[] = [];
  for (let r = cursor.after(-1); r >= 0; r = cursor.after(r)) roots.push(r);
  return roots;
}

/** Sorted disjoint ranges within [0, n), as a list of cut points. */
const rangesArb = (n: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: n }), { maxLength: 8 }).map((cuts) => {
    const points = [...cuts].sort((a, b) => a - b);
    const bounds: number[] = [];
    for (let i = 0; i + 1 < points.length; i += 2) bounds.push(points[i], points[i + 1]);
    return new RootRanges(Int32Array.from(bounds));
  });

describe("RootRanges", () => {
  it("walks exactly the roots of its ranges, in order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }).chain((n) => rangesArb(n)),
        (ranges) => {
          const expected: number[] = [];
          for (let i = 0; i < ranges.bounds.length; i += 2) {
            for (let r = ranges.bounds[i]; r < ranges.bounds[i + 1]; r++) expected.push(r);
          }
          expect(rootsOf(ranges)).toEqual(expected);
          expect(ranges.rootCount).toBe(expected.length);
        },
      ),
    );
  });

  it("refuses empty, overlapping or unsorted ranges", () => {
    expect(() => new RootRanges(Int32Array.of(3, 3))).toThrow(RangeError);
    expect(() => new RootRanges(Int32Array.of(0, 4, 3, 6))).toThrow(RangeError);
    expect(() => new RootRanges(Int32Array.of(5, 6, 0, 1))).toThrow(RangeError);
    expect(() => new RootRanges(Int32Array.of(0))).toThrow(RangeError);
  });
});

describe("shardRoots", () => {
  const costsArb = fc
    .array(fc.integer({ min: 1, max: 1000 }), { maxLength: 300 })
    .map((c) => Float64Array.from(c));

  it("cuts the roots into disjoint slices that cover them all", () => {
    fc.assert(
      fc.property(costsArb, fc.integer({ min: 1, max: 7 }), (costs, total) => {
        const seen = new Int32Array(costs.length);
        for (let current = 1; current <= total; current++) {
          for (const r of rootsOf(shardRoots(costs, { current, total }))) seen[r]++;
        }
        expect([...seen].every((times) => times === 1)).toBe(true);
      }),
    );
  });

  it("gives each shard about 1/total of the cost: within its share plus a chunk's rounding", () => {
    fc.assert(
      fc.property(costsArb, fc.integer({ min: 1, max: 7 }), (costs, total) => {
        const sum = costs.reduce((a, b) => a + b, 0);
        const largest = costs.reduce((a, b) => Math.max(a, b), 0);
        for (let current = 1; current <= total; current++) {
          let mine = 0;
          for (const r of rootsOf(shardRoots(costs, { current, total }))) mine += costs[r];
          // Each of its chunksPerShard chunks costs at most sum/chunks plus one root.
          expect(mine).toBeLessThanOrEqual(sum / total + chunksPerShard * largest + 1e-9);
        }
      }),
    );
  });

  it("balances equal costs evenly (hand-computed: 64 roots, 2 shards of 32 chunks of 1)", () => {
    const costs = new Float64Array(64).fill(1);
    // 2 shards × 16 chunks = 32 chunks of 2 roots; shard 1 takes the even chunks.
    const first = shardRoots(costs, { current: 1, total: 2 });
    expect(first.rootCount).toBe(32);
    expect(rootsOf(first).slice(0, 4)).toEqual([0, 1, 4, 5]);
  });

  it("refuses a shard outside 1..total", () => {
    const costs = new Float64Array(3).fill(1);
    expect(() => shardRoots(costs, { current: 0, total: 2 })).toThrow(UsageError);
    expect(() => shardRoots(costs, { current: 3, total: 2 })).toThrow(UsageError);
    expect(() => shardRoots(costs, { current: 1, total: 0 })).toThrow(UsageError);
    expect(() => shardRoots(costs, { current: 1.5, total: 2 })).toThrow(UsageError);
  });
});

describe("rootCosts", () => {
  it("counts the hand-computed work of a 3-cycle's roots", () => {
    // a→b→c→a: every firm has out 1 and in 1; in BFS order a=0, b=1, c=2.
    const index = tradeIndexOf(
      parseNetwork({
        firms: ["a", "b", "c"].map((id, i) => ({
          id,
          offers: [{ product: `p${i}`, price: 10, cost: 1, capacity: 1 }],
          needs: [{ product: `p${(i + 2) % 3}`, quantity: 1 }],
        })),
      }),
    );
    const graph = searchGraphOf(index, true);
    // Brokered only: 1 + out + in + Σ out(successor) = 1 + 1 + 1 + 1 = 4 each.
    expect([...rootCosts(graph, ["brokered"], 3)]).toEqual([4, 4, 4]);
    // Cycles ≤ 3: 1 + 1 + 1 + Σ out(successor above r): 1 for a (b above), 1 for b, 0 for c.
    const cycles = rootCosts(graph, ["cycle"], 3);
    for (let v = 0; v < 3; v++) {
      const successor = graph.outTarget[graph.outOffsets[v]];
      expect(cycles[v]).toBe(3 + (successor > v ? 1 : 0));
    }
  });
});

describe("estimatedWork", () => {
  it("is the sampled roots' costs, each standing for the roots up to the next", () => {
    fc.assert(
      fc.property(
        smallNetwork(),
        fc.subarray([...dealKinds], { minLength: 1 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        (network, kinds, maxParties, every) => {
          const graph = searchGraphOf(tradeIndexOf(parseNetwork(network)), true);
          const whole = rootCosts(graph, kinds, maxParties);
          const sample = rootCosts(graph, kinds, maxParties, every);
          const deep = kinds.includes("cycle") && maxParties >= 5;
          for (let r = 0; r < whole.length; r++) {
            if (r % every !== 0) expect(sample[r]).toBe(0);
            // From 5 parties on the sample's mean upward degree stands for the whole one.
            else if (!deep || every === 1) expect(sample[r]).toBe(whole[r]);
          }
          const strided = rootCosts(graph, kinds, maxParties, workSampleStride);
          let sampled = 0;
          for (let r = 0; r < whole.length; r += workSampleStride) sampled += strided[r];
          expect(estimatedWork(graph, kinds, maxParties)).toBe(sampled * workSampleStride);
          if (!deep) {
            let oracle = 0;
            for (let r = 0; r < whole.length; r += workSampleStride) oracle += whole[r];
            expect(estimatedWork(graph, kinds, maxParties)).toBe(oracle * workSampleStride);
          }
        },
      ),
    );
  });

  it("is the whole sum when every root costs the same", () => {
    // A ring of 64 firms: every firm has out 1 and in 1, and brokered costs 1 + 1 + 1 + 1.
    const n = 64;
    const index = tradeIndexOf(
      parseNetwork({
        firms: Array.from({ length: n }, (_, i) => ({
          id: `f${i}`,
          offers: [{ product: `p${i}`, price: 10, cost: 1, capacity: 1 }],
          needs: [{ product: `p${(i + n - 1) % n}`, quantity: 1 }],
        })),
      }),
    );
    expect(estimatedWork(searchGraphOf(index, true), ["brokered"], 3)).toBe(4 * n);
  });
});

describe("DealCursor over parts of the roots", () => {
  it("lists exactly the single search's deals across shards 1..total, each once", () => {
    fc.assert(
      fc.property(
        smallNetwork(),
        fc.subarray([...dealKinds], { minLength: 1 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        (network, kinds, maxParties, total) => {
          const index = tradeIndexOf(parseNetwork(network));
          const whole = ids(index, { kinds, maxParties, initiator: -1 });
          const parts: string[] = [];
          for (let current = 1; current <= total; current++) {
            parts.push(
              ...ids(index, { kinds, maxParties, initiator: -1, shard: { current, total } }),
            );
          }
          expect([...parts].sort()).toEqual([...whole].sort());
        },
      ),
    );
  });

  it("lists the initiator's deals in shard 1 only", () => {
    fc.assert(
      fc.property(smallNetwork(), fc.integer({ min: 2, max: 4 }), (network, total) => {
        const index = tradeIndexOf(parseNetwork(network));
        const kinds: DealKind[] = ["cycle", "brokered", "chain"];
        const initiator = 0;
        const whole = ids(index, { kinds, maxParties: 4, initiator });
        expect(
          ids(index, { kinds, maxParties: 4, initiator, shard: { current: 1, total } }),
        ).toEqual(whole);
        for (let current = 2; current <= total; current++) {
          expect(
            ids(index, { kinds, maxParties: 4, initiator, shard: { current, total } }),
          ).toEqual([]);
        }
      }),
    );
  });

  it("lists the same deals over any partition of the roots into ranges", () => {
    fc.assert(
      fc.property(
        smallNetwork(),
        fc.subarray([...dealKinds], { minLength: 1 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 4 }),
        (network, kinds, cuts) => {
          const index = tradeIndexOf(parseNetwork(network));
          const n = index.firmCount;
          const points = [0, ...cuts.filter((c) => c < n).sort((a, b) => a - b), n];
          const whole = ids(index, { kinds, maxParties: 4, initiator: -1 });
          const parts: string[] = [];
          for (let i = 0; i + 1 < points.length; i++) {
            if (points[i] === points[i + 1]) continue;
            const roots = new RootRanges(Int32Array.of(points[i], points[i + 1]));
            parts.push(...ids(index, { kinds, maxParties: 4, initiator: -1, roots }));
          }
          expect([...parts].sort()).toEqual([...whole].sort());
          // One cursor going on over the parts in turn lists each part as a cursor of its own.
          const ranges = points
            .slice(1)
            .map((end, i) => [points[i], end])
            .filter(([start, end]) => start < end)
            .map(([start, end]) => new RootRanges(Int32Array.of(start, end)));
          const cursor = new DealCursor(index, {
            kinds,
            maxParties: 4,
            initiator: -1,
            roots: ranges[0],
          });
          const inTurn: string[] = [];
          ranges.forEach((roots, i) => {
            if (i > 0) cursor.searchRoots(roots);
            while (cursor.next())
              inTurn.push(dealId(index, cursor.kind, cursor.trades, cursor.size));
          });
          expect(inTurn).toEqual(parts);
          expect(cursor.stats.rootsDone).toBe(cursor.stats.rootsTotal);
          expect(cursor.stats.rootsTotal).toBe(n * kinds.length);
        },
      ),
    );
  });

  it("goes on over other roots only once its roots are done, and only within the graph", () => {
    const index = tradeIndexOf(parseNetwork(completeGraph(5)));
    const cursor = new DealCursor(index, {
      kinds: ["cycle"],
      maxParties: 3,
      initiator: -1,
      roots: RootRanges.all(2),
    });
    expect(cursor.next()).toBe(true);
    expect(() => cursor.searchRoots(RootRanges.all(5))).toThrow(Error);
    while (cursor.next());
    expect(() => cursor.searchRoots(RootRanges.all(6))).toThrow(UsageError);
    const around = new DealCursor(index, { kinds: ["cycle"], maxParties: 3, initiator: 0 });
    while (around.next());
    expect(() => around.searchRoots(RootRanges.all(5))).toThrow(UsageError);
  });

  it("refuses roots with a shard, roots with an initiator, and roots beyond the graph", () => {
    const index = tradeIndexOf(parseNetwork(completeGraph(4)));
    const roots = RootRanges.all(4);
    const base = { kinds: ["cycle"] as DealKind[], maxParties: 3 };
    expect(
      () =>
        new DealCursor(index, { ...base, initiator: -1, roots, shard: { current: 1, total: 2 } }),
    ).toThrow(UsageError);
    expect(() => new DealCursor(index, { ...base, initiator: 0, roots })).toThrow(UsageError);
    expect(
      () => new DealCursor(index, { ...base, initiator: -1, roots: RootRanges.all(5) }),
    ).toThrow(UsageError);
  });
});

describe("DealCursor paused", () => {
  // Networks big enough for several looks at the clock (one every 4,096 steps):
  // K_9 has 3,024 5-cycles and 3,024 4-chains; K_20's brokered scan takes
  // 20 · 19 · 19 steps.
  it.each<[DealKind, number, number]>([
    ["cycle", 5, 9],
    ["brokered", 3, 20],
    ["chain", 4, 9],
  ])(
    "resumes %s (≤ %i parties, K_%i) where it paused, listing the same deals in the same order",
    (kind, maxParties, firms) => {
      const index = tradeIndexOf(parseNetwork(completeGraph(firms)));
      const options = { kinds: [kind], maxParties, initiator: -1 };
      const expected = ids(index, options);
      const cursor = new DealCursor(index, options);
      cursor.pauseAt(0); // due at every look: every few thousand steps
      const resumed: string[] = [];
      let pauses = 0;
      for (;;) {
        if (cursor.next()) resumed.push(dealId(index, cursor.kind, cursor.trades, cursor.size));
        else if (cursor.paused) pauses++;
        else break;
      }
      expect(resumed).toEqual(expected);
      expect(pauses).toBeGreaterThan(0);
    },
  );
});
