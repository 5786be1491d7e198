import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankInIdOrder } from "../../src/index/id-order.js";
import { groupArcsByBuyer } from "../../src/index/in-arcs.js";
import { allocateArrays } from "../../src/index/typed-arena.js";
import { StringInterner } from "../../src/model/string-interner.js";

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
        const ranked = rankInIdOrder(interner, arrival, rank, presorted ? true : undefined);
        const sorted = [...arrivalOrder].sort();
        expect(ranked).toEqual(sorted);
        for (let r = 0; r < n; r++) expect(arrivalOrder[arrival[r]!]).toBe(sorted[r]);
        for (let i = 0; i < n; i++) expect(sorted[rank[i]!]).toBe(arrivalOrder[i]);
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
          const expected = targets.map((_, a) => a).sort((x, y) => targets[x]! - targets[y]!);
          expect([...inArcs]).toEqual(expected);
          for (const b of new Set([0, firms - 1, ...targets])) {
            const arcs = expected.filter((a) => targets[a] === b);
            expect([...inArcs.subarray(inOffsets[b]!, inOffsets[b + 1]!)]).toEqual(arcs);
          }
          expect(inOffsets[firms]).toBe(targets.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("allocateArrays", () => {
  it("carves aligned, disjoint, zeroed views of the asked lengths from one buffer", () => {
    const arrays = allocateArrays({
      flags: [Uint8Array, 3],
      counts: [Int32Array, 5],
      sums: [Float64Array, 2],
      codes: [Uint16Array, 7],
    });
    expect(arrays.flags.length).toBe(3);
    expect(arrays.counts.length).toBe(5);
    expect(arrays.sums.length).toBe(2);
    expect(arrays.codes.length).toBe(7);
    const buffer = arrays.flags.buffer;
    // 3 bytes → 8, 5·4 = 20 → 24, 2·8 = 16, 7·2 = 14 → 16: 64 bytes in all.
    expect(buffer.byteLength).toBe(64);
    expect([arrays.counts.byteOffset, arrays.sums.byteOffset, arrays.codes.byteOffset]).toEqual([
      8, 32, 48,
    ]);
    for (const view of Object.values(arrays)) {
      expect(view.buffer).toBe(buffer);
      expect([...view].every((x) => x === 0)).toBe(true);
    }
    arrays.counts.fill(-1);
    expect([...arrays.flags, ...arrays.sums]).toEqual([0, 0, 0, 0, 0]);
  });

  it("lays new views over an old buffer when given one", () => {
    const first = allocateArrays({ a: [Int32Array, 4] });
    first.a.set([1, 2, 3, 4]);
    const second = allocateArrays({ b: [Int32Array, 2] }, first.a.buffer);
    expect([...second.b]).toEqual([1, 2]);
  });
});
