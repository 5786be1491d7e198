/**
 * The objective step: the largest g such that every value is (numerically) a
 * whole multiple of g. Every portfolio's objective is then a multiple of g,
 * so a bound can be rounded down to the grid (kidney inputs: values 1, 1.5, 2
 * give g = 0.5, and an LP bound of 19.75 proves 19.5).
 */

/** The step of `values`, or 0 when there is none worth using (g < 1e-4 · max |v|). */
export function objectiveStep(values: ArrayLike<number>): number {
  let largest = 0;
  for (let j = 0; j < values.length; j++) largest = Math.max(largest, Math.abs(values[j]));
  if (largest === 0) return 0;
  const tolerance = 1e-10 * largest;
  let g = 0;
  for (let j = 0; j < values.length; j++) {
    let a = Math.abs(values[j]);
    let b = g;
    if (a < b) [a, b] = [b, a];
    while (b > tolerance) [a, b] = [b, a % b];
    g = a;
    if (g < 1e-4 * largest) return 0;
  }
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    if (Math.abs(v - g * Math.round(v / g)) > tolerance) return 0;
  }
  return g;
}

/** `bound` rounded down to the grid of `step` (unchanged when step is 0). */
export function floorToStep(bound: number, step: number): number {
  if (step <= 0 || !Number.isFinite(bound)) return bound;
  return step * Math.floor(bound / step + 1e-3);
}
