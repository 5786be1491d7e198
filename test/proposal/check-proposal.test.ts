import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Firm, Relation } from "../../src/model/types.js";
import { checkProposal } from "../../src/proposal/check-proposal.js";
import type { Proposal, ProposalCheck, ProposedTrade } from "../../src/proposal/proposal.js";
import { ProposalError } from "../../src/proposal/proposal-error.js";

/*
 * The network of these tests, with its potential trades worked out by hand
 * (q = min(capacity, need), m = (price − cost)·q, c = (price − ref)·q + switching):
 *
 *   steel→valve  steel  q = min(10, 4) = 4   m = 40·4 = 160   c = (100 − 90)·4 + 10 = 50
 *   steel→dev    steel  q = min(10, 8) = 8   m = 40·8 = 320   c = (100 − 95)·8 = 40
 *   valve→steel  valve  q = min(8, 5) = 5    m = 10·5 = 50    c = (20 − 18)·5 = 10
 *   valve→dev    valve  q = min(8, 6) = 6    m = 10·6 = 60    c = (20 − 20)·6 = 0
 *   acme→steel   valve  q = min(100, 5) = 5  m = 5·5 = 25     c = (20 − 18)·5 = 10
 *   acme→dev     valve  none: acme is dev's incumbent for valve
 *   ink→paper    ink    q = min(3, 3) = 3    m = 5·3 = 15     c = (10 − 8)·3 = 6
 */
const firms: Firm[] = [
  {
    id: "steel",
    name: "Steel Co",
    offers: [{ product: "steel", price: 100, cost: 60, capacity: 10 }],
    needs: [{ product: "valve", quantity: 5, referencePrice: 18 }],
  },
  {
    id: "valve",
    name: "Valve Works",
    offers: [{ product: "valve", price: 20, cost: 10, capacity: 8 }],
    needs: [{ product: "steel", quantity: 4, referencePrice: 90, switchingCost: 10 }],
  },
  {
    id: "dev",
    name: "Developer",
    needs: [
      { product: "steel", quantity: 8, referencePrice: 95 },
      { product: "valve", quantity: 6, referencePrice: 20, incumbent: "acme" },
    ],
  },
  {
    id: "acme",
    name: "Acme Valves",
    offers: [{ product: "valve", price: 20, cost: 15, capacity: 100 }],
  },
  { id: "ink", offers: [{ product: "ink", price: 10, cost: 5, capacity: 3 }] },
  { id: "paper", needs: [{ product: "ink", quantity: 3, referencePrice: 8 }] },
];

function network(options: { relations?: Relation[]; hurdles?: Record<string, number> } = {}) {
  const withHurdles = firms.map((f) =>
    options.hurdles?.[f.id] === undefined ? f : { ...f, hurdle: options.hurdles[f.id] },
  );
  return parseNetwork({ firms: withHurdles, relations: options.relations ?? [] });
}

const base = network();
const t = (
  seller: string,
  buyer: string,
  product: string,
  extra: Partial<ProposedTrade> = {},
): ProposedTrade => ({
  seller,
  buyer,
  product,
  ...extra,
});
const cycle = [t("steel", "valve", "steel"), t("valve", "steel", "valve")];
const codes = (check: ProposalCheck) =>
  check.violations.map((v) => [v.code, v.trade ?? v.firm ?? null]);
const net = (check: ProposalCheck, firm: string) =>
  check.deal!.parties.find((p) => p.firm === firm)!.net;

describe("checkProposal: a sound proposal", () => {
  it("passes and is priced by the fair policy", () => {
    const check = checkProposal(base, { kind: "cycle", trades: cycle });
    expect(check.ok).toBe(true);
    expect(check.violations).toEqual([]);
    // surplus = 160 + 50 − 50 − 10 = 150; before discounts steel nets 160 − 10 = 150, valve 50 − 50 = 0.
    // fair: maximize the least net (hurdles 0): both 75; then least total discount: steel gives 75.
    expect(check.deal!.surplus).toBe(150);
    expect(net(check, "steel")).toBeCloseTo(75, 9);
    expect(net(check, "valve")).toBeCloseTo(75, 9);
    expect(check.deal!.id).toBe("cycle:steel>valve:steel|valve>steel:valve");
  });

  it("does not care about the order of the trades", () => {
    const check = checkProposal(base, { kind: "cycle", trades: [...cycle].reverse() });
    expect(check.ok).toBe(true);
    expect(check.deal!.id).toBe("cycle:steel>valve:steel|valve>steel:valve");
  });

  it("keeps given discounts and chooses the omitted ones", () => {
    // d(steel→valve) = 10 is kept; fair chooses d(valve→steel) = x ≤ 50:
    // valve nets 0 + 10 − x, steel 150 − 10 + x: the least is largest at x = 0 → valve 10, steel 140.
    const check = checkProposal(base, {
      trades: [t("steel", "valve", "steel", { discount: 10 }), cycle[1]],
    });
    expect(check.ok).toBe(true);
    expect(net(check, "valve")).toBeCloseTo(10, 9);
    expect(net(check, "steel")).toBeCloseTo(140, 9);
  });

  it("uses the policy and the initiator it is given", () => {
    // initiator policy for steel: maximize steel's net with valve ≥ 0 → steel 150, valve 0.
    const check = checkProposal(
      base,
      { trades: cycle },
      { initiator: "steel", policy: "initiator" },
    );
    expect(check.deal!.initiator!.net).toBeCloseTo(150, 9);
    expect(net(check, "valve")).toBeCloseTo(0, 9);
  });

  it("rejects usage mistakes as UsageError", () => {
    expect(() => checkProposal(base, { trades: cycle }, { initiator: "nobody" })).toThrow(
      UsageError,
    );
    expect(() => checkProposal(base, { trades: cycle }, { policy: "initiator" })).toThrow(
      UsageError,
    );
    expect(() => checkProposal(base, { trades: cycle }, { objective: "initiatorNet" })).toThrow(
      UsageError,
    );
  });

  it("throws ProposalError listing every problem of a malformed proposal", () => {
    const bad = {
      kind: null,
      trades: [{ seller: "a", buyer: 1, product: "x", quantity: "3", extra: true }],
    };
    try {
      checkProposal(base, bad as unknown as Proposal);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProposalError);
      const paths = (error as ProposalError).issues.map((i) => i.path).sort();
      expect(paths).toEqual(["kind", "trades[0].buyer", "trades[0].extra", "trades[0].quantity"]);
    }
    expect(() => checkProposal(base, { trades: [] })).toThrow(ProposalError);
  });
});

describe("checkProposal: each violation code", () => {
  it("unknown-firm, with the other side still checked", () => {
    expect(codes(checkProposal(base, { trades: [t("ghost", "dev", "steel")] }))).toEqual([
      ["unknown-firm", 0],
    ]);
    expect(checkProposal(base, { trades: [t("ghost", "dev", "steel")] }).violations[0].firm).toBe(
      "ghost",
    );
    // acme needs nothing, steel sells no valve: the known side is still checked.
    expect(codes(checkProposal(base, { trades: [t("ghost", "acme", "steel")] }))).toEqual([
      ["unknown-firm", 0],
      ["no-need", 0],
    ]);
    expect(codes(checkProposal(base, { trades: [t("steel", "ghost", "valve")] }))).toEqual([
      ["unknown-firm", 0],
      ["no-offer", 0],
    ]);
    const both = checkProposal(base, { trades: [t("ghost", "phantom", "steel")] });
    expect(both.violations.map((v) => [v.code, v.firm])).toEqual([
      ["unknown-firm", "ghost"],
      ["unknown-firm", "phantom"],
    ]);
    expect(both.deal).toBeUndefined();
  });

  it("self-trade", () => {
    const check = checkProposal(base, { trades: [...cycle, t("steel", "steel", "steel")] });
    expect(codes(check)).toEqual([["self-trade", 2]]);
    expect(check.deal).toBeUndefined();
  });

  it("no-offer and no-need, in words a salesperson reads", () => {
    const check = checkProposal(base, {
      trades: [t("steel", "dev", "valve"), t("dev", "steel", "steel")],
    });
    expect(codes(check)).toEqual([
      ["no-offer", 0],
      ["no-offer", 1],
      ["no-need", 1],
    ]);
    expect(check.violations[0].message).toBe("Steel Co does not sell valve");
    expect(check.violations[2].message).toBe("Steel Co does not buy steel");
    expect(check.violations[1].firm).toBe("dev");
  });

  it("blocked, by a pair relation or a product relation", () => {
    const pair = network({ relations: [{ seller: "steel", buyer: "valve", blocked: true }] });
    expect(codes(checkProposal(pair, { trades: cycle }))).toEqual([["blocked", 0]]);
    const product = network({
      relations: [{ seller: "valve", buyer: "steel", product: "valve", blocked: true }],
    });
    expect(codes(checkProposal(product, { trades: cycle }))).toEqual([["blocked", 1]]);
    // A block for another product, or an unblocked product under a blocked pair.
    const other = network({
      relations: [{ seller: "steel", buyer: "valve", product: "valve", blocked: true }],
    });
    expect(checkProposal(other, { trades: cycle }).ok).toBe(true);
    const mixed = network({
      relations: [
        { seller: "steel", buyer: "valve", blocked: true },
        { seller: "steel", buyer: "valve", product: "steel", blocked: false, probability: 0.5 },
      ],
    });
    expect(codes(checkProposal(mixed, { trades: cycle }))).toEqual([["blocked", 0]]);
    // The other direction of a blocked pair is not blocked.
    expect(codes(checkProposal(pair, { trades: [cycle[1]] }))).toEqual([]);
  });

  it("incumbent", () => {
    const check = checkProposal(base, { trades: [t("acme", "dev", "valve")] });
    expect(codes(check)).toEqual([["incumbent", 0]]);
    expect(check.violations[0].message).toBe("Acme Valves already supplies Developer with valve");
  });

  it("duplicate-trade, at the repeat's index only", () => {
    const check = checkProposal(base, {
      trades: [...cycle, t("steel", "valve", "steel", { discount: 1 })],
    });
    expect(codes(check)).toEqual([["duplicate-trade", 2]]);
    expect(check.deal).toBeUndefined();
  });

  it("quantity: not positive, or over min(capacity, need)", () => {
    for (const quantity of [0, -1]) {
      expect(
        codes(
          checkProposal(base, { trades: [t("steel", "valve", "steel", { quantity }), cycle[1]] }),
        ),
      ).toEqual([["quantity", 0]]);
    }
    // steel→valve: min(capacity 10, need 4) = 4.
    expect(
      codes(
        checkProposal(base, { trades: [t("steel", "valve", "steel", { quantity: 5 }), cycle[1]] }),
      ),
    ).toEqual([["quantity", 0]]);
    expect(
      checkProposal(base, { trades: [t("steel", "valve", "steel", { quantity: 4 }), cycle[1]] }).ok,
    ).toBe(true);
  });

  it("quantity: trades that together overdraw one offer or one need", () => {
    // Brokered steel→valve, valve→dev, steel→dev draws 4 + 8 = 12 > 10 on steel's offer:
    // the trade that goes over (trade 2 in writing order) is blamed.
    const brokered = [
      t("steel", "valve", "steel"),
      t("valve", "dev", "valve"),
      t("steel", "dev", "steel"),
    ];
    const over = checkProposal(base, { kind: "brokered", trades: brokered });
    expect(over.violations.map((v) => [v.code, v.trade, v.firm])).toEqual([
      ["quantity", 2, "steel"],
    ]);
    expect(over.deal).toBeUndefined();
    // Written in another order, the other steel trade goes over.
    const reordered = checkProposal(base, { trades: [brokered[2], brokered[1], brokered[0]] });
    expect(codes(reordered)).toEqual([["quantity", 2]]);
    // With 6 tonnes to dev it fits: 4 + 6 = 10.
    const fits = [brokered[0], brokered[1], t("steel", "dev", "steel", { quantity: 6 })];
    expect(checkProposal(base, { kind: "brokered", trades: fits }).ok).toBe(true);
    // steel's need for 5 valves filled by valve (5) and acme (5): 10 > 5.
    const need = checkProposal(base, {
      trades: [cycle[0], cycle[1], t("acme", "steel", "valve")],
    });
    expect(need.violations.map((v) => [v.code, v.trade, v.firm])).toEqual([
      ["quantity", 2, "steel"],
    ]);
    const split = [
      cycle[0],
      t("valve", "steel", "valve", { quantity: 2 }),
      t("acme", "steel", "valve", { quantity: 3 }),
    ];
    expect(codes(checkProposal(base, { trades: split }))).toEqual([]);
  });

  it("discount: negative or over the margin at the trade's quantity", () => {
    const withDiscount = (discount: number, quantity?: number) =>
      checkProposal(base, {
        trades: [
          t("steel", "valve", "steel", {
            discount,
            ...(quantity === undefined ? {} : { quantity }),
          }),
          cycle[1],
        ],
      });
    expect(codes(withDiscount(-1))).toEqual([["discount", 0]]);
    expect(codes(withDiscount(161))).toEqual([["discount", 0]]); // m = 160
    // At the margin exactly: steel gives 160, valve nets 0 + 160 − x, steel 150 − 160 + x;
    // fair: x = 50 (all of valve's margin) → steel 40, valve 110.
    const atMargin = withDiscount(160);
    expect(atMargin.ok).toBe(true);
    expect(net(atMargin, "steel")).toBeCloseTo(40, 9);
    // With 2 tonnes the margin is 40·2 = 80.
    expect(codes(withDiscount(81, 2))).toEqual([["discount", 0]]);
    expect(codes(withDiscount(80, 2))).toEqual([]);
  });

  it("hurdle, judged on the nets after the policy, per firm", () => {
    // valve's hurdle 20 with steel's discount fixed at 10: valve nets 10 at best (see above).
    const fixed = checkProposal(network({ hurdles: { valve: 20 } }), {
      trades: [t("steel", "valve", "steel", { discount: 10 }), cycle[1]],
    });
    expect(fixed.violations.map((v) => [v.code, v.firm])).toEqual([["hurdle", "valve"]]);
    expect(fixed.violations[0].message).toBe("Valve Works would net 10, below its hurdle of 20");
    expect(fixed.deal).toBeDefined();
    // With the discount open, the fair policy lifts valve to 75 ≥ 20.
    expect(checkProposal(network({ hurdles: { valve: 20 } }), { trades: cycle }).ok).toBe(true);
    // valve's hurdle 200 is above the whole surplus 150: fair maximizes min(net_s, net_v − 200) with
    // net_v = d1 − d2 ≤ 160 → d1 = 160: steel −10, valve 160 — both below their hurdles.
    const infeasible = checkProposal(network({ hurdles: { valve: 200 } }), { trades: cycle });
    expect(infeasible.violations.map((v) => [v.code, v.firm])).toEqual([
      ["hurdle", "steel"],
      ["hurdle", "valve"],
    ]);
    expect(infeasible.deal!.feasible).toBe(false);
    // At the hurdle exactly is at it: steel 75, valve 75 with valve's hurdle 75.
    expect(checkProposal(network({ hurdles: { valve: 75 } }), { trades: cycle }).ok).toBe(true);
  });

  it("disconnected, with the economics still computed", () => {
    const check = checkProposal(base, { trades: [...cycle, t("ink", "paper", "ink")] });
    expect(codes(check)).toEqual([["disconnected", null]]);
    // surplus = 150 + (15 − 6) = 159
    expect(check.deal!.surplus).toBe(159);
  });

  it("not-reciprocal: every trade has c ≤ 0", () => {
    // valve→dev: c = 0, m = 60.
    const check = checkProposal(base, { trades: [t("valve", "dev", "valve")] });
    expect(codes(check)).toEqual([["not-reciprocal", null]]);
    expect(check.deal!.surplus).toBe(60);
    // With a c > 0 trade beside it, it is reciprocal (a chain steel→valve→dev: c = 50 and 0).
    expect(
      checkProposal(base, { kind: "chain", trades: [cycle[0], t("valve", "dev", "valve")] }).ok,
    ).toBe(true);
  });

  it("kind: an unknown kind, or trades of another shape; none without a kind", () => {
    expect(codes(checkProposal(base, { kind: "triangle", trades: cycle }))).toEqual([
      ["kind", null],
    ]);
    for (const kind of ["brokered", "chain"]) {
      const check = checkProposal(base, { kind, trades: cycle });
      expect(codes(check)).toEqual([["kind", null]]);
      expect(check.deal!.kind).toBe("cycle");
    }
    const chain = [cycle[0], t("valve", "dev", "valve")];
    expect(codes(checkProposal(base, { kind: "cycle", trades: chain }))).toEqual([["kind", null]]);
    // Without a kind any connected shape goes: valve sells to steel (2) and dev (6), 8 in all.
    const custom = checkProposal(base, {
      trades: [cycle[0], t("valve", "steel", "valve", { quantity: 2 }), t("valve", "dev", "valve")],
    });
    expect(custom.ok).toBe(true);
    expect(custom.deal!.kind).toBe("custom");
  });

  it("reports every violation, trade by trade, then the deal's", () => {
    const check = checkProposal(network({ hurdles: { valve: 1 } }), {
      kind: "ring",
      trades: [
        t("ghost", "dev", "steel"),
        t("acme", "dev", "valve", { quantity: 0 }),
        t("ghost", "dev", "steel"),
        t("ink", "paper", "ink", { discount: -5 }),
      ],
    });
    expect(codes(check)).toEqual([
      ["unknown-firm", 0],
      ["incumbent", 1],
      ["quantity", 1],
      ["duplicate-trade", 2],
      ["discount", 3],
      ["disconnected", null],
      ["kind", null],
    ]);
    expect(check.ok).toBe(false);
    expect(check.deal).toBeUndefined();
  });
});

describe("checkProposal with the room and the competitor's counter", () => {
  const bankTelecom = parseNetwork(
    JSON.parse(
      readFileSync(new URL("../../examples/bank-telecom/network.json", import.meta.url), "utf8"),
    ),
  );
  const proposal: Proposal = {
    kind: "cycle",
    trades: [
      { seller: "bank", buyer: "telecom", product: "business-banking" },
      { seller: "telecom", buyer: "bank", product: "telecom-services" },
    ],
  };

  it("always carries the room", () => {
    const check = checkProposal(bankTelecom, proposal);
    expect(check.ok).toBe(true);
    // Worked in test/economics/examples.test.ts: d1 ∈ [0, 40,000], d2 ∈ [5,000, 80,000].
    expect(check.deal?.trades.map((t) => t.discountRange)).toEqual([
      [0, 40_000],
      [5_000, 80_000],
    ]);
  });

  it("judges hurdles raised by the exposures under the counter", () => {
    // Hurdles 0 + 60,000 and 10,000 + 16,000 against a surplus of 63,000: both fall short.
    const check = checkProposal(bankTelecom, proposal, { competition: "counter" });
    expect(check.ok).toBe(false);
    expect(check.violations.map((v) => [v.code, v.firm])).toEqual([
      ["hurdle", "bank"],
      ["hurdle", "telecom"],
    ]);
    expect(check.violations[0].message).toMatch(
      /its own 0 raised by the 60000 its incumbents could offer/,
    );
    const given = checkProposal(
      bankTelecom,
      {
        ...proposal,
        trades: [
          { ...proposal.trades[0], discount: 0 },
          { ...proposal.trades[1], discount: 65_000 },
        ],
      },
      { competition: "counter" },
    );
    // Both discounts given: bank −5,000 + 65,000 = 60,000 ≥ 60,000; telecom 68,000 − 65,000
    // = 3,000 < 26,000. (With bank→telecom left to the fair policy it would split the
    // 23,000 shortfall and both would fall short.)
    expect(given.violations.map((v) => v.firm)).toEqual(["telecom"]);
  });
});
