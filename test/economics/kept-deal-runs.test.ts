/**
 * The external sort of kept deals against a plain in-memory sort: with tiny
 * budgets (a run of a few deals) and fan-ins of 2 or 3, so that deals spill
 * into many runs that are merged in several passes; deals offered one at a
 * time and in small blocks sorted elsewhere (`adopt`), mixed.
 */
import { readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DealBlock } from "../../src/economics/deal-block.js";
import { KeptDealRuns } from "../../src/economics/kept-deal-runs.js";
import type { PackedDeals } from "../../src/economics/packed-deals.js";
import { compareRanked } from "../../src/economics/rank-order.js";
import { type DealKind, dealKinds } from "../../src/search/kinds.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";

const directory = temporaryFolder("kept-deal-runs-test-");

/** A stand-in for dealId: unique per (kind, trades), with shared prefixes to make ties interesting. */
const idOf = (kind: DealKind, trades: ArrayLike<number>, size: number) =>
  `${kind}:${Array.from({ length: size }, (_, i) => `t${trades[i]}`).join("|")}`;

const dealsArb = fc.uniqueArray(
  fc.record({
    key: fc.constantFrom(0, 1, 2.5, -3, 1e12, 7),
    kind: fc.constantFrom(...dealKinds),
    trades: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 4 }),
  }),
  { selector: (d) => idOf(d.kind, d.trades, d.trades.length), maxLength: 60 },
);

/**
 * The deals of `batchesByKey` as [key, kind, trades, id] (ids "" not at hand
 * are built with idOf), after checking that they come by key descending and
 * that every batch but the last has at least `batchDeals` deals and ends
 * between two keys.
 */
function readBatches(batches: Iterable<PackedDeals>, batchDeals: number): unknown[][] {
  const all = [...batches];
  const deals: unknown[][] = [];
  all.forEach((batch, b) => {
    if (b < all.length - 1) {
      expect(batch.keys.length).toBeGreaterThanOrEqual(batchDeals);
      expect(all[b + 1].keys[0]).not.toBe(batch.keys[batch.keys.length - 1]);
    }
    let at = 0;
    for (let j = 0; j < batch.keys.length; j++) {
      const kind = dealKinds[batch.kinds[j]];
      const trades = [...batch.trades.subarray(at, at + batch.sizes[j])];
      at += batch.sizes[j];
      deals.push([batch.keys[j], kind, trades, batch.ids[j] || idOf(kind, trades, trades.length)]);
    }
  });
  const keys = deals.map((d) => d[0] as number);
  expect(keys).toEqual([...keys].sort((a, b) => b - a));
  return deals;
}

/** Deals as [key, kind, trades, id] in rank order. */
function inRankOrder(deals: unknown[][]): unknown[][] {
  return [...deals].sort((a, b) =>
    compareRanked(a[0] as number, a[3] as string, b[0] as number, b[3] as string),
  );
}

describe("KeptDealRuns", () => {
  it("reads the deals back in rank order, however many runs they spilled into", () => {
    fc.assert(
      fc.property(
        dealsArb,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 2, max: 3 }),
        fc.option(fc.integer({ min: 0, max: 70 }), { nil: undefined }),
        fc.boolean(),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        (deals, minRunDeals, fanIn, limit, sliced, blockSize, inBlock) => {
          const runs = new KeptDealRuns(idOf, {
            maxTrades: 4,
            memoryBudget: 1,
            directory,
            minRunDeals,
            fanIn,
            recordsPerStep: 2,
          });
          // The long steps done at once, or a step at a time (a deadline already past).
          const work = () => {
            if (!sliced) runs.work();
            else while (!runs.work(0));
          };
          // Some deals offered one at a time, others in blocks of `blockSize` sorted
          // elsewhere (as a worker thread sends them), kept as they are.
          let block: DealBlock | undefined;
          const adopt = () => {
            if (block === undefined) return;
            block.sort();
            runs.adopt(block);
            block = undefined;
            if (runs.busy) work();
          };
          deals.forEach((d, i) => {
            if (inBlock[i]) {
              block ??= new DealBlock(4, blockSize);
              block.add(d.key, dealKinds.indexOf(d.kind), d.trades, 0, d.trades.length);
              if (block.full) adopt();
            } else {
              runs.offer(d.key, d.kind, Int32Array.from(d.trades), d.trades.length);
              if (runs.busy) work();
            }
          });
          adopt();
          runs.finish();
          work();
          const expected = deals
            .map((d) => ({ ...d, id: idOf(d.kind, d.trades, d.trades.length) }))
            .sort((a, b) => compareRanked(a.key, a.id, b.key, b.id))
            .slice(0, limit)
            .map((d) => [d.key, d.kind, d.trades, d.id]);
          const read = () =>
            [...runs.ranked(limit)].map((d) => [d.key, d.kind, [...d.trades], d.id]);
          expect(read()).toEqual(expected);
          expect(read()).toEqual(expected); // read afresh
          // By key: the same deals (the group of equal keys the limit cuts is cut in id
          // order), keys descending, each group of equal keys in some order.
          const byKey = [...runs.rankedByKey(limit)].map((d) => [
            d.key,
            d.kind,
            [...d.trades],
            d.id,
          ]);
          const keys = byKey.map((d) => d[0] as number);
          expect(keys).toEqual([...keys].sort((a, b) => b - a));
          expect(inRankOrder(byKey)).toEqual(expected);
          // In batches (from the blocks when nothing spilled): the same deals again.
          const batchDeals = 1 + (deals.length % 4);
          const batched = readBatches(runs.batchesByKey(limit ?? Infinity, batchDeals), batchDeals);
          expect(inRankOrder(batched)).toEqual(expected);
          expect(runs.size).toBe(deals.length);
          if (deals.length > minRunDeals) expect(runs.runCount).toBeGreaterThan(0);
          runs.close();
          expect([...runs.ranked()]).toEqual([]);
        },
      ),
    );
    expect(readdirSync(directory)).toEqual([]);
  });

  it("merges many blocks of 8,192 deals, in memory and in runs", () => {
    // 30,000 deals over 6 keys, ids t0…t29999: the plain sort is the oracle.
    const deals = Array.from({ length: 30_000 }, (_, i) => ({
      key: (i * 7919) % 6,
      trades: Int32Array.of((i * 104729) % 30_000),
    }));
    const expected = deals
      .map((d) => ({ key: d.key, id: idOf("cycle", d.trades, 1) }))
      .sort((a, b) => compareRanked(a.key, a.id, b.key, b.id))
      .map((d) => d.id);
    for (const memoryBudget of [1 << 30, 400_000]) {
      const runs = new KeptDealRuns(idOf, { maxTrades: 3, memoryBudget, directory });
      for (const d of deals) {
        runs.offer(d.key, "cycle", d.trades, 1);
        runs.work();
      }
      runs.finish();
      runs.work();
      expect(runs.runCount > 0).toBe(memoryBudget < 1 << 30);
      expect([...runs.ranked()].map((d) => d.id)).toEqual(expected);
      const batched = inRankOrder(readBatches(runs.batchesByKey(Infinity, 1000), 1000));
      expect(batched.map((d) => d[3])).toEqual(expected);
      runs.close();
    }
  });

  it("builds an id only where keys tie, or when it is read", () => {
    for (const memoryBudget of [1 << 30, 2_000]) {
      const built: string[] = [];
      const counting = (kind: DealKind, trades: ArrayLike<number>, size: number) => {
        const id = idOf(kind, trades, size);
        built.push(id);
        return id;
      };
      const runs = new KeptDealRuns(counting, {
        maxTrades: 3,
        memoryBudget,
        directory,
        minRunDeals: 16,
      });
      // Keys 0…199 once each, and key 1000 twice (a tie).
      for (let i = 0; i < 200; i++) {
        runs.offer(i, "cycle", Int32Array.of(i), 1);
        runs.work();
      }
      runs.offer(1000, "cycle", Int32Array.of(7001), 1);
      runs.offer(1000, "cycle", Int32Array.of(7000), 1);
      runs.finish();
      runs.work();
      expect(runs.runCount > 0).toBe(memoryBudget < 1 << 30);
      const read = [...runs.ranked()];
      expect(read.map((d) => d.key).slice(0, 3)).toEqual([1000, 1000, 199]);
      expect(new Set(built)).toEqual(new Set(["cycle:t7000", "cycle:t7001"]));
      // Reading an id builds it (once), from the deal's trades.
      expect(read.slice(0, 3).map((d) => d.id)).toEqual([
        "cycle:t7000",
        "cycle:t7001",
        "cycle:t199",
      ]);
      expect(built.filter((id) => id === "cycle:t199")).toHaveLength(1);
      runs.close();
    }
  });

  it("keeps everything in memory within the budget (no scratch file)", () => {
    const runs = new KeptDealRuns(idOf, { maxTrades: 3, memoryBudget: 1 << 20, directory });
    for (let i = 0; i < 100; i++) runs.offer(i % 7, "cycle", Int32Array.of(i, i + 1), 2);
    expect(runs.busy).toBe(false);
    runs.finish();
    runs.work();
    expect(runs.runCount).toBe(0);
    const first = [...runs.ranked(3)].map((d) => d.id);
    // Key 6 first (i = 6, 13, 20, …), ids in UTF-16 order: t13 < t20 < t27 < … < t6.
    expect(first).toEqual(["cycle:t13|t14", "cycle:t20|t21", "cycle:t27|t28"]);
    runs.close();
  });
});
