/**
 * `radixOrder` against the plainest oracle: the indices sorted by key, ties
 * by index (a stable sort), on both of its paths (a comparison sort for a
 * few keys, two counting passes for many), with keys that share their low
 * or high 16 bits so that both passes matter.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { radixOrder } from "../../src/portfolio/sort-work.js";
import { runSync } from "../../src/portfolio/work.js";

const key = fc.oneof(
  fc.nat({ max: 0xffffffff }),
  fc.nat({ max: 7 }).map((x) => x * 0x10000), // equal low halves
  fc.nat({ max: 7 }), // equal high halves
);

describe("radixOrder", () => {
  it("orders indices by key, ties by index, few keys or many", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(key, { maxLength: 50 }),
          fc.array(key, { minLength: 4096, maxLength: 6000 }),
        ),
        (values) => {
          const keys = Uint32Array.from(values);
          const expected = values.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
          expect(Array.from(runSync(radixOrder(keys)))).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});
