/**
 * Checking that input bytes are UTF-8, so that bad bytes are an error that
 * names its place rather than a silent U+FFFD (two Latin-1 product names
 * that differ in one accented letter would otherwise become one product).
 * The whole-buffer check is Node's native `isUtf8`; only when it fails is
 * the first bad byte looked for here, byte by byte (the WHATWG decoder's
 * rules: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
import { isUtf8 } from "node:buffer";

/** Whether `bytes[start..end)` is well-formed UTF-8. */
export function isUtf8Range(bytes: Uint8Array, start: number, end: number): boolean {
  return end <= start || isUtf8(bytes.subarray(start, end));
}

/** The position of the first byte of `bytes[start..end)` that breaks UTF-8, or −1. */
export function firstBadUtf8(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = i + k < end ? bytes[i + k] : -1;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The line (1-based) and the byte within it (1-based) of position `at`. */
export function lineAndByte(bytes: Uint8Array, at: number): { line: number; byte: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, byte: at - lineStart + 1 };
}

/** `0xE8`: a byte in hex, for messages. */
export function hexByte(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}

/**
 * A message text with the characters a terminal would not show (control
 * characters, the byte-order mark, zero-width and bidirectional marks, line
 * separators) written as `\uXXXX`: `JSON.parse`'s messages quote the input.
 */
export function printable(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const hidden =
      c < 0x20 ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0xad ||
      (c >= 0x200b && c <= 0x200f) ||
      (c >= 0x2028 && c <= 0x202e) ||
      (c >= 0x2060 && c <= 0x2064) ||
      c === 0xfeff;
    out += hidden ? `\\u${c.toString(16).padStart(4, "0")}` : text[i];
  }
  return out;
}
