/**
 * Shards and long rankings in the library: for random networks and options,
 * the rankings of shards 1..N merged (`mergeRanked`, cut at `top`) are the
 * single run's ranking, deal for deal; a ranking spilled to sorted runs on a
 * temporary file (a tiny memory budget) is the in-memory one.
 */
import { readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findDeals, iterateDeals, rankDeals } from "../../src/economics/find-deals.js";
import { ListingError } from "../../src/economics/listing-error.js";
import { mergeRanked } from "../../src/economics/merge-ranked.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { completeGraph } from "../helpers/complete-graph.js";
import { byRank, randomNetworkAndOptions } from "../helpers/search-options.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";

const tempDirectory = temporaryFolder("shards-test-");

const networkAndOptions = randomNetworkAndOptions({ maxFirms: 7, maxProducts: 2 });

describe("shards", () => {
  it("merged, give the single run's ranking for shards 1..N, N = 1..5", () => {
    fc.assert(
      fc.property(
        networkAndOptions,
        fc.integer({ min: 1, max: 5 }),
        ({ network, options }, total) => {
          const single = findDeals(network, options);
          const shards = Array.from({ length: total }, (_, i) =>
            findDeals(network, { ...options, shard: { current: i + 1, total } }),
          );
          expect([...mergeRanked(shards, { top: options.top })]).toEqual(single);
          // Streamed in search order, the shards list each deal of the single run once.
          const ids = (shard?: { current: number; total: number }) =>
            [...iterateDeals(network, shard === undefined ? options : { ...options, shard })].map(
              (d) => d.id,
            );
          const parts = Array.from({ length: total }, (_, i) =>
            ids({ current: i + 1, total }),
          ).flat();
          expect(parts.sort()).toEqual(ids().sort());
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("mergeRanked", () => {
  const item = (score: number, id: string) => ({ score, id });

  it("refuses a listing out of rank order, and a deal in two listings", () => {
    expect(() => [...mergeRanked([[item(1, "a"), item(2, "b")]])]).toThrow(ListingError);
    expect(() => [...mergeRanked([[item(2, "b"), item(2, "a")]])]).toThrow(ListingError);
    expect(() => [...mergeRanked([[item(2, "a")], [item(2, "a")]])]).toThrow(ListingError);
    expect(() => [...mergeRanked([[item(Number.NaN, "a")]])]).toThrow(ListingError);
  });

  it("ranks by the score to 12 significant digits, then id (hand-made ties)", () => {
    // 0.1 + 0.2 and 0.3 are one score at 12 digits: the id decides.
    const merged = [
      ...mergeRanked([
        [item(0.1 + 0.2, "b"), item(0.2, "a")],
        [item(0.3, "a"), item(0.25, "z")],
      ]),
    ];
    expect(merged.map((d) => d.id)).toEqual(["a", "b", "z", "a"]);
    expect([...mergeRanked([[item(1, "a")], [item(2, "b")]], { top: 1 })]).toEqual([item(2, "b")]);
  });
});

describe("long rankings (memory budget)", () => {
  it("spilled to sorted runs, equal the plain ranking (K_9: 1,464 deals, ties by the hundred)", () => {
    const network = parseNetwork(completeGraph(9));
    const options = { maxParties: 4, top: Number.POSITIVE_INFINITY, tempDirectory } as const;
    const expected = [...iterateDeals(network, options)].sort(byRank);
    // 9·8/2 2-cycles + 9·8·7/3 3-cycles + 9·8·7·6/4 4-cycles + 9·8·7 brokered.
    expect(expected.length).toBe(36 + 168 + 756 + 504);
    const spilled = rankDeals(network, { ...options, memoryBudget: 1 });
    expect(spilled.length).toBe(expected.length);
    expect([...spilled]).toEqual(expected);
    expect([...spilled]).toEqual(expected); // read again
    spilled.close();
    expect(readdirSync(tempDirectory)).toEqual([]);
  });

  it("takes a large top to the runs, with the heap's answer", () => {
    fc.assert(
      fc.property(networkAndOptions, ({ network, options }) => {
        const inMemory = findDeals(network, options);
        // top · 256 bytes over a 1-byte budget: the runs, cut at top.
        expect(findDeals(network, { ...options, memoryBudget: 1, tempDirectory })).toEqual(
          inMemory,
        );
      }),
      { numRuns: 60 },
    );
  });
});
