import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isPlainValidFirm,
  isPlainValidHeader,
  isPlainValidRelation,
} from "../../src/model/quick-validate.js";
import { firmSchema, headerSchema, relationSchema } from "../../src/model/schema.js";

/** Values near the edges of every rule, and of the wrong types. */
const edgy = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1,
    0.5,
    1.5,
    2,
    -0.0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    null,
    "",
    "x",
    true,
    [],
    {},
  ),
  fc.integer({ min: -3, max: 12 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const offer = fc.record({
  product: maybe(edgy),
  price: maybe(edgy),
  cost: maybe(edgy),
  capacity: maybe(edgy),
  extra: maybe(edgy),
});
const need = fc.record({
  product: maybe(edgy),
  quantity: maybe(edgy),
  referencePrice: maybe(edgy),
  switchingCost: maybe(edgy),
  incumbent: maybe(edgy),
  meta: maybe(fc.oneof(edgy, fc.constant({ a: 1 }))),
});
const firm = fc.record({
  id: maybe(edgy),
  hurdle: maybe(edgy),
  maxDeals: maybe(edgy),
  keyAccount: maybe(edgy),
  offers: maybe(fc.oneof(edgy, fc.array(offer, { maxLength: 2 }))),
  needs: maybe(fc.oneof(edgy, fc.array(need, { maxLength: 2 }))),
});
const relation = fc.record({
  seller: maybe(edgy),
  buyer: maybe(edgy),
  product: maybe(edgy),
  probability: maybe(edgy),
  blocked: maybe(edgy),
});

/** Drops undefined fields, as JSON would. */
const clean = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(clean)
    : value && typeof value === "object"
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, clean(v)]),
        )
      : value;

describe("the quick validation path", () => {
  it("accepts only firms that the zod schema accepts", () => {
    fc.assert(
      fc.property(firm.map(clean), (raw) => {
        if (isPlainValidFirm(raw)) expect(firmSchema.safeParse(raw).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("accepts only relations that the zod schema accepts", () => {
    fc.assert(
      fc.property(relation.map(clean), (raw) => {
        if (isPlainValidRelation(raw)) expect(relationSchema.safeParse(raw).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("accepts only headers that the zod schema accepts", () => {
    const header = fc.record(
      { currency: edgy, meta: fc.oneof(edgy, fc.constant({ source: "x" })), extra: edgy },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(header.map(clean), (raw) => {
        if (isPlainValidHeader(raw)) expect(headerSchema.safeParse(raw).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("accepts ordinary valid records (it is a real fast path)", () => {
    expect(
      isPlainValidFirm({
        id: "a",
        offers: [{ product: "x", price: 2, cost: 1, capacity: 3 }],
        needs: [{ product: "y", quantity: 1 }],
      }),
    ).toBe(true);
    expect(isPlainValidRelation({ seller: "a", buyer: "b", probability: 0.5 })).toBe(true);
    expect(isPlainValidHeader({ currency: "EUR", meta: { source: "x" } })).toBe(true);
    expect(isPlainValidHeader({})).toBe(true);
  });
});
