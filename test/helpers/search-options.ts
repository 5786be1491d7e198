/**
 * Random search options for the library's own tests: a random network with
 * options for it (an initiator among its firms or none, a policy and an
 * objective that suit it, kinds, maxParties 2..4, infeasible deals or not, a
 * top), and the ranking oracle: score to 12 significant digits descending,
 * then id ascending (SPEC §5; `rank-order.ts`).
 */
import fc from "fast-check";
import type { Deal, Objective, Policy } from "../../src/economics/deal.js";
import type { FindDealsOptions } from "../../src/economics/find-options.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Network } from "../../src/model/types.js";
import type { DealKind } from "../../src/search/kinds.js";
import { type RandomNetworkShape, randomNetwork } from "./random-network.js";

/** The ranking order written out plainly: 12 significant digits, then UTF-16 id order. */
export const byRank = (a: Deal, b: Deal): number => {
  const ka = Number(a.score.toPrecision(12));
  const kb = Number(b.score.toPrecision(12));
  return kb - ka || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
};

/** Random search options for a network (an initiator among its firms or none). */
export function searchOptions(network: Network) {
  const firms = network.firms.map((f) => f.id);
  return fc
    .record({
      initiator: fc.option(fc.constantFrom(...(firms.length > 0 ? firms : ["none"])), {
        nil: undefined,
      }),
      policy: fc.constantFrom<Policy>("initiator", "fair", "minimal"),
      objective: fc.constantFrom<Objective>(
        "surplus",
        "expectedSurplus",
        "initiatorNet",
        "expectedInitiatorNet",
      ),
      kinds: fc.subarray<DealKind>(["cycle", "brokered", "chain"], { minLength: 1 }),
      maxParties: fc.integer({ min: 2, max: 4 }),
      includeInfeasible: fc.boolean(),
      top: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(Number.POSITIVE_INFINITY)),
    })
    .map(({ initiator, policy, objective, ...rest }) => {
      const named = initiator !== undefined && firms.includes(initiator);
      return {
        ...rest,
        ...(named ? { initiator } : {}),
        policy: !named && policy === "initiator" ? "fair" : policy,
        objective:
          !named && (objective === "initiatorNet" || objective === "expectedInitiatorNet")
            ? "surplus"
            : objective,
      } satisfies FindDealsOptions;
    });
}

/** A random parsed network and random search options for it. */
export function randomNetworkAndOptions(shape: RandomNetworkShape) {
  return randomNetwork(shape).chain((raw) => {
    const network = parseNetwork(raw);
    return searchOptions(network).map((options) => ({ network, options }));
  });
}
