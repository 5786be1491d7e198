/**
 * The network data model (SPEC §2): firms, what they offer and need, and the
 * relations between them. A `Network` is the validated input, exactly as the
 * user wrote it (optional fields stay optional, `meta` is carried untouched);
 * defaults are applied where the figures are computed.
 */

/** Free-form user data carried through untouched. */
export type Meta = { readonly [key: string]: unknown };

/** What a firm sells: one offer per product. */
export interface Offer {
  readonly product: string;
  /** Unit price, > 0. */
  readonly price: number;
  /** Unit cost, 0 ≤ cost ≤ price. */
  readonly cost: number;
  /** Units it can sell, > 0. */
  readonly capacity: number;
  readonly meta?: Meta;
}

/** What a firm buys: one need per product. */
export interface Need {
  readonly product: string;
  /** Units it buys, > 0. */
  readonly quantity: number;
  /** What it pays its current supplier per unit (default: the new seller's price). */
  readonly referencePrice?: number;
  /** One-off cost of switching supplier (default 0). */
  readonly switchingCost?: number;
  /** Id of today's supplier; may be a competitor outside the network. */
  readonly incumbent?: string;
  /**
   * The lowest unit price the incumbent is believed to accept, ≥ 0 (only with
   * `incumbent`): how far it can cut its price to keep this buyer (SPEC §5,
   * the competitor's counter). Default: the incumbent's cost for the product
   * when it is a firm of the network that offers it, else unknown.
   */
  readonly incumbentFloor?: number;
  readonly meta?: Meta;
}

/** A firm of the network. */
export interface Firm {
  readonly id: string;
  readonly name?: string;
  readonly industry?: string;
  /** A big customer (default false). */
  readonly keyAccount?: boolean;
  /** Least net gain the firm needs to join a deal (default 0). */
  readonly hurdle?: number;
  /** How many chosen deals the firm can be in at once (default unlimited). */
  readonly maxDeals?: number;
  readonly offers?: readonly Offer[];
  readonly needs?: readonly Need[];
  readonly meta?: Meta;
}

/** A fact about selling from `seller` to `buyer`, for one product or (omitted) all. */
export interface Relation {
  readonly seller: string;
  readonly buyer: string;
  readonly product?: string;
  /** Chance that this trade closes, in (0, 1] (default 1). */
  readonly probability?: number;
  /** This pair will not trade (this product, or any without `product`). */
  readonly blocked?: boolean;
  readonly meta?: Meta;
}

/** A validated network (SPEC §2). Build one with `parseNetwork` or `readNetwork`. */
export interface Network {
  readonly currency?: string;
  readonly meta?: Meta;
  readonly firms: readonly Firm[];
  readonly relations?: readonly Relation[];
}
