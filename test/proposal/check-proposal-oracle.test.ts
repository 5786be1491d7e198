/**
 * checkProposal against a plain oracle written from SPEC §3 and §7 over the
 * network JSON (no trade index), on random networks and random proposals.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Network } from "../../src/model/types.js";
import { checkProposal } from "../../src/proposal/check-proposal.js";
import type { ProposedTrade } from "../../src/proposal/proposal.js";
import { potentialTrades } from "../../src/trade-index/potential-trades.js";
import { randomNetwork } from "../helpers/random-network.js";

type Code = string;

/** The trade-level codes SPEC §7 (and the decisions in trade-checks.ts) expect, trade by trade, and the premiums. */
function oracleTradeCodes(
  network: Network,
  trades: readonly ProposedTrade[],
  premiums: (number | undefined)[] = [],
): Code[][] {
  const firm = (id: string) => network.firms.find((f) => f.id === id);
  const seen = new Map<string, number>();
  const offerUse = new Map<string, number>();
  const needUse = new Map<string, number>();
  return trades.map((trade) => {
    const { seller, buyer, product } = trade;
    const key = JSON.stringify([seller, buyer, product]);
    if (seen.has(key)) return ["duplicate-trade"];
    seen.set(key, 1);
    const out: Code[] = [];
    const s = firm(seller);
    const b = firm(buyer);
    if (s === undefined) out.push("unknown-firm");
    if (b === undefined && buyer !== seller) out.push("unknown-firm");
    if (seller === buyer) return [...out, "self-trade"];
    const offer = s?.offers?.find((o) => o.product === product);
    const need = b?.needs?.find((n) => n.product === product);
    if (s !== undefined && offer === undefined) out.push("no-offer");
    if (b !== undefined && need === undefined) out.push("no-need");
    const blocks = (network.relations ?? []).some(
      (r) =>
        r.seller === seller &&
        r.buyer === buyer &&
        r.blocked === true &&
        (r.product === undefined || r.product === product),
    );
    if (s !== undefined && b !== undefined && blocks) out.push("blocked");
    if (need?.incumbent === seller) out.push("incumbent");
    const limit = Math.min(
      offer?.capacity ?? Number.POSITIVE_INFINITY,
      need?.quantity ?? Number.POSITIVE_INFINITY,
    );
    let quantity = offer !== undefined && need !== undefined ? limit : undefined;
    if (trade.quantity !== undefined) {
      quantity = trade.quantity > 0 && trade.quantity <= limit ? trade.quantity : undefined;
      if (quantity === undefined) out.push("quantity");
    }
    if (offer === undefined || need === undefined || quantity === undefined) return out;
    if (out.length === 0) {
      const offerKey = `${seller}/${product}`;
      const needKey = `${buyer}/${product}`;
      const offerTotal = (offerUse.get(offerKey) ?? 0) + quantity;
      const needTotal = (needUse.get(needKey) ?? 0) + quantity;
      if (offerTotal > offer.capacity || needTotal > need.quantity) out.push("quantity");
      else {
        offerUse.set(offerKey, offerTotal);
        needUse.set(needKey, needTotal);
      }
    }
    const margin = (offer.price - offer.cost) * quantity;
    premiums[trades.indexOf(trade)] =
      (offer.price - (need.referencePrice ?? offer.price)) * quantity + (need.switchingCost ?? 0);
    if (trade.discount !== undefined && (trade.discount < 0 || trade.discount > margin))
      out.push("discount");
    return out;
  });
}

/** Number of groups of parties linked by trades (ignoring direction). */
function groupCount(trades: readonly ProposedTrade[]): number {
  const parties = [...new Set(trades.flatMap((t) => [t.seller, t.buyer]))];
  const seen = new Set<string>();
  let groups = 0;
  for (const start of parties) {
    if (seen.has(start)) continue;
    groups++;
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const at = stack.pop()!;
      for (const t of trades) {
        for (const [a, b] of [
          [t.seller, t.buyer],
          [t.buyer, t.seller],
        ] as const) {
          if (a === at && !seen.has(b)) {
            seen.add(b);
            stack.push(b);
          }
        }
      }
    }
  }
  return groups;
}

const proposalArb = (maxFirm: number) => {
  const id = fc.oneof(
    fc.integer({ min: 0, max: maxFirm }).map((i) => `f${i}`),
    fc.constant("ghost"),
  );
  const trade = fc.record(
    {
      seller: id,
      buyer: id,
      product: fc.oneof(
        fc.integer({ min: 0, max: 2 }).map((i) => `p${i}`),
        fc.constant("px"),
      ),
      quantity: fc.oneof(fc.constantFrom(0, -1), fc.integer({ min: 1, max: 60 })),
      discount: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 3000 })),
    },
    { requiredKeys: ["seller", "buyer", "product"] },
  );
  return fc.array(trade, { minLength: 1, maxLength: 4 });
};

describe("checkProposal against an oracle", () => {
  it("finds exactly the oracle's violations on random proposals", () => {
    fc.assert(
      fc.property(
        randomNetwork({ maxFirms: 4 }),
        proposalArb(4),
        fc.boolean(),
        (json, trades, fromTrades) => {
          const network = parseNetwork(json);
          // Half the time, build the proposal from the network's potential trades, so that many are sound.
          const potential = [...potentialTrades(network)];
          const proposed: ProposedTrade[] =
            fromTrades && potential.length > 0
              ? trades.map((t, i) => {
                  const p = potential[(i * 7 + t.seller.length) % potential.length];
                  return {
                    seller: p.seller,
                    buyer: p.buyer,
                    product: p.product,
                    ...(t.discount !== undefined && t.discount >= 0
                      ? { discount: t.discount % 50 }
                      : {}),
                  };
                })
              : trades;
          const check = checkProposal(network, { trades: proposed });
          const premiums: (number | undefined)[] = [];
          const expected = oracleTradeCodes(network, proposed, premiums);
          const actual = proposed.map((_, i) =>
            check.violations.filter((v) => v.trade === i).map((v) => v.code),
          );
          expect(actual).toEqual(expected);

          // A trade is free of the "is it a potential trade" codes exactly when SPEC §3 lists it.
          const structural = new Set([
            "unknown-firm",
            "self-trade",
            "no-offer",
            "no-need",
            "blocked",
            "incumbent",
          ]);
          proposed.forEach((t, i) => {
            if (expected[i].includes("duplicate-trade")) return;
            const listed = potential.some(
              (p) => p.seller === t.seller && p.buyer === t.buyer && p.product === t.product,
            );
            expect(!expected[i].some((c) => structural.has(c))).toBe(listed);
          });

          const tradeLevel = expected.some((codes) => codes.length > 0);
          const isOriginal = (i: number) => !expected[i].includes("duplicate-trade");
          const originals = proposed.filter((_, i) => isOriginal(i));
          // not-reciprocal: every trade (repeats aside) is sound and has c ≤ 0.
          const notReciprocal = proposed.every(
            (_, i) =>
              !isOriginal(i) || (expected[i].length === 0 && (premiums[i] ?? Number.NaN) <= 0),
          );
          const dealCodes = check.violations
            .filter((v) => v.trade === undefined)
            .map((v) => v.code);
          expect(dealCodes.includes("disconnected")).toBe(groupCount(originals) > 1);
          expect(dealCodes.includes("not-reciprocal")).toBe(notReciprocal);
          expect(check.deal === undefined).toBe(tradeLevel);
          if (check.deal === undefined) {
            expect(dealCodes).not.toContain("hurdle");
          } else {
            const deal = check.deal;
            // Given quantities and discounts are kept.
            for (const t of proposed) {
              const dt = deal.trades.find(
                (d) => d.seller === t.seller && d.buyer === t.buyer && d.product === t.product,
              )!;
              if (t.quantity !== undefined) expect(dt.quantity).toBe(t.quantity);
              if (t.discount !== undefined) expect(dt.discount).toBe(t.discount);
            }
            const hurdle = (id: string) => network.firms.find((f) => f.id === id)!.hurdle ?? 0;
            const scale = Math.max(
              ...deal.trades.flatMap((t) => [Math.abs(t.margin), Math.abs(t.premium), t.discount]),
              ...deal.parties.map((p) => hurdle(p.firm)),
            );
            const below = deal.parties
              .filter((p) => p.net < hurdle(p.firm) - 1e-9 * Math.max(scale, Math.abs(p.net)))
              .map((p) => p.firm);
            expect(check.violations.filter((v) => v.code === "hurdle").map((v) => v.firm)).toEqual(
              below,
            );
          }
          expect(check.ok).toBe(check.violations.length === 0);
        },
      ),
    );
  });
});
