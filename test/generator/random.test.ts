import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashWords, Random } from "../../src/generator/random.js";

describe("Random (xoshiro128**)", () => {
  it("matches the reference sequence from state (1, 2, 3, 4), computed by hand", () => {
    // output = rotl(s1 * 5, 7) * 9, then the xoshiro128 state update.
    // 1st: s1 = 2 → rotl(10, 7) = 1280 → 11520.
    //   update: t = 2 << 9 = 1024; s2 = 3^1 = 2; s3 = 4^2 = 6; s1 = 2^2 = 0; s0 = 1^6 = 7;
    //   s2 = 2^1024 = 1026; s3 = rotl(6, 11) = 12288.
    // 2nd: s1 = 0 → 0.
    //   update: t = 0; s2 = 1026^7 = 1029; s3 = 12288^0 = 12288; s1 = 0^1029 = 1029;
    //   s0 = 7^12288 = 12295; s2 = 1029; s3 = rotl(12288, 11) = 25165824.
    // 3rd: s1 = 1029 → rotl(5145, 7) = 658560 → 5927040.
    const random = Random.fromState(1, 2, 3, 4);
    expect([random.uint32(), random.uint32(), random.uint32()]).toEqual([11520, 0, 5927040]);
  });

  it("gives equal streams for equal words and different streams otherwise", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), (seed, stream, index) => {
        const a = Random.of(seed, stream, index);
        const b = Random.of(seed, stream, index);
        const c = Random.of(seed, stream, index + 1);
        const xs = Array.from({ length: 4 }, () => a.uint32());
        expect(Array.from({ length: 4 }, () => b.uint32())).toEqual(xs);
        expect(Array.from({ length: 4 }, () => c.uint32())).not.toEqual(xs);
      }),
    );
  });

  it("hashes seeds beyond 32 bits by both halves", () => {
    expect(hashWords(2 ** 32 + 5)).not.toBe(hashWords(5));
    expect(hashWords(Number.MAX_SAFE_INTEGER)).toBe(hashWords(Number.MAX_SAFE_INTEGER));
  });

  it("draws in range: float in [0,1), openFloat in (0,1], int in [0,n), weighted only positive weights", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const random = Random.of(seed);
        for (let i = 0; i < 50; i++) {
          const u = random.float();
          expect(u >= 0 && u < 1).toBe(true);
          const v = random.openFloat();
          expect(v > 0 && v <= 1).toBe(true);
          const k = random.int(n);
          expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
          // weights 2, 0, 3: cumulative 2, 2, 5; index 1 has weight 0.
          expect([0, 2]).toContain(random.weighted([2, 2, 5]));
        }
      }),
    );
  });

  it("has the right means: uniform 1/2, normal 0 and variance 1, Poisson λ, weighted proportions", () => {
    const random = Random.of(42);
    const n = 40_000;
    let uniform = 0;
    let normal = 0;
    let normalSquares = 0;
    let poisson = 0;
    const picks = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      uniform += random.float();
      const z = random.normal();
      normal += z;
      normalSquares += z * z;
      poisson += random.poisson(2.5);
      picks[random.weighted([1, 3, 6])]++;
    }
    // Standard errors: uniform 0.29/√n ≈ 0.0014, normal 1/√n = 0.005, Poisson √2.5/√n ≈ 0.008.
    expect(Math.abs(uniform / n - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(normal / n)).toBeLessThan(0.03);
    expect(Math.abs(normalSquares / n - 1)).toBeLessThan(0.05);
    expect(Math.abs(poisson / n - 2.5)).toBeLessThan(0.05);
    // Weights 1, 2, 3 (cumulative 1, 3, 6): shares 1/6, 2/6, 3/6.
    expect(Math.abs(picks[0] / n - 1 / 6)).toBeLessThan(0.015);
    expect(Math.abs(picks[1] / n - 2 / 6)).toBeLessThan(0.015);
    expect(Math.abs(picks[2] / n - 3 / 6)).toBeLessThan(0.015);
    expect(random.poisson(0)).toBe(0);
    // Normal approximation from λ = 30: mean still λ.
    let large = 0;
    for (let i = 0; i < 2000; i++) large += random.poisson(40);
    expect(Math.abs(large / 2000 - 40)).toBeLessThan(1);
  });
});
