/**
 * `find --shard I/N` and `merge`: for random networks and options, the merge
 * of the shards' listings (JSON or JSON Lines) is byte for byte the single
 * run's listing; the listing reader takes either form in any layout, split
 * anywhere; bad listings and bad flags exit 2 with a message.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listingDeals, readListing } from "../../src/cli/listing-file.js";
import { dealJsonText } from "../../src/economics/deal-json.js";
import { findDeals } from "../../src/economics/find-deals.js";
import { ListingError } from "../../src/economics/listing-error.js";
import { readNetwork } from "../../src/model/read-network.js";
import { randomNetwork } from "../helpers/random-network.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";
import { runCliCaptured, runCliOk } from "./run-cli.js";

const dir = temporaryFolder("rd-merge-");
let files = 0;
/** Writes text to a new file of the temporary folder and returns its path. */
const file = (text: string, extension = "json") => {
  const path = join(dir, `f${files++}.${extension}`);
  writeFileSync(path, text);
  return path;
};

const ok = runCliOk;

const flagsArb = fc.record({
  kinds: fc.subarray(["cycle", "brokered", "chain"], { minLength: 1 }).map((k) => k.join(",")),
  maxParties: fc.integer({ min: 2, max: 4 }),
  top: fc.oneof(fc.constant("--all"), fc.integer({ min: 1, max: 8 }).map(String)),
  policy: fc.constantFrom("fair", "minimal"),
  objective: fc.constantFrom("surplus", "expectedSurplus"),
  format: fc.constantFrom("json", "jsonl"),
  total: fc.integer({ min: 1, max: 5 }),
});

describe("find --shard and merge", () => {
  it("merge the shards' listings into the single run's listing, byte for byte", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomNetwork({ maxFirms: 7, maxProducts: 2 }),
        flagsArb,
        async (network, flags) => {
          const path = file(JSON.stringify(network));
          const search = [
            path,
            "--kinds",
            flags.kinds,
            "--max-parties",
            String(flags.maxParties),
            "--policy",
            flags.policy,
            "--objective",
            flags.objective,
            "--format",
            flags.format,
            ...(flags.top === "--all" ? ["--all"] : ["--top", flags.top]),
          ];
          const single = await ok(["find", ...search]);
          const parts: string[] = [];
          for (let i = 1; i <= flags.total; i++) {
            parts.push(file(await ok(["find", ...search, "--shard", `${i}/${flags.total}`])));
          }
          const top = flags.top === "--all" ? ["--all"] : ["--top", flags.top];
          expect(await ok(["merge", ...parts, ...top, "--format", flags.format])).toBe(single);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("writes JSON Lines as the DEALs of the JSON listing, one a line", async () => {
    const network = file(JSON.stringify({ firms: [] }));
    expect(await ok(["find", network, "--format", "jsonl"])).toBe("");
    const example = join(__dirname, "..", "..", "examples", "timber-loop", "network.json");
    const json = JSON.parse(await ok(["find", example, "--format", "json"])) as {
      deals: unknown[];
    };
    const lines = (await ok(["find", example, "--format", "jsonl"])).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((line) => JSON.parse(line))).toEqual(json.deals);
  });

  it("refuses bad --shard, --memory-budget and merge flags (exit 2)", async () => {
    const example = join(__dirname, "..", "..", "examples", "timber-loop", "network.json");
    for (const shard of ["0/4", "5/4", "1/0", "a/b", "2", "1/2/3", "1/-2"]) {
      const result = await runCliCaptured(["find", example, "--shard", shard]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--shard must be I\/N/);
    }
    for (const budget of ["0", "10", "1k", "lots", "-5M"]) {
      const result = await runCliCaptured(["find", example, "--memory-budget", budget]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--memory-budget/);
    }
    expect((await runCliCaptured(["find", example, "--memory-budget", "1.5G"])).code).toBe(0);
    expect((await runCliCaptured(["merge"])).code).toBe(2);
    expect((await runCliCaptured(["merge", example, "--format", "csv"])).code).toBe(2);
    expect((await runCliCaptured(["merge", join(dir, "missing.json")])).code).toBe(2);
  });

  it("refuses listings that overlap or are not ranked, naming the file and line (exit 2)", async () => {
    const a = file('{"deals": [\n  {"id":"x","score":2},\n  {"id":"y","score":1}\n]}\n');
    const b = file('{"id":"y","score":1}\n', "jsonl");
    const unsorted = file('{"id":"x","score":1}\n{"id":"y","score":2}\n', "jsonl");
    const overlap = await runCliCaptured(["merge", a, b]);
    expect(overlap.code).toBe(2);
    expect(overlap.stderr).toMatch(/listings overlap/);
    expect(overlap.stdout).toBe("");
    const bad = await runCliCaptured(["merge", unsorted]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${unsorted} line 2`);
    const merged = await ok(["merge", a, file('{"id":"w","score":1.5}\n', "jsonl"), "--all"]);
    expect(JSON.parse(merged).deals.map((d: { id: string }) => d.id)).toEqual(["x", "w", "y"]);
  });
});

describe("listingDeals", () => {
  const deals = [
    {
      id: 'cycle:a>b:x|b>a:"y"',
      kind: "cycle",
      feasible: true,
      score: 12.5,
      trades: [{ s: "[{" }],
    },
    { id: "chain:é>b:x\\|y", kind: "chain", feasible: false, score: -3, trades: [] },
  ];
  const compact = deals.map((d) => JSON.stringify(d));
  const forms = {
    find: `{"deals": [\n  ${compact.join(",\n  ")}\n]}\n`,
    pretty: JSON.stringify({ deals, objective: 3, more: [{ deals: [1] }] }, null, 2),
    lines: `${compact.join("\n")}\n`,
    spaced: ` \n ${compact.join("  \n\n")}`,
  };

  it.each(Object.entries(forms))("reads the %s form the same whatever the chunks", (_, text) => {
    const bytes = Buffer.from(text);
    fc.assert(
      fc.property(
        // Cuts at any byte, inside "é" too.
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }),
        (cuts) => {
          const points = [0, ...cuts.sort((x, y) => x - y), bytes.length];
          const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
          const read = [...listingDeals(chunks, "L")];
          expect(read.map((d) => [d.id, d.score, d.bytes.toString()])).toEqual(
            deals.map((d, i) => [d.id, d.score, compact[i]]),
          );
        },
      ),
    );
  });

  it("splits any listing as JSON.parse reads it, strings short and long, split anywhere", () => {
    // Strings of structure bytes, escapes, "é" and "𝄞", past the scanner's
    // byte-by-byte stretch (32 bytes); values nested at any depth.
    const text = fc
      .tuple(
        fc.string({
          unit: fc.constantFrom("a", "é", "𝄞", " ", "{", "]"),
          maxLength: 60,
          size: "max",
        }),
        fc.string({
          unit: fc.constantFrom("a", '"', "\\", "{", "}", "[", "]", ",", ":", "\n", "é", "𝄞"),
          maxLength: 20,
        }),
      )
      .map(([plain, mixed]) => plain + mixed);
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: "small" },
        text,
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie("any"), { maxLength: 4 }),
        fc.dictionary(text, tie("any"), { maxKeys: 3 }),
      ),
    })).any;
    const deal = fc.record({
      id: text,
      kind: fc.constantFrom("cycle", "brokered", "chain"),
      feasible: fc.boolean(),
      score: fc.double({ noNaN: true, noDefaultInfinity: true }),
      rest: value,
    });
    fc.assert(
      fc.property(
        fc.array(deal, { minLength: 1, maxLength: 6 }),
        fc.constantFrom("find", "lines", "pretty", "prettyLines"),
        fc.array(fc.integer({ min: 1, max: 5000 }), { maxLength: 10 }),
        (listed, form, cuts) => {
          const texts = listed.map((d) => JSON.stringify(d));
          const pretty = listed.map((d) => JSON.stringify(d, null, 2));
          const whole = {
            find: `{"deals": [\n  ${texts.join(",\n  ")}\n]}\n`,
            lines: `${texts.join("\n")}\n`,
            pretty: JSON.stringify({ deals: listed }, null, 2),
            prettyLines: `${pretty.join("\n")}\n`,
          }[form];
          // The line each DEAL starts on: after the lines of the DEALs before it.
          const firstLine = { find: 2, lines: 1, pretty: 3, prettyLines: 1 }[form];
          const spans = form === "pretty" || form === "prettyLines" ? pretty : texts;
          const starts = spans.map(
            (_, i) =>
              firstLine + spans.slice(0, i).reduce((sum, t) => sum + t.split("\n").length, 0),
          );
          const bytes = Buffer.from(whole);
          const points = [...new Set([0, ...cuts.map((c) => c % bytes.length), bytes.length])];
          points.sort((x, y) => x - y);
          const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
          const read = [...listingDeals(chunks, "L")];
          const parsed: typeof listed = texts.map((t) => JSON.parse(t));
          expect(read.map((d) => [d.id, d.score, d.bytes.toString(), d.where])).toEqual(
            parsed.map((d, i) => [
              d.id,
              d.score === 0 ? 0 : d.score,
              JSON.stringify(d),
              `L line ${starts[i]}`,
            ]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads a file of many chunks, characters split between them", () => {
    // 3,000 DEALs of ~700 bytes: over two 1 MiB chunks, with "é" (2 bytes) everywhere.
    const many = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({
        id: `cycle:é${i}`,
        kind: "cycle",
        feasible: true,
        score: 3000 - i,
        pad: "é".repeat(300 + (i % 7)),
      }),
    );
    const path = join(dir, "many.jsonl");
    writeFileSync(path, `${many.join("\n")}\n`);
    const read = [...readListing(path)];
    expect(read.map((d) => d.bytes.toString())).toEqual(many);
    expect(read[2999]?.where).toBe(`${path} line 3000`);
  });

  it("passes the DEALs find writes through as they are (read by their leading fields)", async () => {
    const example = join(__dirname, "..", "..", "examples", "timber-loop", "network.json");
    const network = await readNetwork(example);
    const texts = findDeals(network, { top: Number.POSITIVE_INFINITY }).map(dealJsonText);
    expect(texts.length).toBeGreaterThan(0);
    // A space before "surplus": JSON.parse and stringify would drop it; read by the leading fields, it stays.
    const spaced = texts.map((t) => t.replace(',"surplus":', ', "surplus":'));
    const read = [...listingDeals([Buffer.from(spaced.join("\n"))], "L")];
    expect(read.map((d) => d.bytes.toString())).toEqual(spaced);
    expect(read.map((d) => d.id)).toEqual(texts.map((t) => JSON.parse(t).id));
  });

  it("names the line of a problem", () => {
    const bad: [string, RegExp][] = [
      ["[1, 2]", /a listing is/],
      ['{"deals": [1]}', /must be an object/],
      ['{"deals": ["x"]}', /must be an object/],
      ['{"deals": [{"id":"a","score":1}]', /ends in the middle/],
      ['{"objective": 1}', /needs a string id/],
      ['{"deals": []} {"deals": []}', /more after/],
      ['{"other": 1, "list": []}\n', /needs a string id/],
      ['{"id":"a","score":1}\n{"id":"b","score":"2"}\n', /needs a string id and a number score/],
      ['{"id":"a","score":1}\n}\n', /unmatched/],
      ['{"deals": {"id": 1}}', /no "deals" list/],
    ];
    for (const [text, message] of bad) {
      expect(() => [...listingDeals([Buffer.from(text)], "L")]).toThrow(message);
    }
    expect(() => [
      ...listingDeals([Buffer.from('{"id":"a","score":1}\n\n{"id":"b", x}')], "L"),
    ]).toThrow(/L line 3/);
  });

  it("refuses a file that is not UTF-8", () => {
    const path = join(dir, "latin1.jsonl");
    writeFileSync(path, Buffer.from('{"id":"pi\xe8ce","score":1}\n', "latin1"));
    expect(() => [...readListing(path)]).toThrow(ListingError);
  });
});
