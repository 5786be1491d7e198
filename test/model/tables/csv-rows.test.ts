import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteField } from "../../../src/model/tables/cells.js";
import { CsvRows } from "../../../src/model/tables/csv-rows.js";

/** Every row (with its line) and every error that `pieces` give, fed one by one. */
function rowsOf(pieces: readonly string[]): string[] {
  const out: string[] = [];
  const rows = new CsvRows(
    (cells, line) => out.push(`${line}: ${JSON.stringify(cells)}`),
    (line, message) => out.push(`${line}! ${message}`),
  );
  for (const piece of pieces) rows.feed(piece);
  rows.end();
  return out;
}

/** Cells with the characters that make CSV hard: quotes, commas, line breaks, a BOM, emoji. */
const cellArb = fc.string({
  unit: fc.constantFrom("a", "1", " ", ",", '"', "\n", "\r\n", "é", "😀", "\uFEFF"),
  maxLength: 6,
});

describe("CsvRows", () => {
  it("reads RFC 4180 rows with the line each starts on (worked out by hand)", () => {
    // Line 1 header; line 2 a quoted cell spanning lines 2–3; line 4 blank;
    // line 5 a doubled quote; line 6 a row of empty cells, skipped.
    const text = '\uFEFFid,name\r\na,"two\r\nlines"\r\n\r\nb,"say ""hi"""\r\n,\r\nc,"x,y"';
    expect(rowsOf([text])).toEqual([
      '1: ["id","name"]',
      '2: ["a","two\\r\\nlines"]',
      '5: ["b","say \\"hi\\""]',
      '7: ["c","x,y"]',
    ]);
  });

  it("takes the line break from the first line (LF, CRLF or CR) and a CRLF line in an LF file", () => {
    expect(rowsOf(["a,b\n1,2\n"])).toEqual(['1: ["a","b"]', '2: ["1","2"]']);
    expect(rowsOf(["a,b\r1,2\r"])).toEqual(['1: ["a","b"]', '2: ["1","2"]']);
    expect(rowsOf(["a,b\n1,2\r\n3,4"])).toEqual(['1: ["a","b"]', '2: ["1","2"]', '3: ["3","4"]']);
  });

  it("reads an empty text as no rows, and a last row without a line break", () => {
    expect(rowsOf([""])).toEqual([]);
    expect(rowsOf(["a"])).toEqual(['1: ["a"]']);
  });

  it("reports bad quoting with its line, once per row", () => {
    expect(rowsOf(['a,b\n1,"unclosed\n2,3\n'])).toEqual([
      '1: ["a","b"]',
      '2! a quoted cell is never closed (a " is missing)',
    ]);
    const after = rowsOf(['a,b\n1,"x"y\n']);
    expect(after[1]).toMatch(/^2! a quoted cell goes on after its closing "/);
    expect(after).toHaveLength(2);
  });

  it("gives the same rows and lines however the text is cut into pieces", () => {
    const rowsArb = fc.array(fc.array(cellArb, { minLength: 1, maxLength: 4 }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        rowsArb,
        fc.constantFrom("\n", "\r\n"),
        fc.array(fc.nat(), { maxLength: 5 }),
        (rows, lineBreak, cuts) => {
          // Row r starts on the line after row r − 1 and its line breaks.
          const header = ["h"];
          const text = [header, ...rows]
            .map((cells) => cells.map(quoteField).join(","))
            .join(lineBreak);
          const expected: string[] = [];
          let line = 1;
          for (const cells of [header, ...rows]) {
            if (cells.some((cell) => cell !== "")) {
              // A leading BOM of the text is the only one stripped; here the text starts with `h`.
              expected.push(`${line}: ${JSON.stringify(cells)}`);
            }
            line += 1 + cells.join("").split("\n").length - 1;
          }
          const at = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
          const pieces = [0, ...at].map((start, i) => text.slice(start, [...at, text.length][i]));
          expect(rowsOf(pieces)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
