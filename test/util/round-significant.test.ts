import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roundSignificant } from "../../src/util/number-format.js";

describe("roundSignificant", () => {
  it("is Number(x.toPrecision(digits)) for every double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.integer({ min: 1, max: 17 }), (x, digits) => {
        expect(roundSignificant(x, digits)).toBe(Number(x.toPrecision(digits)) + 0);
      }),
    );
  });

  it("is monotone and idempotent", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        expect(roundSignificant(x, 12)).toBeLessThanOrEqual(roundSignificant(y, 12));
        expect(roundSignificant(roundSignificant(x, 12), 12)).toBe(roundSignificant(x, 12));
      }),
    );
  });

  it("rounds float noise away and keeps whole numbers (hand-checked)", () => {
    expect(roundSignificant(470070.00000000006, 12)).toBe(470070);
    expect(roundSignificant(0.1 + 0.2, 12)).toBe(0.3);
    expect(roundSignificant(123456789012345, 12)).toBe(123456789012000);
    // 0.125 and 2.5 are exact in binary: halves round away from zero.
    expect(roundSignificant(-0.125, 2)).toBe(-0.13);
    expect(roundSignificant(2.5, 1)).toBe(3);
    expect(Object.is(roundSignificant(-0, 12), 0)).toBe(true);
    expect(roundSignificant(Number.POSITIVE_INFINITY, 12)).toBe(Number.POSITIVE_INFINITY);
  });
});
