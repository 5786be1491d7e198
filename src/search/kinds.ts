/** The deal shapes of SPEC §4 (in the order of its table), and the most parties a deal can have. */

/** Every kind, in the order of SPEC §4's table. */
export const dealKinds = ["cycle", "brokered", "chain"] as const;

/** A deal shape of SPEC §4. */
export type DealKind = (typeof dealKinds)[number];

/** The most parties a deal can have (`maxParties` is 2..this). */
export const maxPartiesLimit = 12;

/**
 * The most trades of a deal of a search of at most `maxParties` parties (a
 * brokered triangle has 3, whatever the parties): the length of a search's
 * and a pricing's per-trade buffers, and of a kept deal's slot.
 *
 * @example
 * tradesPerDeal(2); // 3
 */
export function tradesPerDeal(maxParties: number): number {
  return Math.max(3, maxParties);
}
