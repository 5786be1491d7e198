import { describe, expect, it } from "vitest";
import { allocateArrays } from "../../src/util/typed-arena.js";

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
