/**
 * Exact pricing of a ring: a cycle v0→v1→…→v(k−1)→v0, or a chain, which is a
 * ring whose closing edge v(k−1)→v0 has capacity 0 (no trade, no premium).
 *
 * Notation (see price-fast.ts): party j has slack base a_j (its net before
 * chosen discounts minus its lower bound); edge j (trade j, v_j → v_(j+1))
 * carries a discount d_j in [0, u_j]. Party j ends with slack
 * x_j = a_j + d_(j−1) − d_j and must have x_j ≥ 0.
 *
 * **Arcs.** A set of consecutive parties B = v_s … v_(s+L−1) (L < k, indices
 * mod k) receives value from outside only through the edge into v_s and loses
 * value only through the edge out of its last party. So
 * Σ_B x = A(B) + d_(s−1) − d_(s+L−1), with A(B) = Σ_B a.
 *
 * **Feasibility and the fair level (Gale's theorem).** Discounts giving every
 * party x_j ≥ r_j exist iff for every set X of parties
 * Σ_X r ≤ Σ_X a + (capacity of the edges entering X). On a ring a set is a
 * union of arcs, its entering capacity is the sum of theirs, so arcs and the
 * whole ring suffice: the largest common level t (x_j ≥ t for all j) is
 *   t* = min( A(ring)/k , min over arcs B of (A(B) + u_(s−1)) / |B| ),
 * and the largest slack of one party i with the others at x ≥ 0 is
 *   x_i* = min( A(ring), min over arcs B ∋ i of A(B) + u_(s−1) ).
 *
 * **Least discounts.** With every x_j ≥ 0 required, edge j must carry at least
 * the deficit of every arc that starts right after it: by the arc identity,
 * d_j ≥ d_(end of B) − A(B) ≥ −A(B) for B = v_(j+1) … . Let
 *   D_j = max(0, max over L = 1..k−1 of −(a_(j+1) + … + a_(j+L))).
 * D is feasible whenever any discounts are: D_j ≤ u_j is Gale's condition for
 * the arc, and x_j = a_j + D_(j−1) − D_j ≥ 0 because every arc counted in D_j
 * extends by v_j to an arc counted in D_(j−1) (or to the whole ring, whose
 * A ≥ 0). Every feasible d is ≥ D componentwise, so D is the **unique**
 * minimizer of Σ d: all three policies' last stages (least total discount,
 * then the initiator's net) are decided by it, with no tie to break.
 * For a chain the closing edge has u = 0, so D on it is 0 and the formula is
 * that of a path; the arcs through the phantom edge are unions of two paths
 * and never give a tighter bound.
 *
 * Cost: O(k²) per call with k ≤ 12 parties; no allocation.
 */

/**
 * The fair level t*: the largest t such that discounts give every party slack ≥ t.
 *
 * @param a slack bases of the k parties
 * @param u capacities of the k edges (edge j from party j to party j+1 mod k)
 */
export function ringFairLevel(a: Float64Array, u: Float64Array, k: number): number {
  let total = 0;
  for (let j = 0; j < k; j++) total += a[j];
  let best = total / k;
  for (let s = 0; s < k; s++) {
    const inflow = u[s === 0 ? k - 1 : s - 1];
    let sum = 0;
    let p = s;
    for (let length = 1; length < k; length++) {
      sum += a[p];
      const level = (sum + inflow) / length;
      if (level < best) best = level;
      p = p + 1 === k ? 0 : p + 1;
    }
  }
  return best;
}

/**
 * The largest slack party `i` can reach while every other party keeps slack ≥ 0
 * (assumes the others can: the deal is feasible).
 */
export function ringBestSlack(a: Float64Array, u: Float64Array, k: number, i: number): number {
  let best = 0;
  for (let j = 0; j < k; j++) best += a[j];
  for (let s = 0; s < k; s++) {
    const inflow = u[s === 0 ? k - 1 : s - 1];
    let sum = 0;
    let p = s;
    let containsI = false;
    for (let length = 1; length < k; length++) {
      sum += a[p];
      if (p === i) containsI = true;
      if (containsI && sum + inflow < best) best = sum + inflow;
      p = p + 1 === k ? 0 : p + 1;
    }
  }
  return best;
}

/**
 * The least discounts D (unique) giving every party slack ≥ 0, written to `d`
 * (edge j from party j to party j+1 mod k), each clamped to [0, u_j].
 */
export function ringLeastDiscounts(
  a: Float64Array,
  u: Float64Array,
  k: number,
  d: Float64Array,
): void {
  for (let j = 0; j < k; j++) {
    let need = 0;
    let deficit = 0;
    let p = j + 1 === k ? 0 : j + 1;
    for (let length = 1; length < k; length++) {
      deficit -= a[p];
      if (deficit > need) need = deficit;
      p = p + 1 === k ? 0 : p + 1;
    }
    d[j] = Math.min(need, u[j]);
  }
}
