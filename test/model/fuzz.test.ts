/**
 * Fuzzing the readers (issue 16): random bytes and random mutations of valid
 * networks in every form, thrown at parseNetwork, the text readers, the
 * snapshot reader and the CLI. Each must give a network or a NetworkError
 * (the CLI: exit 0 or 2 with a message), never another error, a hang or a
 * stack trace.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeNetwork } from "../../src/interop/write-network.js";
import { NetworkError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { parseNetworkText, readNetwork, readNetworkLines } from "../../src/model/read-network.js";
import { readSnapshotBytes } from "../../src/model/snapshot/read-snapshot.js";
import { potentialTrades } from "../../src/trade-index/potential-trades.js";
import { runCliCaptured } from "../cli/run-cli.js";
import { randomNetwork } from "../helpers/random-network.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";

const dir = temporaryFolder("rd-fuzz-");
const encoder = new TextEncoder();

/** Runs `read`; a network is used (its trades listed) and a NetworkError is fine; anything else fails. */
async function resultOrNetworkError(read: () => unknown): Promise<void> {
  try {
    const network = (await read()) as Parameters<typeof potentialTrades>[0];
    for (const _ of potentialTrades(network)) {
      // Consumed: the index builds.
    }
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
  }
}

/** An edit of bytes: replace, insert or delete at a place (taken modulo the length). */
const edit = fc.record({
  kind: fc.constantFrom("replace", "insert", "delete"),
  at: fc.nat(),
  byte: fc.oneof(
    fc.integer({ min: 0, max: 255 }),
    fc.constantFrom(0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x0a, 0x30, 0x2d, 0x65),
  ),
});

function mutated(
  bytes: Uint8Array,
  edits: { kind: string; at: number; byte: number }[],
): Uint8Array {
  const out = Array.from(bytes);
  for (const { kind, at, byte } of edits) {
    const place = out.length === 0 ? 0 : at % out.length;
    if (kind === "replace" && out.length > 0) out[place] = byte;
    else if (kind === "insert") out.splice(place, 0, byte);
    else out.splice(place, 1);
  }
  return Uint8Array.from(out);
}

const lines = (net: { firms: unknown[]; relations: unknown[] }) =>
  `${[...net.firms.map((firm) => JSON.stringify({ firm })), ...net.relations.map((relation) => JSON.stringify({ relation }))].join("\n")}\n`;

describe("fuzzing the readers", () => {
  it("random bytes: a network or a NetworkError, in every form", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        await resultOrNetworkError(() => parseNetworkText(new TextDecoder().decode(bytes)));
        await resultOrNetworkError(() => readNetworkLines(Readable.from([bytes])));
        await resultOrNetworkError(() => readSnapshotBytes(bytes));
        await resultOrNetworkError(() => parseNetwork(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it("mutations of valid networks: a network or a NetworkError, in every form", async () => {
    const snapshotPath = join(dir, "base.rdsnap");
    await fc.assert(
      fc.asyncProperty(
        randomNetwork({ maxFirms: 4, maxProducts: 3 }),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        async (net, edits) => {
          await resultOrNetworkError(() =>
            parseNetworkText(
              new TextDecoder().decode(mutated(encoder.encode(JSON.stringify(net)), edits)),
            ),
          );
          const text = mutated(encoder.encode(lines(net)), edits);
          await resultOrNetworkError(() => readNetworkLines(Readable.from([text])));
          await writeNetwork(parseNetwork(net), snapshotPath);
          const original = readFileSync(snapshotPath);
          const snapshot = mutated(original, edits);
          // Any change to a snapshot is caught by its checksums (an edit may
          // write a byte over itself: then there is no change to catch).
          if (Buffer.compare(Buffer.from(snapshot), original) === 0) readSnapshotBytes(snapshot);
          else expect(() => readSnapshotBytes(snapshot)).toThrow(NetworkError);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("mutated objects: parseNetwork gives a network or a NetworkError", async () => {
    const value = fc.oneof(
      fc.constantFrom(
        null,
        undefined,
        -5,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        1e308,
        "",
        "x",
        [],
        {},
      ),
      fc.jsonValue({ maxDepth: 1 }),
    );
    await fc.assert(
      fc.asyncProperty(
        randomNetwork({ maxFirms: 3 }),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.constantFrom(
              "id",
              "price",
              "cost",
              "capacity",
              "quantity",
              "offers",
              "needs",
              "product",
              "seller",
            ),
            value,
          ),
          {
            maxLength: 3,
          },
        ),
        async (net, changes) => {
          const copy = structuredClone(net) as { firms: Record<string, unknown>[] };
          for (const [at, key, v] of changes) {
            const firm = copy.firms[at % copy.firms.length];
            const offers = Array.isArray(firm.offers)
              ? (firm.offers as Record<string, unknown>[])
              : [];
            const item = offers[at % Math.max(1, offers.length)];
            const target = key in firm || typeof item !== "object" || item === null ? firm : item;
            target[key] = v;
          }
          await resultOrNetworkError(() => parseNetwork(copy));
          await resultOrNetworkError(() => readNetwork(write(JSON.stringify(copy))));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("the CLI: exit 0 or 2 with a one-line message per problem, never a stack trace", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomNetwork({ maxFirms: 4 }),
        fc.array(edit, { maxLength: 3 }),
        fc.constantFrom("json", "jsonl"),
        async (net, edits, form) => {
          const text = form === "json" ? JSON.stringify(net) : lines(net);
          const path = write(Buffer.from(mutated(encoder.encode(text), edits)), form);
          const result = await runCliCaptured(["trades", path]);
          expect([0, 2]).toContain(result.code);
          if (result.code === 2) {
            expect(result.stdout).toBe("");
            expect(result.stderr).not.toMatch(/\n\s+at /);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

let files = 0;

/** Writes `content` to a new file of the form's extension; returns its path. */
function write(content: string | Buffer, extension = "json"): string {
  const path = join(dir, `f${files++}.${extension}`);
  writeFileSync(path, content);
  return path;
}
