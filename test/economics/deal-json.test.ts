/**
 * `dealToJson` against a zod schema of SPEC §8's DEAL object: exact keys,
 * types, and `efficiency` null exactly when nothing is given up.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dealJsonText, dealToJson } from "../../src/economics/deal-json.js";
import { findDeals } from "../../src/economics/find-deals.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { stringifyJson } from "../../src/util/number-format.js";
import { dealJsonSchema as schemaOf } from "../helpers/deal-json-schema.js";
import { randomNetwork } from "../helpers/random-network.js";

const dealJsonSchema = schemaOf(false);

function roundTrip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe("dealToJson", () => {
  it("matches SPEC §8's DEAL shape on the examples, with efficiency null when nothing is given up", () => {
    for (const [name, initiator] of [
      ["steel-valves", "steel"],
      ["timber-loop", "timber"],
      ["bank-telecom", "bank"],
      ["bank-telecom", undefined],
    ] as const) {
      const network = parseNetwork(
        readFileSync(new URL(`../../examples/${name}/network.json`, import.meta.url), "utf8"),
      );
      const deals = findDeals(network, initiator === undefined ? {} : { initiator });
      expect(deals.length).toBe(1);
      const json = roundTrip({ deals: deals.map(dealToJson) }) as { deals: unknown[] };
      const parsed = dealJsonSchema.parse(json.deals[0]);
      // Keys in SPEC §8's order: checked on the raw JSON (zod's output follows the schema).
      const raw = json.deals[0] as Record<string, unknown>;
      expect(Object.keys(raw)).toEqual(Object.keys(dealJsonSchema.shape).filter((k) => k in raw));
      if (initiator === undefined) expect(parsed.initiator).toBeUndefined();
      // steel gives up 214,500 (efficiency 1,080,000 / 214,500); timber and the bank give up nothing.
      if (name === "steel-valves")
        expect(parsed.initiator?.efficiency).toBeCloseTo(1_080_000 / 214_500, 12);
      else if (initiator !== undefined) expect(parsed.initiator?.efficiency).toBeNull();
    }
  });

  it("matches the schema on random networks, with and without room, and changes nothing but efficiency", () => {
    const options = fc.record({
      withInitiator: fc.boolean(),
      room: fc.boolean(),
      competition: fc.constantFrom("none" as const, "counter" as const),
    });
    fc.assert(
      fc.property(
        randomNetwork({ maxFirms: 5 }),
        options,
        (raw, { withInitiator, room, competition }) => {
          const network = parseNetwork(raw);
          const initiator =
            withInitiator && network.firms.length > 0 ? network.firms[0].id : undefined;
          const deals = findDeals(network, {
            top: Number.POSITIVE_INFINITY,
            includeInfeasible: true,
            room,
            competition,
            ...(initiator === undefined ? {} : { initiator }),
          });
          for (const deal of deals) {
            // The direct writer prints what JSON.stringify prints, numbers at 12 significant digits.
            expect(dealJsonText(deal)).toBe(stringifyJson(dealToJson(deal)));
            const json = schemaOf(room).parse(roundTrip(dealToJson(deal)));
            expect(json.initiator === undefined).toBe(deal.initiator === undefined);
            if (deal.initiator !== undefined) {
              expect(json.initiator?.efficiency === null).toBe(
                deal.initiator.efficiency === Number.POSITIVE_INFINITY,
              );
              expect(json.initiator?.efficiency === null).toBe(deal.initiator.marginGivenUp === 0);
            }
            const { initiator: _a, ...rest } = json;
            const { initiator: _b, ...original } = deal;
            expect(rest).toEqual(roundTrip(original));
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
