import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHelp, runGenerate } from "../../src/cli/commands/generate.js";
import { CliOutputError, CliUsageError } from "../../src/cli/io.js";
import { generateNetwork } from "../../src/generator/index.js";
import { UsageError } from "../../src/model/errors.js";
import { parseNetworkText, readNetwork, readNetworkLines } from "../../src/model/read-network.js";

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk));
  stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const code = await runGenerate(argv, {
    stdin: Readable.from([]),
    stdout,
    stderr,
    interactive: false,
  });
  return {
    code,
    stdout: Buffer.concat(out).toString("utf8"),
    stderr: Buffer.concat(err).toString("utf8"),
  };
}

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rd-generate-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("reciprocal-deals generate", () => {
  it("writes the JSON document to stdout by default, equal to generateNetwork", async () => {
    const { code, stdout, stderr } = await run([
      "--firms",
      "200",
      "--seed",
      "3",
      "--offers-per-firm",
      "2",
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(parseNetworkText(stdout)).toEqual(
      generateNetwork({ firms: 200, seed: 3, offersPerFirm: 2 }),
    );
  });

  it("writes JSON Lines with --format jsonl, and the knobs reach the generator", async () => {
    const argv = [
      "--firms",
      "150",
      "--needs-per-firm",
      "3.5",
      "--sellers-per-product",
      "4",
      "--service-share",
      "0.4",
    ];
    const { code, stdout } = await run([...argv, "--format", "jsonl"]);
    expect(code).toBe(0);
    const options = { firms: 150, needsPerFirm: 3.5, sellersPerProduct: 4, serviceShare: 0.4 };
    expect(await readNetworkLines(Readable.from([stdout]))).toEqual(generateNetwork(options));
    expect(stdout.split("\n")).toHaveLength(
      1 + 150 + generateNetwork(options).relations!.length + 1,
    );
  });

  it("gives the same bytes twice", async () => {
    const a = await run(["--firms", "300", "--seed", "8", "--format", "jsonl"]);
    const b = await run(["--firms", "300", "--seed", "8", "--format", "jsonl"]);
    expect(b.stdout).toBe(a.stdout);
  });

  it("writes --out FILE through a temporary file, the form from the extension, leaving none behind", async () => {
    const jsonl = join(dir, "net.jsonl");
    const json = join(dir, "net.json");
    const wrote = await run(["--firms", "120", "--out", jsonl]);
    expect(wrote).toMatchObject({ code: 0, stdout: "" });
    // It counts what it wrote: generateNetwork({ firms: 120 })'s firms and relations.
    const relations = generateNetwork({ firms: 120 }).relations?.length ?? 0;
    expect(wrote.stderr).toMatch(/^reciprocal-deals: wrote .*net\.jsonl: 120 firms, /);
    expect(wrote.stderr).toMatch(new RegExp(`, ${relations} relations, [\\d.]+ kB \\(jsonl\\)\n$`));
    expect(await run(["--firms", "120", "--out", json])).toMatchObject({ code: 0, stdout: "" });
    const expected = generateNetwork({ firms: 120 });
    expect(await readNetwork(jsonl)).toEqual(expected);
    expect(await readNetwork(json)).toEqual(expected);
    expect((await readFile(json, "utf8")).startsWith("{")).toBe(true);
    expect((await readFile(jsonl, "utf8")).split("\n")[1].startsWith('{"firm":')).toBe(true);
    expect((await readdir(dir)).filter((name) => name.endsWith(".part"))).toEqual([]);
  });

  it("leaves nothing behind when the file cannot be written", async () => {
    const path = join(dir, "missing-dir", "net.json");
    await expect(run(["--firms", "10", "--out", path])).rejects.toThrow(CliOutputError);
    await expect(readdir(join(dir, "missing-dir"))).rejects.toThrow();
  });

  it("treats bad flags as usage errors, before writing anything", async () => {
    const cases: [string[], typeof CliUsageError | typeof UsageError][] = [
      [[], CliUsageError],
      [["--firms", "0"], CliUsageError],
      [["--firms", "ten"], CliUsageError],
      [["--firms", "10", "--seed", "-3"], CliUsageError],
      [["--firms", "10", "--service-share", "2"], UsageError],
      [["--firms", "10", "--needs-per-firm", "x"], CliUsageError],
      [["--firms", "10", "--format", "csv"], CliUsageError],
      [["--firms", "10", "--colour"], CliUsageError],
      [["--firms", "10", "extra"], CliUsageError],
    ];
    for (const [argv, error] of cases) {
      const stdout = new PassThrough();
      const written: Buffer[] = [];
      stdout.on("data", (chunk: Buffer) => written.push(chunk));
      const io = {
        stdin: Readable.from([]),
        stdout,
        stderr: new PassThrough(),
        interactive: false,
      };
      await expect(runGenerate(argv, io), argv.join(" ")).rejects.toThrow(error);
      expect(written).toEqual([]);
    }
  });

  it("prints its help", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${generateHelp}\n`);
  });
});
