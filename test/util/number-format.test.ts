import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatDecimal,
  formatFixed,
  formatMoney,
  formatNumber,
  formatPercent,
  jsonNumber,
  roundSignificant,
  stringifyJson,
} from "../../src/util/number-format.js";
import { significantDigits } from "../helpers/json-numbers.js";

describe("roundSignificant and jsonNumber", () => {
  it("removes float noise (the examples of issue 12)", () => {
    expect(jsonNumber(470070.00000000006)).toBe("470070");
    expect(jsonNumber(41359141.568799995)).toBe("41359141.5688");
    expect(jsonNumber(0.1 + 0.2)).toBe("0.3");
    expect(jsonNumber(-0)).toBe("0");
    expect(jsonNumber(Number.POSITIVE_INFINITY)).toBe("null");
    expect(jsonNumber(Number.NaN)).toBe("null");
    expect(jsonNumber(1e21)).toBe("1e+21");
    expect(jsonNumber(123456789012345)).toBe("123456789012000");
  });

  it("keeps at most 12 significant digits, within half a unit of the 12th digit", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = jsonNumber(x);
        expect(significantDigits(text)).toBeLessThanOrEqual(12);
        const back = Number(text);
        expect(Math.abs(back - x)).toBeLessThanOrEqual(Math.abs(x) * 5e-12);
        expect(roundSignificant(back)).toBe(back === 0 ? 0 : back); // idempotent
      }),
    );
  });

  it("rounds to 12 digits as Number(x.toPrecision(12)) does: any double, near ties, near powers of ten", () => {
    const viaText = (x: number) => {
      if (!Number.isFinite(x)) return x;
      const rounded = Number(x.toPrecision(12));
      return rounded === 0 ? 0 : rounded;
    };
    const scaled = fc
      .tuple(
        fc.integer({ min: 100_000_000_000, max: 999_999_999_999 }),
        fc.constantFrom(0, 0.5, 0.4995, 0.5005, 0.999, 0.001, 0.49999999, 0.50000001),
        fc.integer({ min: -25, max: 25 }),
        fc.boolean(),
      )
      .map(([m, f, k, negative]) => ((m + f) / 10 ** 11) * 10 ** k * (negative ? -1 : 1));
    const nearPowers = fc
      .tuple(fc.integer({ min: -12, max: 16 }), fc.integer({ min: -3, max: 3 }))
      .map(([k, ulps]) => {
        let x = 10 ** k;
        for (let i = 0; i < Math.abs(ulps); i++)
          x = ulps > 0 ? x * (1 + 2 ** -52) : x * (1 - 2 ** -53);
        return x;
      });
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true }), scaled, nearPowers), (x) => {
        expect(Object.is(roundSignificant(x), viaText(x) === 0 ? 0 : viaText(x))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    // Exact ties of the 12th digit (a half that a double holds: M + 0.5 over a power of two).
    for (let i = 0; i < 2000; i++) {
      const x = (100_000_000_000 + i * 449_999_999 + 0.5) / 2 ** (i % 40);
      expect(roundSignificant(x)).toBe(viaText(x));
    }
  });

  it("writes a number seen before as it wrote it, among thousands that share its slot", () => {
    // 20,000 fractional numbers, each written twice in a row and again after all others:
    // most slots of the recent texts are taken by several numbers in turn.
    const xs = Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 0.37) / 113);
    const texts = xs.map((x) => String(roundSignificant(x)));
    for (const [i, x] of xs.entries()) {
      expect(jsonNumber(x)).toBe(texts[i]);
      expect(jsonNumber(x)).toBe(texts[i]);
    }
    for (const [i, x] of xs.entries()) expect(jsonNumber(x)).toBe(texts[i]);
    expect(jsonNumber(-xs[5])).toBe(`-${texts[5]}`);
  });

  it("writes what String(roundSignificant(x)) writes, for any double", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double(),
          fc.double({ min: 1e-7, max: 1e13 }),
          fc.integer().map((n) => n / 100),
          // Rounding up to 10^12, twelve whole digits ending in zeros, a product with float noise.
          fc.constantFrom(1e-6, 1e12, 999999999999.5, 128026835499.7, 0.54 * 870500, -0),
        ),
        (x) => {
          const expected = Number.isFinite(x) ? String(roundSignificant(x)) : "null";
          expect(jsonNumber(x)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("leaves whole numbers below 10^12 alone", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12) + 1, max: 10 ** 12 - 1 }), (n) => {
        expect(jsonNumber(n)).toBe(String(n === 0 ? 0 : n));
      }),
    );
  });

  it("stringifies nested values with every number rounded", () => {
    expect(stringifyJson({ a: [0.1 + 0.2, { b: 470070.00000000006 }], c: "x", d: null })).toBe(
      '{"a":[0.3,{"b":470070}],"c":"x","d":null}',
    );
  });
});

describe("money and numbers for people", () => {
  it("writes two decimals with thousands separated (computed by hand)", () => {
    expect(formatFixed(1234567.891)).toBe("1,234,567.89");
    expect(formatFixed(7514243.11)).toBe("7,514,243.11");
    expect(formatFixed(3432675)).toBe("3,432,675.00");
    expect(formatFixed(-1234.5)).toBe("-1,234.50");
    expect(formatFixed(-0.004)).toBe("0.00");
    expect(formatFixed(999.995)).toBe("1,000.00"); // 999.995 is stored as 999.99500000000000455
    expect(formatFixed(0)).toBe("0.00");
    expect(formatFixed(Number.POSITIVE_INFINITY)).toBe("∞");
    expect(formatFixed(Number.NaN)).toBe("NaN");
  });

  it("puts the currency in front when there is one", () => {
    expect(formatMoney(214500, "CNY")).toBe("CNY 214,500.00");
    expect(formatMoney(214500)).toBe("214,500.00");
    expect(formatMoney(214500, "")).toBe("214,500.00");
  });

  it("writes CSV decimals without grouping and without -0", () => {
    expect(formatDecimal(470070.00000000006)).toBe("470070.00");
    expect(formatDecimal(-0.001)).toBe("0.00");
    expect(formatDecimal(-12.5)).toBe("-12.50");
  });

  it("trims quantities and writes percents", () => {
    expect(formatNumber(1200)).toBe("1,200");
    expect(formatNumber(2.5)).toBe("2.5");
    expect(formatNumber(0.125)).toBe("0.13");
    expect(formatPercent(0.04125)).toBe("4.13%");
    expect(formatPercent(0)).toBe("0.00%");
  });

  it("agrees with the two-decimal rounding of toFixed for any amount", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (x) => {
        const plain = formatFixed(x).replace(/,/g, "");
        expect(plain).toBe(formatDecimal(x));
        expect(Math.abs(Number(plain) - x)).toBeLessThanOrEqual(0.005 + Math.abs(x) * 1e-15);
      }),
    );
  });
});
