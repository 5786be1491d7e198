/**
 * `ChunkRanker`: the chunks of the roots that each thread of a threaded
 * ranking takes, here two rankers on one thread pulling from one queue, each
 * paused as often as can be (every call's time already past) and resumed
 * in turn, their deals kept by one `Ranking`: the listing of `findDeals`,
 * whatever the pauses and whichever ranker took which chunk (the calling
 * thread ranks so, in slices, beside its worker threads).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChunkRanker } from "../../src/economics/chunk-ranker.js";
import type { DealBlock } from "../../src/economics/deal-block.js";
import { dealToJson } from "../../src/economics/deal-json.js";
import { findDeals } from "../../src/economics/find-deals.js";
import type { FindDealsOptions } from "../../src/economics/find-options.js";
import { Ranking } from "../../src/economics/ranking.js";
import { sharedThresholdMemory } from "../../src/economics/shared-threshold.js";
import { chunkHeapLimit, progressFields } from "../../src/economics/thread-tasks.js";
import { generateNetwork } from "../../src/generator/generate-network.js";
import type { Network } from "../../src/model/types.js";
import { packChunks, rootChunks } from "../../src/search/root-chunks.js";
import { RootRanges } from "../../src/search/root-ranges.js";
import { searchGraphOf } from "../../src/search/search-graph.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";

/** Ranks with two rankers taking turns, each call's `until` as given; the listing and the pauses seen. */
function rankInTurns(
  network: Network,
  options: FindDealsOptions,
  chunkCount: number,
  until: number,
): { deals: unknown[]; pauses: number; taken: number; chunks: number } {
  const index = tradeIndexOf(network);
  const graph = searchGraphOf(index, true);
  const ranking = new Ranking(network, options);
  const top = ranking.scan.options.top;
  const chunks = rootChunks(undefined, RootRanges.all(graph.vertexCount), chunkCount);
  const queue = {
    ...packChunks(chunks),
    next: new Int32Array(new SharedArrayBuffer(4)),
    streamBatch: 5,
  };
  const job = {
    options,
    progress: new Float64Array(2 * progressFields),
    slots: new Int32Array(new SharedArrayBuffer(4)),
    ...(top <= chunkHeapLimit ? { threshold: sharedThresholdMemory(top) } : {}),
  };
  const keep = (deals: Parameters<Ranking["offerPacked"]>[0]) => ranking.offerPacked(deals);
  // A ranking of every deal: blocks of 5 deals, sorted by the ranker that found them.
  const keepBlock = (block: DealBlock) => ranking.offerBlock(block);
  const rankers = [0, 1].map(
    (at) =>
      new ChunkRanker(
        index,
        job,
        { at: at * progressFields, steps: 0, deals: 0, rootsDone: 0 },
        queue,
        { send: keepBlock },
      ),
  );
  const done = [false, false];
  let pauses = 0;
  for (let turn = 0; !done[0] || !done[1]; turn++) {
    const r = turn % 2;
    if (done[r]) continue;
    done[r] = rankers[r].advance(until);
    if (!done[r]) pauses++;
  }
  let taken = 0;
  for (const ranker of rankers) {
    const mine = ranker.result();
    taken += mine.counters.tasks;
    keep(mine);
  }
  ranking.searchedElsewhere();
  expect(ranking.advance(Number.POSITIVE_INFINITY)).toBe(true);
  return { deals: [...ranking.result()].map(dealToJson), pauses, taken, chunks: chunks.length };
}

describe("ChunkRanker", () => {
  it("gives findDeals' listing from two rankers paused at every turn (generated networks)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom(3, 4),
        fc.constantFrom(1, 12, Number.POSITIVE_INFINITY),
        fc.integer({ min: 1, max: 40 }),
        (seed, maxParties, top, chunkCount) => {
          const network = generateNetwork({ firms: 150, seed });
          const options = { kinds: ["cycle", "brokered"] as const, maxParties, top };
          const expected = findDeals(network, options).map(dealToJson);
          const sliced = rankInTurns(network, options, chunkCount, 0);
          expect(sliced.deals).toEqual(expected);
          // Every chunk taken once, each ending a call (its time past).
          expect(sliced.taken).toBe(sliced.chunks);
          expect(sliced.pauses).toBeGreaterThanOrEqual(sliced.taken);
          // And without pauses: one call each.
          const whole = rankInTurns(network, options, chunkCount, Number.POSITIVE_INFINITY);
          expect(whole.deals).toEqual(expected);
          expect(whole.pauses).toBe(0);
        },
      ),
      { numRuns: 15 },
    );
  });

  it("pauses inside a chunk and goes on where it paused", () => {
    // Two chunks of hundreds of deals each: calls end inside them, not only between.
    const network = generateNetwork({ firms: 150, seed: 1 });
    const options = { maxParties: 4, top: Number.POSITIVE_INFINITY };
    const expected = findDeals(network, options).map(dealToJson);
    expect(expected.length).toBeGreaterThan(400);
    const sliced = rankInTurns(network, options, 2, 0);
    expect(sliced.taken).toBe(2);
    expect(sliced.pauses).toBeGreaterThan(sliced.taken + 5);
    expect(sliced.deals).toEqual(expected);
  });
});
