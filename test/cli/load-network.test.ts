/**
 * `loadNetwork` builds the index and the BFS search graph in shared memory
 * when worker threads will search them (`find` over the whole network on
 * more than one thread), so that sharing them with the threads copies
 * nothing; otherwise in ordinary buffers. A large file starts the threads
 * while it is read.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadNetwork } from "../../src/cli/input.js";
import { threadsStarted } from "../../src/economics/deal-threads.js";
import { sharedArray } from "../../src/economics/shared-index.js";
import { searchGraphOf } from "../../src/search/search-graph.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { completeGraph } from "../helpers/complete-graph.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";

const dir = temporaryFolder("rd-load-");
const io = {
  stdin: Readable.from([]),
  stdout: new PassThrough(),
  stderr: new PassThrough(),
  interactive: false,
};

describe("loadNetwork", () => {
  it.each([true, false])(
    "lays the index and search graph out in shared memory: %s",
    async (shared) => {
      const file = join(dir, `k5-${shared}.json`);
      writeFileSync(file, JSON.stringify(completeGraph(5)));
      const network = await loadNetwork(file, undefined, io, {
        wholeNetworkSearch: true,
        threads: shared ? 2 : 1,
      });
      const index = tradeIndexOf(network);
      const kind = shared ? SharedArrayBuffer : ArrayBuffer;
      expect(index.layout?.buffer).toBeInstanceOf(kind);
      expect(searchGraphOf(index, true).layout?.buffer).toBeInstanceOf(kind);
      // Shared already: what the threads get is the index's own array, not a copy.
      const tradeNeed = sharedArray(index, "tradeNeed");
      if (shared) expect(tradeNeed).toBe(index.tradeNeed);
      else expect(tradeNeed).not.toBe(index.tradeNeed);
    },
  );

  it("starts the threads while a file of warmThreadsFrom bytes or more is read", async () => {
    const file = join(dir, "k4.json");
    writeFileSync(file, JSON.stringify(completeGraph(4)));
    const size = JSON.stringify(completeGraph(4)).length;
    // Pools of 3 and 5 threads: none started before in this file. piscina is
    // imported first (on a large file it loads while the file is read; this
    // one is read before a first import settles).
    await import("piscina");
    await loadNetwork(file, undefined, io, { threads: 3, warmThreadsFrom: size + 1 });
    expect(threadsStarted(3)).toBe(0);
    await loadNetwork(file, undefined, io, { threads: 5, warmThreadsFrom: size });
    expect(threadsStarted(5)).toBe(5);
  });
});
