/**
 * The three stories of SPEC §1 (examples/), priced by hand. Every expected
 * number below is worked out in the comments from the network files; none was
 * copied from the program's output.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Deal } from "../../src/economics/deal.js";
import { dealToJson } from "../../src/economics/deal-json.js";
import { findDeals } from "../../src/economics/find-deals.js";
import { scoreDeal } from "../../src/economics/score-deal.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Network } from "../../src/model/types.js";

function example(name: string): Network {
  return parseNetwork(
    JSON.parse(
      readFileSync(new URL(`../../examples/${name}/network.json`, import.meta.url), "utf8"),
    ),
  );
}

/** Per firm: [marginGained, premiumPaid, discountGiven, discountReceived, net]. */
function partyTable(deal: Deal): Record<string, number[]> {
  return Object.fromEntries(
    deal.parties.map((p) => [
      p.firm,
      [p.marginGained, p.premiumPaid, p.discountGiven, p.discountReceived, p.net],
    ]),
  );
}

function discounts(deal: Deal): Record<string, number> {
  return Object.fromEntries(deal.trades.map((t) => [`${t.seller}>${t.buyer}`, t.discount]));
}

describe("steel, valves and a developer (brokered triangle)", () => {
  const network = example("steel-valves");
  // Trades (q = min(capacity, need)):
  //   steel→valveco special-steel: q = min(2000, 200) = 200, m = (5200−4300)·200 = 180,000,
  //     c = (5200−5250)·200 + 5,000 = −5,000, π = 1
  //   valveco→developer valve: q = min(5000, 300) = 300, m = 30·300 = 9,000,
  //     c = (100−95)·300 + 2,000 = 3,500, π = 0.9 (pair relation)
  //   steel→developer special-steel: q = min(2000, 1000) = 1000, m = 900·1000 = 900,000,
  //     c = 200·1000 + 20,000 = 220,000, π = 0.6
  // surplus = 1,089,000 − 218,500 = 870,500; probability 0.6·1·0.9 = 0.54.
  // Before discounts: steel 180,000 + 900,000 = 1,080,000; valveco 9,000 + 5,000 = 14,000
  // (hurdle 2,000: slack 12,000); developer −3,500 − 220,000 = −223,500.
  const id =
    "brokered:steel>valveco:special-steel|valveco>developer:valve|steel>developer:special-steel";

  it("with steel as initiator: steel's discount of 214,500 makes the triangle feasible", () => {
    const [deal] = findDeals(network, { initiator: "steel" });
    expect(deal.id).toBe(id);
    expect(deal.kind).toBe("brokered");
    expect(deal.feasible).toBe(true);
    expect(deal.surplus).toBe(870_500);
    expect(deal.probability).toBeCloseTo(0.54, 12);
    expect(deal.expectedSurplus).toBeCloseTo(470_070, 6);
    // The developer needs 223,500. Valveco's slack is 12,000 but it can give at most its
    // margin 9,000 on the valve order (M→D); steel covers the rest on D's steel order:
    // 223,500 − 9,000 = 214,500 = 4.125 % of 1000 · 5,200 = 5,200,000.
    // Steel's best net = min over cuts holding steel: {steel}: 1,080,000; {steel, valveco}:
    // 1,092,000; {steel, developer}: 1,080,000 − 223,500 + 9,000 (valve margin into it) = 865,500;
    // all: 868,500 → 865,500 = 1,080,000 − 214,500.
    expect(discounts(deal)).toEqual({
      "steel>valveco": 0,
      "valveco>developer": 9_000,
      "steel>developer": 214_500,
    });
    expect(partyTable(deal)).toEqual({
      steel: [1_080_000, 0, 214_500, 0, 865_500],
      valveco: [9_000, -5_000, 9_000, 0, 5_000], // 14,000 − 9,000 = 5,000 ≥ hurdle 2,000
      developer: [0, 223_500, 0, 223_500, 0],
    });
    // Steel sells to valveco and developer (a key account): 2 customers, 1 key account;
    // efficiency 1,080,000 / 214,500 = 5.0349…; score = 0.54 · 865,500 = 467,370.
    expect(deal.initiator).toMatchObject({
      firm: "steel",
      marginGained: 1_080_000,
      marginGivenUp: 214_500,
      net: 865_500,
    });
    expect(deal.initiator?.newCustomers).toBe(2);
    expect(deal.initiator?.keyAccountsWon).toBe(1);
    expect(deal.initiator?.efficiency).toBeCloseTo(1_080_000 / 214_500, 12);
    expect(deal.score).toBeCloseTo(467_370, 6);
  });

  it("fair: every party at least 192,000 above its hurdle, capped by valveco's inflow", () => {
    const [deal] = findDeals(network);
    // Cuts (slack + capacity into the set) / size: {steel} 1,080,000; {valveco} 12,000 + 180,000
    // = 192,000; {developer} −223,500 + 909,000 = 685,500; {steel,valveco} 546,000;
    // {steel,developer} (856,500 + 9,000)/2 = 432,750; {valveco,developer} 434,250; all 289,500.
    // Level 192,000: steel gives valveco its whole margin 180,000. The developer needs
    // 192,000 + 223,500 = 415,500, which only steel can give without cost to valveco.
    expect(discounts(deal)).toEqual({
      "steel>valveco": 180_000,
      "valveco>developer": 0,
      "steel>developer": 415_500,
    });
    expect(partyTable(deal)).toEqual({
      steel: [1_080_000, 0, 595_500, 0, 484_500],
      valveco: [9_000, -5_000, 0, 180_000, 194_000],
      developer: [0, 223_500, 0, 415_500, 192_000],
    });
    expect(deal.initiator).toBeUndefined();
  });

  it("minimal: 223,500 in all; the initiator decides who gives it", () => {
    // Least total = the developer's need, 223,500. Valveco can pass on up to min(9,000 margin,
    // 12,000 slack) at no extra total: without an initiator steel gives it all; with steel as
    // initiator valveco gives its 9,000 (steel keeps more).
    const [plain] = findDeals(network, { policy: "minimal" });
    expect(discounts(plain)).toEqual({
      "steel>valveco": 0,
      "valveco>developer": 0,
      "steel>developer": 223_500,
    });
    const [steel] = findDeals(network, { policy: "minimal", initiator: "steel" });
    expect(discounts(steel)).toEqual({
      "steel>valveco": 0,
      "valveco>developer": 9_000,
      "steel>developer": 214_500,
    });
    // With valveco as initiator it gives nothing.
    const [valveco] = findDeals(network, { policy: "minimal", initiator: "valveco" });
    expect(discounts(valveco)).toEqual(discounts(plain));
  });

  it("a hurdle above what the deal can give makes it infeasible", () => {
    const raised: Network = {
      ...network,
      firms: network.firms.map((f) => (f.id === "developer" ? { ...f, hurdle: 1_000_000 } : f)),
    };
    expect(findDeals(raised)).toEqual([]);
    // Surplus 870,500 − hurdles 1,002,000 = −131,500 < 0: no discounts can do it. Fair shows
    // the least shortfall. Slacks: steel 1,080,000, valveco 12,000, developer −1,223,500. Cuts:
    // {developer} −1,223,500 + 9,000 + 900,000 = −314,500 (the most it can receive is both
    // margins); {steel,developer} −67,250; {valveco,developer} −65,750; all −43,833.33; the
    // others are positive. Level −314,500: the developer gets 909,000, the least total.
    const [deal] = findDeals(raised, { includeInfeasible: true });
    expect(deal.feasible).toBe(false);
    expect(discounts(deal)).toEqual({
      "steel>valveco": 0,
      "valveco>developer": 9_000,
      "steel>developer": 900_000,
    });
    // steel 1,080,000 − 900,000; valveco 14,000 − 9,000; developer −223,500 + 909,000.
    expect(deal.parties.map((p) => p.net)).toEqual([180_000, 5_000, 685_500]);
  });
});

describe("timber, furniture and machines (3-cycle)", () => {
  const network = example("timber-loop");
  // Rotated to furniture: furniture→machines (m 400·100 = 40,000; c 50·100 + 2,000 = 7,000),
  // machines→timber (m 50,000·2 = 100,000; c 10,000·2 + 11,000 = 31,000),
  // timber→furniture (m 100·600 = 60,000; c 10·600 + 3,000 = 9,000).
  // Before discounts: furniture 40,000 − 9,000 = 31,000; machines 100,000 − 7,000 = 93,000;
  // timber 60,000 − 31,000 = 29,000; surplus 153,000.
  const id =
    "cycle:furniture>machines:office-furniture|machines>timber:woodworking-machine|timber>furniture:lumber";

  it("fair: 51,000 each, with the least discounts", () => {
    const [deal] = findDeals(network);
    expect(deal.id).toBe(id);
    expect(deal.score).toBe(153_000); // expectedSurplus, probability 1
    // Level 153,000/3 = 51,000 (every arc allows more). Furniture needs 20,000 (from timber),
    // timber needs 22,000 + the 20,000 it passes on = 42,000 (from machines).
    expect(discounts(deal)).toEqual({
      "furniture>machines": 0,
      "machines>timber": 42_000,
      "timber>furniture": 20_000,
    });
    expect(deal.parties.map((p) => p.net)).toEqual([51_000, 51_000, 51_000]);
  });

  it("competition counter: hurdles 12,000, 5,000 and 20,000; fair gives 38,666.67 above each", () => {
    // Counters: forest-coop (390 − 370) · 600 = 12,000 on furniture's lumber; desk-depot
    // (1,150 − 1,100) · 100 = 5,000 on machines' furniture; machine-import (240,000 − 230,000)
    // · 2 = 20,000 on timber's machines. Room above the raised hurdles: 153,000 − 37,000 =
    // 116,000, a third each. Nets 50,666.67, 43,666.67, 58,666.67. Least discounts with
    // slacks a − level = −19,666.67, 49,333.33, −29,666.67: timber→furniture covers
    // furniture's 19,666.67; machines→timber covers timber's 29,666.67 plus what it passes.
    const [deal] = findDeals(network, { competition: "counter", room: true });
    expect(deal.trades.map((t) => t.counter)).toEqual([5_000, 20_000, 12_000]);
    expect(deal.parties.map((p) => p.net)).toEqual([
      expect.closeTo(50_666.67, 1),
      expect.closeTo(43_666.67, 1),
      expect.closeTo(58_666.67, 1),
    ]);
    expect(deal.trades.map((t) => t.discount)).toEqual([
      0,
      expect.closeTo(49_333.33, 1),
      expect.closeTo(19_666.67, 1),
    ]);
    expect(deal.defensible).toBe(true);
    // Each party's floor is its raised hurdle: it can be pushed down to it and no further.
    expect(deal.parties.map((p) => p.netRange?.[0])).toEqual([12_000, 5_000, 20_000]);
  });

  it("with timber as initiator: machines gives its whole margin", () => {
    const [deal] = findDeals(network, { initiator: "timber" });
    // Timber's best net = min over arcs holding it (+ capacity in): {timber} 29,000 + 100,000
    // = 129,000; {timber, furniture} 60,000 + 100,000; {machines, timber} 122,000 + 40,000;
    // all 153,000 → 129,000. Machines gives 100,000, and needs 7,000 from furniture to stay at 0.
    expect(discounts(deal)).toEqual({
      "furniture>machines": 7_000,
      "machines>timber": 100_000,
      "timber>furniture": 0,
    });
    expect(partyTable(deal)).toEqual({
      furniture: [40_000, 9_000, 7_000, 0, 24_000],
      machines: [100_000, 7_000, 100_000, 7_000, 0],
      timber: [60_000, 31_000, 0, 100_000, 129_000],
    });
    // Timber gives up nothing: efficiency Infinity, null in JSON.
    expect(deal.initiator).toMatchObject({ marginGivenUp: 0, newCustomers: 1, keyAccountsWon: 0 });
    expect(deal.initiator?.efficiency).toBe(Number.POSITIVE_INFINITY);
    expect(dealToJson(deal).initiator?.efficiency).toBeNull();
  });
});

describe("bank and telecom (2-cycle)", () => {
  const network = example("bank-telecom");
  // bank→telecom business-banking: q = min(10, 2) = 2, m = 20,000·2 = 40,000,
  //   c = (50,000 − 48,000)·2 + 8,000 = 12,000
  // telecom→bank telecom-services: q = min(50, 1) = 1, m = 80,000, c = 20,000 + 25,000 = 45,000, π 0.8
  // Before discounts: bank 40,000 − 45,000 = −5,000; telecom 80,000 − 12,000 = 68,000 (hurdle 10,000).
  const trades = [
    { seller: "telecom", buyer: "bank", product: "telecom-services" },
    { seller: "bank", buyer: "telecom", product: "business-banking" },
  ];

  it("fair: the 53,000 of room split evenly", () => {
    const [deal] = findDeals(network);
    expect(deal.id).toBe("cycle:bank>telecom:business-banking|telecom>bank:telecom-services");
    // surplus 120,000 − 57,000 = 63,000; room 63,000 − 10,000 = 53,000; each 26,500 above its hurdle.
    expect(deal.surplus).toBe(63_000);
    expect(deal.expectedSurplus).toBeCloseTo(50_400, 8);
    // Telecom gives 26,500 + 5,000 = 31,500 = 15.75 % of its 200,000 order.
    expect(discounts(deal)).toEqual({ "bank>telecom": 0, "telecom>bank": 31_500 });
    expect(partyTable(deal)).toEqual({
      bank: [40_000, 45_000, 0, 31_500, 26_500],
      telecom: [80_000, 12_000, 31_500, 0, 36_500],
    });
  });

  it("with the bank as initiator: telecom held at its hurdle", () => {
    const [deal] = findDeals(network, { initiator: "bank" });
    // Telecom gives 68,000 − 10,000 = 58,000; bank −5,000 + 58,000 = 53,000; score 0.8 · 53,000.
    expect(discounts(deal)).toEqual({ "bank>telecom": 0, "telecom>bank": 58_000 });
    expect(deal.initiator).toMatchObject({
      firm: "bank",
      net: 53_000,
      marginGivenUp: 0,
      newCustomers: 1,
    });
    expect(deal.score).toBeCloseTo(42_400, 8);
    // scoreDeal on the same trades, in another order, gives the same deal.
    expect(scoreDeal(network, trades, { initiator: "bank" })).toEqual(deal);
  });

  it("scoreDeal: a smaller quantity changes margin and premium", () => {
    // bank→telecom at q = 1: m = 20,000, c = 2,000 + 8,000 = 10,000. Bank −25,000,
    // telecom 70,000 (slack 60,000); room 35,000 → 17,500 each: telecom gives 42,500.
    const deal = scoreDeal(network, [trades[0], { ...trades[1], quantity: 1 }]);
    expect(deal.trades[0]).toMatchObject({
      quantity: 1,
      margin: 20_000,
      premium: 10_000,
      discount: 0,
    });
    expect(deal.surplus).toBe(45_000);
    expect(partyTable(deal)).toEqual({
      bank: [20_000, 45_000, 0, 42_500, 17_500],
      telecom: [80_000, 10_000, 42_500, 0, 27_500],
    });
  });

  it("scoreDeal: a given discount is kept and the rest chosen", () => {
    // telecom→bank fixed at 10,000: bank 5,000, telecom 58,000 (slack 48,000). The bank can get
    // nothing more (its only inflow is fixed), so the level is 5,000 and the bank gives nothing.
    const deal = scoreDeal(network, [{ ...trades[0], discount: 10_000 }, trades[1]]);
    expect(discounts(deal)).toEqual({ "bank>telecom": 0, "telecom>bank": 10_000 });
    expect(deal.feasible).toBe(true);
    // Fixed at 0: the bank stays at −5,000 whatever it does: infeasible.
    const none = scoreDeal(network, [{ ...trades[0], discount: 0 }, trades[1]]);
    expect(none.feasible).toBe(false);
    expect(none.parties.find((p) => p.firm === "bank")?.net).toBe(-5_000);
  });

  // The competitors (incumbentFloor in the network): old-telecom, the bank's telecom supplier,
  // could go down to 120,000: counter (180,000 − 120,000) · 1 = 60,000. big-bank, telecom's bank,
  // could go down to 40,000: counter (48,000 − 40,000) · 2 = 16,000.

  it("room: the bank between 0 and 53,000, telecom between its hurdle 10,000 and 63,000", () => {
    const [deal] = findDeals(network, { room: true });
    // F: d(bank→telecom) ∈ [0, 40,000], d(telecom→bank) ∈ [0, 80,000];
    // bank −5,000 − d1 + d2 ≥ 0, telecom 58,000 + d1 − d2 ≥ 0, so d2 − d1 ∈ [5,000, 58,000]:
    // d1 up to 40,000 (with d2 ≥ 45,000), d2 from 5,000 to 80,000.
    expect(deal.trades.map((t) => t.discountRange)).toEqual([
      [0, 40_000],
      [5_000, 80_000],
    ]);
    expect(deal.parties.map((p) => p.netRange)).toEqual([
      [0, 53_000],
      [10_000, 63_000],
    ]);
    expect(deal.trades.map((t) => t.counter)).toEqual([16_000, 60_000]);
    // The bank nets 26,500 < its 60,000 exposure: not defensible; telecom 36,500 − 16,000 ≥ 10,000.
    expect(deal.parties.map((p) => [p.exposure, p.defensible])).toEqual([
      [60_000, false],
      [16_000, true],
    ]);
    expect(deal.defensible).toBe(false);
  });

  it("competition counter: the raised hurdles (60,000 and 26,000) exceed the 63,000 surplus", () => {
    const [deal] = findDeals(network, {
      competition: "counter",
      includeInfeasible: true,
      room: true,
    });
    // 63,000 − 60,000 − 26,000 = −23,000: infeasible; fair splits the shortfall, −11,500 each:
    // the bank nets 60,000 − 11,500 = 48,500, telecom 26,000 − 11,500 = 14,500.
    expect(deal.feasible).toBe(false);
    expect(deal.defensible).toBe(false);
    expect(deal.parties.map((p) => p.net)).toEqual([48_500, 14_500]);
    expect(deal.trades.map((t) => t.discountRange)).toEqual([null, null]);
    expect(findDeals(network, { competition: "counter" })).toEqual([]);
  });

  it("scoreDeal: a single trade is a custom deal priced by the LP", () => {
    // bank→telecom alone: bank slack 40,000, telecom −12,000 − 10,000 = −22,000; room 18,000,
    // 9,000 each: the bank gives 31,000; bank 9,000, telecom −12,000 + 31,000 = 19,000.
    const deal = scoreDeal(network, [trades[1]]);
    expect(deal.kind).toBe("custom");
    expect(deal.id).toBe("custom:bank>telecom:business-banking");
    expect(deal.trades[0].discount).toBeCloseTo(31_000, 6);
    expect(deal.parties.map((p) => p.net)).toEqual([
      expect.closeTo(9_000, 6),
      expect.closeTo(19_000, 6),
    ]);
  });
});
