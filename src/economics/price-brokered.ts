/**
 * Exact pricing of a brokered triangle: parties S (0), M (1), D (2) and
 * trades S→M (edge 0), M→D (edge 1), S→D (edge 2), with discounts
 * d0 ∈ [0, u0], d1 ∈ [0, u1], d2 ∈ [0, u2] (notation of price-fast.ts).
 * Slacks: x_S = a_S − d0 − d2, x_M = a_M + d0 − d1, x_D = a_D + d1 + d2.
 *
 * **Fair level and best slack (Gale's theorem).** With three parties the seven
 * sets can be listed; the capacity entering each is
 *   {S}: 0, {M}: u0, {D}: u1 + u2, {S,M}: 0, {S,D}: u1, {M,D}: u0 + u2, all: 0.
 * t* = min over sets X of (A(X) + in(X)) / |X|; the best slack of party i with
 * the others at ≥ 0 is min over sets X ∋ i of A(X) + in(X).
 *
 * **Least discounts.** All slacks ≥ 0 required; write need = max(0, −a_D).
 * At a least-Σd point, d1 + d2 = need (more would only be taken back from M
 * or S), and d0 = max(0, d1 − a_M) (S pays M only what M passes on beyond its
 * own room). So the optimal points lie on a path parametrized by d1:
 *   d2 = need − d1, d0 = max(0, d1 − a_M), Σd = need + max(0, d1 − a_M),
 * feasible when d1 ≥ need − u2 (d2 ≤ u2), d1 ≤ min(u1, need), d1 ≤ a_M + u0
 * (d0 ≤ u0), and, for S (x_S = a_S − need + min(d1, a_M) ≥ 0), d1 ≥ need − a_S
 * and a_M ≥ need − a_S. Σd never decreases in d1, so the least total is at
 *   L = max(0, need − u2, need − a_S),
 * and when L < a_M it stays the same for every d1 up to
 *   R = min(u1, need, a_M)
 * (on [L, R] M passes on from its own room and d0 = 0). That interval is the
 * only freedom the policies leave, and their last stage (the initiator's net)
 * picks the end: S keeps most with d1 = R (M gives more, S less); M keeps most
 * with d1 = L; D receives `need` either way, and without an initiator L is used.
 *
 * Cost: a few dozen flops per call; no allocation.
 */

/** The fair level t* of a brokered triangle (see the file header). */
export function brokeredFairLevel(a: Float64Array, u: Float64Array): number {
  const s = a[0];
  const m = a[1];
  const d = a[2];
  let best = s;
  let v = m + u[0];
  if (v < best) best = v;
  v = d + u[1] + u[2];
  if (v < best) best = v;
  v = (s + m) / 2;
  if (v < best) best = v;
  v = (s + d + u[1]) / 2;
  if (v < best) best = v;
  v = (m + d + u[0] + u[2]) / 2;
  if (v < best) best = v;
  v = (s + m + d) / 3;
  return Math.min(v, best);
}

/** The best slack of party `i` (0 S, 1 M, 2 D) with the others at slack ≥ 0. */
export function brokeredBestSlack(a: Float64Array, u: Float64Array, i: number): number {
  const s = a[0];
  const m = a[1];
  const d = a[2];
  let best = s + m + d;
  let v: number;
  if (i === 0) {
    v = s;
    if (v < best) best = v;
    v = s + m;
    if (v < best) best = v;
    v = s + d + u[1];
  } else if (i === 1) {
    v = m + u[0];
    if (v < best) best = v;
    v = s + m;
    if (v < best) best = v;
    v = m + d + u[0] + u[2];
  } else {
    v = d + u[1] + u[2];
    if (v < best) best = v;
    v = s + d + u[1];
    if (v < best) best = v;
    v = m + d + u[0] + u[2];
  }
  return Math.min(v, best);
}

/**
 * The least discounts giving every party slack ≥ 0, written to `d` (edges
 * S→M, M→D, S→D), ties broken for party `favoured` (-1: none), each clamped
 * to [0, u].
 */
export function brokeredLeastDiscounts(
  a: Float64Array,
  u: Float64Array,
  favoured: number,
  d: Float64Array,
): void {
  const s = a[0];
  const m = a[1];
  const need = a[2] < 0 ? -a[2] : 0;
  let low = need - u[2];
  if (need - s > low) low = need - s;
  if (low < 0) low = 0;
  let md = low;
  if (favoured === 0 && low < m) {
    let high = Math.min(u[1], need);
    if (m < high) high = m;
    if (high > md) md = high;
  }
  if (md > u[1]) md = u[1];
  let sd = need - md;
  if (sd < 0) sd = 0;
  else if (sd > u[2]) sd = u[2];
  let sm = md - m;
  if (sm < 0) sm = 0;
  else if (sm > u[0]) sm = u[0];
  d[0] = sm;
  d[1] = md;
  d[2] = sd;
}
