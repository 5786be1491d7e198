/**
 * JSON tokens read straight from UTF-8 bytes, for the lean readers: strings
 * without escapes (as byte ranges), numbers (as doubles, exactly as
 * `JSON.parse` reads them) and the extent of any value. Each function returns
 * the position after what it read, or −1 when the bytes are not what it reads
 * (an escape, a malformed token): the caller then falls back to `JSON.parse`,
 * which is the judge of what JSON is and writes the error messages.
 *
 * Numbers: digits are gathered as an integer mantissa and a decimal exponent.
 * While the mantissa has at most 15 digits and the exponent is within ±22,
 * mantissa × 10^e (or ÷ 10^−e) is one correctly rounded IEEE operation on
 * exact operands (Clinger's fast path), which is the correctly rounded value
 * `JSON.parse` gives; any other number is converted by `Number` on its text,
 * V8's same conversion.
 */

/** Powers of ten exactly representable as doubles. */
const exactPowers = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Whether `byte` is JSON whitespace (space, tab, CR, LF). */
export function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** The position of the first non-whitespace byte at or after `at` (≤ end). */
export function skipSpace(bytes: Uint8Array, at: number, end: number): number {
  while (at < end && isSpace(bytes[at])) at++;
  return at;
}

/**
 * Reads a string starting at its opening quote (`bytes[at]` = `"`). Returns
 * the position after the closing quote; its content is `bytes[at + 1 .. result − 1)`.
 * −1 for an escape or a control character (the fallback decides), or no
 * closing quote before `end`.
 */
export function scanPlainString(bytes: Uint8Array, at: number, end: number): number {
  if (bytes[at] !== 0x22) return -1;
  for (let i = at + 1; i < end; i++) {
    const byte = bytes[i];
    if (byte === 0x22) return i + 1;
    if (byte === 0x5c || byte < 0x20) return -1;
  }
  return -1;
}

/** The number read by the last successful `scanNumber`. */
export let scannedNumber = 0;

const latin1 = new TextDecoder("latin1");

/**
 * Reads a JSON number at `at` into `scannedNumber`; returns the position
 * after it, or −1 when the bytes there are not a JSON number.
 */
export function scanNumber(bytes: Uint8Array, at: number, end: number): number {
  const start = at;
  let negative = false;
  if (bytes[at] === 0x2d) {
    negative = true;
    at++;
  }
  let mantissa = 0;
  let digits = 0;
  let exponent = 0;
  let byte = at < end ? bytes[at] : -1;
  if (byte === 0x30) {
    at++;
    byte = at < end ? bytes[at] : -1;
  } else if (byte >= 0x31 && byte <= 0x39) {
    while (byte >= 0x30 && byte <= 0x39) {
      if (digits < 16) mantissa = mantissa * 10 + (byte - 0x30);
      else exponent++;
      digits++;
      at++;
      byte = at < end ? bytes[at] : -1;
    }
  } else {
    return -1;
  }
  if (byte === 0x2e) {
    at++;
    byte = at < end ? bytes[at] : -1;
    if (!(byte >= 0x30 && byte <= 0x39)) return -1;
    while (byte >= 0x30 && byte <= 0x39) {
      if (digits < 16) {
        mantissa = mantissa * 10 + (byte - 0x30);
        exponent--;
      }
      if (mantissa !== 0) digits++;
      at++;
      byte = at < end ? bytes[at] : -1;
    }
  }
  if (byte === 0x65 || byte === 0x45) {
    at++;
    byte = at < end ? bytes[at] : -1;
    let sign = 1;
    if (byte === 0x2b || byte === 0x2d) {
      if (byte === 0x2d) sign = -1;
      at++;
      byte = at < end ? bytes[at] : -1;
    }
    if (!(byte >= 0x30 && byte <= 0x39)) return -1;
    let stated = 0;
    while (byte >= 0x30 && byte <= 0x39) {
      if (stated < 1e6) stated = stated * 10 + (byte - 0x30);
      at++;
      byte = at < end ? bytes[at] : -1;
    }
    exponent += sign * stated;
  }
  let value: number;
  if (digits <= 15 && exponent >= -22 && exponent <= 22) {
    value = exponent >= 0 ? mantissa * exactPowers[exponent] : mantissa / exactPowers[-exponent];
    if (negative) value = -value;
  } else {
    value = Number(latin1.decode(bytes.subarray(start, at)));
  }
  scannedNumber = value;
  return at;
}

/**
 * The position after the JSON value starting at `at` (after whitespace), by
 * matching brackets outside strings; −1 when it is not a well-bracketed
 * value. It does not check the tokens inside (`JSON.parse` of the slice does).
 */
export function skipValue(bytes: Uint8Array, at: number, end: number): number {
  at = skipSpace(bytes, at, end);
  if (at >= end) return -1;
  const first = bytes[at];
  if (first !== 0x7b && first !== 0x5b) {
    // A scalar: a string, or letters, digits and signs up to a delimiter.
    if (first === 0x22) return skipString(bytes, at, end);
    let i = at;
    while (i < end) {
      const byte = bytes[i];
      if (byte === 0x2c || byte === 0x7d || byte === 0x5d || isSpace(byte)) break;
      i++;
    }
    return i > at ? i : -1;
  }
  let depth = 0;
  for (let i = at; i < end; i++) {
    const byte = bytes[i];
    if (byte === 0x22) {
      i = skipString(bytes, i, end);
      if (i < 0) return -1;
      i--;
    } else if (byte === 0x7b || byte === 0x5b) {
      depth++;
    } else if (byte === 0x7d || byte === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** The position after the string (escapes allowed) whose opening quote is at `at`, or −1. */
export function skipString(bytes: Uint8Array, at: number, end: number): number {
  for (let i = at + 1; i < end; i++) {
    const byte = bytes[i];
    if (byte === 0x22) return i + 1;
    if (byte === 0x5c) i++;
  }
  return -1;
}
