/**
 * The deal packer against plain arrays of what was added: deals of 1..12
 * trades (past the packer's first room for 64 deals and 256 trades, so its
 * arrays grow), ids at hand for some deals only, batches taken at random
 * points.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DealPacker, packedId } from "../../src/economics/packed-deals.js";
import { dealKinds } from "../../src/search/kinds.js";

const dealArb = fc.record({
  key: fc.double({ noNaN: true }),
  kind: fc.constantFrom(...dealKinds),
  // Trades after an offset: `add` must copy the first `size` of them only.
  trades: fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 12 }),
  extra: fc.array(fc.integer(), { maxLength: 2 }),
  id: fc.oneof(fc.constant(""), fc.string({ minLength: 1, maxLength: 6 })),
  takeAfter: fc.boolean(),
});

describe("DealPacker", () => {
  it("gives back every deal added, in order, with its id or ''", () => {
    fc.assert(
      fc.property(fc.array(dealArb, { maxLength: 300 }), (deals) => {
        const packer = new DealPacker();
        const seen: { key: number; kind: string; trades: number[]; id: string }[] = [];
        const takeBatch = () => {
          const size = packer.size;
          const batch = packer.take();
          expect(packer.size).toBe(0);
          expect(batch.keys.length).toBe(size);
          // Each array has a buffer of its own (moved by postMessage without taking another's bytes).
          const arrays = [batch.keys, batch.kinds, batch.sizes, batch.trades];
          for (const array of arrays) {
            expect(array.byteOffset).toBe(0);
            expect(array.buffer.byteLength).toBe(array.byteLength);
          }
          expect(batch.ids.length === 0 || batch.ids.length === size).toBe(true);
          for (let j = 0, at = 0; j < size; at += batch.sizes[j], j++) {
            seen.push({
              key: batch.keys[j],
              kind: dealKinds[batch.kinds[j]],
              trades: Array.from(batch.trades.subarray(at, at + batch.sizes[j])),
              id: packedId(batch, j),
            });
          }
          expect(batch.trades.length).toBe(batch.sizes.reduce((a, b) => a + b, 0));
        };
        for (const deal of deals) {
          const trades = [...deal.trades, ...deal.extra];
          packer.add(deal.key, deal.kind, trades, deal.trades.length, deal.id);
          expect(packer.lastKey).toBe(deal.key);
          if (deal.takeAfter) takeBatch();
        }
        takeBatch();
        expect(seen).toEqual(
          deals.map((d) => ({ key: d.key, kind: d.kind, trades: d.trades, id: d.id })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("carries no ids when none was at hand, and fills in '' before the first one", () => {
    const packer = new DealPacker();
    packer.add(1, "cycle", [4, 5], 2, "");
    packer.add(2, "brokered", [6, 7, 8], 3, "");
    const none = packer.take();
    expect(none.ids).toEqual([]);
    expect(Array.from(none.trades)).toEqual([4, 5, 6, 7, 8]);
    expect(packedId(none, 1)).toBe("");
    packer.add(3, "cycle", [1, 2], 2, "");
    packer.add(4, "chain", [3, 4], 2, "chain:x");
    packer.add(5, "cycle", [5, 6], 2, "");
    const some = packer.take();
    expect(some.ids).toEqual(["", "chain:x", ""]);
    expect(Array.from(some.kinds, (k) => dealKinds[k])).toEqual(["cycle", "chain", "cycle"]);
    expect(Number.isNaN(packer.lastKey)).toBe(true);
  });
});
