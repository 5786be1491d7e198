/**
 * Aligned columns under a header, for output people read in a terminal:
 * each column as wide as its widest cell, text left-aligned and numbers
 * right-aligned, two spaces between columns, no trailing spaces. The widths
 * come from the rows `fit` has seen, so a long listing can fix them from its
 * first rows and stream the rest (a later, wider cell pushes its line out).
 */

/** One column: its header and how its cells align. */
export interface TextColumn {
  readonly header: string;
  /** @defaultValue "left" */
  readonly align?: "left" | "right";
}

/** Characters as a terminal counts them (code points, not UTF-16 units). */
function widthOf(text: string): number {
  let width = 0;
  for (const _ of text) width++;
  return width;
}

/** A table layout: column widths, and lines of cells padded to them. */
export class TextTable {
  private readonly widths: number[];

  constructor(private readonly columns: readonly TextColumn[]) {
    this.widths = columns.map((c) => widthOf(c.header));
  }

  /** Widens the columns to hold these rows. */
  fit(rows: Iterable<readonly string[]>): this {
    for (const row of rows) {
      row.forEach((cell, i) => {
        if (i < this.widths.length) this.widths[i] = Math.max(this.widths[i], widthOf(cell));
      });
    }
    return this;
  }

  /** The header line. */
  header(): string {
    return this.line(this.columns.map((c) => c.header));
  }

  /** A line of cells (missing cells are blank). */
  line(cells: readonly string[]): string {
    const padded = this.columns.map((column, i) => {
      const cell = cells[i] ?? "";
      const pad = " ".repeat(Math.max(0, this.widths[i] - widthOf(cell)));
      return column.align === "right" ? pad + cell : cell + pad;
    });
    return padded.join("  ").trimEnd();
  }
}
