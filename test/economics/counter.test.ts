/**
 * The competitor's counter (SPEC §5) on whole networks: every trade's counter
 * against an independent reading of the network's records, defensibility
 * under `competition: "counter"`, and metamorphic rules on the floors.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Deal } from "../../src/economics/deal.js";
import { findDeals } from "../../src/economics/find-deals.js";
import { scoreDeal } from "../../src/economics/score-deal.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Firm, Network } from "../../src/model/types.js";
import { randomNetwork } from "../helpers/random-network.js";

const policy = fc.constantFrom("fair" as const, "minimal" as const);

/** SPEC §5's counter of a trade, read from the records as a person would. */
function expectedCounter(network: Network, trade: Deal["trades"][number]): number | null {
  const byId = new Map(network.firms.map((f) => [f.id, f]));
  const need = byId.get(trade.buyer)?.needs?.find((n) => n.product === trade.product);
  if (need?.incumbent === undefined) return null;
  const incumbentOffer = byId.get(need.incumbent)?.offers?.find((o) => o.product === trade.product);
  const floor = need.incumbentFloor ?? incumbentOffer?.cost;
  if (floor === undefined) return null;
  const ref = need.referencePrice ?? trade.unitPrice;
  return Math.max(0, ref - floor) * trade.quantity;
}

function allDeals(network: Network, options: Parameters<typeof findDeals>[1] = {}): Deal[] {
  return findDeals(network, {
    top: Number.POSITIVE_INFINITY,
    kinds: ["cycle", "brokered", "chain"],
    maxParties: 4,
    includeInfeasible: true,
    ...options,
  });
}

const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe("the competitor's counter", () => {
  it("equals max(0, ref − floor) · q read from the records, and sums into each buyer's exposure", () => {
    fc.assert(
      fc.property(randomNetwork({ maxFirms: 5 }), (raw) => {
        const network = parseNetwork(raw);
        for (const deal of allDeals(network)) {
          for (const trade of deal.trades) {
            const expected = expectedCounter(network, trade);
            if (expected === null) expect(trade.counter).toBeNull();
            else expect(close(trade.counter ?? Number.NaN, expected)).toBe(true);
          }
          for (const party of deal.parties) {
            const exposure = deal.trades
              .filter((t) => t.buyer === party.firm)
              .reduce((sum, t) => sum + (t.counter ?? 0), 0);
            expect(close(party.exposure, exposure)).toBe(true);
          }
          expect(deal.defensible).toBe(deal.feasible && deal.parties.every((p) => p.defensible));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("under competition counter, every feasible deal is defensible and no feasible deal is new", () => {
    fc.assert(
      fc.property(randomNetwork({ maxFirms: 5 }), policy, (raw, chosen) => {
        const network = parseNetwork(raw);
        const plain = new Map(allDeals(network, { policy: chosen }).map((d) => [d.id, d]));
        for (const deal of allDeals(network, { policy: chosen, competition: "counter" })) {
          if (deal.feasible) {
            expect(deal.defensible).toBe(true);
            // Raised hurdles only remove deals: it was feasible without the counter too.
            expect(plain.get(deal.id)?.feasible).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("never rises when a floor is raised, and a raised floor never costs a deal its defensibility", () => {
    const input = randomNetwork({ maxFirms: 5 }).chain((raw) =>
      fc.tuple(fc.constant(raw), fc.nat(1000), fc.integer({ min: 1, max: 500 })),
    );
    fc.assert(
      fc.property(input, policy, ([raw, pick, raise], chosen) => {
        const before = parseNetwork(raw);
        // Raise the floor of one need whose floor is known (stated, or the incumbent's cost).
        const floorOf = (n: NonNullable<Firm["needs"]>[number]) =>
          n.incumbentFloor ??
          before.firms
            .find((x) => x.id === n.incumbent)
            ?.offers?.find((o) => o.product === n.product)?.cost;
        const needs = before.firms.flatMap((f, i) =>
          (f.needs ?? []).flatMap((n, j) =>
            n.incumbent === undefined || floorOf(n) === undefined ? [] : [[i, j] as const],
          ),
        );
        fc.pre(needs.length > 0);
        const [fi, nj] = needs[pick % needs.length];
        const firms: Firm[] = before.firms.map((f, i) =>
          i !== fi
            ? f
            : {
                ...f,
                needs: (f.needs ?? []).map((n, j) => {
                  if (j !== nj) return n;
                  return { ...n, incumbentFloor: (floorOf(n) ?? 0) + raise };
                }),
              },
        );
        const after = parseNetwork({ ...before, firms });
        for (const competition of ["none", "counter"] as const) {
          const old = new Map(
            allDeals(before, { policy: chosen, competition }).map((d) => [d.id, d]),
          );
          for (const deal of allDeals(after, { policy: chosen, competition })) {
            const was = old.get(deal.id);
            if (was === undefined) continue;
            deal.trades.forEach((t, k) => {
              const previous = was.trades[k].counter;
              if (t.counter !== null && previous !== null)
                expect(t.counter).toBeLessThanOrEqual(previous);
            });
            if (was.defensible && competition === "none") expect(deal.defensible).toBe(true);
            if (was.feasible && competition === "counter") expect(deal.feasible).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("the room on whole networks", () => {
  it("holds the policy's discounts, and fixes a given discount to its value", () => {
    fc.assert(
      fc.property(randomNetwork({ maxFirms: 5 }), policy, (raw, chosen) => {
        const network = parseNetwork(raw);
        for (const deal of allDeals(network, { policy: chosen, room: true })) {
          const scale = Math.max(
            1,
            ...deal.trades.map((t) => Math.max(t.margin, Math.abs(t.premium))),
          );
          for (const t of deal.trades) {
            if (!deal.feasible) {
              expect(t.discountRange).toBeNull();
              continue;
            }
            const [low, high] = t.discountRange ?? [Number.NaN, Number.NaN];
            expect(t.discount).toBeGreaterThanOrEqual(low - 1e-9 * scale);
            expect(t.discount).toBeLessThanOrEqual(high + 1e-9 * scale);
          }
          if (!deal.feasible) continue;
          // Give the first trade's discount: its range is that one value.
          const given = deal.trades.map((t, k) => (k === 0 ? { ...t, discount: t.discount } : t));
          const again = scoreDeal(
            network,
            given.map(({ seller, buyer, product }, k) => ({
              seller,
              buyer,
              product,
              ...(k === 0 ? { discount: given[0].discount } : {}),
            })),
            { policy: chosen, room: true },
          );
          const first = again.trades.find(
            (t) =>
              t.seller === given[0].seller &&
              t.buyer === given[0].buyer &&
              t.product === given[0].product,
          );
          if (again.feasible)
            expect(first?.discountRange).toEqual([first?.discount, first?.discount]);
        }
      }),
      { numRuns: 40 },
    );
  });
});
