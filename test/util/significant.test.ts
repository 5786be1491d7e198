import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toSignificant } from "../../src/util/significant.js";

describe("toSignificant", () => {
  it("is Number(x.toPrecision(digits)) for every double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.integer({ min: 1, max: 17 }), (x, digits) => {
        expect(toSignificant(x, digits)).toBe(Number(x.toPrecision(digits)) + 0);
      }),
    );
  });

  it("is monotone and idempotent", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        expect(toSignificant(x, 12)).toBeLessThanOrEqual(toSignificant(y, 12));
        expect(toSignificant(toSignificant(x, 12), 12)).toBe(toSignificant(x, 12));
      }),
    );
  });

  it("rounds float noise away and keeps whole numbers (hand-checked)", () => {
    expect(toSignificant(470070.00000000006, 12)).toBe(470070);
    expect(toSignificant(0.1 + 0.2, 12)).toBe(0.3);
    expect(toSignificant(123456789012345, 12)).toBe(123456789012000);
    // 0.125 and 2.5 are exact in binary: halves round away from zero.
    expect(toSignificant(-0.125, 2)).toBe(-0.13);
    expect(toSignificant(2.5, 1)).toBe(3);
    expect(Object.is(toSignificant(-0, 12), 0)).toBe(true);
    expect(toSignificant(Number.POSITIVE_INFINITY, 12)).toBe(Number.POSITIVE_INFINITY);
  });
});
