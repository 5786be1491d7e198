import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankInIdOrder } from "../../src/trade-index/id-order.js";
import { groupArcsByBuyer } from "../../src/trade-index/in-arcs.js";
import { StringInterner } from "../../src/util/string-interner.js";

const id = fc
  .array(fc.constantFrom("a", "B", "é", "\uFF61", "\u{1F600}", "0"), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(""));

describe("rankInIdOrder", () => {
  it("ranks ids as the default (UTF-16) sort orders them", () => {
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 40 }), fc.boolean(), (ids, presorted) => {
        const arrivalOrder = presorted ? [...ids].sort() : ids;
        const interner = new StringInterner();
        for (const s of arrivalOrder) interner.intern(s);
        const n = arrivalOrder.length;
        const arrival = new Int32Array(n);
        const rank = new Int32Array(n);
        // The caller's hint, when it has one, must agree with the slow check.
        rankInIdOrder(interner, arrival, rank, presorted ? true : undefined);
        const ranked = Array.from(arrival, (i) => interner.get(i));
        const sorted = [...arrivalOrder].sort();
        expect(ranked).toEqual(sorted);
        for (let r = 0; r < n; r++) expect(arrivalOrder[arrival[r]]).toBe(sorted[r]);
        for (let i = 0; i < n; i++) expect(sorted[rank[i]]).toBe(arrivalOrder[i]);
      }),
    );
  });
});

describe("groupArcsByBuyer", () => {
  it("groups arcs by buyer, ascending within a buyer, for few and for many buyers", () => {
    fc.assert(
      fc.property(
        // Above 65,536 buyers the radix path runs; buyers drawn near both ends of the range.
        fc.constantFrom(5, 300, 70_000, 200_003).chain((firms) =>
          fc.record({
            firms: fc.constant(firms),
            targets: fc.array(
              fc.oneof(
                fc.integer({ min: 0, max: Math.min(9, firms - 1) }),
                fc.integer({ min: Math.max(0, firms - 10), max: firms - 1 }),
                fc.integer({ min: 0, max: firms - 1 }),
              ),
              { maxLength: 80 },
            ),
          }),
        ),
        ({ firms, targets }) => {
          const arcTarget = Int32Array.from(targets);
          const inOffsets = new Int32Array(firms + 1);
          const inArcs = new Int32Array(targets.length);
          const scratch = () => new Int32Array(targets.length);
          groupArcsByBuyer(arcTarget, inOffsets, inArcs, scratch(), scratch());
          const expected = targets.map((_, a) => a).sort((x, y) => targets[x] - targets[y]);
          expect([...inArcs]).toEqual(expected);
          for (const b of new Set([0, firms - 1, ...targets])) {
            const arcs = expected.filter((a) => targets[a] === b);
            expect([...inArcs.subarray(inOffsets[b], inOffsets[b + 1])]).toEqual(arcs);
          }
          expect(inOffsets[firms]).toBe(targets.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});
