/**
 * The negotiation room of a priced, feasible deal (SPEC §5): over the set F of
 * discount vectors every party accepts (0 ≤ d_e ≤ m_e, given discounts fixed,
 * every net ≥ its hurdle), each trade's `discountRange` [min d_e, max d_e] and
 * each party's `netRange` [min net_v, max net_v].
 *
 * **F is a system of difference constraints** for the three shapes. In the
 * flow view of price-fast.ts, party v's slack is x_v = a_v + (discounts it
 * receives) − (discounts it gives), and F is {0 ≤ d_e ≤ u_e, x_v ≥ ℓ} with
 * ℓ = min(0, t*) — the same lowering the pricing applies to a deal feasible
 * only within SPEC §5's tolerance, so F is never empty for a feasible deal.
 * - In a ring (cycle, chain) each party receives at most one discount and
 *   gives at most one: x_v = a_v + d_in − d_out, and x_v ≥ ℓ reads
 *   d_out − d_in ≤ a_v − ℓ, a difference of two variables.
 * - In the brokered triangle S gives two (S→M, S→D) and D receives two
 *   (M→D, S→D). With y = −d_SD in place of d_SD every row is a difference
 *   again: x_S = a_S − d_SM + y, x_M = a_M + d_SM − d_MD, x_D = a_D + d_MD − y.
 * With a reference variable z = 0 the box bounds are differences too
 * (d − z ≤ u, z − d ≤ 0; for y: y − z ≤ 0, z − y ≤ u). So F is
 * {y : y_a − y_b ≤ w_ba} over the variables y (one per trade, signed σ_e) and z.
 *
 * **Extremes of a difference are shortest paths.** For such a system, with an
 * edge b → a of weight w_ba per constraint, max (y_i − y_j) over F is the
 * shortest-path distance from j to i (LP duality: the dual of the maximum is a
 * unit flow from j to i of least cost), and F is non-empty iff no cycle is
 * negative. Every figure of the room is such a difference:
 * - max y_e = dist(z → e), min y_e = −dist(e → z) (d_e = σ_e · y_e);
 * - net_v = base_v + y_p − y_q, with p the variable party v's slack gains and q
 *   the one it loses (z when none): max = base_v + dist(q → p),
 *   min = base_v − dist(p → q).
 * Floyd–Warshall on the T + 1 ≤ 13 nodes gives all of them at once: O(T³),
 * 64 relaxations for a 3-party deal, no allocation. A given discount has
 * u = 0 (it is folded into the bases): its range is its value.
 *
 * Any other set of trades (`custom`) is handled by the LP (price-lp.ts,
 * `roomByLp`), which also serves as the reference in the tests. The policy's
 * discounts are a point of F, so they lie inside these ranges.
 */
import type { DealEconomy } from "./deal-economy.js";
import { roomByLp } from "./price-lp.js";

/**
 * Sets the economy's `discountMin/Max` and `netMin/Max` for a priced, feasible
 * deal: the exact difference-constraint path for rings and brokered
 * triangles, the LP for any other shape.
 *
 * @throws Error when the deal is not feasible (it has no room), or the LP fails
 */
export function computeRoom(economy: DealEconomy): void {
  if (!economy.feasible) throw new Error("computeRoom: an infeasible deal has no room");
  if (economy.layout === "generic" || !roomByDifferences(economy)) {
    const status = roomByLp(economy);
    if (status !== "optimal") throw new Error(`computeRoom: the LP solver failed (${status})`);
  }
}

/**
 * The room of a ring or brokered deal by shortest paths (see the header);
 * false when some party's slack is not a difference of two variables (then
 * the caller uses the LP).
 */
function roomByDifferences(economy: DealEconomy): boolean {
  const { tradeCount: T, partyCount: k, seller, buyer, margin, fixedDiscount } = economy;
  const { base, hurdle, distances: dist, plusVariable: plus, minusVariable: minus } = economy;
  const N = T + 1;
  const z = T;
  // In the brokered triangle the S→D trade (SPEC order: third) enters negated.
  const negated = economy.layout === "brokered" ? 2 : -1;
  for (let v = 0; v < k; v++) {
    plus[v] = z;
    minus[v] = z;
  }
  for (let j = 0; j < T; j++) {
    // The buyer's slack gains σ·y_j, the seller's loses it.
    const gainer = j === negated ? seller[j] : buyer[j];
    const loser = j === negated ? buyer[j] : seller[j];
    if (plus[gainer] !== z || minus[loser] !== z) return false;
    plus[gainer] = j;
    minus[loser] = j;
  }
  dist.fill(Number.POSITIVE_INFINITY, 0, N * N);
  for (let i = 0; i < N; i++) dist[i * N + i] = 0;
  for (let j = 0; j < T; j++) {
    const u = Number.isNaN(fixedDiscount[j]) ? margin[j] : 0;
    // y_j ∈ [0, u] (or [−u, 0] when negated): y_j − z ≤ hi (edge z → j), z − y_j ≤ −lo (j → z).
    dist[z * N + j] = j === negated ? 0 : u;
    dist[j * N + z] = j === negated ? u : 0;
  }
  const floor = Math.min(0, economy.fairLevel);
  for (let v = 0; v < k; v++) {
    // x_v = a_v + y_p − y_q ≥ ℓ  ⇔  y_q − y_p ≤ a_v − ℓ: an edge p → q (the tighter of two).
    const p = plus[v];
    const q = minus[v];
    if (p === q) continue;
    const weight = base[v] - hurdle[v] - floor;
    if (weight < dist[p * N + q]) dist[p * N + q] = weight;
  }
  for (let m = 0; m < N; m++) {
    for (let i = 0; i < N; i++) {
      const through = dist[i * N + m];
      if (through === Number.POSITIVE_INFINITY) continue;
      for (let j = 0; j < N; j++) {
        const candidate = through + dist[m * N + j];
        if (candidate < dist[i * N + j]) dist[i * N + j] = candidate;
      }
    }
  }
  for (let j = 0; j < T; j++) {
    const fixed = fixedDiscount[j];
    if (!Number.isNaN(fixed)) {
      economy.discountMin[j] = fixed;
      economy.discountMax[j] = fixed;
      continue;
    }
    const high = dist[z * N + j];
    const low = -dist[j * N + z];
    const m = margin[j];
    const [least, most] = j === negated ? [-high, -low] : [low, high];
    economy.discountMin[j] = Math.min(Math.max(least, 0), m);
    economy.discountMax[j] = Math.min(Math.max(most, 0), m);
  }
  for (let v = 0; v < k; v++) {
    const p = plus[v];
    const q = minus[v];
    economy.netMin[v] = base[v] - dist[p * N + q];
    economy.netMax[v] = base[v] + dist[q * N + p];
  }
  return true;
}
