/**
 * "Did you mean": the known word closest to a mistyped one, by
 * Damerau–Levenshtein distance (an adjacent swap counts as one edit), or the
 * only known word it is the start of.
 */

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Int32Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        d[(i - 1) * cols + j] + 1,
        d[i * cols + j - 1] + 1,
        d[(i - 1) * cols + j - 1] + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1];
}

/**
 * The known word `word` was most likely meant to be: the closest within a
 * third of its length (at least one edit), else the only one it starts; none
 * when nothing is close.
 *
 * @example
 * closestWord("frmat", ["format", "top"]) // "format"
 */
export function closestWord(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined) return best;
  const started = known.filter((candidate) => word.length >= 2 && candidate.startsWith(word));
  return started.length === 1 ? started[0] : undefined;
}

/** ` (did you mean X?)` for a mistyped word, or "" when nothing is close. */
export function didYouMean(word: string, known: readonly string[], prefix = ""): string {
  const match = closestWord(word, known);
  return match === undefined ? "" : ` (did you mean ${prefix}${match}?)`;
}
