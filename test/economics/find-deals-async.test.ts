/**
 * The asynchronous search (issue 16: cancellation that works): the same
 * answers as the synchronous one, and an abort by a timer or any other event
 * stops it, where the synchronous one would run on (it holds the thread, so
 * no timer can fire). Latency figures are measured in bench/, not here: here
 * the vitest timeout of each test bounds how long a stop may take.
 */
import { readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  findDeals,
  findDealsAsync,
  rankDeals,
  rankDealsAsync,
} from "../../src/economics/find-deals.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { completeGraph } from "../helpers/complete-graph.js";
import { randomNetworkAndOptions } from "../helpers/search-options.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";

const tempDirectory = temporaryFolder("async-test-");

describe("findDealsAsync", () => {
  it("gives findDeals' answer", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomNetworkAndOptions({ maxFirms: 6, maxProducts: 2 }),
        async ({ network, options }) => {
          expect(await findDealsAsync(network, options)).toEqual(findDeals(network, options));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("gives findDeals' answer when the search pauses many times (K_12, 5 parties)", async () => {
    const network = parseNetwork(completeGraph(12));
    const options = { maxParties: 5, top: 50 };
    expect(await findDealsAsync(network, options)).toEqual(findDeals(network, options));
  });

  it("stops K40 chains of 8 when AbortSignal.timeout(2000) fires (the issue's reproduction)", {
    timeout: 4000,
  }, async () => {
    const k40 = parseNetwork(completeGraph(40));
    const run = findDealsAsync(k40, {
      kinds: ["chain"],
      maxParties: 8,
      signal: AbortSignal.timeout(2000),
    });
    await expect(run).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("stops a ranking that spills to disk when another event aborts it, leaving no file", {
    timeout: 3000,
  }, async () => {
    const k40 = parseNetwork(completeGraph(40));
    const controller = new AbortController();
    const reason = new Error("the client went away");
    setTimeout(() => controller.abort(reason), 300);
    const run = rankDealsAsync(k40, {
      maxParties: 6,
      top: Number.POSITIVE_INFINITY,
      memoryBudget: 1 << 20,
      tempDirectory,
      signal: controller.signal,
    });
    await expect(run).rejects.toBe(reason);
    expect(readdirSync(tempDirectory)).toEqual([]);
  });

  it("rejects at once when the signal is already aborted; misuse rejects as a UsageError", async () => {
    const network = parseNetwork(completeGraph(3));
    const reason = new Error("no");
    await expect(findDealsAsync(network, { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
    await expect(findDealsAsync(network, { maxParties: 13 })).rejects.toMatchObject({
      name: "UsageError",
    });
  });

  it("honours an abort from onProgress in the synchronous functions", () => {
    const k40 = parseNetwork(completeGraph(40));
    const controller = new AbortController();
    const reason = new Error("enough");
    expect(() =>
      rankDeals(k40, {
        kinds: ["chain"],
        maxParties: 8,
        signal: controller.signal,
        onProgress: (stats) => {
          if (stats.deals > 100_000) controller.abort(reason);
        },
      }),
    ).toThrow(reason);
  });
});
