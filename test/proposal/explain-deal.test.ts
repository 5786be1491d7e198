/**
 * `explainDeal` and `summarizeDeal` on the SPEC §1 stories (numbers worked out
 * by hand in test/economics/examples.test.ts), plus properties on random deals.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findDeals } from "../../src/economics/find-deals.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Network } from "../../src/model/types.js";
import { explainDeal, formatAmount, summarizeDeal } from "../../src/proposal/explain-deal.js";
import { randomNetwork } from "../helpers/random-network.js";

function example(name: string): Network {
  return parseNetwork(
    readFileSync(new URL(`../../examples/${name}/network.json`, import.meta.url), "utf8"),
  );
}

describe("formatAmount", () => {
  it("groups thousands and keeps at most two decimals, the same everywhere", () => {
    expect(formatAmount(214_500)).toBe("214,500");
    expect(formatAmount(1_234_567.891)).toBe("1,234,567.89");
    expect(formatAmount(-5_000)).toBe("-5,000");
    expect(formatAmount(0.5)).toBe("0.5");
    expect(formatAmount(999.999)).toBe("1,000");
    expect(formatAmount(-0)).toBe("0");
    expect(formatAmount(0.001)).toBe("0");
  });
});

describe("explainDeal", () => {
  it("pitches the brokered triangle to steel, valveco and the developer", () => {
    const [deal] = findDeals(example("steel-valves"), { initiator: "steel" });
    const pitch = explainDeal(deal);
    expect(pitch.map((p) => p.firm)).toEqual(["steel", "valveco", "developer"]);
    const [steel, valveco, developer] = pitch;
    // steel: two sales, no purchase, net, initiator line.
    expect(steel.sentences).toHaveLength(4);
    // 200 t to valveco at 5,200 = 1,040,000, no discount, keeps its 180,000 margin.
    expect(steel.sentences[0]).toBe(
      "steel sells 200 special-steel to valveco for 1,040,000 at the list price, keeping 180,000 of its 180,000 margin.",
    );
    // 1000 t to the developer at 5,200 = 5,200,000; discount 214,500 = 4.125 % → 4.13%.
    expect(steel.sentences[1]).toBe(
      "steel sells 1,000 special-steel to developer for 5,200,000 and gives a discount of 214,500 (4.13% of the order), keeping 685,500 of its 900,000 margin.",
    );
    expect(steel.sentences[2]).toBe("Its net gain from the deal is 865,500.");
    // Gives up 214,500 to win valveco and developer (a key account); 1,080,000 / 214,500 = 5.03.
    expect(steel.sentences[3]).toBe(
      "As the initiator, it gives up 214,500 of margin to win 2 new customers (1 key account) and 1,080,000 of margin: 5.03 of margin for each 1 given up.",
    );
    // valveco buys 200 t of steel for 1,040,000 and saves 5,000 by switching; 9,000 = 30 % of 30,000.
    expect(valveco.sentences).toContain(
      "valveco buys 200 special-steel from steel for 1,040,000 at the list price; switching supplier saves it 5,000.",
    );
    expect(valveco.sentences[0]).toContain("gives a discount of 9,000 (30% of the order)");
    expect(valveco.sentences.at(-1)).toBe("Its net gain from the deal is 5,000.");
    expect(developer.sentences).toHaveLength(3);
    expect(developer.sentences[0]).toContain(
      "gets a discount of 9,000 (30% of the order); switching supplier costs it 3,500.",
    );
    expect(developer.sentences[2]).toBe("It breaks even on the deal.");
  });

  it("tells an initiator that gives nothing up so, and summarizes a row", () => {
    const [deal] = findDeals(example("bank-telecom"), { initiator: "bank" });
    const bank = explainDeal(deal).find((p) => p.firm === "bank")!;
    // The bank gives up nothing and wins the telecom firm (40,000 margin); nets 53,000.
    expect(bank.sentences).toContain(
      "As the initiator, it gives up no margin and wins 1 new customer and 40,000 of margin.",
    );
    expect(bank.sentences).toContain("Its net gain from the deal is 53,000.");
    // Telecom gives 58,000 = 29 % of its 200,000 order. Score 0.8 · 53,000 = 42,400.
    expect(summarizeDeal(deal)).toBe(
      "cycle bank → telecom → bank: score 42,400, surplus 63,000, p 0.8; telecom→bank gives 58,000",
    );
    const [loop] = findDeals(example("timber-loop"));
    expect(summarizeDeal(loop)).toBe(
      "cycle furniture → machines → timber → furniture: score 153,000, surplus 153,000, p 1; machines→timber gives 42,000, timber→furniture gives 20,000",
    );
    const [triangle] = findDeals(example("steel-valves"), { initiator: "steel" });
    expect(summarizeDeal(triangle)).toMatch(
      /^brokered steel → valveco → developer, steel → developer: score 467,370, /,
    );
  });

  it("gives every party one sentence per trade it is in, its net, and the initiator one more", () => {
    fc.assert(
      fc.property(randomNetwork({ maxFirms: 5, maxProducts: 2 }), (raw) => {
        const network = parseNetwork(raw);
        const initiator = network.firms[0]?.id;
        const deals = findDeals(network, {
          top: Number.POSITIVE_INFINITY,
          includeInfeasible: true,
          kinds: ["cycle", "brokered", "chain"],
          ...(initiator === undefined ? {} : { initiator }),
        });
        for (const deal of deals) {
          const pitch = explainDeal(deal);
          expect(pitch.map((p) => p.firm)).toEqual(deal.parties.map((p) => p.firm));
          for (const { firm, sentences } of pitch) {
            const trades = deal.trades.filter((t) => t.seller === firm || t.buyer === firm).length;
            expect(sentences).toHaveLength(trades + 1 + (firm === initiator ? 1 : 0));
          }
          const line = summarizeDeal(deal);
          expect(line).not.toContain("\n");
          expect(line.startsWith(`${deal.kind} `)).toBe(true);
          if (!deal.feasible) expect(line.endsWith("infeasible")).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });
});
