import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseCsvRecords } from "../helpers/csv.js";
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

  it("prints table, csv, dot and mermaid, naming firms by name and money in the currency", async () => {
    const table = await runCliCaptured(["find", example("bank-telecom"), "--explain"]);
    const lines = table.stdout.split("\n");
    expect(lines[0]).toBe("1 deal, ranked by expectedSurplus; money in USD");
    expect(lines[2]).toMatch(
      // --explain computes the room, so the discount ranges show too.
      /^# +kind +score +surplus +p +seller +buyer +product +quantity +discount +room +counter$/,
    );
    // score 0.8 · 63,000 = 50,400; telecom gives the bank 31,500; the counters to the telecom
    // firm (48,000 − 40,000) · 2 = 16,000 and to the bank (180,000 − 120,000) · 1 = 60,000
    // (examples/bank-telecom/README.md).
    expect(lines[3]).toMatch(
      /^1 +cycle +50,400\.00 +63,000\.00 +0\.8 +First Regional Bank \(bank\) +MetroLink Telecom \(telecom\) +business-banking +2 +0\.00 +[\d.,]+ … [\d.,]+ +16,000\.00$/,
    );
    expect(lines[4]).toMatch(
      /MetroLink Telecom \(telecom\) +First Regional Bank \(bank\) +telecom-services +1 +31,500\.00 +[\d.,]+ … [\d.,]+ +60,000\.00$/,
    );
    // The columns line up: every cell of a right-aligned column ends where its header ends.
    expect(lines[3].indexOf("50,400.00") + "50,400.00".length).toBe(lines[2].indexOf("score") + 5);
    expect(table.stdout).toMatch(/MetroLink Telecom \(telecom\): .*31,500/);
    const csv = await runCliCaptured(["find", example("bank-telecom"), "--format", "csv"]);
    const [row, ...rest] = parseCsvRecords(csv.stdout);
    expect(row).toMatchObject({
      rank: "1",
      id: "cycle:bank>telecom:business-banking|telecom>bank:telecom-services",
      currency: "USD",
      score: "50400.00",
      surplus: "63000.00",
      probability: "0.8",
      discounts: "31500.00",
      parties: '["bank","telecom"]',
      partyNames: '["First Regional Bank","MetroLink Telecom"]',
    });
    expect(rest).toEqual([]);
    const dot = await runCliCaptured(["find", example("bank-telecom"), "--format", "dot"]);
    expect(dot.stdout).toContain('f0 [label="First Regional Bank (bank)"]');
    expect(dot.stdout).toContain('f0 -> f1 [label="business-banking #1"]');
    expect(dot.stdout).toContain('f1 -> f0 [label="telecom-services #1"]');
    const mermaid = await runCliCaptured(["find", example("timber-loop"), "--format", "mermaid"]);
    expect(mermaid.stdout.split("\n")[0]).toBe("flowchart LR");
    expect(mermaid.stdout).toContain('f0["Oak & Steel Furniture (furniture)"]');
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
        status: z.enum(["optimal", "feasible", "timedout", "aborted"]),
        solver: z.enum(["exact", "greedy"]),
        timeMs: z.number().nonnegative(),
      })
      .parse(JSON.parse(result.stdout));
    expect(out.optimal).toBe(true);
    expect(out.status).toBe("optimal");
    expect(out.gap).toBe(0);
    // Every trade has surplus 0.5 per arc; chosen cycles are vertex-disjoint (maxDeals 1).
    const firms = out.deals.flatMap((d) => d.parties.map((p) => p.firm));
    expect(new Set(firms).size).toBe(firms.length);
    expect(out.objective).toBeCloseTo(
      out.deals.reduce((s, d) => s + d.trades.length * 0.5, 0),
      9,
    );
  });

  it("starts the table with the summary: objective, bound, gap, status, solver, candidates, time", async () => {
    const result = await runCliCaptured(["select", example("timber-loop")]);
    const lines = result.stdout.split("\n");
    // The loop's surplus: 153,000 (examples/timber-loop/README.md), the only candidate.
    expect(lines.slice(0, 7)).toEqual([
      "Portfolio (money in EUR):",
      "  objective   153,000.00 (expectedSurplus)",
      "  bound       153,000.00",
      "  gap         0.00%",
      "  status      optimal (proven optimal)",
      "  solver      exact",
      "  candidates  1 (1 chosen)",
    ]);
    expect(lines[7]).toMatch(
      /^ {2}time {8}\d[\d,]* ms \(search \d[\d,]* ms, selection \d[\d,]* ms\)$/,
    );
    expect(lines[9]).toMatch(/^# +kind +score/);
  });

  it("keeps the summary in CSV as leading # lines", async () => {
    const result = await runCliCaptured(["select", example("timber-loop"), "--format", "csv"]);
    const comments = result.stdout.split("\n").filter((line) => line.startsWith("#"));
    expect(comments.slice(0, 9)).toEqual([
      "# objectiveName: expectedSurplus",
      "# objective: 153000",
      "# bound: 153000",
      "# gap: 0",
      "# optimal: true",
      "# status: optimal",
      "# solver: exact",
      "# candidates: 1",
      "# chosen: 1",
    ]);
    expect(comments[9]).toMatch(/^# timeMs: \d+$/);
    const body = result.stdout
      .split("\n")
      .filter((line) => !line.startsWith("#"))
      .join("\n");
    expect(parseCsvRecords(body).map((r) => r.surplus)).toEqual(["153000.00"]);
  });
});
