/**
 * zod schemas of SPEC §2: the shape and range of every field. Rules that span
 * several records (unique ids, relations naming firms) live in `semantics.ts`.
 * The field lists of `record-fields.ts` mirror these shapes for the code that
 * runs without zod (a test keeps them equal); zod is loaded on demand
 * (`schemas-on-demand.ts`).
 */
import { z } from "zod";
import { maxAmount } from "./record-fields.js";

export { maxAmount };

/** The issue for an amount beyond `maxAmount`. */
function tooLarge(what: string, value: number) {
  return `${what} = ${value} is beyond the largest money amount (${maxAmount})`;
}

const meta = z.record(z.string(), z.unknown());
const nonEmpty = z.string().min(1, "must be a non-empty string");
const money = z.number();

/** An offer: `{product, price, cost, capacity}`, with cost ≤ price. */
export const offerSchema = z
  .strictObject({
    product: nonEmpty,
    price: money.gt(0, "price must be > 0"),
    cost: money.min(0, "cost must be ≥ 0"),
    capacity: z.number().gt(0, "capacity must be > 0"),
    meta: meta.optional(),
  })
  .check((ctx) => {
    const { price, cost, capacity } = ctx.value;
    if (cost > price) {
      ctx.issues.push({
        code: "custom",
        input: cost,
        path: ["cost"],
        message: `cost ${cost} is above price ${price}`,
      });
    }
    if (!(price * capacity <= maxAmount)) {
      ctx.issues.push({
        code: "custom",
        input: price,
        path: ["price"],
        message: tooLarge("price × capacity", price * capacity),
      });
    }
  });

/**
 * A need: `{product, quantity, referencePrice?, switchingCost?, incumbent?,
 * incumbentFloor?}`; the floor (the lowest unit price the incumbent is
 * believed to accept, SPEC §5) only together with an incumbent.
 */
export const needSchema = z
  .strictObject({
    product: nonEmpty,
    quantity: z.number().gt(0, "quantity must be > 0"),
    referencePrice: money.min(0, "referencePrice must be ≥ 0").optional(),
    switchingCost: money.min(0, "switchingCost must be ≥ 0").optional(),
    incumbent: nonEmpty.optional(),
    incumbentFloor: money.min(0, "incumbentFloor must be ≥ 0").optional(),
    meta: meta.optional(),
  })
  .check((ctx) => {
    const { incumbent, incumbentFloor, referencePrice, switchingCost, quantity } = ctx.value;
    if (incumbentFloor !== undefined && incumbent === undefined) {
      ctx.issues.push({
        code: "custom",
        input: incumbentFloor,
        path: ["incumbentFloor"],
        message: "incumbentFloor needs an incumbent (the firm whose floor it is)",
      });
    }
    if (referencePrice !== undefined && !(referencePrice * quantity <= maxAmount)) {
      ctx.issues.push({
        code: "custom",
        input: referencePrice,
        path: ["referencePrice"],
        message: tooLarge("referencePrice × quantity", referencePrice * quantity),
      });
    }
    if (switchingCost !== undefined && !(switchingCost <= maxAmount)) {
      ctx.issues.push({
        code: "custom",
        input: switchingCost,
        path: ["switchingCost"],
        message: tooLarge("switchingCost", switchingCost),
      });
    }
  });

/** A firm with its offers and needs. */
export const firmSchema = z.strictObject({
  id: nonEmpty,
  name: z.string().optional(),
  industry: z.string().optional(),
  keyAccount: z.boolean().optional(),
  hurdle: money
    .min(0, "hurdle must be ≥ 0")
    .max(maxAmount, `hurdle is beyond the largest money amount (${maxAmount})`)
    .optional(),
  maxDeals: z
    .number()
    .int("maxDeals must be a whole number")
    .min(1, "maxDeals must be ≥ 1")
    .optional(),
  offers: z.array(offerSchema).optional(),
  needs: z.array(needSchema).optional(),
  meta: meta.optional(),
});

/** A relation between a seller and a buyer, for one product or all. */
export const relationSchema = z.strictObject({
  seller: nonEmpty,
  buyer: nonEmpty,
  product: nonEmpty.optional(),
  probability: z
    .number()
    .gt(0, "probability must be in (0, 1]")
    .max(1, "probability must be in (0, 1]")
    .optional(),
  blocked: z.boolean().optional(),
  meta: meta.optional(),
});

/** The root's own fields (the JSON Lines header line has these). */
export const headerSchema = z.strictObject({
  currency: z.string().optional(),
  meta: meta.optional(),
});
