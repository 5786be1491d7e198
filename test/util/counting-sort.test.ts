import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countingSort } from "../../src/util/counting-sort.js";

describe("countingSort", () => {
  it("sorts stably by key and returns the runs as a CSR, like a stable comparison sort", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((keyCount) =>
          fc.record({
            keyCount: fc.constant(keyCount),
            keys: fc.array(fc.integer({ min: 0, max: keyCount - 1 }), { maxLength: 40 }),
            subset: fc.boolean(),
          }),
        ),
        ({ keyCount, keys, subset }) => {
          const key = Int32Array.from(keys);
          // Either all items in order, or every other item backwards.
          const items = subset
            ? keys
                .map((_, i) => i)
                .filter((i) => i % 2 === 0)
                .reverse()
            : keys.map((_, i) => i);
          const order = subset ? Int32Array.from(items) : null;
          const out = new Int32Array(items.length);
          const starts = new Int32Array(keyCount + 1);
          countingSort(items.length, key, order, out, starts);
          // Array.prototype.sort is stable.
          const expected = [...items].sort((x, y) => keys[x] - keys[y]);
          expect([...out]).toEqual(expected);
          for (let k = 0; k < keyCount; k++) {
            const run = expected.filter((i) => keys[i] === k);
            expect([...out.subarray(starts[k], starts[k + 1])]).toEqual(run);
          }
          expect(starts[keyCount]).toBe(items.length);
        },
      ),
    );
  });

  it("sorts a hand-worked example", () => {
    // keys by item: 0→2, 1→0, 2→2, 3→1; sorted: 1 (key 0), 3 (key 1), 0 and 2 (key 2, in order).
    const out = new Int32Array(4);
    const starts = new Int32Array(4);
    countingSort(4, Int32Array.of(2, 0, 2, 1), null, out, starts);
    expect([...out]).toEqual([1, 3, 0, 2]);
    expect([...starts]).toEqual([0, 1, 2, 4]);
  });
});
