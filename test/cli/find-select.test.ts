import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dealJsonSchema } from "../helpers/deal-json-schema.js";
import { runCliCaptured } from "./run-cli.js";

const example = (name: string) => join(__dirname, "..", "..", "examples", name, "network.json");
const kidney = join(__dirname, "..", "fixtures", "kidney-MD-00001-00000001.json");

// SPEC §8's DEAL, strictly: no missing and no extra keys.
const deal = dealJsonSchema(false);

describe("reciprocal-deals find", () => {
  it("prints SPEC §8 JSON with the hand-worked brokered triangle", async () => {
    const result = await runCliCaptured([
      "find",
      example("steel-valves"),
      "--initiator",
      "steel",
      "--format",
      "json",
    ]);
    expect(result.code).toBe(0);
    const { deals } = z.strictObject({ deals: z.array(deal) }).parse(JSON.parse(result.stdout));
    expect(deals).toHaveLength(1);
    const [d] = deals;
    expect(d!.id).toBe(
      "brokered:steel>valveco:special-steel|valveco>developer:valve|steel>developer:special-steel",
    );
    // Steel gives up 223,500 − 9,000 = 214,500 (see examples/steel-valves/README.md).
    expect(d!.initiator!.marginGivenUp).toBeCloseTo(214_500, 6);
    expect(d!.initiator!.net).toBeCloseTo(865_500, 6);
    // newCustomers: valveco and developer; key accounts among them: developer.
    expect(d!.initiator!.newCustomers).toBe(2);
    expect(d!.initiator!.keyAccountsWon).toBe(1);
    // score = expectedInitiatorNet = 0.54 · 865,500 = 467,370.
    expect(d!.score).toBeCloseTo(467_370, 4);
  });

  it("prints null efficiency when nothing is given up", async () => {
    const result = await runCliCaptured([
      "find",
      example("timber-loop"),
      "--initiator",
      "furniture",
      "--policy",
      "initiator",
      "--format",
      "json",
    ]);
    const { deals } = z.object({ deals: z.array(deal) }).parse(JSON.parse(result.stdout));
    // furniture maximises its own net: it gives nothing, so efficiency is Infinity → null.
    expect(deals[0].initiator!.marginGivenUp).toBe(0);
    expect(deals[0].initiator!.efficiency).toBeNull();
  });

  it("prints table, csv, dot and mermaid", async () => {
    const table = await runCliCaptured(["find", example("bank-telecom"), "--explain"]);
    expect(table.stdout).toMatch(/^#1 +cycle bank → telecom → bank/);
    expect(table.stdout).toMatch(/MetroLink Telecom \(telecom\): .*USD 31,500.00/);
    const csv = await runCliCaptured(["find", example("bank-telecom"), "--format", "csv"]);
    const [header, row, ...rest] = csv.stdout.trim().split("\n");
    expect(header!.split(",")[1]).toBe("id");
    expect(row!.split(",")[1]).toBe(
      "cycle:bank>telecom:business-banking|telecom>bank:telecom-services",
    );
    expect(rest).toEqual([]);
    const dot = await runCliCaptured(["find", example("bank-telecom"), "--format", "dot"]);
    expect(dot.stdout).toContain('"bank" -> "telecom"');
    expect(dot.stdout).toContain('"telecom" -> "bank"');
    const mermaid = await runCliCaptured(["find", example("timber-loop"), "--format", "mermaid"]);
    expect(mermaid.stdout.split("\n")[0]).toBe("flowchart LR");
    expect(mermaid.stdout.match(/-->/g)).toHaveLength(3);
  });

  it.each([
    [["--policy", "initiator"]],
    [["--objective", "initiatorNet"]],
    [["--initiator", "nobody"]],
    [["--bogus"]],
    [["--max-parties", "1"]],
    [["--kinds", "cycle,star"]],
    [["--top", "3", "--all"]],
  ])("exits 2 on the usage error %j with a message and no stdout", async (flags) => {
    const result = await runCliCaptured(["find", example("bank-telecom"), ...flags]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^reciprocal-deals: /);
  });
});

describe("reciprocal-deals select", () => {
  it("proves the kidney toy instance optimal in SPEC §8 JSON", async () => {
    const result = await runCliCaptured([
      "select",
      kidney,
      "--kinds",
      "cycle",
      "--max-parties",
      "3",
      "--objective",
      "surplus",
      "--format",
      "json",
    ]);
    expect(result.code).toBe(0);
    const out = z
      .strictObject({
        deals: z.array(deal),
        objective: z.number(),
        bound: z.number(),
        optimal: z.boolean(),
        gap: z.number(),
      })
      .parse(JSON.parse(result.stdout));
    expect(out.optimal).toBe(true);
    expect(out.gap).toBe(0);
    // Every trade has surplus 0.5 per arc; chosen cycles are vertex-disjoint (maxDeals 1).
    const firms = out.deals.flatMap((d) => d.parties.map((p) => p.firm));
    expect(new Set(firms).size).toBe(firms.length);
    expect(out.objective).toBeCloseTo(
      out.deals.reduce((s, d) => s + d.trades.length * 0.5, 0),
      9,
    );
  });

  it("ends the table with objective, bound, gap and status", async () => {
    const result = await runCliCaptured(["select", example("timber-loop")]);
    expect(result.stdout).toMatch(/objective 153000, bound 153000, gap 0, status optimal/);
  });
});
