/**
 * Numbers as the library writes them for people and for JSON, the same on
 * every machine (no locale): money with exactly two decimals and thousands
 * separated by commas (`1,234,567.89`), the currency code in front when known
 * (`CNY 1,234,567.89`); JSON numbers with at most 12 significant digits, so
 * that float noise (`470070.00000000006`) never reaches anyone.
 */

/** Significant digits of a JSON number (SPEC §8). */
export const jsonSignificantDigits = 12;

/**
 * `x` rounded to `digits` significant digits, as a number whose shortest
 * decimal form (what `String` and `JSON.stringify` print) has at most that
 * many: `470070.00000000006` → `470070`, `0.1 + 0.2` → `0.3`. Whole numbers
 * below 10^digits come back unchanged; -0 becomes 0; non-finite values pass.
 */
export function roundSignificant(x: number, digits = jsonSignificantDigits): number {
  if (Number.isInteger(x) && Math.abs(x) < 10 ** digits) return x === 0 ? 0 : x;
  if (digits === jsonSignificantDigits) {
    const rounded = roundedToTwelve(Math.abs(x));
    if (rounded > 0) return x < 0 ? -rounded : rounded;
  }
  if (!Number.isFinite(x)) return x;
  const rounded = Number(x.toPrecision(digits));
  return rounded === 0 ? 0 : rounded;
}

/** 10^0 … 10^22: the powers of ten a double holds exactly. */
const powersOfTen = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `a` (> 0) rounded to 12 significant digits without a decimal string (a
 * ranking rounds every deal's score; `toPrecision` and `Number` took ~180 ns
 * a number), or 0 where this arithmetic might round otherwise than
 * `Number(a.toPrecision(12))` does (the caller then takes that way).
 *
 * With k = 11 − ⌊log10 a⌋, the rounded value is the integer M nearest to
 * a · 10^k, times 10^−k (ties away from zero, as `toPrecision`). The scaled
 * y = a · 10^k is one correctly rounded operation on exact operands (10^k is
 * exact up to 10^22), off by at most half an ulp of y < 10^12, ~6 · 10^−5:
 * M is then exact unless y is within 10^−3 of a tie, where this gives up.
 * M / 10^k is again one correctly rounded operation, so it is the double
 * nearest the decimal M · 10^−k: what `Number` makes of that decimal's text.
 * A ⌊log10 a⌋ off by one shows as y outside [10^11, 10^12): given up too.
 */
function roundedToTwelve(a: number): number {
  if (!(a >= 1e-10 && a < 1e15)) return 0;
  const k = 11 - Math.floor(Math.log10(a));
  const y = k >= 0 ? a * powersOfTen[k] : a / powersOfTen[-k];
  if (!(y >= 1e11 && y < 1e12)) return 0;
  const whole = Math.floor(y);
  const fraction = y - whole;
  if (Math.abs(fraction - 0.5) <= 1e-3) return 0;
  const mantissa = fraction > 0.5 ? whole + 1 : whole;
  return k >= 0 ? mantissa / powersOfTen[k] : mantissa * powersOfTen[-k];
}

/**
 * A number as JSON text with at most 12 significant digits; `null` when not
 * finite. The same text as `String(roundSignificant(x))`, written faster (it
 * is a large part of writing millions of deals): whole numbers below 10^12
 * as they are, and numbers from 10^-6 to 10^12 from `toPrecision(12)` with
 * the trailing zeros dropped, which is how `String` writes the rounded value.
 */
export function jsonNumber(x: number): string {
  if (Number.isInteger(x)) {
    if (Math.abs(x) < 1e12) return String(x);
  } else if (!Number.isFinite(x)) {
    return "null";
  } else {
    const magnitude = Math.abs(x);
    if (magnitude >= 1e-6 && magnitude < 1e12) {
      const slot = recentSlot(x);
      if (recentNumbers[slot] === x) return recentTexts[slot];
      const text = twelveDigitText(x);
      recentNumbers[slot] = x;
      recentTexts[slot] = text;
      return text;
    }
  }
  return String(roundSignificant(x));
}

/** `x` (not whole, 10^-6 ≤ |x| < 10^12) as `jsonNumber` writes it. */
function twelveDigitText(x: number): string {
  const text = x.toPrecision(jsonSignificantDigits);
  // Rounding up to 10^12 gives an exponent: left to String.
  if (text.includes("e")) return String(roundSignificant(x));
  if (!text.includes(".")) return text; // twelve whole digits: every zero counts
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--; // "0"
  if (text.charCodeAt(end - 1) === 46) end--; // "."
  return text.slice(0, end);
}

/**
 * The texts of the last fractional numbers written, one per slot by a hash
 * of the number's bits: a listing writes the same prices, margins and
 * discounts again and again (half the fractional numbers of a 100k `--all`
 * listing were in it), and `toPrecision` costs ~150 ns.
 */
const recentSlotBits = 12;
const recentSize = 1 << recentSlotBits;
const recentNumbers = new Float64Array(recentSize).fill(Number.NaN);
const recentTexts: string[] = new Array<string>(recentSize).fill("");
const recentBits = new Float64Array(1);
const recentWords = new Uint32Array(recentBits.buffer);

/** The slot of `x` among the recent numbers. */
function recentSlot(x: number): number {
  recentBits[0] = x;
  return Math.imul(recentWords[0] ^ recentWords[1], 0x9e3779b1) >>> (32 - recentSlotBits);
}

/**
 * `JSON.stringify` with every number written by `jsonNumber` (at most 12
 * significant digits; non-finite numbers become `null`, as JSON.stringify does).
 */
export function stringifyJson(value: unknown, indent?: number): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === "number" ? roundSignificant(v) : v),
    indent,
  );
}

/** Commas between the thousands of the whole part of a decimal text: `1234567.5` → `1,234,567.5`. */
function groupThousands(text: string): string {
  const point = text.indexOf(".");
  const whole = point < 0 ? text : text.slice(0, point);
  const rest = point < 0 ? "" : text.slice(point);
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${rest}`;
}

/** Infinity as `∞`, NaN as `NaN`. */
function nonFinite(x: number): string {
  return Number.isNaN(x) ? "NaN" : x > 0 ? "∞" : "-∞";
}

/**
 * `x` with exactly `decimals` decimals and no grouping (`1234.5` → `1234.50`),
 * never `-0.00`: a value that rounds to zero is written without a sign. For
 * CSV, where a spreadsheet must read the cell as a number.
 */
export function formatDecimal(x: number, decimals = 2): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (Math.abs(x) >= 1e21) return String(x);
  const text = x.toFixed(decimals);
  return /^-0(?:\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** `x` with exactly `decimals` decimals and thousands separated by commas: `1234567.891` → `1,234,567.89`. */
export function formatFixed(x: number, decimals = 2): string {
  const text = formatDecimal(x, decimals);
  return Number.isFinite(x) && Math.abs(x) < 1e21 ? groupThousands(text) : text;
}

/**
 * `x` with at most `maxDecimals` decimals (trailing zeros dropped) and
 * thousands separated: quantities and counts, `1200` → `1,200`, `2.5` → `2.5`.
 */
export function formatNumber(x: number, maxDecimals = 2): string {
  const text = formatFixed(x, maxDecimals);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/**
 * Money as people read it: two decimals, thousands separated, the currency
 * code in front when the network states one: `CNY 214,500.00`, `-1,234.50`.
 */
export function formatMoney(x: number, currency?: string): string {
  const amount = formatFixed(x, 2);
  return currency === undefined || currency === "" ? amount : `${currency} ${amount}`;
}

/** A share as a percent with two decimals: `0.04125` → `4.13%`. */
export function formatPercent(share: number): string {
  return `${formatFixed(share * 100, 2)}%`;
}
