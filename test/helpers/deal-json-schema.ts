/**
 * SPEC §8's DEAL object as a strict zod schema (no missing, no extra keys),
 * for the tests of `dealToJson` and of the CLI's JSON: v3 adds each trade's
 * `counter` (and with room its `discountRange`), each party's `exposure` and
 * `defensible` (and with room its `netRange`), and the deal's `defensible`.
 */
import { z } from "zod";

/** `[min, max]` with min ≤ max, or null (an infeasible deal has no room). */
const range = z
  .tuple([z.number(), z.number()])
  .refine(([min, max]) => min <= max, "min above max")
  .nullable();

/** The DEAL schema; `room`: whether the ranges must be there (true) or absent (false). */
export function dealJsonSchema(room: boolean) {
  const trade = z.strictObject({
    seller: z.string().min(1),
    buyer: z.string().min(1),
    product: z.string().min(1),
    quantity: z.number().positive(),
    unitPrice: z.number().positive(),
    margin: z.number().nonnegative(),
    premium: z.number(),
    probability: z.number().gt(0).lte(1),
    discount: z.number().nonnegative(),
    counter: z.number().nonnegative().nullable(),
    ...(room ? { discountRange: range } : {}),
  });
  const party = z.strictObject({
    firm: z.string().min(1),
    marginGained: z.number(),
    premiumPaid: z.number(),
    discountGiven: z.number(),
    discountReceived: z.number(),
    net: z.number(),
    exposure: z.number().nonnegative(),
    defensible: z.boolean(),
    ...(room ? { netRange: range } : {}),
  });
  const initiator = z.strictObject({
    firm: z.string().min(1),
    marginGained: z.number(),
    marginGivenUp: z.number().nonnegative(),
    net: z.number(),
    newCustomers: z.number().int().nonnegative(),
    keyAccountsWon: z.number().int().nonnegative(),
    efficiency: z.number().nullable(),
  });
  return z.strictObject({
    id: z.string().regex(/^(cycle|brokered|chain|custom):./),
    kind: z.enum(["cycle", "brokered", "chain", "custom"]),
    feasible: z.boolean(),
    defensible: z.boolean(),
    score: z.number(),
    surplus: z.number(),
    probability: z.number().gt(0).lte(1),
    expectedSurplus: z.number(),
    trades: z.array(trade).min(1),
    parties: z.array(party).min(2),
    initiator: initiator.optional(),
  });
}
