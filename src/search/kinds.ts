/** The deal shapes of SPEC §4 (in the order of its table), and the most parties a deal can have. */

/** Every kind, in the order of SPEC §4's table. */
export const dealKinds = ["cycle", "brokered", "chain"] as const;

/** A deal shape of SPEC §4. */
export type DealKind = (typeof dealKinds)[number];

/** The most parties a deal can have (`maxParties` is 2..this). */
export const maxPartiesLimit = 12;
