import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstAbove, searchSorted } from "../../src/util/search-sorted.js";

/** A sorted run of distinct integers and a window [lo, hi) into it. */
const sortedWindow = fc
  .uniqueArray(fc.integer({ min: -50, max: 50 }), { maxLength: 30 })
  .map((values) => Int32Array.from(values.sort((a, b) => a - b)))
  .chain((array) =>
    fc
      .tuple(fc.nat(array.length), fc.nat(array.length))
      .map(([a, b]) => ({ array, lo: Math.min(a, b), hi: Math.max(a, b) })),
  );

describe("searchSorted", () => {
  it("finds a value's place in the window exactly where a linear scan does", () => {
    fc.assert(
      fc.property(sortedWindow, fc.integer({ min: -60, max: 60 }), ({ array, lo, hi }, value) => {
        let expected = -1;
        for (let i = lo; i < hi; i++) if (array[i] === value) expected = i;
        expect(searchSorted(array, lo, hi, value)).toBe(expected);
      }),
    );
  });

  it("reads one field of fixed-size records", () => {
    // Records [key, payload]: keys 2, 4, 8.
    const records = Float64Array.of(2, 0.5, 4, 0.25, 8, 0.125);
    expect(searchSorted(records, 0, 3, 4, 2, 0)).toBe(1);
    expect(searchSorted(records, 0, 3, 8, 2, 0)).toBe(2);
    expect(searchSorted(records, 0, 3, 0.25, 2, 0)).toBe(-1);
    expect(searchSorted(records, 0, 2, 8, 2, 0)).toBe(-1);
  });

  it("answers −1 on an empty window", () => {
    expect(searchSorted(Int32Array.of(1, 2, 3), 2, 2, 3)).toBe(-1);
  });
});

describe("firstAbove", () => {
  it("gives the first place whose value is greater, as a linear scan does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 20 }),
        fc.integer({ min: -1, max: 10 }),
        (values, value) => {
          const array = Float64Array.from(values.sort((a, b) => a - b));
          let expected = array.length;
          for (let i = array.length - 1; i >= 0; i--) if (array[i] > value) expected = i;
          expect(firstAbove(array, 0, array.length, value)).toBe(expected);
        },
      ),
    );
  });

  it("skips equal values: 1, 3, 3, 6 above 3 is at 3", () => {
    expect(firstAbove(Float64Array.of(1, 3, 3, 6), 0, 4, 3)).toBe(3);
  });
});
