/**
 * The number tokens of a JSON text and their significant digits, for tests
 * that no float noise reaches the output (SPEC §8: at most 12 significant digits).
 */

/** Significant digits of a JSON number text: the mantissa's digits without leading and trailing zeros. */
export function significantDigits(text: string): number {
  const mantissa = text.replace(/^-/, "").replace(/e.*$/i, "").replace(".", "");
  return mantissa.replace(/^0+/, "").replace(/0+$/, "").length;
}

/** Every number token of a JSON text (outside strings), as written. */
export function jsonNumberTokens(json: string): string[] {
  const withoutStrings = json.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return withoutStrings.match(/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g) ?? [];
}
