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
    const network = example("steel-valves");
    const [deal] = findDeals(network, { initiator: "steel", room: true });
    const pitch = explainDeal(deal, { network });
    expect(pitch.map((p) => p.label)).toEqual([
      "Special Steel Co (steel)",
      "Valve Works (valveco)",
      "Harbour Developments (developer)",
    ]);
    const [steel, valveco, developer] = pitch.map((p) => p.sentences);
    // 200 t to valveco at 5,200 = 1,040,000, no discount, keeps its 180,000 margin.
    expect(steel[0]).toBe(
      "Special Steel Co sells 200 special-steel to Valve Works for CNY 1,040,000.00 at the list price, keeping CNY 180,000.00 of its CNY 180,000.00 margin.",
    );
    // 1000 t to the developer at 5,200 = 5,200,000; discount 214,500 = 4.125 % → 4.13%.
    expect(steel[1]).toBe(
      "Special Steel Co sells 1,000 special-steel to Harbour Developments for CNY 5,200,000.00 and gives a discount of CNY 214,500.00 (4.13% of the order), keeping CNY 685,500.00 of its CNY 900,000.00 margin.",
    );
    expect(steel[2]).toBe("Its net gain from the deal is CNY 865,500.00.");
    // Room (worked in test/economics/deal-room.test.ts): steel's net ranges 0 … 865,500;
    // it could give 865,500 more, 13.87 % of its 6,240,000 of orders (1,200 t at 5,200);
    // its net 865,500 is its ceiling: it already gets the most it could ask for.
    expect(steel[3]).toBe(
      "It could give up to CNY 865,500.00 more (13.87% of its orders) before the deal stops paying for it; it cannot be pushed below CNY 0.00, and this deal already gives it the most it could ask for.",
    );
    // Gives up 214,500 to win valveco and developer (a key account); 1,080,000 / 214,500 = 5.03.
    expect(steel[4]).toBe(
      "As the initiator, it gives up CNY 214,500.00 of margin to win 2 new customers (1 key account) and CNY 1,080,000.00 of margin: 5.03 of margin for each 1 given up.",
    );
    // valveco gives its whole 9,000 margin on valves: at its floor of 14,000 − 9,000 = 5,000.
    expect(valveco).toContain(
      "Valve Works buys 200 special-steel from Special Steel Co for CNY 1,040,000.00 at the list price; switching supplier saves it CNY 5,000.00.",
    );
    expect(valveco).toContain(
      "It has no room to give more: it cannot be pushed below CNY 5,000.00 and could ask for up to CNY 194,000.00.",
    );
    // acme-valves, the developer's valve supplier, could cut to its floor of 81:
    // (95 − 81) · 300 = 4,200. The developer breaks even: 0 − 4,200 falls short.
    expect(developer).toEqual([
      "Harbour Developments buys 300 valve from Valve Works for CNY 30,000.00 and gets a discount of CNY 9,000.00 (30.00% of the order); switching supplier costs it CNY 3,500.00.",
      "Harbour Developments buys 1,000 special-steel from Special Steel Co for CNY 5,200,000.00 and gets a discount of CNY 214,500.00 (4.13% of the order); switching supplier costs it CNY 220,000.00.",
      "It breaks even on the deal.",
      "It has no room to give more: it cannot be pushed below CNY 0.00 and could ask for up to CNY 685,500.00.",
      "acme-valves could cut its price of valve to CNY 81.00 and save it CNY 4,200.00.",
      "This deal leaves it CNY 0.00 ahead, not enough to beat that and clear its hurdle: the deal is not defensible for it.",
    ]);
  });

  it("under the counter, pitches a deal that beats the incumbent", () => {
    // The developer's hurdle rises by 4,200: steel gives 214,500 + 4,200 = 218,700.
    const network = example("steel-valves");
    const [deal] = findDeals(network, { initiator: "steel", room: true, competition: "counter" });
    const developer = explainDeal(deal, { network })[2].sentences;
    expect(developer.at(-1)).toBe(
      "This deal leaves it CNY 4,200.00 ahead, CNY 0.00 more than that.",
    );
    expect(deal.trades[2].discount).toBe(218_700);
  });

  it("names ids and writes no currency without the network", () => {
    const [deal] = findDeals(example("bank-telecom"), { initiator: "bank" });
    const bank = explainDeal(deal).find((p) => p.firm === "bank");
    // The bank gives up nothing and wins the telecom firm (40,000 margin); nets 53,000.
    expect(bank?.label).toBe("bank");
    expect(bank?.sentences).toContain(
      "As the initiator, it gives up no margin and wins 1 new customer and 40,000.00 of margin.",
    );
    expect(bank?.sentences).toContain("Its net gain from the deal is 53,000.00.");
    // Without the network the incumbent's name and floor are unknown: only the counter.
    expect(bank?.sentences).toContain(
      "Its incumbent supplier of telecom-services could offer it up to 60,000.00 to stay.",
    );
  });

  it("summarizes a row", () => {
    const [deal] = findDeals(example("bank-telecom"), { initiator: "bank" });
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

  it("gives every party a sentence per trade, its net, its room, its counters and the initiator one more", () => {
    fc.assert(
      fc.property(randomNetwork({ maxFirms: 5, maxProducts: 2 }), (raw) => {
        const network = parseNetwork(raw);
        const initiator = network.firms[0]?.id;
        const deals = findDeals(network, {
          top: Number.POSITIVE_INFINITY,
          includeInfeasible: true,
          kinds: ["cycle", "brokered", "chain"],
          room: true,
          ...(initiator === undefined ? {} : { initiator }),
        });
        for (const deal of deals) {
          const pitch = explainDeal(deal, { network });
          expect(pitch.map((p) => p.firm)).toEqual(deal.parties.map((p) => p.firm));
          for (const { firm, sentences } of pitch) {
            const party = deal.parties.find((p) => p.firm === firm);
            const trades = deal.trades.filter((t) => t.seller === firm || t.buyer === firm).length;
            // One more for the room (feasible deals) and, when exposed, one per counter and a verdict.
            const countered = deal.trades.filter(
              (t) => t.buyer === firm && t.counter !== null && t.counter > 0,
            ).length;
            const expected =
              trades +
              1 +
              (deal.feasible ? 1 : 0) +
              (countered > 0 ? countered + 1 : 0) +
              (firm === initiator ? 1 : 0);
            expect(sentences).toHaveLength(expected);
            expect(sentences.some((x) => x.includes("not defensible"))).toBe(
              countered > 0 && party?.defensible === false,
            );
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
