/**
 * A small seeded pseudo-random generator for the network generator:
 * xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", 2018) seeded through a murmur3-style 32-bit mixer.
 *
 * All state arithmetic is 32-bit integer (`Math.imul`, `>>>`), so the same
 * seed gives the same integer sequence on every platform. The continuous
 * draws use `Math.log`, `Math.cos` and `Math.sqrt`: V8 implements the first
 * two in software (its fdlibm port) and the last is exact, so they too are
 * the same on every platform V8 runs on.
 */

import { firstAbove } from "../util/search-sorted.js";

/** The murmur3 32-bit finalizer: a bijective mix of one 32-bit word. */
export function mix32(word: number): number {
  let z = word | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Hashes a sequence of numbers (each taken as a safe integer) to one 32-bit word. */
export function hashWords(...words: readonly number[]): number {
  let h = 0x2545f491;
  for (const word of words) {
    const low = (word % 0x100000000) | 0;
    const high = Math.floor(word / 0x100000000) | 0;
    h = mix32(h ^ mix32(low + 0x9e3779b9));
    h = mix32(h ^ mix32(high + 0x7f4a7c15));
  }
  return h;
}

const twoTo32 = 0x100000000;
const twoTo53 = 9007199254740992;

/**
 * xoshiro128**: 128 bits of state, period 2^128 − 1, fast in 32-bit JS
 * arithmetic. Construct it from words; `Random.of(...)` hashes any numbers
 * (a seed, a stream number, a firm index) into an independent stream.
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  private constructor(a: number, b: number, c: number, d: number) {
    this.s0 = a | 0;
    this.s1 = b | 0;
    this.s2 = c | 0;
    this.s3 = d | 0;
    // The all-zero state is the one state xoshiro must never be in.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator in the given state (four 32-bit words, not all zero): for tests against reference vectors. */
  static fromState(a: number, b: number, c: number, d: number): Random {
    return new Random(a, b, c, d);
  }

  /** A stream determined by `words` (e.g. seed, stream id, index): equal words, equal streams. */
  static of(...words: readonly number[]): Random {
    const h = hashWords(...words);
    return new Random(mix32(h + 1), mix32(h + 2), mix32(h + 3), mix32(h + 4));
  }

  /** The next 32-bit unsigned integer. */
  uint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.uint32() / twoTo32;
  }

  /** Uniform in (0, 1] with 53 bits of resolution (safe to take the log of). */
  openFloat(): number {
    const high = this.uint32() >>> 5;
    const low = this.uint32() >>> 6;
    return (high * 67108864 + low + 1) / twoTo53;
  }

  /** Uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.float();
  }

  /** Uniform integer in [0, n), n ≥ 1 (floor(u·n): bias below n · 2^-32). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** A standard normal draw (Box–Muller, one value per call). */
  normal(): number {
    const u = this.openFloat();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** exp(μ + σ·Z): lognormal with median e^μ. */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** A Poisson draw with mean λ ≥ 0 (Knuth's product method; normal approximation from λ = 30). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda >= 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let product = this.openFloat();
    while (product > limit) {
      k++;
      product *= this.openFloat();
    }
    return k;
  }

  /** An index drawn in proportion to `cumulative` (running sums of the weights, last = total > 0). */
  weighted(cumulative: ArrayLike<number>): number {
    const n = cumulative.length;
    const target = this.float() * cumulative[n - 1];
    return firstAbove(cumulative, 0, n - 1, target);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
