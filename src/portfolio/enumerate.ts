/**
 * Exact solution of a tiny packing model by depth-first branch and bound:
 * columns by value descending, take-or-skip, pruned when the chosen value
 * plus every remaining value cannot beat the best found. Proves optimality;
 * meant for components of at most ~20 columns (2^n leaves in the worst case).
 */
import { type PackingModel, slackOf } from "./packing-model.js";

/** The optimal portfolio of a tiny model (chosen flags per column). */
export function enumeratePortfolio(model: PackingModel): Uint8Array {
  const { columnCount, columnStarts, columnRows, columnCoefficients, value, capacity } = model;
  const order = Array.from({ length: columnCount }, (_, j) => j).sort(
    (a, b) => value[b] - value[a] || a - b,
  );
  const suffix = new Float64Array(columnCount + 1);
  for (let r = columnCount - 1; r >= 0; r--)
    suffix[r] = suffix[r + 1] + Math.max(0, value[order[r]]);
  const limit = capacity.map((b) => b + slackOf(b));
  const used = new Float64Array(model.rowCount);
  const current = new Uint8Array(columnCount);
  let best = new Uint8Array(columnCount);
  let bestValue = 0;
  const tolerance = 1e-12 * Math.max(1, suffix[0]);

  const fits = (j: number): boolean => {
    for (let k = columnStarts[j]; k < columnStarts[j + 1]; k++) {
      if (used[columnRows[k]] + columnCoefficients[k] > limit[columnRows[k]]) return false;
    }
    return true;
  };
  const shift = (j: number, sign: number): void => {
    for (let k = columnStarts[j]; k < columnStarts[j + 1]; k++) {
      used[columnRows[k]] += sign * columnCoefficients[k];
    }
  };
  const visit = (r: number, total: number): void => {
    if (total > bestValue + tolerance) {
      bestValue = total;
      best = current.slice();
    }
    if (r === columnCount || total + suffix[r] <= bestValue + tolerance) return;
    const j = order[r];
    if (value[j] > 0 && fits(j)) {
      current[j] = 1;
      shift(j, 1);
      visit(r + 1, total + value[j]);
      shift(j, -1);
      current[j] = 0;
    }
    visit(r + 1, total);
  };
  visit(0, 0);
  return best;
}
