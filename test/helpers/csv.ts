/**
 * A small RFC 4180 reader for the tests of the CLI's CSV output (independent
 * of the writer under test): quoted fields, doubled quotes, commas and line
 * breaks inside quotes.
 */

/** The rows of a CSV text, each a list of fields (a trailing line break ends the last row). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The rows of a CSV text with a header, as objects keyed by the header's names. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) =>
    Object.fromEntries((header ?? []).map((name, i) => [name, row[i] ?? ""])),
  );
}
