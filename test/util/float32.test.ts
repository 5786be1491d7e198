/** `float32Above` by hand: the least float32 at least the value, never below it. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { float32Above } from "../../src/util/float32.js";

describe("float32Above", () => {
  it("rounds up what Math.fround rounds down, and keeps what it holds", () => {
    expect(Math.fround(2.1)).toBe(2.0999999046325684);
    expect(float32Above(2.1)).toBe(2.1000001430511475);
    expect(float32Above(-2.1)).toBe(-2.0999999046325684);
    expect(float32Above(4)).toBe(4);
    expect(float32Above(-0.5)).toBe(-0.5);
    expect(float32Above(1e-50)).toBe(1.401298464324817e-45);
    expect(float32Above(-1e-50)).toBe(-0);
    expect(float32Above(3.5e38)).toBe(Number.POSITIVE_INFINITY);
    expect(float32Above(-3.5e38)).toBe(-3.4028234663852886e38);
    expect(float32Above(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("is a float32, at least the value, and the next float32 down is below it", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        const up = float32Above(v);
        expect(Math.fround(up)).toBe(up);
        expect(up).toBeGreaterThanOrEqual(v);
        if (Number.isFinite(up) && up !== Math.fround(v)) expect(Math.fround(v)).toBeLessThan(v);
      }),
    );
  });
});
