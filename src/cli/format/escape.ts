/**
 * Text for line-based formats, where a raw newline or tab in an id would
 * break a record or a label: control characters written as visible escapes.
 *
 * - `tsvField` (the linear TSV convention): `\` as `\\`, tab as `\t`, line
 *   feed as `\n`, carriage return as `\r`, any other control character
 *   (U+0000–U+001F, U+007F–U+009F) as `\xHH`, and the line and paragraph
 *   separators U+2028/U+2029 as `\u2028`/`\u2029`; reversible, one record a line.
 * - `visibleText`: the same escapes, with `\` kept as it is, also for the
 *   invisible format characters (zero-width spaces and joiners, the bidi
 *   controls that can reorder a line, the byte-order mark) as `\uHHHH`:
 *   labels in tables, DOT and Mermaid, and messages, shown to people and
 *   never parsed back.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const invisible =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;
const named: Readonly<Record<string, string>> = { "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function escapeControl(c: string): string {
  const short = named[c];
  if (short !== undefined) return short;
  const code = c.charCodeAt(0);
  return code > 0xff
    ? `\\u${code.toString(16).padStart(4, "0")}`
    : `\\x${code.toString(16).padStart(2, "0")}`;
}

/** A field of a TSV line: backslash and control characters escaped (see above). */
export function tsvField(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(controls, escapeControl);
}

/** Text with its control and invisible characters made visible (`\n`, `\x07`, `\ufeff`); backslashes kept. */
export function visibleText(text: string): string {
  return text.replace(invisible, escapeControl);
}
