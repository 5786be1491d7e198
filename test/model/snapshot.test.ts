import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { findDeals, rankDealsAsync } from "../../src/economics/find-deals.js";
import type { AsyncFindDealsOptions } from "../../src/economics/find-options.js";
import { searchArrays } from "../../src/economics/shared-index.js";
import { writeNetwork } from "../../src/interop/write-network.js";
import { NetworkError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { readNetwork, readNetworkStream } from "../../src/model/read-network.js";
import { readSnapshotBytes } from "../../src/model/snapshot/read-snapshot.js";
import { readSnapshotFile, type SnapshotFile } from "../../src/model/snapshot/snapshot-file.js";
import { snapshotOf } from "../../src/model/snapshot/snapshot-of.js";
import {
  prefetchSearchGraph,
  searchGraphArrayNames,
  searchGraphOf,
  storedGraphSections,
} from "../../src/search/search-graph.js";
import { floorSectionNames } from "../../src/trade-index/incumbent-floors.js";
import { prefetchStoredIndex, storedIndexSections } from "../../src/trade-index/index-sections.js";
import { potentialTrades } from "../../src/trade-index/potential-trades.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { crc32 } from "../../src/util/crc32.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";

const dir = temporaryFolder("rd-snapshot-");

const network = parseNetwork({
  currency: "EUR",
  meta: { source: "test" },
  firms: [
    {
      id: "steel",
      name: "Special Steel",
      keyAccount: false,
      offers: [{ product: "steel", price: 5200, cost: 4300, capacity: 2000, meta: { sku: 1 } }],
      needs: [{ product: "valve", quantity: 300, referencePrice: 95, incumbent: "acme" }],
    },
    {
      id: "valveco",
      hurdle: 100,
      offers: [{ product: "valve", price: 90, cost: 50, capacity: 500 }],
      needs: [{ product: "steel", quantity: 1000, switchingCost: 2000 }],
      meta: { crmId: "A-1" },
    },
    { id: "dev", maxDeals: 2, needs: [] },
  ],
  relations: [
    { seller: "steel", buyer: "valveco", probability: 0.6 },
    { seller: "valveco", buyer: "dev", blocked: true, product: "other" },
  ],
});

async function snapshotBytes(name: string): Promise<{ path: string; bytes: Buffer }> {
  const path = join(dir, name);
  await writeNetwork(network, path);
  return { path, bytes: readFileSync(path) };
}

/** The message of the NetworkError `read` rejects with. */
async function refusal(read: () => Promise<unknown>): Promise<string> {
  try {
    await read();
  } catch (error) {
    expect(error).toBeInstanceOf(NetworkError);
    const issues = (error as NetworkError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe("$");
    return issues[0].message;
  }
  throw new Error("expected a NetworkError");
}

describe("snapshot (.rdsnap)", () => {
  it("reads back the same network, the same trades, from a file and from bytes", async () => {
    const { path, bytes } = await snapshotBytes("same.rdsnap");
    for (const read of [readNetwork(path), readNetworkStream(Readable.from([bytes]), "rdsnap")]) {
      const back = await read;
      expect(back).toEqual(network);
      expect([...potentialTrades(back)]).toEqual([...potentialTrades(network)]);
    }
  });

  it("builds the same records one by one (the first few hundred) and from whole columns (past them)", async () => {
    const many = parseNetwork({
      currency: "EUR",
      firms: Array.from({ length: 300 }, (_, i) => ({
        id: `f${String(i).padStart(3, "0")}`,
        ...(i % 3 === 0 ? { name: `Firm ${i} «é»`, meta: { i } } : {}),
        ...(i % 5 === 0 ? { hurdle: i, keyAccount: i % 2 === 0 } : {}),
        offers: [
          {
            product: `p${i % 7}`,
            price: 10 + i,
            cost: 5,
            capacity: 3,
            ...(i % 4 === 0 ? { meta: { o: i } } : {}),
          },
        ],
        needs:
          i % 2 === 0
            ? [{ product: `p${(i + 1) % 7}`, quantity: 2, incumbent: `f${i}`, incumbentFloor: 1 }]
            : [],
      })),
      relations: Array.from({ length: 290 }, (_, i) => ({
        seller: `f${String(i).padStart(3, "0")}`,
        buyer: `f${String((i + 1) % 300).padStart(3, "0")}`,
        ...(i % 3 === 0 ? { product: `q${i}`, blocked: true } : { probability: 0.5 }),
      })),
    });
    const path = join(dir, "many.rdsnap");
    await writeNetwork(many, path);
    const back = await readNetwork(path);
    // Read in a scattered order, then all: both ways of building records are exercised.
    for (const r of [299, 0, 150, 7]) expect(back.firms[r]).toEqual(many.firms[r]);
    expect(back).toEqual(many);
  });

  it("refuses a file with any byte flipped", async () => {
    const { bytes } = await snapshotBytes("flip.rdsnap");
    // A byte of the header, of the metadata, of every part of the data.
    const places = [
      3,
      10,
      40,
      ...Array.from({ length: 24 }, (_, i) => Math.floor(((i + 0.5) / 24) * bytes.length)),
    ];
    for (const at of places) {
      const damaged = Buffer.from(bytes);
      damaged[at] ^= 0x10;
      const path = join(dir, `flipped-${at}.rdsnap`);
      writeFileSync(path, damaged);
      const message = await refusal(() => readNetwork(path));
      expect(message).toMatch(/damaged|not a snapshot|version|truncated/);
      expect(await refusal(() => readNetworkStream(Readable.from([damaged]), "rdsnap"))).toBe(
        message.replace(path, "snapshot"),
      );
    }
  });

  it("refuses it with any single byte changed, wherever (every byte is under a checksum)", async () => {
    const { bytes } = await snapshotBytes("every-byte.rdsnap");
    for (let at = 0; at < bytes.length; at++) {
      const damaged = Uint8Array.from(bytes);
      damaged[at] ^= 0x01;
      expect(() => readSnapshotBytes(damaged)).toThrow(NetworkError);
    }
  });

  it("refuses a file with any byte of a section changed, whether read ahead (checked from its own bytes) or not", async () => {
    const { bytes } = await snapshotBytes("every-byte-file.rdsnap");
    const path = join(dir, "every-byte-flipped.rdsnap");
    const file = await readSnapshotFile(join(dir, "every-byte-file.rdsnap"));
    const sections = file.meta.sections as { name: string }[];
    // Every other section read ahead, in pieces of 24 bytes (sections end in a short one).
    const ahead = sections.filter((_, i) => i % 2 === 0).map((s) => s.name);
    let refused = 0;
    for (let at = 0; at < bytes.length; at++) {
      const damaged = Buffer.from(bytes);
      damaged[at] ^= 0x40;
      writeFileSync(path, damaged);
      await expect(
        readSnapshotFile(path, { prefetchPieceBytes: 24, readAhead: () => ahead }),
        `byte ${at}`,
      ).rejects.toThrow(NetworkError);
      refused++;
    }
    expect(refused).toBe(bytes.length);
    // Undamaged, the sections read ahead are in memory, the bytes of the file.
    writeFileSync(path, bytes);
    const back = await readSnapshotFile(path, { prefetchPieceBytes: 24, readAhead: () => ahead });
    for (const name of ahead)
      expect([...back.section(name)], name).toEqual([...file.section(name)]);
  });

  it("refuses a truncated file, saying so", async () => {
    const { path, bytes } = await snapshotBytes("truncated.rdsnap");
    for (const length of [bytes.length - 1, Math.floor(bytes.length / 2), 20, 0]) {
      writeFileSync(path, bytes.subarray(0, length));
      const message = await refusal(() => readNetwork(path));
      expect(message).toMatch(length < 8 ? /not a snapshot/ : /truncated/);
    }
  });

  it("refuses a snapshot of another format version, saying which", async () => {
    const { path, bytes } = await snapshotBytes("version.rdsnap");
    const other = Buffer.from(bytes);
    other.writeUInt32LE(2, 8);
    // A well-formed header of version 2: its own checksum is right.
    other.writeUInt32LE(crc32(other.subarray(0, 28)), 28);
    writeFileSync(path, other);
    expect(await refusal(() => readNetwork(path))).toMatch(/format version 2.*reads version 1/);
  });

  it("refuses a file that is no snapshot", async () => {
    const path = join(dir, "text.rdsnap");
    writeFileSync(path, JSON.stringify({ firms: [] }));
    expect(await refusal(() => readNetwork(path))).toMatch(/not a snapshot/);
  });

  it("refuses a section asked for after the file was rewritten", async () => {
    const { path } = await snapshotBytes("rewritten.rdsnap");
    const back = await readNetwork(path);
    // Rewrite the file in place (another network): its identity changes.
    await writeNetwork(parseNetwork({ firms: [{ id: "z" }] }), path);
    expect(() => back.firms[0]).toThrow(/changed since it was opened/);
  });

  it("reads sections ahead in parallel pieces: the bytes read one by one, in shared memory", async () => {
    const { path } = await snapshotBytes("prefetch.rdsnap");
    const names = ((await readSnapshotFile(path)).meta.sections as { name: string }[]).map(
      (s) => s.name,
    );
    expect(names.length).toBeGreaterThan(20);
    // Pieces of 8, 24 and 40 bytes: sections cut into many, most ending in a short one.
    for (const pieceBytes of [8, 24, 40]) {
      const ahead = await readSnapshotFile(path, { prefetchPieceBytes: pieceBytes });
      const oneByOne = await readSnapshotFile(path);
      const early = ahead.section(names[0]);
      const reading = ahead.prefetch([...names, "no-such-section", names[1]]);
      // Asked for while being read ahead: read then, the same bytes.
      const meanwhile = ahead.section(names[2]);
      await reading;
      expect(ahead.section(names[0])).toBe(early); // read already: kept, not read again
      expect(ahead.section(names[2])).toBe(meanwhile);
      for (const name of names) {
        const array = ahead.section(name);
        expect(array.buffer, name).toBeInstanceOf(SharedArrayBuffer);
        expect(array.constructor, name).toBe(oneByOne.section(name).constructor);
        expect([...array], name).toEqual([...oneByOne.section(name)]);
      }
      await ahead.prefetch(names); // all read: nothing to do
      expect(ahead.section(names[3])).toBe(ahead.section(names[3]));
    }
  });

  it("reads sections ahead while it checks the checksums; a later prefetch waits for that read", async () => {
    const { path } = await snapshotBytes("read-ahead.rdsnap");
    const oneByOne = await readSnapshotFile(path);
    const names = (oneByOne.meta.sections as { name: string }[]).map((s) => s.name).slice(0, 6);
    const expected = names.map((name) => [...oneByOne.section(name)]);
    const file = await readSnapshotFile(path, { prefetchPieceBytes: 16, readAhead: () => names });
    // Rewritten once open: only the reads queued at open (on the old file) can bring these.
    await writeNetwork(parseNetwork({ firms: [{ id: "z" }] }), path);
    await file.prefetch(names);
    names.forEach((name, i) => {
      expect([...file.section(name)], name).toEqual(expected[i]);
    });
    expect(await refusal(async () => file.section("index.outOffsets"))).toMatch(
      /changed since it was opened/,
    );
  });

  it("refuses a damaged file though sections were being read ahead", async () => {
    const { bytes } = await snapshotBytes("read-ahead-damaged.rdsnap");
    const damagedPath = join(dir, "read-ahead-flipped.rdsnap");
    const damaged = Buffer.from(bytes);
    damaged[bytes.length - 40] ^= 0x10;
    writeFileSync(damagedPath, damaged);
    const names = (
      (await readSnapshotFile(join(dir, "read-ahead-damaged.rdsnap"))).meta.sections as {
        name: string;
      }[]
    ).map((s) => s.name);
    const message = await refusal(async () =>
      readSnapshotFile(damagedPath, { prefetchPieceBytes: 64, readAhead: () => names }),
    );
    expect(message).toMatch(/damaged: section ".*" fails its checksum/);
  });

  it("reads ahead the index and graph sections a threaded search reads, and nothing for other networks", async () => {
    const { path } = await snapshotBytes("prefetch-parts.rdsnap");
    const back = await readNetwork(path);
    await Promise.all([prefetchSearchGraph(back), prefetchStoredIndex(back, searchArrays)]);
    await prefetchStoredIndex(network, searchArrays); // not from a snapshot: nothing to read
    // What was read ahead is in memory: rewriting the file no longer touches it;
    // any other section is read on first use, and refused now.
    await writeNetwork(parseNetwork({ firms: [{ id: "z" }] }), path);
    const index = tradeIndexOf(back);
    const expected = tradeIndexOf(network);
    for (const name of searchArrays) expect([...index[name]], name).toEqual([...expected[name]]);
    expect(index.firmIds).toEqual(expected.firmIds);
    const graph = searchGraphOf(index, true);
    const built = searchGraphOf(expected, true);
    for (const name of searchGraphArrayNames)
      expect([...graph.arrays[name]], name).toEqual([...built.arrays[name]]);
    expect(() => index.outOffsets).toThrow(/changed since it was opened/);
  });

  it("reads ahead, for a search over the whole network on the calling thread, what it will read", async () => {
    const { path } = await snapshotBytes("read-ahead-one-thread.rdsnap");
    const asked = async (options: AsyncFindDealsOptions) => {
      const back = await readNetwork(path);
      const file = snapshotOf(back) as SnapshotFile;
      const names: string[] = [];
      const prefetch = file.prefetch.bind(file);
      file.prefetch = (wanted) => {
        names.push(...wanted);
        return prefetch(wanted);
      };
      const ranked = await rankDealsAsync(back, { ...options, threads: 1 });
      try {
        expect([...ranked]).toEqual(findDeals(network, options));
      } finally {
        ranked.close();
      }
      return names;
    };
    const whole = await asked({ maxParties: 3 });
    const file = snapshotOf(await readNetwork(path)) as SnapshotFile;
    expect(storedGraphSections(file).length).toBeGreaterThan(0);
    for (const name of storedGraphSections(file)) expect(whole).toContain(name);
    for (const name of storedIndexSections(file, searchArrays)) expect(whole).toContain(name);
    expect(whole).not.toContain(floorSectionNames[0]);
    // Under the counter, the pricing reads the incumbents' floors too.
    expect(await asked({ maxParties: 3, competition: "counter" })).toContain(floorSectionNames[0]);
    // Around an initiator the search reads little: nothing ahead.
    expect(await asked({ initiator: "steel" })).toEqual([]);
  });

  it("refuses to read ahead once the file was rewritten", async () => {
    const { path } = await snapshotBytes("rewritten-ahead.rdsnap");
    const file = await readSnapshotFile(path);
    await writeNetwork(parseNetwork({ firms: [{ id: "z" }] }), path);
    expect(await refusal(() => file.prefetch(["index.tradeOffer"]))).toMatch(
      /changed since it was opened/,
    );
  });

  it("is written whole or not at all, and never over a folder", async () => {
    const folder = join(dir, "folder.rdsnap");
    mkdirSync(folder);
    await expect(writeNetwork(network, folder)).rejects.toMatchObject({
      name: "FileError",
      path: folder,
    });
    const missing = join(dir, "no-such-folder", "x.rdsnap");
    await expect(writeNetwork(network, missing)).rejects.toMatchObject({ path: missing });
  });
});
