import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "../cli/run-cli.js";

/** Runs `check` through the CLI's entry, as a user would. */
const run = (argv: string[], stdin = "") => runCliCaptured(["check", ...argv], stdin);

const dir = mkdtempSync(join(tmpdir(), "rd-check-"));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};

/*
 * a→b x: q = min(5, 3) = 3, m = (10 − 4)·3 = 18, c = (10 − 10)·3 + 7 = 7
 * b→a y: q = min(1, 2) = 1, m = (9 − 1)·1 = 8,  c = (9 − 8)·1 = 1
 * surplus = 18 + 8 − 7 − 1 = 18; before discounts a nets 18 − 1 = 17, b nets 8 − 7 = 1.
 * fair (hurdles 0): both 9, so a gives b 8 on x and b gives nothing.
 */
const network = file("net.json", {
  firms: [
    {
      id: "a",
      name: "Alpha",
      offers: [{ product: "x", price: 10, cost: 4, capacity: 5 }],
      needs: [{ product: "y", quantity: 2, referencePrice: 8 }],
    },
    {
      id: "b",
      offers: [{ product: "y", price: 9, cost: 1, capacity: 1 }],
      needs: [{ product: "x", quantity: 3, switchingCost: 7 }],
    },
  ],
});
const sound = file("sound.json", {
  kind: "cycle",
  trades: [
    { seller: "a", buyer: "b", product: "x" },
    { seller: "b", buyer: "a", product: "y" },
  ],
});
const broken = file("broken.json", {
  trades: [
    { seller: "a", buyer: "b", product: "y" },
    { seller: "b", buyer: "a", product: "y", discount: 9 },
  ],
});

describe("reciprocal-deals check", () => {
  it("exits 0 on a sound proposal and prints the deal", async () => {
    const table = await run([network, sound]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("✔ The proposal is sound.");
    expect(table.stdout).toContain("surplus 18");
    const json = await run([network, sound, "--format", "json"]);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.ok).toBe(true);
    expect(parsed.violations).toEqual([]);
    expect(parsed.deal.id).toBe("cycle:a>b:x|b>a:y");
    expect(parsed.deal.surplus).toBe(18);
    expect(parsed.deal.parties.map((p: { net: number }) => p.net)).toEqual([9, 9]);
    expect(Object.keys(parsed)).toEqual(["ok", "violations", "deal"]);
  });

  it("exits 1 with every violation, and no deal when a trade is broken", async () => {
    const result = await run([network, broken, "--format", "json"]);
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout);
    // trade 0: Alpha does not sell y, b does not buy it; trade 1: discount 9 over the margin 8.
    expect(
      parsed.violations.map((v: { code: string; trade?: number }) => [v.code, v.trade]),
    ).toEqual([
      ["no-offer", 0],
      ["no-need", 0],
      ["discount", 1],
    ]);
    expect(parsed.violations[0]).toEqual({
      code: "no-offer",
      trade: 0,
      firm: "a",
      message: "Alpha does not sell y",
    });
    expect(parsed.deal).toBeUndefined();
    const table = await run([network, broken]);
    expect(table.code).toBe(1);
    expect(table.stdout).toContain("✖ 3 violations:");
    expect(table.stdout).toContain("Alpha does not sell y");
  });

  it("passes the initiator, policy and objective on", async () => {
    // initiator policy for a: maximize a's net with b ≥ 0: b gives a its whole net 1 as a discount
    // on y (d ≤ m = 8), so a nets 17 + 1 = 18 and b 0; a gives nothing up, so efficiency is ∞ (null).
    const result = await run([
      network,
      sound,
      "--initiator",
      "a",
      "--policy",
      "initiator",
      "--objective",
      "initiatorNet",
      "--format",
      "json",
    ]);
    const deal = JSON.parse(result.stdout).deal;
    expect(deal.initiator.net).toBe(18);
    expect(deal.score).toBe(18);
    expect(deal.initiator.efficiency).toBeNull();
  });

  it("reads the proposal from stdin", async () => {
    const result = await run(
      [network, "-", "--format", "json"],
      JSON.stringify({
        trades: [
          { seller: "a", buyer: "b", product: "x" },
          { seller: "b", buyer: "a", product: "y" },
        ],
      }),
    );
    expect(result.code).toBe(0);
  });

  it("exits 2 with every issue of a bad proposal or network file", async () => {
    const badProposal = file("bad-proposal.json", {
      trades: [{ seller: "a", buyer: 2, product: "x", price: 3 }],
      kind: "",
    });
    const result = await run([network, badProposal]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines.every((line) => /^✖ .+ → at \S+/.test(line))).toBe(true);
    expect(result.stderr).toContain("→ at trades[0].buyer");
    expect(result.stderr).toContain("→ at trades[0].price");
    expect(result.stderr).toContain("→ at kind");
    const notJson = await run([network, file("not-json.json", "{trades:")]);
    expect(notJson.code).toBe(2);
    // The issue names its file (issue 16: which file does an "at $" belong to?).
    expect(notJson.stderr).toMatch(/^✖ not valid JSON.* → at \$ in \S*not-json\.json\n$/);
    // Both files bad: both files' issues.
    const badNetwork = file("bad-net.json", {
      firms: [{ id: "a", offers: [{ product: "x", price: 1, cost: 2, capacity: 1 }] }],
    });
    const both = await run([badNetwork, badProposal]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("→ at firms[0].offers[0].cost");
    expect(both.stderr).toContain("→ at trades[0].buyer");
  });

  it("treats usage mistakes as usage errors", async () => {
    for (const argv of [
      [network],
      [network, sound, "--format", "csv"],
      [network, sound, "--policy", "initiator"],
      [network, sound, "--objective", "initiatorNet"],
      ["-", "-"],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^reciprocal-deals: /);
    }
    expect((await run(["--help"])).stdout).toContain("Usage: reciprocal-deals check");
  });
});
