/**
 * The order of every ranked listing (SPEC §5): score descending, ties by id
 * ascending (UTF-16).
 *
 * Scores are compared rounded to 12 significant digits, the precision JSON
 * prints them with (SPEC §8). Two deals whose scores are equal in exact
 * arithmetic but were summed in different orders (470070 and
 * 470070.00000000006) thus tie and go by id, as the SPEC means, rather than
 * by float noise; and a listing read back from its JSON (`merge`, shards)
 * sorts exactly as the run that wrote it.
 */
import { compareIds } from "../util/compare-ids.js";
import { jsonSignificantDigits, roundSignificant } from "../util/number-format.js";

/** Significant digits of the score that a ranking compares: those of a JSON number. */
export const rankDigits = jsonSignificantDigits;

/**
 * The key a score is ranked by: the score rounded to `rankDigits` significant
 * digits, the very number JSON prints (`jsonNumber`), so the key read back
 * from a listing is the key.
 */
export function rankKey(score: number): number {
  return roundSignificant(score, rankDigits);
}

/** Negative when rank key a ranks before b (the larger first); 0 when they tie. */
export function compareRankKeys(a: number, b: number): number {
  return a > b ? -1 : a < b ? 1 : 0;
}

/**
 * Negative when (keyA, idA) ranks before (keyB, idB): the larger key first,
 * then the smaller id.
 */
export function compareRanked(keyA: number, idA: string, keyB: number, idB: string): number {
  return compareRankKeys(keyA, keyB) || compareIds(idA, idB);
}

/**
 * Whether a deal whose score is at most `bound` surely ranks below a kept key
 * `threshold` (so it need not be priced): rounding moves a value by at most
 * 5·10⁻¹² of it, so below `threshold` by more than 10⁻¹¹ of it, the bound's
 * key, and every smaller score's, is below the threshold.
 */
export function surelyBelow(bound: number, threshold: number): boolean {
  return bound < threshold - 1e-11 * Math.abs(threshold);
}
