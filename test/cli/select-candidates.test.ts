/**
 * `select --candidates FILE`: a merged listing of a sharded search as the
 * candidates gives the portfolio of the plain `select` with the same flags;
 * the listing's figures are not trusted; search flags are usage errors.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { temporaryFolder } from "../helpers/temporary-folder.js";
import { runCliCaptured } from "./run-cli.js";

const dir = temporaryFolder("rd-candidates-");
/** A generated network of 150 firms: about 200 deals of up to 3 parties. */
const network = join(dir, "network.json");
beforeAll(async () => {
  writeFileSync(network, await ok(["generate", "--firms", "150", "--seed", "3"]));
});

async function ok(argv: string[]): Promise<string> {
  const result = await runCliCaptured(argv);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
}

describe("select --candidates", () => {
  it("on the merge of a sharded search, chooses what select chooses", async () => {
    const search = ["--max-parties", "3", "--all", "--format", "jsonl"];
    const parts: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const path = join(dir, `part-${i}.jsonl`);
      writeFileSync(path, await ok(["find", network, ...search, "--shard", `${i}/3`]));
      parts.push(path);
    }
    const merged = join(dir, "merged.json");
    writeFileSync(merged, await ok(["merge", ...parts, "--all"]));
    const direct = await ok(["select", network, "--max-parties", "3", "--format", "json"]);
    const fromListing = await ok(["select", network, "--candidates", merged, "--format", "json"]);
    const strip = (text: string) => {
      const { timeMs: _t, ...rest } = JSON.parse(text) as Record<string, unknown>;
      return rest;
    };
    expect(strip(fromListing)).toEqual(strip(direct));
  });

  it("re-derives the figures from the network: a listing's edited figures are not read", async () => {
    const listing = join(dir, "part-1.jsonl");
    expect(readFileSync(listing, "utf8").split("\n").length).toBeGreaterThan(10);
    const edited = join(dir, "edited.jsonl");
    writeFileSync(
      edited,
      readFileSync(listing, "utf8").replace(/"surplus":[0-9.e+-]+/g, '"surplus":123456789'),
    );
    const a = await ok(["select", network, "--candidates", listing, "--format", "json"]);
    const b = await ok(["select", network, "--candidates", edited, "--format", "json"]);
    expect(JSON.parse(b).objective).toBe(JSON.parse(a).objective);
  });

  it("refuses search flags beside it, and a DEAL that is not the network's (exit 2)", async () => {
    const listing = join(dir, "part-1.jsonl");
    for (const flag of [["--kinds", "cycle"], ["--max-parties", "4"], ["--all"], ["--top", "3"]]) {
      const result = await runCliCaptured(["select", network, "--candidates", listing, ...flag]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--candidates takes the deals of its listing/);
    }
    const forged = join(dir, "forged.jsonl");
    const [first] = readFileSync(listing, "utf8").split("\n");
    writeFileSync(forged, `${first?.replace('"id":"', '"id":"zz')}\n`);
    const result = await runCliCaptured(["select", network, "--candidates", forged]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/forged\.jsonl line 1/);
  });
});
