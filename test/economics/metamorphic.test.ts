/**
 * Metamorphic rules of SPEC §5's economics: scaling every money amount by a
 * constant scales every money figure by it (exactly for a power of two,
 * within rounding otherwise); renaming firms changes no figure.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Deal, Policy } from "../../src/economics/deal.js";
import { findDeals } from "../../src/economics/find-deals.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Firm, Network } from "../../src/model/types.js";
import { randomNetwork } from "../helpers/random-network.js";

type Raw = { firms: Firm[]; relations: Network["relations"] };

/** Every money amount of the network times λ: prices, costs, reference prices, switching costs, hurdles. */
function scaleMoney(raw: Raw, lambda: number): Raw {
  return {
    ...raw,
    firms: raw.firms.map((f) => ({
      ...f,
      ...(f.hurdle === undefined ? {} : { hurdle: f.hurdle * lambda }),
      offers: (f.offers ?? []).map((o) => ({
        ...o,
        price: o.price * lambda,
        cost: o.cost * lambda,
      })),
      needs: (f.needs ?? []).map((n) => ({
        ...n,
        ...(n.referencePrice === undefined ? {} : { referencePrice: n.referencePrice * lambda }),
        ...(n.switchingCost === undefined ? {} : { switchingCost: n.switchingCost * lambda }),
      })),
    })),
  };
}

/** Firm `fi` becomes `name(i)`; incumbents and relations follow. */
function renameFirms(raw: Raw, name: (id: string) => string): Raw {
  return {
    firms: raw.firms.map((f) => ({
      ...f,
      id: name(f.id),
      needs: (f.needs ?? []).map((n) =>
        n.incumbent === undefined ? n : { ...n, incumbent: name(n.incumbent) },
      ),
    })),
    relations: (raw.relations ?? []).map((r) => ({
      ...r,
      seller: name(r.seller),
      buyer: name(r.buyer),
    })),
  };
}

const options = fc.record({
  policy: fc.constantFrom<Policy>("fair", "minimal", "initiator"),
  withInitiator: fc.boolean(),
});

function allDeals(network: Network, policy: Policy, initiator: string | undefined): Deal[] {
  return findDeals(network, {
    top: Number.POSITIVE_INFINITY,
    includeInfeasible: true,
    kinds: ["cycle", "brokered", "chain"],
    maxParties: 4,
    ...(initiator === undefined
      ? { policy: policy === "initiator" ? "fair" : policy }
      : { initiator, policy }),
  });
}

/** The money figures of a deal, by firm and by trade, independent of order and names. */
function figures(deal: Deal, name: (id: string) => string = (id) => id) {
  const key = (t: Deal["trades"][number]) => `${name(t.seller)}>${name(t.buyer)}:${t.product}`;
  return {
    trades: Object.fromEntries(deal.trades.map((t) => [key(t), [t.margin, t.premium, t.discount]])),
    parties: Object.fromEntries(
      deal.parties.map((p) => [
        name(p.firm),
        [p.marginGained, p.premiumPaid, p.discountGiven, p.discountReceived, p.net],
      ]),
    ),
    deal: [deal.surplus, deal.expectedSurplus, deal.score],
    initiator:
      deal.initiator === undefined
        ? []
        : [deal.initiator.marginGained, deal.initiator.marginGivenUp, deal.initiator.net],
  };
}

/** Flattens figures into [path, value] pairs for comparison with a tolerance. */
function flat(value: unknown, path = ""): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  return Object.entries(value as object).flatMap(([k, v]) => flat(v, `${path}/${k}`));
}

function expectScaled(
  before: Deal[],
  after: Deal[],
  lambda: number,
  exact: boolean,
  name?: (id: string) => string,
) {
  expect(after.length).toBe(before.length);
  const byTrades = (d: Deal, rename?: (id: string) => string) =>
    Object.keys(figures(d, rename).trades).sort().join("|");
  const index = new Map(after.map((d) => [byTrades(d), d]));
  for (const deal of before) {
    const twin = index.get(byTrades(deal, name));
    expect(twin).toBeDefined();
    expect(twin!.feasible).toBe(deal.feasible);
    // A product of the same factors; renamed, a cycle starts elsewhere and they
    // are multiplied in another order (0.1 · 0.6 · 0.1 is 0.006000000000000001 one way).
    if (exact) expect(twin!.probability).toBe(deal.probability);
    else
      expect(Math.abs(twin!.probability - deal.probability)).toBeLessThanOrEqual(
        1e-12 * deal.probability,
      );
    const expected = flat(figures(deal, name));
    const actual = new Map(flat(figures(twin!)));
    const scale = Math.max(1, ...expected.map(([, v]) => Math.abs(v)));
    for (const [path, value] of expected) {
      if (exact) expect([path, actual.get(path)]).toEqual([path, value * lambda]);
      else
        expect(Math.abs(actual.get(path)! - value * lambda)).toBeLessThanOrEqual(
          1e-9 * scale * lambda,
        );
    }
  }
}

describe("metamorphic rules", () => {
  it("scaling all money by 8 scales every figure by 8 exactly", () => {
    fc.assert(
      fc.property(
        randomNetwork({ maxFirms: 5, maxProducts: 2 }),
        options,
        (raw, { policy, withInitiator }) => {
          const initiator = withInitiator && raw.firms.length > 0 ? raw.firms[0].id : undefined;
          const before = allDeals(parseNetwork(raw), policy, initiator);
          const after = allDeals(parseNetwork(scaleMoney(raw as Raw, 8)), policy, initiator);
          expectScaled(before, after, 8, true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("scaling all money by 3.7 scales every figure by 3.7 within rounding", () => {
    fc.assert(
      fc.property(
        randomNetwork({ maxFirms: 5, maxProducts: 2 }),
        options,
        (raw, { policy, withInitiator }) => {
          const initiator = withInitiator && raw.firms.length > 0 ? raw.firms[0].id : undefined;
          const before = allDeals(parseNetwork(raw), policy, initiator);
          const after = allDeals(parseNetwork(scaleMoney(raw as Raw, 3.7)), policy, initiator);
          expectScaled(before, after, 3.7, false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("renaming firms (reversing their order) changes no figure", () => {
    // f0, f1, … become zz9, zz8, …: the order of ids reverses, so cycles rotate differently.
    const name = (id: string) =>
      id.startsWith("f") ? `zz${9 - Number(id.slice(1))}` : `${id}-renamed`;
    fc.assert(
      fc.property(
        randomNetwork({ maxFirms: 5, maxProducts: 2 }),
        options,
        (raw, { policy, withInitiator }) => {
          const initiator = withInitiator && raw.firms.length > 0 ? raw.firms[0].id : undefined;
          const before = allDeals(parseNetwork(raw), policy, initiator);
          const after = allDeals(
            parseNetwork(renameFirms(raw as Raw, name)),
            policy,
            initiator === undefined ? undefined : name(initiator),
          );
          expectScaled(before, after, 1, false, name);
        },
      ),
      { numRuns: 60 },
    );
  });
});
