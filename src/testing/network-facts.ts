/**
 * Plain lookups over a network for the testing kit, written straight from
 * SPEC §2-§3 (no trade index): who offers and needs what, which relations
 * block, and a trade's figures. `proposalArb` builds its invalid proposals
 * with these, so that what it claims does not rest on the code it tests.
 */
import type { Firm, Need, Network, Offer } from "../index.js";

/** A trade's figures (SPEC §3) at quantity q. */
export interface TradeFigures {
  readonly quantity: number;
  readonly margin: number;
  readonly premium: number;
}

/** Lookups over one network. */
export class NetworkFacts {
  readonly firmIds: readonly string[];
  private readonly firms = new Map<string, Firm>();
  private readonly blocks = new Set<string>();

  constructor(readonly network: Network) {
    for (const firm of network.firms) this.firms.set(firm.id, firm);
    this.firmIds = network.firms.map((f) => f.id);
    for (const relation of network.relations ?? []) {
      if (relation.blocked === true)
        this.blocks.add(`${relation.seller}\u0000${relation.buyer}\u0000${relation.product ?? ""}`);
    }
  }

  /** Whether `id` is a firm of the network. */
  has(id: string): boolean {
    return this.firms.has(id);
  }

  /** The firm's hurdle (default 0); 0 for an unknown id. */
  hurdle(id: string): number {
    return this.firms.get(id)?.hurdle ?? 0;
  }

  /** The firm's offer of the product, if any. */
  offer(firm: string, product: string): Offer | undefined {
    return this.firms.get(firm)?.offers?.find((o) => o.product === product);
  }

  /** The firm's need of the product, if any. */
  need(firm: string, product: string): Need | undefined {
    return this.firms.get(firm)?.needs?.find((n) => n.product === product);
  }

  /** Every product some firm offers or needs, and those named by relations. */
  products(): string[] {
    const products = new Set<string>();
    for (const firm of this.network.firms) {
      for (const o of firm.offers ?? []) products.add(o.product);
      for (const n of firm.needs ?? []) products.add(n.product);
    }
    return [...products];
  }

  /** A relation blocks the pair for this product (SPEC §3). */
  blocked(seller: string, buyer: string, product: string): boolean {
    return (
      this.blocks.has(`${seller}\u0000${buyer}\u0000`) ||
      this.blocks.has(`${seller}\u0000${buyer}\u0000${product}`)
    );
  }

  /** The seller is the buyer's incumbent for the product. */
  incumbent(seller: string, buyer: string, product: string): boolean {
    return this.need(buyer, product)?.incumbent === seller;
  }

  /** A potential trade (SPEC §3): both firms known and distinct, an offer and a need, not blocked, not the incumbent. */
  isPotential(seller: string, buyer: string, product: string): boolean {
    return (
      seller !== buyer &&
      this.offer(seller, product) !== undefined &&
      this.need(buyer, product) !== undefined &&
      !this.blocked(seller, buyer, product) &&
      !this.incumbent(seller, buyer, product)
    );
  }

  /** The figures of seller→buyer for product at quantity q (default min(capacity, need)); undefined without offer or need. */
  figures(seller: string, buyer: string, product: string, q?: number): TradeFigures | undefined {
    const offer = this.offer(seller, product);
    const need = this.need(buyer, product);
    if (offer === undefined || need === undefined) return undefined;
    const quantity = q ?? Math.min(offer.capacity, need.quantity);
    const reference = need.referencePrice ?? offer.price;
    return {
      quantity,
      margin: (offer.price - offer.cost) * quantity,
      premium: (offer.price - reference) * quantity + (need.switchingCost ?? 0),
    };
  }

  /** An id that is neither a firm nor anyone's incumbent. */
  freshId(stem: string): string {
    const taken = new Set(this.firmIds);
    for (const firm of this.network.firms)
      for (const n of firm.needs ?? []) if (n.incumbent !== undefined) taken.add(n.incumbent);
    let id = stem;
    for (let i = 1; taken.has(id); i++) id = `${stem}-${i}`;
    return id;
  }
}
