import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NetworkError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { readNetwork, readNetworkLines } from "../../src/model/read-network.js";
import { randomNetwork } from "../helpers/random-network.js";

const dir = mkdtempSync(join(tmpdir(), "rd-read-"));

function toLines(net: { firms: unknown[]; relations: unknown[] }, header?: object): string {
  const lines = header ? [JSON.stringify(header)] : [];
  for (const firm of net.firms) lines.push(JSON.stringify({ firm }));
  for (const relation of net.relations) lines.push(JSON.stringify({ relation }));
  return `${lines.join("\n")}\n`;
}

async function linesIssues(text: string) {
  try {
    await readNetworkLines(Readable.from([text]));
  } catch (error) {
    expect(error).toBeInstanceOf(NetworkError);
    return (error as NetworkError).issues.map((i) => i.path);
  }
  throw new Error("expected a NetworkError");
}

describe("readNetwork", () => {
  it("reads the JSON Lines form as the same network as the document form", async () => {
    await fc.assert(
      fc.asyncProperty(randomNetwork(), async (net) => {
        const header = { currency: "EUR", meta: { source: "test" } };
        const fromLines = await readNetworkLines(Readable.from([toLines(net, header)]));
        expect(fromLines).toEqual(parseNetwork({ ...header, ...net }));
      }),
      { numRuns: 50 },
    );
  });

  it("reads files by extension", async () => {
    const net = {
      firms: [{ id: "a" }, { id: "b" }],
      relations: [{ seller: "a", buyer: "b", blocked: true }],
    };
    writeFileSync(join(dir, "n.json"), JSON.stringify(net));
    writeFileSync(join(dir, "n.ndjson"), toLines(net));
    writeFileSync(join(dir, "n.jsonl"), toLines(net));
    const expected = parseNetwork(net);
    expect(await readNetwork(join(dir, "n.json"))).toEqual(expected);
    expect(await readNetwork(join(dir, "n.ndjson"))).toEqual(expected);
    expect(await readNetwork(join(dir, "n.jsonl"))).toEqual(expected);
  });

  it("names the line of each problem in the JSON Lines form", async () => {
    const text = [
      '{"currency":"EUR"}',
      '{"firm":{"id":"a","offers":[{"product":"x","price":2,"cost":3,"capacity":1}]}}',
      "not json",
      '{"relation":{"seller":"a","buyer":"ghost"}}',
      '{"firm":{"id":"a"}}',
      '{"other":1}',
      '{"currency":"USD"}',
    ].join("\n");
    expect(await linesIssues(text)).toEqual(
      expect.arrayContaining([
        "line 2: firm.offers[0].cost",
        "line 3",
        "line 4: relation.buyer",
        "line 5: firm.id",
        "line 6",
        "line 7",
      ]),
    );
  });

  it("rejects a document that is not JSON at $", async () => {
    writeFileSync(join(dir, "bad.json"), "{ nope");
    await expect(readNetwork(join(dir, "bad.json"))).rejects.toMatchObject({
      name: "NetworkError",
      issues: [{ path: "$" }],
    });
  });
});
