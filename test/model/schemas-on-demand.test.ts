/**
 * zod on demand (src/model/schemas-on-demand.ts): in the CLI's build the
 * readers start without the schemas and load them when a record needs them.
 * Each case runs on fresh modules with the CLI's provider (none), and is
 * compared with the same read with the schemas linked, as the library has them.
 */
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { NetworkError } from "../../src/model/errors.js";
import { readNetworkLines, readNetworkStream } from "../../src/model/read-network.js";
import { chunked } from "../helpers/chunked.js";
import { randomNetwork } from "../helpers/random-network.js";

type Json = ReturnType<typeof JSON.parse>;

const encoder = new TextEncoder();

/** Fresh instances of the reader and of the schema registry, as the CLI's build links them: nothing loaded. */
async function freshModules() {
  vi.resetModules();
  vi.doMock(
    "../../src/model/schema-provider.js",
    () => import("../../src/model/schema-provider-cli.js"),
  );
  try {
    const reader = await import("../../src/model/read-network.js");
    const registry = await import("../../src/model/schemas-on-demand.js");
    return { reader, registry };
  } finally {
    vi.doUnmock("../../src/model/schema-provider.js");
  }
}

/** Whether the fresh registry has loaded the schemas. */
function schemasLoaded(registry: typeof import("../../src/model/schemas-on-demand.js")) {
  try {
    registry.networkSchemas();
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(registry.SchemasNotLoaded);
    return false;
  }
}

/** The network as JSON, or the issues of the NetworkError (any other error fails the test). */
async function outcome(read: () => Promise<unknown>): Promise<Json> {
  try {
    return JSON.parse(JSON.stringify(await read()));
  } catch (error) {
    // A NetworkError from fresh modules is another class instance: compare by name.
    if (!(error instanceof Error) || error.name !== "NetworkError") throw error;
    return { issues: [...(error as NetworkError).issues] };
  }
}

/** Edits that only zod can judge (each makes the record invalid, or unusual and valid). */
const edits: ((firm: Json) => void)[] = [
  (firm) => {
    firm.size = 3; // unknown key
  },
  (firm) => {
    if (firm.offers?.[0]) firm.offers[0].price = -1;
    else firm.hurdle = -5;
  },
  (firm) => {
    firm.maxDeals = 1.5;
  },
  (firm) => {
    firm.name = 12;
  },
];

const lines = (net: Json) =>
  [
    JSON.stringify({ currency: "EUR" }),
    ...net.firms.map((firm: Json) => JSON.stringify({ firm })),
    ...net.relations.map((relation: Json) => JSON.stringify({ relation })),
  ].join("\n");

describe("zod on demand", () => {
  it("valid input is read without loading zod (document, JSON Lines)", async () => {
    const net = {
      currency: "EUR",
      meta: { source: "test" },
      firms: [
        { id: "a", offers: [{ product: "p", price: 10, cost: 5, capacity: 3 }] },
        { id: "b", needs: [{ product: "p", quantity: 2, incumbent: "c" }], meta: { x: 1 } },
      ],
      relations: [{ seller: "a", buyer: "b", probability: 0.5 }],
    };
    const { reader, registry } = await freshModules();
    const fromText = await reader.readNetworkStream(
      Readable.from([encoder.encode(JSON.stringify(net))]),
      "json",
    );
    const fromLines = await reader.readNetworkLines(Readable.from([encoder.encode(lines(net))]));
    expect(fromText.firms.map((f) => f.id)).toEqual(["a", "b"]);
    expect(fromLines.relations).toHaveLength(1);
    expect(schemasLoaded(registry)).toBe(false);
  });

  it("JSON Lines: a record only zod can judge, anywhere in any chunking, reads as with zod at hand", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomNetwork({ maxFirms: 5 }),
        fc.nat(),
        fc.integer({ min: 0, max: edits.length - 1 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 }),
        async (net, at, edit, sizes) => {
          const firms: Json[] = structuredClone(net.firms);
          edits[edit](firms[at % firms.length]);
          const bytes = encoder.encode(lines({ ...net, firms }));
          const expected = await outcome(() => readNetworkLines(chunked(bytes, sizes)));
          expect(expected.issues?.length ?? 0).toBeGreaterThan(0);
          const { reader, registry } = await freshModules();
          const actual = await outcome(() => reader.readNetworkLines(chunked(bytes, sizes)));
          expect(actual).toEqual(expected);
          expect(schemasLoaded(registry)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("a document that needs zod is parsed again with it, and reports as with zod at hand", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomNetwork({ maxFirms: 5 }),
        fc.nat(),
        fc.integer({ min: 0, max: edits.length - 1 }),
        async (net, at, edit) => {
          const firms: Json[] = structuredClone(net.firms);
          edits[edit](firms[at % firms.length]);
          const bytes = encoder.encode(JSON.stringify({ ...net, firms }));
          const stream = () => Readable.from([bytes]);
          const expected = await outcome(() => readNetworkStream(stream(), "json"));
          expect(expected.issues?.length ?? 0).toBeGreaterThan(0);
          const { reader } = await freshModules();
          expect(await outcome(() => reader.readNetworkStream(stream(), "json"))).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  });
});
