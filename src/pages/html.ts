/**
 * Writing HTML as text, safely: every piece of data goes through `escapeHtml`
 * (text and attribute values alike), and data inlined in a `<script>` block
 * through `scriptJson`, so that no firm name, product or id can end an element
 * or a script, whatever characters it holds. The pages are built as strings
 * so the same code runs in Node (the CLI's `--format html`) and in a browser
 * (the explorer opens a deal's sheet with it).
 */

const entities: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text as HTML text or a quoted attribute value: `&`, `<`, `>`, `"` and `'` as entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

/**
 * JSON text that is safe inside `<script type="application/json">`: `<` as
 * `\u003c` (no `</script>` can end the block), and U+2028/U+2029 escaped.
 * `JSON.parse` of the element's text gives the value back.
 */
export function scriptJson(jsonText: string): string {
  return jsonText
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Attributes from a record: `key="value"` pairs, values escaped; `undefined` and `false` left out, `true` bare. */
export function attributes(
  record: Readonly<Record<string, string | number | boolean | undefined>>,
): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || value === false) continue;
    parts.push(value === true ? key : `${key}="${escapeHtml(String(value))}"`);
  }
  return parts.join(" ");
}
