import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryFolder } from "../helpers/temporary-folder.js";
import { runCliCaptured } from "./run-cli.js";

const dir = temporaryFolder("rd-cli-");
const network = {
  firms: [
    {
      id: "b",
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
const path = join(dir, "net.json");
writeFileSync(path, JSON.stringify(network));

// a→b y: q = min(1, 2) = 1, m = (9 − 1)·1 = 8, c = (9 − 8)·1 + 0 = 1, π = 0.25
// b→a x: q = min(5, 3) = 3, m = (10 − 4)·3 = 18, c = (10 − 10)·3 + 7 = 7, π = 1
const expectedTsv = "a\tb\ty\t1\t8\t1\t0.25\nb\ta\tx\t3\t18\t7\t1\n";

describe("reciprocal-deals trades", () => {
  it("prints the trades as TSV, sorted", async () => {
    expect(await runCliCaptured(["trades", path])).toEqual({
      code: 0,
      stdout: expectedTsv,
      stderr: "",
    });
  });

  it("reads stdin in either form", async () => {
    const json = await runCliCaptured(["trades", "-"], JSON.stringify(network));
    expect(json.stdout).toBe(expectedTsv);
    const lines = [
      ...network.firms.map((firm) => ({ firm })),
      ...network.relations.map((relation) => ({ relation })),
    ];
    const jsonl = await runCliCaptured(
      ["trades", "-", "--input-format", "jsonl"],
      lines.map((l) => JSON.stringify(l)).join("\n"),
    );
    expect(jsonl.stdout).toBe(expectedTsv);
  });

  it("prints JSON", async () => {
    const result = await runCliCaptured(["trades", path, "--format", "json"]);
    expect(JSON.parse(result.stdout)).toEqual({
      trades: [
        {
          seller: "a",
          buyer: "b",
          product: "y",
          quantity: 1,
          margin: 8,
          premium: 1,
          probability: 0.25,
        },
        {
          seller: "b",
          buyer: "a",
          product: "x",
          quantity: 3,
          margin: 18,
          premium: 7,
          probability: 1,
        },
      ],
    });
  });

  it("prints every issue of a bad network on stderr, nothing on stdout, exit 2", async () => {
    const bad = {
      firms: [
        { id: "a", offers: [{ product: "x", price: 1, cost: 2, capacity: 1 }] },
        { id: "a", junk: 1 },
      ],
    };
    const result = await runCliCaptured(["trades", "-"], JSON.stringify(bad));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => /^✖ .+ → at \S+/.test(line))).toBe(true);
    expect(result.stderr).toContain("→ at firms[0].offers[0].cost");
    expect(result.stderr).toContain("→ at firms[1].junk");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("treats unknown flags, bad formats and missing files as usage errors", async () => {
    for (const argv of [
      ["trades", path, "--frmat", "tsv"],
      ["trades", path, "--format", "xml"],
      ["trades", join(dir, "missing.json")],
      ["trades"],
      ["nope"],
    ]) {
      const result = await runCliCaptured(argv);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/reciprocal-deals: /);
    }
  });

  it("prints help", async () => {
    const result = await runCliCaptured(["trades", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: reciprocal-deals trades/);
  });
});
