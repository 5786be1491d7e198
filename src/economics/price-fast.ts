/**
 * The exact fast path of SPEC §5's pricing for the three deal shapes, with no
 * LP: the policies reduced to a few closed-form steps on a tiny flow network.
 *
 * **The flow view.** A discount d_e moves money from trade e's seller to its
 * buyer, 0 ≤ d_e ≤ m_e: the deal is a flow network whose nodes are the
 * parties and whose edges are the trades, capacity u_e = m_e (0 for a discount
 * the caller fixed, which is folded into the bases). Party v's slack is
 * x_v = net_v − hurdle_v = a_v + (discounts it receives) − (discounts it gives),
 * with a_v = marginGained − premiumPaid − hurdle (plus fixed discounts).
 * Discounts cancel in Σ x = surplus − Σ hurdles.
 *
 * **Every policy is three primitives** of the shape (price-ring.ts for cycles
 * and chains, price-brokered.ts for the triangle), each exact:
 * 1. the fair level t* = max over discounts of min_v x_v (Gale's theorem over
 *    the shape's few cuts);
 * 2. the best slack x_i* of one party with the others at x ≥ 0;
 * 3. the least total discount with every x ≥ 0, with its ties (the brokered
 *    triangle has one free direction) broken for the initiator's net.
 * Lower bounds ℓ_v on the slacks are handled by shifting: a'_v = a_v − ℓ_v.
 *
 * - The deal is feasible iff t* ≥ −1e-9 · scale (scale: its largest margin,
 *   |premium| or hurdle). A deal that is feasible only within that tolerance
 *   is priced with every hurdle lowered by its shortfall: ℓ = min(0, t*).
 * - `fair`: stage 1 is t*; stage 2 (least Σd with every x ≥ t*) is primitive 3
 *   on a − t*; stage 3 (the initiator's net) is its tie-break.
 * - `minimal`: primitive 3 on a − ℓ, ties for the initiator.
 * - `initiator`: x_i* = primitive 2 on a − ℓ (the initiator unshifted); then
 *   the least Σd with x_i ≥ x_i* is primitive 3 on a with a_i lowered by x_i*.
 *   An initiator that is not a party makes stage 1 constant: it prices as
 *   `minimal`.
 * - An infeasible deal is priced by `fair`, whatever the policy.
 *
 * Discounts within 1e-12 · scale of 0 or of the margin are snapped to it.
 */
import type { Policy } from "./deal.js";
import type { DealEconomy } from "./deal-economy.js";
import { brokeredBestSlack, brokeredFairLevel, brokeredLeastDiscounts } from "./price-brokered.js";
import { ringBestSlack, ringFairLevel, ringLeastDiscounts } from "./price-ring.js";

/** Relative tolerance of feasibility (SPEC §5). */
export const feasibilityTolerance = 1e-9;
/** Relative distance under which a discount is snapped to 0 or to its margin. */
const snapTolerance = 1e-12;

/**
 * Prices a loaded cycle, chain or brokered deal under `policy`: sets the
 * economy's `discount`, `net`, `feasible` and `fairLevel`.
 *
 * @throws Error when the economy's layout is `generic` (use `priceByLp`)
 */
export function priceFast(economy: DealEconomy, policy: Policy): void {
  const { layout, partyCount: k, tradeCount, slack: a, capacity: u, flow: d } = economy;
  const { base, hurdle, margin, fixedDiscount, discount, scale } = economy;
  if (layout === "generic") throw new Error("priceFast: a generic deal needs the LP");
  const ring = layout === "ring";
  for (let v = 0; v < k; v++) a[v] = base[v] - hurdle[v];
  for (let j = 0; j < tradeCount; j++) u[j] = Number.isNaN(fixedDiscount[j]) ? margin[j] : 0;
  if (ring && tradeCount < k) u[k - 1] = 0;
  const level = ring ? ringFairLevel(a, u, k) : brokeredFairLevel(a, u);
  const feasible = level >= -feasibilityTolerance * scale;
  economy.feasible = feasible;
  economy.fairLevel = level;
  const i = economy.initiatorParty;
  if (!feasible || policy === "fair") {
    for (let v = 0; v < k; v++) a[v] -= level;
  } else {
    const floor = Math.min(level, 0);
    if (floor !== 0) {
      for (let v = 0; v < k; v++) if (v !== i || policy !== "initiator") a[v] -= floor;
    }
    if (policy === "initiator" && i >= 0) {
      a[i] -= ring ? ringBestSlack(a, u, k, i) : brokeredBestSlack(a, u, i);
    }
  }
  if (ring) ringLeastDiscounts(a, u, k, d);
  else brokeredLeastDiscounts(a, u, i, d);
  const snap = snapTolerance * scale;
  for (let j = 0; j < tradeCount; j++) {
    const fixed = fixedDiscount[j];
    if (!Number.isNaN(fixed)) {
      discount[j] = fixed;
      continue;
    }
    const m = margin[j];
    let x = d[j];
    if (x <= snap) x = 0;
    else if (x >= m - snap) x = m;
    discount[j] = x;
  }
  economy.computeNets();
}
