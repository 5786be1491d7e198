import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NetworkError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { parseNetworkText, readNetwork, readNetworkLines } from "../../src/model/read-network.js";
import { scanNumber, scannedNumber } from "../../src/model/text/json-bytes.js";
import { RecordScan } from "../../src/model/text/record-scanner.js";
import { chunked } from "../helpers/chunked.js";
import { randomNetwork } from "../helpers/random-network.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";

type Json = ReturnType<typeof JSON.parse>;

const dir = temporaryFolder("rd-text-");
const encoder = new TextEncoder();

/** The issues a read rejects with (fails the test when it accepts). */
async function issuesOf(read: () => Promise<unknown> | unknown) {
  try {
    await read();
  } catch (error) {
    expect(error).toBeInstanceOf(NetworkError);
    return [...(error as NetworkError).issues];
  }
  throw new Error("expected a NetworkError");
}

/** JSON with a space after every token (JSON.stringify's indentation, on one line). */
const spaced = (value: unknown) => JSON.stringify(value, null, 1).replace(/\n/g, " ");

/** Each record's keys in reverse order. */
function reversedKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

const lines = (net: Json, write: (value: unknown) => string) =>
  [
    ...net.firms.map((firm: Json) => write({ firm })),
    ...net.relations.map((relation: Json) => write({ relation })),
  ].join("\n");

describe("the lean readers read what JSON.parse and parseNetwork read", () => {
  it("JSON Lines, compact, spaced or with keys in another order, in any chunking", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomNetwork({ maxFirms: 6, maxProducts: 4 }),
        fc.constantFrom(JSON.stringify, spaced, (v: unknown) => JSON.stringify(reversedKeys(v))),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        async (net, write, sizes) => {
          const text = `${lines(net, write)}\r\n`;
          const expected = parseNetwork(net);
          expect(await readNetworkLines(chunked(encoder.encode(text), sizes))).toEqual(expected);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("the JSON document, compact, indented or with keys in another order", () => {
    fc.assert(
      fc.property(randomNetwork({ maxFirms: 6, maxProducts: 4 }), (net) => {
        const expected = parseNetwork(net);
        for (const text of [
          JSON.stringify(net),
          JSON.stringify(net, null, 2),
          JSON.stringify(reversedKeys(net)),
        ]) {
          expect(parseNetworkText(text)).toEqual(expected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("records of unusual shape (escapes, repeated keys, odd numbers) as JSON.parse reads them", async () => {
    const text = [
      '{"firm":{"id":"a\\u0062","name":"\\"quoted\\"","offers":[{"product":"x","price":1e1,"cost":0.5e1,"capacity":1E+2}]}}',
      '{"firm":{"id":"c","id":"d","needs":[{"product":"x","quantity":2,"quantity":3}]}}',
      '{"relation":{"seller":"ab","buyer":"d","probability":5e-1}}',
      '{"firm":{"id":"é-ü","hurdle":-0,"needs":[{"product":"x","quantity":1,"referencePrice":12345678901234567890}]}}',
    ].join("\n");
    const expected = parseNetwork({
      firms: [
        {
          id: "ab",
          name: '"quoted"',
          offers: [{ product: "x", price: 10, cost: 5, capacity: 100 }],
        },
        { id: "d", needs: [{ product: "x", quantity: 3 }] },
        {
          id: "é-ü",
          hurdle: -0,
          needs: [{ product: "x", quantity: 1, referencePrice: Number("12345678901234567890") }],
        },
      ],
      relations: [{ seller: "ab", buyer: "d", probability: 0.5 }],
    });
    expect(await readNetworkLines(Readable.from([text]))).toEqual(expected);
    // The same firms in a document.
    const firms = text
      .split("\n")
      .filter((line) => line.startsWith('{"firm"'))
      .map((line) => line.slice('{"firm":'.length, -1));
    const document = `{"firms":[${firms.join(",")}],"relations":[{"seller":"ab","buyer":"d","probability":5e-1}]}`;
    expect(parseNetworkText(document)).toEqual(expected);
  });

  it("the scanner accepts only records the fallback reads the same", () => {
    const scan = new RecordScan();
    fc.assert(
      fc.property(randomNetwork({ maxFirms: 4 }), (net) => {
        for (const firm of net.firms) {
          const bytes = encoder.encode(JSON.stringify({ firm }));
          expect(scan.scanLine(bytes, 0, bytes.length)).toBe("firm");
          expect(scan.bytes).toBe(bytes);
        }
      }),
      { numRuns: 30 },
    );
    // What it leaves to the fallback.
    for (const line of [
      '{"firm":{"id":""}}',
      '{"firm":{"id":"a","size":3}}',
      '{"firm":{"id":"a","offers":[{"product":"x","price":1,"cost":2,"capacity":1}]}}',
      '{"firm":{"id":"a","hurdle":1e301}}',
      '{"firm":{"id":"a","offers":[{"product":"x","price":1e308,"cost":1,"capacity":2}]}}',
      '{"firm":{"id":"a","maxDeals":1.5}}',
      '{"firm":{"id":"a\\n"}}',
      '{"firm":{"id":"a"}} trailing',
      '{"relation":{"seller":"a","buyer":"b","probability":0}}',
    ]) {
      const bytes = encoder.encode(line);
      expect(scan.scanLine(bytes, 0, bytes.length), line).toBeUndefined();
    }
  });

  it("reads numbers bit for bit as JSON.parse", () => {
    const bytes = (text: string) => encoder.encode(text);
    const agrees = (text: string) => {
      const b = bytes(text);
      const end = scanNumber(b, 0, b.length);
      expect(end, text).toBe(b.length);
      expect(Object.is(scannedNumber, JSON.parse(text)), text).toBe(true);
    };
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 0, max: 20 }),
        (x, k) => {
          agrees(String(x));
          agrees(x.toExponential(Math.min(k, 20)));
          if (Math.abs(x) < 1e21) agrees(x.toFixed(k));
        },
      ),
      { numRuns: 2000 },
    );
    for (const text of [
      "0",
      "-0",
      "-0.0",
      "0.1",
      "1e22",
      "1e23",
      "9007199254740993",
      "1e-400",
      "1e400",
      "123.456e-7",
    ]) {
      agrees(text);
    }
    for (const text of ["01", "1.", ".5", "-", "1e", "+1", "0x1"]) {
      const b = bytes(text);
      const end = scanNumber(b, 0, b.length);
      expect(end === b.length, text).toBe(false);
    }
  });
});

describe("readers: problems named by place (issue 16)", () => {
  it("rejects bytes that are not UTF-8, naming the line and the byte (Latin-1 pièce and piéce stay apart)", async () => {
    const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
    const head = encoder.encode(
      '{"firm":{"id":"a","offers":[{"product":"x","price":2,"cost":1,"capacity":1}]}}\n',
    );
    const bad = latin1('{"firm":{"id":"b","needs":[{"product":"pi\u00e8ce","quantity":1}]}}\n');
    const issues = await issuesOf(() => readNetworkLines(Readable.from([head, bad])));
    // è is byte 42 of its line.
    expect(bad.indexOf(0xe8) + 1).toBe(42);
    expect(issues).toEqual([
      { path: "line 2", message: expect.stringMatching(/UTF-8: byte 0xE8 at byte 42 of the line/) },
    ]);
    const document = latin1('{"firms":[{"id":"pi\u00e9ce"}]}');
    const path = join(dir, "latin1.json");
    writeFileSync(path, document);
    expect(await issuesOf(() => readNetwork(path))).toEqual([
      { path: "$", message: expect.stringMatching(/UTF-8: byte 0xE9 at line 1, byte 20/) },
    ]);
  });

  it("names a byte-order mark without printing it, in both forms", async () => {
    const bom = "\uFEFF";
    for (const issues of [
      await issuesOf(() => parseNetworkText(`${bom}{"firms":[]}`)),
      await issuesOf(() => readNetworkLines(Readable.from([`${bom}{"firm":{"id":"a"}}\n`]))),
    ]) {
      expect(issues[0].message).toMatch(/byte-order mark \(U\+FEFF\)/);
      expect(issues[0].message).not.toContain(bom);
    }
  });

  it("shows no invisible character in a JSON.parse message", async () => {
    const issues = await issuesOf(() => readNetworkLines(Readable.from(['{"firm":\u0001}\n'])));
    expect(issues[0].message).toContain("\\u0001");
    expect(issues[0].message).not.toContain("\u0001");
  });

  it("treats an empty .json and an empty .jsonl alike: an error at $", async () => {
    for (const name of ["empty.json", "empty.jsonl", "blank.jsonl", "blank.json"]) {
      const path = join(dir, name);
      writeFileSync(path, name.startsWith("blank") ? "\n \n" : "");
      expect(await issuesOf(() => readNetwork(path))).toEqual([
        { path: "$", message: expect.stringMatching(/the file is empty/) },
      ]);
    }
    // A header alone is an empty network, not an empty file.
    expect(await readNetworkLines(Readable.from(["{}\n"]))).toEqual({ firms: [], relations: [] });
  });

  it("rejects figures whose money amounts would overflow (price 1e308), at their path", async () => {
    const net = {
      firms: [
        {
          id: "a",
          hurdle: 1e301,
          offers: [{ product: "x", price: 1e308, cost: 1, capacity: 10 }],
          needs: [{ product: "y", quantity: 1e10, referencePrice: 1e299, switchingCost: 1e301 }],
        },
      ],
    };
    const paths = [
      "firms[0].hurdle",
      "firms[0].needs[0].referencePrice",
      "firms[0].needs[0].switchingCost",
      "firms[0].offers[0].price",
    ];
    const found = (issues: { path: string }[]) => issues.map((i) => i.path).sort();
    expect(found(await issuesOf(() => parseNetwork(net)))).toEqual(paths);
    expect(found(await issuesOf(() => parseNetworkText(JSON.stringify(net))))).toEqual(paths);
    const line = `${JSON.stringify({ firm: net.firms[0] })}\n`;
    expect(found(await issuesOf(() => readNetworkLines(Readable.from([line]))))).toEqual(
      paths.map((p) => p.replace("firms[0]", "line 1: firm")).sort(),
    );
  });

  it("reads a line of any length (a firm with 20,000 offers, in 1 KiB chunks)", async () => {
    const offers = Array.from({ length: 20_000 }, (_, i) => ({
      product: `p${i}`,
      price: 2,
      cost: 1,
      capacity: 1,
    }));
    const text = `${JSON.stringify({ firm: { id: "big", offers } })}\n{"firm":{"id":"small"}}`;
    const network = await readNetworkLines(chunked(encoder.encode(text), [1024]));
    expect(network.firms[0].offers).toHaveLength(20_000);
    expect(network.firms[1].id).toBe("small");
  });
});
