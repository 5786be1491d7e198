/**
 * Root chunks (issue 15: the tasks worker threads pull): every root of the
 * given ranges is in exactly one chunk, in search order, no chunk is empty,
 * there are at most as many chunks as asked, and with equal costs the chunks
 * are of equal size (a hand-made case). Packed for a task, each chunk's
 * ranges come back as they were. Without costs, the chunks of every cost 1.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costOfRoots, packChunks, rootChunks } from "../../src/search/root-chunks.js";
import { RootRanges } from "../../src/search/root-ranges.js";

/** The roots of ranges, in order. */
function rootsOf(ranges: RootRanges): number[] {
  const roots: number[] = [];
  const { bounds } = ranges;
  for (let i = 0; i < bounds.length; i += 2)
    for (let r = bounds[i]; r < bounds[i + 1]; r++) roots.push(r);
  return roots;
}

/** The roots r with `keep[r]`, as ranges. */
function kept(keep: readonly boolean[]): RootRanges {
  const bounds: number[] = [];
  for (let r = 0; r < keep.length; r++) {
    if (!keep[r]) continue;
    if (bounds.length > 0 && bounds[bounds.length - 1] === r) bounds[bounds.length - 1] = r + 1;
    else bounds.push(r, r + 1);
  }
  return new RootRanges(Int32Array.from(bounds));
}

describe("costOfRoots", () => {
  it("sums the costs of the roots in the ranges, and only theirs", () => {
    const costs = Float64Array.of(1, 2, 4, 8, 16, 32);
    expect(costOfRoots(costs, new RootRanges(Int32Array.of(1, 3, 4, 5)))).toBe(2 + 4 + 16);
    expect(costOfRoots(costs, RootRanges.all(6))).toBe(63);
    expect(costOfRoots(costs, new RootRanges(new Int32Array(0)))).toBe(0);
  });
});

describe("rootChunks", () => {
  it("partitions the roots in order into at most `count` non-empty chunks", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        fc.integer({ min: 1, max: 20 }),
        (costs, keep, count) => {
          const roots = kept(keep.slice(0, costs.length));
          const chunks = rootChunks(Float64Array.from(costs), roots, count);
          expect(chunks.length).toBeLessThanOrEqual(count);
          for (const chunk of chunks) expect(chunk.rootCount).toBeGreaterThan(0);
          expect(chunks.flatMap(rootsOf)).toEqual(rootsOf(roots));
        },
      ),
    );
  });

  it("cuts 8 roots of equal cost into 4 chunks of 2 (by hand)", () => {
    const chunks = rootChunks(new Float64Array(8).fill(1), RootRanges.all(8), 4);
    expect(chunks.map((chunk) => [...chunk.bounds])).toEqual([
      [0, 2],
      [2, 4],
      [4, 6],
      [6, 8],
    ]);
  });

  it("packs chunks into one array and unpacks each as it was", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .uniqueArray(fc.integer({ min: 0, max: 1000 }), { maxLength: 8 })
            .map((ends) => ends.sort((a, b) => a - b).slice(0, ends.length & ~1)),
          { maxLength: 12 },
        ),
        (lists) => {
          const chunks = lists.map((list) => new RootRanges(Int32Array.from(list)));
          const { bounds, starts } = packChunks(chunks);
          expect(starts.length).toBe(chunks.length + 1);
          expect(starts[chunks.length]).toBe(bounds.length);
          for (let c = 0; c < chunks.length; c++)
            expect([...bounds.subarray(starts[c], starts[c + 1])]).toEqual(lists[c]);
        },
      ),
    );
  });

  it("cuts by root counts without costs, as with every cost 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 30 }),
        (keep, count) => {
          const roots = kept(keep);
          const byCount = rootChunks(undefined, roots, count).map((c) => [...c.bounds]);
          const ones = rootChunks(new Float64Array(keep.length).fill(1), roots, count);
          expect(byCount).toEqual(ones.map((c) => [...c.bounds]));
        },
      ),
    );
  });
});
