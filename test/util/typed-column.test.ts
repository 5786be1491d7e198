import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OptionalNumbers, statedAt, TypedColumn } from "../../src/util/typed-column.js";

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

describe("OptionalNumbers", () => {
  it("reads as a plain column of its values (NaN absent), and is empty while none is stated", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(Number.NaN), fc.double({ noNaN: true }))),
        (values) => {
          const column = new OptionalNumbers();
          for (const value of values) column.push(value);
          const view = column.view();
          expect(column.length).toBe(values.length);
          expect(values.map((_, i) => statedAt(view, i))).toEqual(values);
          expect(view.length).toBe(values.every(Number.isNaN) ? 0 : values.length);
        },
      ),
    );
  });
});
