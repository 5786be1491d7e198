import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareIds } from "../../src/util/compare-ids.js";

describe("compareIds", () => {
  it("orders as JavaScript's default sort (UTF-16 code units)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { maxLength: 20 }), (ids) => {
        expect([...ids].sort(compareIds)).toEqual([...ids].sort());
      }),
    );
  });

  it("puts an astral character (a surrogate pair) before U+FF61, unlike code point order", () => {
    // "😀" is U+1F600 = \uD83D\uDE00 in UTF-16: 0xD83D < 0xFF61.
    expect(compareIds("\u{1F600}", "\uFF61")).toBe(-1);
    expect(compareIds("B", "a")).toBe(-1);
    expect(compareIds("a", "a")).toBe(0);
  });
});
