import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { completeGraph } from "../helpers/complete-graph.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";
import { runCliCaptured } from "./run-cli.js";

const dir = temporaryFolder("rd-input-");
const network = {
  currency: "EUR",
  firms: [
    {
      id: "b",
      name: "Béta",
      offers: [{ product: "x", price: 10, cost: 4, capacity: 5 }],
      needs: [{ product: "y", quantity: 2, referencePrice: 8 }],
    },
    {
      id: "a",
      offers: [{ product: "y", price: 9, cost: 1, capacity: 1 }],
      needs: [{ product: "x", quantity: 3, switchingCost: 7 }],
    },
  ],
  relations: [{ seller: "a", buyer: "b", probability: 0.25 }],
};
const source = join(dir, "net.json");
writeFileSync(source, JSON.stringify(network));

// a→b y: q = 1, m = 8, c = (9 − 8)·1 = 1, π = 0.25; b→a x: q = 3, m = 18, c = 7, π = 1 (by hand).
const expectedTsv = "a\tb\ty\t1\t8\t1\t0.25\nb\ta\tx\t3\t18\t7\t1\n";

/** Asserts a one-line file-system message with the path, exit 2 and nothing on stdout. */
async function refusesWithPath(argv: string[], path: string, reason: RegExp): Promise<void> {
  const result = await runCliCaptured(argv);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.stderr).toContain(path);
  expect(result.stderr).toMatch(reason);
  expect(result.stderr).not.toMatch(/undefined|\n\s+at /);
}

describe("reciprocal-deals convert", () => {
  it("writes every form; each reads back to the same trades", async () => {
    let previous = source;
    for (const name of [
      "net.rdsnap",
      "net.jsonl",
      "tables",
      "back.json",
      "again.ndjson",
      "again.rdsnap",
    ]) {
      const out = join(dir, name);
      expect(await runCliCaptured(["convert", previous, out])).toEqual({
        code: 0,
        stdout: "",
        stderr: "",
      });
      const trades = await runCliCaptured(["trades", out]);
      expect(trades).toEqual({ code: 0, stdout: expectedTsv, stderr: "" });
      previous = out;
    }
    expect(JSON.parse(readFileSync(join(dir, "back.json"), "utf8"))).toEqual(network);
  });

  it("reads a snapshot from stdin with --input-format rdsnap", async () => {
    const out = join(dir, "stdin.rdsnap");
    await runCliCaptured(["convert", source, out]);
    const stdout = new PassThrough();
    const printed: string[] = [];
    stdout.on("data", (chunk) => printed.push(String(chunk)));
    const code = await runCli(["trades", "-", "--input-format", "rdsnap"], {
      stdin: Readable.from([readFileSync(out)]),
      stdout,
      stderr: new PassThrough(),
      interactive: false,
    });
    expect(code).toBe(0);
    expect(printed.join("")).toBe(expectedTsv);
  });

  it("finds and selects from a snapshot what it finds from the text form (search sections read ahead)", async () => {
    const steel = join("examples", "steel-valves", "network.json");
    const k7 = join(dir, "k7.json");
    writeFileSync(k7, JSON.stringify(completeGraph(7)));
    const runs: [string, string[]][] = [
      [steel, ["find", "--initiator", "steel", "--format", "json"]],
      [steel, ["select", "--initiator", "steel", "--format", "json"]],
      [k7, ["find", "--max-parties", "4", "--top", "40", "--format", "json", "--threads", "1"]],
      [k7, ["find", "--max-parties", "4", "--top", "40", "--format", "json", "--threads", "2"]],
      [k7, ["find", "--initiator", "f3", "--max-parties", "4", "--format", "json"]],
      [k7, ["select", "--max-parties", "3", "--format", "json"]],
    ];
    for (const [text, [command, ...flags]] of runs) {
      const snapshot = join(dir, `${command}-${flags.length}.rdsnap`);
      expect((await runCliCaptured(["convert", text, snapshot])).code).toBe(0);
      const fromText = await runCliCaptured([command, text, ...flags]);
      expect(fromText.code, `${command} ${flags.join(" ")}`).toBe(0);
      expect(fromText.stdout.length).toBeGreaterThan(100);
      const fromSnapshot = await runCliCaptured([command, snapshot, ...flags]);
      // select's JSON says how long it took: compare everything else.
      const comparable = (out: string) => out.replace(/"timeMs":\s*[0-9.e+-]+/g, '"timeMs":0');
      expect(comparable(fromSnapshot.stdout), `${command} ${flags.join(" ")}`).toBe(
        comparable(fromText.stdout),
      );
    }
  });

  it("refuses a target that names no form", async () => {
    const result = await runCliCaptured(["convert", source, join(dir, "net.csv")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot tell the form/);
  });
});

describe("file-system problems: one line with the path, exit 2 (issue 16)", () => {
  it("a missing file, a folder, a file used as a folder, a symbolic-link loop, a name too long", async () => {
    const missing = join(dir, "missing.json");
    await refusesWithPath(["trades", missing], missing, /no such file/);
    // A folder is the tables form: an empty one lacks its firms.csv.
    const folder = join(dir, "folder");
    mkdirSync(folder);
    const tables = await runCliCaptured(["trades", folder]);
    expect(tables.code).toBe(2);
    expect(tables.stderr).toMatch(/firms\.csv/);
    const notFolder = join(source, "net.json");
    await refusesWithPath(["trades", notFolder], notFolder, /not a folder/);
    const loop = join(dir, "loop.json");
    symlinkSync(loop, loop);
    await refusesWithPath(["trades", loop], loop, /symbolic links/);
    const long = join(dir, `${"x".repeat(300)}.json`);
    await refusesWithPath(["trades", long], long, /too long/);
  });

  it("bytes that are not UTF-8: an error naming the line and the byte", async () => {
    const path = join(dir, "latin1.jsonl");
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from('{"firm":{"id":"a"}}\n{"firm":{"id":"pi'),
        Buffer.from([0xe8]),
        Buffer.from('ce"}}\n'),
      ]),
    );
    const result = await runCliCaptured(["trades", path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /not valid UTF-8: byte 0xE8 at byte 18 of the line .*→ at line 2/,
    );
  });
});
