/** The deal shapes of SPEC §4. */
export type DealKind = "cycle" | "brokered" | "chain";

/** Every kind, in the order of SPEC §4's table. */
export const dealKinds: readonly DealKind[] = ["cycle", "brokered", "chain"];
