/**
 * Complete trade graphs K_n, the adversarial fixtures of the reliability
 * tests (issue 16): every firm sells its own product to every other firm, so
 * every ordered pair trades and the number of k-cycles is n!/((n−k)!·k).
 *
 * Firm `fNN` offers product `pNN` at price 100, cost 60 and capacity 10·n; it
 * needs every other firm's product, 10 units at reference price 95. So every
 * trade has q = 10, margin (100 − 60)·10 = 400 and premium (100 − 95)·10 = 50,
 * every deal is reciprocal and feasible, and every cycle of k parties has
 * surplus 350·k.
 */
import type { Firm } from "../../src/model/types.js";

/** The network JSON of K_n (n ≥ 2). */
export function completeGraph(n: number): { firms: Firm[] } {
  const width = String(n - 1).length;
  const name = (i: number) => String(i).padStart(width, "0");
  const firms: Firm[] = [];
  for (let i = 0; i < n; i++) {
    const needs = [];
    for (let j = 0; j < n; j++) {
      if (j !== i) needs.push({ product: `p${name(j)}`, quantity: 10, referencePrice: 95 });
    }
    firms.push({
      id: `f${name(i)}`,
      offers: [{ product: `p${name(i)}`, price: 100, cost: 60, capacity: 10 * n }],
      needs,
    });
  }
  return { firms };
}
