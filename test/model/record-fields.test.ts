import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type FieldKind, maxAmount, recordFields } from "../../src/model/record-fields.js";
import * as schemas from "../../src/model/schema.js";

/** The fields of a zod object schema, read off its shape as `record-fields.ts` states them. */
function fieldsOf(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => {
    const required = !(field instanceof z.ZodOptional);
    const inner = field instanceof z.ZodOptional ? field.unwrap() : field;
    const type = inner.def.type;
    const kind: FieldKind | string = type === "array" ? "list" : type === "record" ? "meta" : type;
    return { name, kind, required };
  });
}

describe("record fields (the zod-free mirror of schema.ts)", () => {
  it.each([
    ["header", schemas.headerSchema],
    ["firm", schemas.firmSchema],
    ["offer", schemas.offerSchema],
    ["need", schemas.needSchema],
    ["relation", schemas.relationSchema],
  ] as const)("%s: the same fields, kinds and required flags as the schema", (kind, schema) => {
    expect(recordFields[kind]).toEqual(fieldsOf(schema as unknown as z.ZodObject));
  });

  it("the schemas bound amounts by the same maxAmount", () => {
    expect(schemas.maxAmount).toBe(maxAmount);
    expect(schemas.firmSchema.safeParse({ id: "a", hurdle: maxAmount }).success).toBe(true);
    expect(schemas.firmSchema.safeParse({ id: "a", hurdle: maxAmount * 10 }).success).toBe(false);
  });
});
