/**
 * The radix key order against the comparator sort it replaces (stable, as
 * V8's sort is): keys with many ties, both zeros, infinities, subnormals,
 * negative and huge numbers, in blocks of 0..300 positions given in any order.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareRankKeys } from "../../src/economics/rank-order.js";
import { orderByKeyDescending } from "../../src/util/key-order.js";

const keyArb = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2.5, 1e12, -1e12, Number.MIN_VALUE, -Number.MIN_VALUE),
  fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_VALUE),
  fc.double({ noNaN: true }),
  fc.integer({ min: -5, max: 5 }),
);

describe("orderByKeyDescending", () => {
  it("orders as the stable comparator sort does", () => {
    fc.assert(
      fc.property(
        fc.array(keyArb, { maxLength: 300 }).chain((keys) =>
          fc.tuple(
            fc.constant(keys),
            fc.shuffledSubarray(
              Array.from(keys, (_, i) => i),
              { minLength: keys.length, maxLength: keys.length },
            ),
          ),
        ),
        ([keys, start]) => {
          const values = Float64Array.from(keys);
          const order = Int32Array.from(start);
          const oracle = [...start].sort((a, b) => compareRankKeys(values[a], values[b]));
          orderByKeyDescending(values, order, order.length);
          expect(Array.from(order)).toEqual(oracle);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("orders a hand-made block: larger first, ties (−0, +0) in their given order", () => {
    const keys = Float64Array.of(-0, 3, Number.NEGATIVE_INFINITY, 0, -2, 3, 1e-310);
    const order = Int32Array.of(0, 1, 2, 3, 4, 5, 6);
    orderByKeyDescending(keys, order, 7);
    expect(Array.from(order)).toEqual([1, 5, 6, 0, 3, 4, 2]);
  });

  it("leaves the positions past count alone", () => {
    const order = Int32Array.of(1, 0, 2);
    orderByKeyDescending(Float64Array.of(5, 1, 9), order, 2);
    expect(Array.from(order)).toEqual([0, 1, 2]);
  });
});
