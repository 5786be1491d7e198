import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ItemCache } from "../../src/util/item-cache.js";

describe("ItemCache", () => {
  it("gives make(i), made once per item, in a Map and after the switch to an array", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.array(fc.nat(), { maxLength: 2000 }),
        (length, picks) => {
          const made = new Map<number, number>();
          const cache = new ItemCache(length, (i) => {
            made.set(i, (made.get(i) ?? 0) + 1);
            return { i };
          });
          const seen = new Map<number, { i: number }>();
          for (const pick of picks) {
            const i = pick % length;
            const item = cache.get(i);
            expect(item.i).toBe(i);
            // The same object every time: kept, not made again.
            if (seen.has(i)) expect(item).toBe(seen.get(i));
            seen.set(i, item);
          }
          for (const count of made.values()) expect(count).toBe(1);
        },
      ),
    );
  });
});
