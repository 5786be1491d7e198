/**
 * The smallest reciprocal deal, hand-computed: firms a and b, a sells x to b
 * and b sells y to a, each at price 10, cost 5, capacity 1, bought 1 unit
 * with switching cost 1 (reference price = the price). Each trade: q = 1,
 * margin (10 − 5)·1 = 5, premium (10 − 10)·1 + 1 = 1; the 2-cycle
 * `cycle:a>b:x|b>a:y` has surplus 5 + 5 − 1 − 1 = 8.
 */
import type { Firm } from "../../src/model/types.js";

/** The network JSON; `extraFirms` are added after a and b. */
export function twoFirmCycle(extraFirms: Firm[] = []): { firms: Firm[] } {
  return {
    firms: [
      {
        id: "a",
        offers: [{ product: "x", price: 10, cost: 5, capacity: 1 }],
        needs: [{ product: "y", quantity: 1, switchingCost: 1 }],
      },
      {
        id: "b",
        offers: [{ product: "y", price: 10, cost: 5, capacity: 1 }],
        needs: [{ product: "x", quantity: 1, switchingCost: 1 }],
      },
      ...extraFirms,
    ],
  };
}
