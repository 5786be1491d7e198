/**
 * Output for people (SPEC §8, issue 12 §2–3, issue 16): names and currency in
 * table and CSV, the long CSV form, the formula guard, --explain in every
 * format or a usage error, control characters in TSV, DOT and Mermaid, no
 * float noise in any JSON, and the colliding-id network through `select`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvRecords } from "../helpers/csv.js";
import { jsonNumberTokens, significantDigits } from "../helpers/json-numbers.js";
import { randomNetwork } from "../helpers/random-network.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";
import { runCliCaptured } from "./run-cli.js";

const root = join(__dirname, "..", "..");
const example = (name: string) => join(root, "examples", name, "network.json");
const dir = temporaryFolder("rd-output-");
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};

describe("names, products and currency", () => {
  it("writes the steel triangle's table with names, products, CNY and two decimals", async () => {
    const { code, stdout } = await runCliCaptured([
      "find",
      example("steel-valves"),
      "--initiator",
      "steel",
    ]);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("1 deal, ranked by expectedInitiatorNet; money in CNY");
    // Hand-worked in examples/steel-valves/README.md: score 0.54 · 865,500 = 467,370;
    // surplus 870,500; valveco gives the developer 9,000, steel gives it 214,500.
    expect(lines[3]).toMatch(
      /^1 +brokered +467,370\.00 +870,500\.00 +0\.54 +Special Steel Co \(steel\) +Valve Works \(valveco\) +special-steel +200 +0\.00 +—$/,
    );
    expect(lines[4]).toMatch(
      /^ +Valve Works \(valveco\) +Harbour Developments \(developer\) +valve +300 +9,000\.00 +4,200\.00$/,
    );
    expect(lines[5]).toMatch(
      /^ +Special Steel Co \(steel\) +Harbour Developments \(developer\) +special-steel +1,000 +214,500\.00 +—$/,
    );
    // Aligned: the cells of each column start (left) or end (right) at the same place.
    const sellerAt = lines[2].indexOf("seller");
    expect(lines[4].indexOf("Valve Works")).toBe(sellerAt);
    expect(lines[5].indexOf("Special Steel Co")).toBe(sellerAt);
    const discountEnd = lines[2].indexOf("discount") + "discount".length;
    for (const line of lines.slice(3, 6)) {
      expect(line.length).toBe(lines[2].length); // the last column is right-aligned too
      expect(line.slice(0, discountEnd)).toMatch(/\d\.\d\d$/);
    }
  });

  it("writes CSV with quoted names, the currency and money with two decimals", async () => {
    const { stdout } = await runCliCaptured([
      "find",
      example("steel-valves"),
      "--initiator",
      "steel",
      "--format",
      "csv",
    ]);
    const [row] = parseCsvRecords(stdout);
    expect(row).toMatchObject({
      // Not defensible: acme-valves' counter of 4,200 could win the developer back (README).
      defensible: "false",
      currency: "CNY",
      score: "467370.00",
      parties: '["steel","valveco","developer"]',
      partyNames: '["Special Steel Co","Valve Works","Harbour Developments"]',
      initiatorName: "Special Steel Co",
      initiatorNet: "865500.00",
      marginGivenUp: "214500.00",
      // 9,000 + 214,500
      discounts: "223500.00",
    });
    // Text is quoted, numbers are not.
    expect(stdout.split("\n")[1]).toMatch(
      /^1,"brokered:[^"]*","brokered",true,false,"CNY",467370\.00,/,
    );
  });

  it("writes the long form with --explain: one row per trade and per party, for pivot tables", async () => {
    const { stdout } = await runCliCaptured([
      "find",
      example("steel-valves"),
      "--initiator",
      "steel",
      "--format",
      "csv",
      "--explain",
    ]);
    const rows = parseCsvRecords(stdout);
    expect(rows.map((r) => r.record)).toEqual([
      "trade",
      "trade",
      "trade",
      "party",
      "party",
      "party",
    ]);
    // A pivot of net by firmName over the party rows: the nets of the README.
    const nets = Object.fromEntries(
      rows.filter((r) => r.record === "party").map((r) => [r.firmName, r.net]),
    );
    expect(nets).toEqual({
      "Special Steel Co": "865500.00",
      "Valve Works": "5000.00",
      "Harbour Developments": "0.00",
    });
    // A pivot of discount by seller over the trade rows: steel 214,500, valveco 9,000.
    const given = new Map<string, number>();
    for (const r of rows.filter((r) => r.record === "trade"))
      given.set(r.sellerName, (given.get(r.sellerName) ?? 0) + Number(r.discount));
    expect(Object.fromEntries(given)).toEqual({ "Special Steel Co": 214500, "Valve Works": 9000 });
    expect(rows.find((r) => r.firm === "steel")?.pitch).toContain("214,500");
    const widths = new Set(parseCsv(stdout).map((r) => r.length));
    expect(widths.size).toBe(1);
    // --explain computes the room (examples/steel-valves/README.md): d₂ ∈ [0, 9,000] on the
    // valves, whose incumbent's counter is 4,200; steel nets between 0 and 865,500.
    const valves = rows.find((r) => r.product === "valve");
    expect([valves?.discountMin, valves?.discountMax, valves?.counter]).toEqual([
      "0.00",
      "9000.00",
      "4200.00",
    ]);
    const steel = rows.find((r) => r.firm === "steel");
    expect([steel?.netMin, steel?.netMax]).toEqual(["0.00", "865500.00"]);
  });

  it("guards text cells against formula injection", async () => {
    const path = file("formulas.json", {
      firms: [
        {
          id: "=HYPERLINK(1)",
          name: "+cmd",
          offers: [{ product: "-x", price: 10, cost: 1, capacity: 1 }],
          needs: [{ product: "@y", quantity: 1, switchingCost: 1 }],
        },
        {
          id: "b",
          offers: [{ product: "@y", price: 10, cost: 1, capacity: 1 }],
          needs: [{ product: "-x", quantity: 1, switchingCost: 1 }],
        },
      ],
    });
    const { stdout } = await runCliCaptured(["find", path, "--format", "csv", "--explain"]);
    const cells = parseCsv(stdout).flat();
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@]/);
    expect(cells).toContain("'=HYPERLINK(1)");
    expect(cells).toContain("'+cmd");
    expect(cells).toContain("'-x");
    expect(cells).toContain("'@y");
  });

  it("names firms and money in check's table", async () => {
    const proposal = file("steel-proposal.json", {
      trades: [
        { seller: "steel", buyer: "valveco", product: "special-steel" },
        { seller: "valveco", buyer: "developer", product: "valve" },
        { seller: "steel", buyer: "developer", product: "special-steel" },
      ],
    });
    const { code, stdout } = await runCliCaptured(["check", example("steel-valves"), proposal]);
    expect(code).toBe(0);
    expect(stdout).toContain("money in CNY");
    expect(stdout).toMatch(/surplus 870,500\.00/);
    expect(stdout).toMatch(
      /Special Steel Co \(steel\) +Valve Works \(valveco\) +special-steel +200 +5,200\.00/,
    );
    expect(stdout).toMatch(
      /^ {2}party +margin gained +premium paid +discount given +discount received +net +net range +exposure +defensible$/m,
    );
  });
});

describe("--explain", () => {
  it.each(["json", "dot", "mermaid"])("is a usage error with --format %s", async (format) => {
    const result = await runCliCaptured([
      "find",
      example("bank-telecom"),
      "--explain",
      "--format",
      format,
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^reciprocal-deals: --explain works with --format table or csv/);
  });

  it("adds the pitches to select's table", async () => {
    const result = await runCliCaptured(["select", example("bank-telecom"), "--explain"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {4}MetroLink Telecom \(telecom\): /m);
  });
});

describe("control characters", () => {
  const path = file("controls.json", {
    firms: [
      {
        id: "a\nb",
        name: "Line\nBreak",
        offers: [{ product: "x\ty", price: 10, cost: 1, capacity: 1 }],
        needs: [{ product: "z\\\r", quantity: 1, switchingCost: 1 }],
      },
      {
        id: "c\u0007",
        offers: [{ product: "z\\\r", price: 10, cost: 1, capacity: 1 }],
        needs: [{ product: "x\ty", quantity: 1, switchingCost: 1 }],
      },
    ],
  });

  it("are escaped in TSV, one trade a line", async () => {
    const { stdout } = await runCliCaptured(["trades", path]);
    // a\nb → c\a: x<tab>y (q 1, m 9, c 1); c\a → a\nb: z\<CR> (q 1, m 9, c 1).
    expect(stdout).toBe("a\\nb\tc\\x07\tx\\ty\t1\t9\t1\t1\nc\\x07\ta\\nb\tz\\\\\\r\t1\t9\t1\t1\n");
  });

  it("are made visible in DOT and Mermaid labels, which never span lines", async () => {
    const dot = await runCliCaptured(["find", path, "--format", "dot"]);
    expect(dot.stdout).toContain('f0 [label="Line\\\\nBreak (a\\\\nb)"]');
    expect(dot.stdout).toContain('[label="x\\\\ty #1"]');
    expect(
      dot.stdout.split("\n").every((line) => line === "" || /^(digraph| {2}|\})/.test(line)),
    ).toBe(true);
    const mermaid = await runCliCaptured(["find", path, "--format", "mermaid"]);
    expect(mermaid.stdout).toContain('f0["Line\\nBreak (a\\nb)"]');
    expect(
      mermaid.stdout.split("\n").every((line) => line === "" || /^(flowchart| {2})/.test(line)),
    ).toBe(true);
  });

  it("are made visible in the table", async () => {
    const { stdout } = await runCliCaptured(["find", path]);
    expect(stdout).toContain("Line\\nBreak (a\\nb)");
    // Title, blank line, header, the two trades, and the empty string after the last line end.
    expect(stdout.split("\n")).toHaveLength(6);
  });
});

/** A network whose money has cents, so that sums and shares carry float noise. */
function centsNetwork(raw: ReturnType<typeof JSON.parse>) {
  return {
    currency: "EUR",
    ...raw,
    firms: raw.firms.map((f: { offers: { price: number; cost: number }[] }) => ({
      ...f,
      offers: f.offers.map((o) => ({ ...o, price: o.price + 0.07, cost: o.cost * 0.33 })),
    })),
  };
}

describe("JSON numbers", () => {
  it("never carry float noise: at most 12 significant digits, on random networks", async () => {
    await fc.assert(
      fc.asyncProperty(randomNetwork({ maxFirms: 5, maxProducts: 2 }), async (raw) => {
        const path = file("noise.json", centsNetwork(raw));
        const firm = raw.firms[0]?.id as string;
        for (const argv of [
          ["find", path, "--all", "--include-infeasible", "--format", "json"],
          ["find", path, "--initiator", firm, "--format", "json"],
          ["select", path, "--format", "json"],
          ["trades", path, "--format", "json"],
        ]) {
          const { code, stdout } = await runCliCaptured(argv);
          expect(code).toBe(0);
          JSON.parse(stdout);
          for (const token of jsonNumberTokens(stdout))
            expect(significantDigits(token), `${token} in ${argv[0]}`).toBeLessThanOrEqual(12);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("writes 470070, not 470070.00000000006, for the steel triangle", async () => {
    const { stdout } = await runCliCaptured(["find", example("steel-valves"), "--format", "json"]);
    expect(stdout).toContain('"score":470070,');
    expect(stdout).not.toMatch(/\d{13,}/);
  });
});

describe("the colliding-id network of issue 16", () => {
  it("keeps both deals in select: 520, not 260", async () => {
    const path = join(root, "test", "fixtures", "colliding-ids.json");
    const { code, stdout } = await runCliCaptured(["select", path, "--format", "json"]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.objective).toBe(520);
    expect(out.deals.map((d: { id: string }) => d.id).sort()).toEqual([
      "cycle:a>b:x\\|b\\>a\\:y|b>a:z",
      "cycle:a>b:x|b>a:y\\|b\\>a\\:z",
    ]);
    const fixture = JSON.parse(readFileSync(path, "utf8"));
    expect(fixture.firms).toHaveLength(2);
  });
});
