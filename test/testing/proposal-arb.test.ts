import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Policy } from "../../src/economics/deal.js";
import { UsageError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Network } from "../../src/model/types.js";
import { checkProposal } from "../../src/proposal/check-proposal.js";
import { type Proposal, type ViolationCode, violationCodes } from "../../src/proposal/proposal.js";
import { networkArb } from "../../src/testing/network-arb.js";
import {
  type InvalidProposal,
  type ProposalConstraints,
  proposalArb,
} from "../../src/testing/proposal-arb.js";

/** Options of checkProposal for a policy, naming an initiator where the policy needs one. */
function checkOptions(network: Network, policy: Policy) {
  return policy === "initiator" ? { policy, initiator: network.firms[0].id } : { policy };
}

/** The claim of an invalid proposal holds: violations exist, all of the claimed code, at the claimed trade and firm. */
function expectClaim(network: Network, x: InvalidProposal, policy: Policy = "fair"): void {
  const check = checkProposal(network, x.proposal, checkOptions(network, policy));
  const where = JSON.stringify(x);
  expect(check.violations.length, where).toBeGreaterThan(0);
  expect(
    check.violations.map((v) => v.code),
    where,
  ).toEqual(check.violations.map(() => x.expectedCode));
  if (x.trade !== undefined)
    expect(
      check.violations.some((v) => v.trade === x.trade),
      where,
    ).toBe(true);
  if (x.firm !== undefined)
    expect(
      check.violations.some((v) => v.firm === x.firm),
      where,
    ).toBe(true);
}

const policyArb = fc.constantFrom<Policy>("fair", "minimal", "initiator");

/** A network with many codes available: two cycles, a blocked pair, an incumbent, a plain trade. */
const rich = parseNetwork({
  firms: [
    {
      id: "a",
      hurdle: 5,
      offers: [{ product: "x", price: 10, cost: 2, capacity: 5 }],
      needs: [{ product: "y", quantity: 4, referencePrice: 7 }],
    },
    {
      id: "b",
      offers: [{ product: "y", price: 9, cost: 3, capacity: 8 }],
      needs: [{ product: "x", quantity: 3, switchingCost: 6, incumbent: "c" }],
    },
    {
      id: "c",
      offers: [
        { product: "x", price: 8, cost: 1, capacity: 9 },
        { product: "z", price: 4, cost: 1, capacity: 9 },
      ],
      needs: [{ product: "y", quantity: 2, referencePrice: 12 }],
    },
    {
      id: "d",
      offers: [{ product: "y", price: 5, cost: 1, capacity: 3 }],
      needs: [{ product: "z", quantity: 6, referencePrice: 3 }],
    },
    { id: "e", needs: [{ product: "x", quantity: 2, referencePrice: 11 }] },
  ],
  relations: [
    { seller: "d", buyer: "a", blocked: true },
    { seller: "a", buyer: "e", product: "x", probability: 0.5 },
  ],
});

describe("proposalArb", () => {
  it("with valid: false, yields exactly the violation it claims, under every policy", () => {
    fc.assert(
      fc.property(networkArb({ maxFirms: 6 }), fc.integer(), policyArb, (json, seed, policy) => {
        const network = parseNetwork(json);
        for (const x of fc.sample(proposalArb(network, { valid: false }), { seed, numRuns: 5 }))
          expectClaim(network, x, policy);
      }),
    );
  });

  it("with valid: true, yields proposals that pass checkProposal under every policy", () => {
    fc.assert(
      fc.property(networkArb({ maxFirms: 6 }), fc.integer(), policyArb, (json, seed, policy) => {
        const network = parseNetwork(json);
        let arb: fc.Arbitrary<Proposal>;
        try {
          arb = proposalArb(network, { kinds: ["cycle", "brokered", "chain"], maxParties: 4 });
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          return;
        }
        for (const proposal of fc.sample(arb, { seed, numRuns: 5 })) {
          const check = checkProposal(network, proposal, checkOptions(network, policy));
          expect(check.violations, JSON.stringify(proposal)).toEqual([]);
          expect(check.deal!.feasible).toBe(true);
        }
      }),
    );
  });

  it("keeps its claims on every shrunk value", () => {
    const invalid: InvalidProposal[] = [];
    const failed = fc.check(
      fc.property(proposalArb(rich, { valid: false }), (x) => {
        invalid.push(x);
        return x.proposal.trades.length < 2;
      }),
      { seed: 11 },
    );
    expect(failed.failed).toBe(true);
    expect(failed.numShrinks).toBeGreaterThan(0);
    for (const x of invalid) expectClaim(rich, x);
    const valid: Proposal[] = [];
    const result = fc.check(
      fc.property(proposalArb(rich), (p) => {
        valid.push(p);
        return p.trades.every((t) => t.discount === undefined);
      }),
      { seed: 12 },
    );
    expect(result.numShrinks).toBeGreaterThan(0);
    for (const p of valid) expect(checkProposal(rich, p).violations).toEqual([]);
  });

  it("can produce every violation code", () => {
    const seen = new Set<ViolationCode>();
    for (const x of fc.sample(proposalArb(rich, { valid: false }), { seed: 3, numRuns: 400 }))
      seen.add(x.expectedCode);
    expect([...seen].sort()).toEqual([...violationCodes].sort());
    for (const code of violationCodes) {
      for (const x of fc.sample(proposalArb(rich, { valid: false, codes: [code] }), {
        seed: 4,
        numRuns: 10,
      })) {
        expect(x.expectedCode).toBe(code);
        expectClaim(rich, x);
      }
    }
  });

  it("writes proposals in many ways: orders, written quantities and discounts, stated kinds", () => {
    const sample = fc.sample(proposalArb(rich), { seed: 5, numRuns: 300 });
    expect(sample.some((p) => p.kind !== undefined)).toBe(true);
    expect(sample.some((p) => p.kind === undefined)).toBe(true);
    expect(sample.some((p) => p.trades.some((t) => t.quantity !== undefined))).toBe(true);
    expect(sample.some((p) => p.trades.some((t) => t.discount !== undefined))).toBe(true);
    expect(
      new Set(sample.map((p) => JSON.stringify(p.trades.map((t) => t.seller)))).size,
    ).toBeGreaterThan(5);
  });

  it("gives the same proposals for the same seed", () => {
    for (const constraints of [{}, { valid: false }] as ProposalConstraints[]) {
      const arb = () => proposalArb(rich, constraints as { valid: false });
      expect(fc.sample(arb(), { seed: 9, numRuns: 20 })).toEqual(
        fc.sample(arb(), { seed: 9, numRuns: 20 }),
      );
    }
  });

  it("still has ghost and self trades for a network with no trades", () => {
    const bare = parseNetwork({ firms: [{ id: "solo" }] });
    const codes = new Set(
      fc
        .sample(proposalArb(bare, { valid: false }), { seed: 1, numRuns: 50 })
        .map((x) => x.expectedCode),
    );
    expect([...codes].sort()).toEqual(["self-trade", "unknown-firm"]);
    for (const x of fc.sample(proposalArb(bare, { valid: false }), { seed: 2, numRuns: 10 }))
      expectClaim(bare, x);
    expect(() => proposalArb(bare)).toThrow(UsageError);
    expect(() => proposalArb(bare, { valid: false, codes: ["blocked"] })).toThrow(UsageError);
  });

  it("types valid and invalid proposals apart", () => {
    expectTypeOf(proposalArb(rich)).toEqualTypeOf<fc.Arbitrary<Proposal>>();
    expectTypeOf(proposalArb(rich, { valid: true, maxParties: 4 })).toEqualTypeOf<
      fc.Arbitrary<Proposal>
    >();
    expectTypeOf(proposalArb(rich, { valid: false })).toEqualTypeOf<
      fc.Arbitrary<InvalidProposal>
    >();
    expectTypeOf<InvalidProposal["expectedCode"]>().toEqualTypeOf<ViolationCode>();
  });

  it("rejects bad constraints when built", () => {
    const bad = [
      { maxParties: 1 },
      { maxBases: 0 },
      { kinds: ["ring"] },
      { codes: ["kind"] },
      { valid: false, codes: ["wrong"] },
      { valid: "no" },
      { size: 3 },
    ] as unknown as ProposalConstraints[];
    for (const constraints of bad)
      expect(
        () => proposalArb(rich, constraints as { valid: false }),
        JSON.stringify(constraints),
      ).toThrow(UsageError);
  });
});
