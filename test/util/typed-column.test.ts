import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TypedColumn } from "../../src/util/typed-column.js";

describe("TypedColumn", () => {
  it("holds every value pushed, across growths", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { maxLength: 300 }), (values) => {
        const column = new TypedColumn(Float64Array, 4);
        for (const v of values) column.push(v);
        expect(column.length).toBe(values.length);
        expect([...column.view()]).toEqual(values);
        for (let i = 0; i < values.length; i++) expect(column.at(i)).toBe(values[i]);
      }),
    );
  });
});
