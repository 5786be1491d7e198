/**
 * The threaded ranking (issue 15): on 2 and 4 threads (the calling thread
 * and 1 or 3 worker threads, pulling chunks of the roots alike), the same
 * listing as on one thread (the same deals, ids, figures and order) for
 * random networks and options, with `top` small, large and Infinity, and with
 * a memory budget small enough to spill; an abort stops every thread, and an
 * error in a thread rejects the call with that error. The workers run the
 * sources (`src/economics/deal-worker.ts`, through tsx).
 */
import { MessageChannel, threadId } from "node:worker_threads";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dealJsonText, dealToJson } from "../../src/economics/deal-json.js";
import {
  DealThreads,
  threadsStarted,
  warmThreads,
  workerEntry,
} from "../../src/economics/deal-threads.js";
import { findDeals, findDealsAsync, rankDealsAsync } from "../../src/economics/find-deals.js";
import type { FindDealsOptions } from "../../src/economics/find-options.js";
import { chunkHeapLimit } from "../../src/economics/thread-tasks.js";
import { rankOnThreads, type ThreadedRankedDeals } from "../../src/economics/threaded-ranking.js";
import { generateNetwork } from "../../src/generator/generate-network.js";
import { UsageError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Network } from "../../src/model/types.js";
import { DealCursor } from "../../src/search/deal-cursor.js";
import { costOfRoots } from "../../src/search/root-chunks.js";
import { rootCosts } from "../../src/search/root-cost.js";
import { RootRanges } from "../../src/search/root-ranges.js";
import { searchGraphOf } from "../../src/search/search-graph.js";
import { shardRoots } from "../../src/search/shard.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { ioChunkBytes } from "../../src/util/io-chunk.js";
import { completeGraph } from "../helpers/complete-graph.js";
import { randomNetwork } from "../helpers/random-network.js";
import { searchOptions } from "../helpers/search-options.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";

const tempDirectory = temporaryFolder("threads-test-");

/**
 * Ranks on 2 threads once per `minThreadedWork` (undefined: none given),
 * checking each listing against one thread's; says which ran on threads.
 */
async function onThreadsUnder(
  network: Network,
  options: FindDealsOptions,
  minWorks: readonly (number | undefined)[],
): Promise<boolean[]> {
  const one = findDeals(network, options).map((deal) => deal.id);
  const onThreads: boolean[] = [];
  for (const minThreadedWork of minWorks) {
    const ranked = (await rankDealsAsync(network, {
      ...options,
      threads: 2,
      ...(minThreadedWork === undefined ? {} : { minThreadedWork }),
    })) as ThreadedRankedDeals;
    try {
      expect([...ranked].map((deal) => deal.id)).toEqual(one);
      onThreads.push(ranked.threadCounters.length > 0);
    } finally {
      ranked.close();
    }
  }
  return onThreads;
}

/** Random global search options (no initiator: around one the search is one unit, on the calling thread). */
const globalCase = randomNetwork({ maxFirms: 14, maxProducts: 3 }).chain((raw) => {
  const network = parseNetwork(raw);
  return fc
    .tuple(
      searchOptions(network),
      fc.constantFrom<"none" | "counter">("none", "counter"),
      fc.boolean(),
    )
    .map(([{ initiator: _, policy, objective, ...options }, competition, room]) => ({
      network,
      options: {
        ...options,
        policy: policy === "initiator" ? ("fair" as const) : policy,
        objective:
          objective === "initiatorNet" || objective === "expectedInitiatorNet"
            ? ("surplus" as const)
            : objective,
        competition,
        room,
      },
    }));
});

describe("threads", () => {
  it("give one thread's listing on 2 and 4 threads (random networks and options)", async () => {
    await fc.assert(
      fc.asyncProperty(globalCase, async ({ network, options }) => {
        const one = findDeals(network, options);
        for (const threads of [2, 4]) {
          expect(await findDealsAsync(network, { ...options, threads })).toEqual(one);
        }
      }),
      { numRuns: 8 },
    );
  });

  it("give one thread's listing when the ranking spills to disk, and JSON texts in rank order", async () => {
    const network = parseNetwork(completeGraph(9));
    const options = {
      maxParties: 4,
      top: Number.POSITIVE_INFINITY,
      memoryBudget: 4096,
      tempDirectory,
    };
    const one = findDeals(network, options);
    expect(one.length).toBeGreaterThan(1000);
    const ranked = await rankOnThreads(network, options, { threads: 2, jsonTexts: true });
    try {
      expect([...ranked]).toEqual(one);
      const batches: Uint8Array[] = [];
      for await (const batch of ranked.jsonTexts?.("", "\n") ?? []) batches.push(batch);
      // In pieces under the CLI's mmap threshold, though a batch of 2,048 texts holds more.
      expect(batches.reduce((sum, batch) => sum + batch.byteLength, 0)).toBeGreaterThan(
        ioChunkBytes,
      );
      for (const batch of batches) expect(batch.byteLength).toBeLessThanOrEqual(ioChunkBytes);
      const lines = Buffer.concat(batches).toString("utf8").split("\n");
      expect(lines.pop()).toBe("");
      expect(lines).toEqual(one.map((deal) => JSON.stringify(dealToJson(deal))));
      // The threads' counters add up to the deals the search finds (each found by one thread).
      const cursor = new DealCursor(tradeIndexOf(network), {
        kinds: ["cycle", "brokered"],
        maxParties: 4,
        initiator: -1,
      });
      let found = 0;
      while (cursor.next()) found++;
      expect(ranked.threadCounters.length).toBeLessThanOrEqual(2);
      expect(ranked.threadCounters.reduce((sum, thread) => sum + thread.deals, 0)).toBe(found);
    } finally {
      ranked.close();
    }
  });

  it("write JSON texts into buffers handed back to them, when the reader copies each batch", async () => {
    // 13k deals of distinct keys: more format batches of 2,048 than the four sent at once.
    const network = generateNetwork({ firms: 3000, seed: 3 });
    const options = { maxParties: 4, top: Number.POSITIVE_INFINITY };
    const one = findDeals(network, options);
    const ranked = await rankOnThreads(network, options, { threads: 2, jsonTexts: true });
    try {
      const seen: Uint8Array[] = [];
      const copies: Buffer[] = [];
      for await (const batch of ranked.jsonTexts?.("", "\n", true) ?? []) {
        seen.push(batch);
        copies.push(Buffer.from(batch));
      }
      const lines = Buffer.concat(copies).toString("utf8").split("\n");
      expect(lines.pop()).toBe("");
      expect(lines).toEqual(one.map((deal) => dealJsonText(deal)));
      // Batches read earlier were handed back (moved to a thread: detached here).
      expect(seen.filter((batch) => batch.byteLength === 0).length).toBeGreaterThan(0);
    } finally {
      ranked.close();
    }
  });

  it.each([
    {
      // Blocks of 3 deals: tens per task, each task ending with blocks not yet taken.
      what: "stream many small blocks, some ahead of the calling thread",
      firms: 10,
      top: Number.POSITIVE_INFINITY,
      streamBatch: 3,
    },
    {
      // A top past chunkHeapLimit: the threads send every deal in blocks, and the ranking,
      // whose heap of top deals fits the memory budget, offers the heap each deal of each block.
      what: "send every deal to a ranking that keeps a heap",
      firms: 9,
      top: chunkHeapLimit + 1,
      streamBatch: 7,
    },
  ])("give one thread's listing when the threads $what", async ({ firms, top, streamBatch }) => {
    const network = parseNetwork(completeGraph(firms));
    const options = { maxParties: 4, top };
    const one = findDeals(network, options);
    expect(one.length).toBeGreaterThan(1000);
    const ranked = await rankOnThreads(network, options, { threads: 2, streamBatch });
    try {
      expect([...ranked]).toEqual(one);
    } finally {
      ranked.close();
    }
  });

  it("give one thread's best N where the threads share the floor (generated networks)", async () => {
    // Distinct surpluses, deals in every chunk: each thread's floor rises with the others' deals.
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(3, 4),
        async (seed, top, maxParties) => {
          const network = generateNetwork({ firms: 600, seed });
          const options = { kinds: ["cycle", "brokered"] as const, maxParties, top };
          const one = findDeals(network, options);
          for (const threads of [2, 4])
            expect(await findDealsAsync(network, { ...options, threads })).toEqual(one);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("give one thread's listing for each ranking of one index, its threads keeping their view of it", async () => {
    // The threads set up their view of the index once; each ranking brings its own tables
    // (floors under the counter, the surpluses' table): each must be the one its job adopts.
    const network = generateNetwork({ firms: 400, seed: 11 });
    const rankings = [
      { maxParties: 4, top: 15 },
      { maxParties: 4, top: 15, competition: "counter" as const },
      { maxParties: 3, top: 200, objective: "expectedSurplus" as const },
      { maxParties: 4, top: 15, competition: "counter" as const, policy: "minimal" as const },
    ];
    for (const options of rankings)
      expect(await findDealsAsync(network, { ...options, threads: 2 })).toEqual(
        findDeals(network, options),
      );
  });

  it("give one thread's listing for a shard", async () => {
    const network = parseNetwork(completeGraph(8));
    const options = { maxParties: 4, top: 30, shard: { current: 2, total: 3 } };
    expect(await findDealsAsync(network, { ...options, threads: 2 })).toEqual(
      findDeals(network, options),
    );
  });

  it("report progress summed over the threads, ending with every root done", async () => {
    const network = parseNetwork(completeGraph(10));
    const reports: { rootsDone: number; rootsTotal: number; deals: number }[] = [];
    await findDealsAsync(network, {
      maxParties: 4,
      threads: 2,
      onProgress: (stats) => reports.push({ ...stats }),
    });
    const last = reports[reports.length - 1];
    // 10 roots, two kinds (cycles and brokered triangles).
    expect(last.rootsTotal).toBe(20);
    expect(last.rootsDone).toBe(20);
    expect(last.deals).toBeGreaterThan(0);
  });

  it("stop on an abort from a timer, with the signal's reason", { timeout: 20_000 }, async () => {
    const k40 = parseNetwork(completeGraph(40));
    const run = findDealsAsync(k40, {
      kinds: ["chain"],
      maxParties: 8,
      threads: 2,
      signal: AbortSignal.timeout(1500),
    });
    await expect(run).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("refuse bad options on the calling thread, before any thread starts", async () => {
    const network = parseNetwork(completeGraph(6));
    const broken = rankDealsAsync(network, {
      maxParties: 3,
      threads: 2,
      objective: "nonsense" as never,
    });
    await expect(broken).rejects.toBeInstanceOf(UsageError);
  });

  it("reject with a worker thread's error as an Error, and keep working after it", async () => {
    const network = parseNetwork(completeGraph(6));
    // A job whose shared index lacks its arrays: the thread fails as it sets the job up.
    const broken = await DealThreads.open(
      {
        id: -1,
        share: { header: {}, arrays: {}, graph: {} } as never,
        options: {},
        slots: new Int32Array(new SharedArrayBuffer(4)),
        progress: new Float64Array(new SharedArrayBuffer(64)),
      },
      2,
      undefined,
    );
    const { port2 } = new MessageChannel();
    const link = { port: port2, acks: new Int32Array(new SharedArrayBuffer(8)) };
    const failed = broken.rank({
      task: "rank",
      bounds: Int32Array.of(0, 1),
      starts: Int32Array.of(0, 2),
      next: new Int32Array(new SharedArrayBuffer(4)),
      joined: new Int32Array(new SharedArrayBuffer(4)),
      seat: 0,
      link,
      streamBatch: 8192,
    });
    await expect(failed).rejects.toBeInstanceOf(Error);
    broken.abort();
    const options = { maxParties: 4, top: 10 };
    expect(await findDealsAsync(network, { ...options, threads: 2 })).toEqual(
      findDeals(network, options),
    );
  });

  it("refuse a thread count that is not a whole number from 1 to 256", async () => {
    const network = parseNetwork(completeGraph(4));
    for (const threads of [0, 1.5, 257]) {
      await expect(findDealsAsync(network, { threads })).rejects.toBeInstanceOf(UsageError);
    }
  });

  it("run the sources' worker under tsx", () => {
    const entry = workerEntry();
    expect(entry.filename.endsWith("deal-worker.ts")).toBe(true);
    expect(entry.execArgv).toEqual(["--import", "tsx"]);
  });

  it("start one thread per warm task, and a ranking after them gives one thread's deals", async () => {
    // Three threads: no other test here uses a pool of three, so none is warm yet.
    const started = await warmThreads(3);
    expect(new Set(started).size).toBe(3);
    const network = parseNetwork(completeGraph(6));
    const options = { maxParties: 4, top: 40 };
    const ranked = (await rankDealsAsync(network, {
      ...options,
      threads: 3,
    })) as ThreadedRankedDeals;
    try {
      // The ranking ran on the threads started and the calling thread, and on no other.
      const used = ranked.threadCounters.map((counters) => counters.thread);
      expect(used.length).toBeGreaterThan(0);
      for (const thread of used) expect([threadId, ...started]).toContain(thread);
      expect([...ranked].map((deal) => deal.id)).toEqual(
        findDeals(network, options).map((deal) => deal.id),
      );
    } finally {
      ranked.close();
    }
  });

  it("start threads − 1 workers for a ranking, and no more", async () => {
    // A pool of six, which no other test here uses: none of its threads has started.
    expect(threadsStarted(6)).toBe(0);
    const network = parseNetwork(completeGraph(8));
    const options = { maxParties: 4, top: Number.POSITIVE_INFINITY };
    const ranked = await rankOnThreads(network, options, { threads: 6 });
    try {
      expect([...ranked]).toEqual(findDeals(network, options));
      // The calling thread is the sixth: a warm-up task queued beside the rank tasks would start one.
      expect(threadsStarted(6)).toBe(5);
    } finally {
      ranked.close();
    }
  });

  it("run on the calling thread below minThreadedWork, and on threads above it", async () => {
    const network = parseNetwork(completeGraph(8));
    // Every deal: a ranking of the best N by a surplus objective is small whatever the estimate (next tests).
    const options = { maxParties: 3, top: Number.POSITIVE_INFINITY };
    expect(await onThreadsUnder(network, options, [Number.MAX_VALUE, 1])).toEqual([false, true]);
  });

  it("weigh a shard by its own roots against minThreadedWork, not by the whole search", async () => {
    const network = parseNetwork(completeGraph(9));
    const shard = { current: 2, total: 3 };
    const options = { maxParties: 3, top: Number.POSITIVE_INFINITY, shard };
    const graph = searchGraphOf(tradeIndexOf(network), true);
    const costs = rootCosts(graph, ["cycle", "brokered"], 3);
    const whole = costOfRoots(costs, RootRanges.all(costs.length));
    const own = costOfRoots(costs, shardRoots(costs, shard));
    expect(own).toBeLessThan(whole);
    // Between the shard's work and the whole's: the shard alone does not pay for threads.
    expect(await onThreadsUnder(network, options, [(own + whole) / 2, own / 2])).toEqual([
      false,
      true,
    ]);
  });

  it("run a ranking of the best N by a surplus objective on the calling thread under minThreadedWork", async () => {
    const network = parseNetwork(completeGraph(8));
    const options = { maxParties: 3, top: 50, objective: "surplus" as const };
    // Threads asked for without minThreadedWork still run.
    expect(await onThreadsUnder(network, options, [1, undefined])).toEqual([false, true]);
  });
});
