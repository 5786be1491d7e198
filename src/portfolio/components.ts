/**
 * Independent components of a packing model: deals that share no row cannot
 * interfere, so each component is solved on its own and the portfolios (and
 * bounds) add up. Union-find over columns, joined through each row.
 */
import type { PackingModel } from "./packing-model.js";

/** The columns of a model split into independent groups. */
export interface Components {
  /** Columns in no row: always chosen (their value is positive). */
  readonly free: readonly number[];
  /** The other components, each its columns ascending, components by first column. */
  readonly groups: readonly Int32Array[];
}

/** Splits `model` into components. */
export function componentsOf(model: PackingModel): Components {
  const { columnCount, columnStarts, columnRows } = model;
  const parent = new Int32Array(columnCount);
  for (let j = 0; j < columnCount; j++) parent[j] = j;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const first = new Int32Array(model.rowCount).fill(-1);
  for (let j = 0; j < columnCount; j++) {
    for (let k = columnStarts[j]; k < columnStarts[j + 1]; k++) {
      const i = columnRows[k];
      if (first[i] === -1) first[i] = j;
      else {
        const a = find(first[i]);
        const b = find(j);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const free: number[] = [];
  const size = new Int32Array(columnCount);
  for (let j = 0; j < columnCount; j++) {
    if (columnStarts[j + 1] === columnStarts[j]) free.push(j);
    else size[find(j)]++;
  }
  const groupOf = new Int32Array(columnCount).fill(-1);
  const groups: Int32Array[] = [];
  const fill: number[] = [];
  for (let j = 0; j < columnCount; j++) {
    if (columnStarts[j + 1] === columnStarts[j]) continue;
    const root = find(j);
    if (groupOf[root] === -1) {
      groupOf[root] = groups.length;
      groups.push(new Int32Array(size[root]));
      fill.push(0);
    }
    const g = groupOf[root];
    groups[g][fill[g]++] = j;
  }
  return { free, groups };
}
