/**
 * Rounding to significant digits, exactly as `Number.prototype.toPrecision`
 * rounds (the decimal nearest to the double, ties away from zero), read back
 * as the nearest double.
 */

/**
 * `x` rounded to `digits` significant digits: `Number(x.toPrecision(digits))`,
 * with a quick path for whole numbers that already fit. Monotone: x ≤ y gives
 * round(x) ≤ round(y). Not finite stays as it is.
 *
 * @param digits 1..100
 * @example
 * toSignificant(470070.00000000006, 12) // 470070
 */
export function toSignificant(x: number, digits: number): number {
  if (Number.isInteger(x) && Math.abs(x) < 10 ** digits) return x === 0 ? 0 : x;
  if (!Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}
