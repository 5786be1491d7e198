import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formOfTarget, writeNetwork } from "../../src/interop/write-network.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { readNetwork } from "../../src/model/read-network.js";
import type { Network } from "../../src/model/types.js";
import { networkArb } from "../../src/testing/index.js";
import { potentialTrades } from "../../src/trade-index/potential-trades.js";
import { randomNetwork } from "../helpers/random-network.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";

const dir = temporaryFolder("rd-write-");
let file = 0;

/** Strings with what JSON must escape, non-ASCII letters, an astral character and a lone surrogate. */
const text = fc
  .array(
    fc.constantFrom("a", "Z", '"', "\\", "\n", "\u0001", "é", "\u{1F600}", "\uD800", " ", "|"),
    {
      maxLength: 5,
    },
  )
  .map((parts) => parts.join(""));

/** Finite doubles, −0 and fractions included. */
const figure = fc.oneof(
  fc.double({ min: 0, max: 1e12, noNaN: true }),
  fc.constantFrom(-0, 0.1, 1e-300, 123456.789),
);

/** Meta is JSON (−0 inside it is written 0, as JSON.stringify writes it). */
const meta = fc
  .dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
  .map((value) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>);

/** `randomNetwork` with names, industries, meta on every kind of record and non-integer figures. */
const richNetwork = randomNetwork({ maxFirms: 5, maxProducts: 3 }).chain((net) =>
  fc
    .record({
      names: fc.array(fc.option(text, { nil: undefined }), {
        minLength: net.firms.length,
        maxLength: net.firms.length,
      }),
      metas: fc.array(fc.option(meta, { nil: undefined }), { minLength: 8, maxLength: 8 }),
      factor: figure,
      suffix: text,
    })
    .map(({ names, metas, factor, suffix }) => ({
      currency: "€",
      meta: metas[0],
      firms: net.firms.map((firm, i) => ({
        ...firm,
        // Ids and products with the same odd suffix: escapes, unicode, lone surrogates.
        id: `${firm.id}${suffix}`,
        ...(names[i] === undefined ? {} : { name: names[i], industry: `${names[i]}-industry` }),
        ...(metas[i % 8] === undefined ? {} : { meta: metas[i % 8] }),
        offers: firm.offers.map((offer, k) => ({
          ...offer,
          product: `${offer.product}${suffix}`,
          price: offer.price + factor,
          ...(metas[(i + k + 1) % 8] === undefined ? {} : { meta: metas[(i + k + 1) % 8] }),
        })),
        needs: firm.needs.map((need) => ({
          ...need,
          product: `${need.product}${suffix}`,
          ...(need.incumbent === undefined
            ? {}
            : { incumbent: `${need.incumbent}${suffix}`, incumbentFloor: factor }),
        })),
      })),
      relations: net.relations.map((relation, k) => ({
        ...relation,
        seller: `${relation.seller}${suffix}`,
        buyer: `${relation.buyer}${suffix}`,
        ...(relation.product === undefined ? {} : { product: `${relation.product}${suffix}` }),
        ...(metas[k % 8] === undefined ? {} : { meta: metas[k % 8] }),
      })),
    })),
);

/** Writes `network` as `form` and reads it back. */
async function through(network: Network, extension: string): Promise<Network> {
  const path = join(dir, `n${file++}.${extension}`);
  await writeNetwork(network, path);
  return readNetwork(path);
}

/** The trades as plain rows. */
const trades = (network: Network) => [...potentialTrades(network)];

async function roundTrips(json: unknown): Promise<void> {
  const network = parseNetwork(json);
  expect(network).toEqual(json);
  // Each form alone, then one form into the next: the same network every time.
  let chained = network;
  for (const extension of ["json", "jsonl", "rdsnap", "ndjson"]) {
    const back = await through(network, extension);
    expect(back).toEqual(network);
    chained = await through(chained, extension);
    expect(chained).toEqual(network);
  }
  expect(trades(chained)).toEqual(trades(network));
}

describe("writeNetwork: json ↔ jsonl ↔ rdsnap", () => {
  it("gives the same network back, from networkArb's networks", async () => {
    await fc.assert(fc.asyncProperty(networkArb({ maxFirms: 6 }), roundTrips), { numRuns: 12 });
  });

  it("gives the same network back with escapes, unicode, meta, −0 and fractions", async () => {
    await fc.assert(fc.asyncProperty(richNetwork, roundTrips), { numRuns: 25 });
  });

  it("writes an empty network so that it reads back (JSON Lines: a header line)", async () => {
    const empty = parseNetwork({ firms: [] });
    for (const extension of ["json", "jsonl", "rdsnap"]) {
      expect(await through(empty, extension)).toEqual({ firms: [], relations: [] });
    }
    const path = join(dir, "empty.jsonl");
    await writeNetwork(empty, path);
    expect(readFileSync(path, "utf8")).toBe("{}\n");
  });

  it("tells the form from the target's name", async () => {
    expect(await formOfTarget("a/net.JSON")).toBe("json");
    expect(await formOfTarget("net.ndjson")).toBe("jsonl");
    expect(await formOfTarget("net.rdsnap")).toBe("rdsnap");
    expect(await formOfTarget("tables/")).toBe("tables");
    expect(await formOfTarget(dir)).toBe("tables");
    await expect(formOfTarget("net.csv")).rejects.toMatchObject({ name: "UsageError" });
  });
});
