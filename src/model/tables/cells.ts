/**
 * A cell's text and a field's value, both ways. Reading never rejects a
 * cell: text that is not a number (or a boolean) where one is expected stays
 * text, and the zod schemas say what is wrong with it, with the same message
 * as for JSON. Numbers and booleans may have spaces around them (they cannot
 * mean anything there); text is kept exactly as written.
 */
import type { CellKind } from "./table-layout.js";

/** A decimal number as people and spreadsheets write it: `12`, `-0.5`, `.5`, `1e+21`. */
const decimal = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function numberOf(text: string): number | string {
  if (decimal.test(text)) return Number(text);
  const trimmed = text.trim();
  return decimal.test(trimmed) ? Number(trimmed) : text;
}

/** `true`/`false` in any case (spreadsheets save `TRUE`/`FALSE`). */
function booleanOf(text: string): boolean | string {
  const word = text.trim().toLowerCase();
  if (word === "true") return true;
  if (word === "false") return false;
  return text;
}

/**
 * The value of a non-empty cell for a field of `kind`: a number, a boolean,
 * or the text itself when it is neither (for the schema to reject).
 */
export function cellValue(text: string, kind: CellKind): unknown {
  if (kind === "number") return numberOf(text);
  if (kind === "boolean") return booleanOf(text);
  return text;
}

/**
 * The text of a field's value: strings as they are, numbers as JavaScript's
 * `String(number)` writes them (the shortest text that reads back the same
 * number), booleans as `true`/`false`, and any other `meta` value as its JSON
 * text (a meta column holds text, so it reads back as that string).
 */
export function cellText(value: unknown): string {
  if (typeof value === "string") return value;
  // For finite numbers and booleans, JSON's text is `String(value)`'s.
  return value === undefined ? "" : JSON.stringify(value);
}

/** Characters that make RFC 4180 quote a field. */
const needsQuotes = /[",\r\n]/;

/** A field as RFC 4180 writes it: quoted (quotes doubled) when it holds `"`, `,` or a line break. */
export function quoteField(text: string): string {
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
