import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeSorted } from "../../src/util/k-way-merge.js";

describe("mergeSorted", () => {
  it("is the stable sort of the concatenated sorted sources", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 12 }), { maxLength: 7 }),
        (lists) => {
          const sources = lists.map((list, s) =>
            [...list].sort((a, b) => a - b).map((value, i) => ({ value, tag: `${s}.${i}` })),
          );
          const merged = [
            ...mergeSorted(
              sources.map((source) => source[Symbol.iterator]()),
              (a, b) => a.value - b.value,
            ),
          ];
          // Array.prototype.sort is stable: equal values keep source order.
          const expected = sources.flat().sort((a, b) => a.value - b.value);
          expect(merged).toEqual(expected);
        },
      ),
    );
  });

  it("reads each source only one item ahead", () => {
    let pulled = 0;
    function* counting(values: number[]) {
      for (const v of values) {
        pulled++;
        yield v;
      }
    }
    const merged = mergeSorted([counting([1, 3, 5]), counting([2, 4, 6])], (a, b) => a - b);
    expect(merged.next().value).toBe(1);
    expect(pulled).toBe(2); // the two heads; the first source's next only when asked
    expect(merged.next().value).toBe(2);
    expect(pulled).toBe(3);
  });
});
