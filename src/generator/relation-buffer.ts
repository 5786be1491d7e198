/**
 * Relations collected while the firms stream out, in growable typed columns
 * (~21 bytes each), to be written after the last firm.
 */

function grown<T extends Int32Array | Float64Array | Uint8Array>(array: T, size: number): T {
  if (size <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/** Relations as columns: seller, buyer, product (−1: the whole pair), probability (NaN: none), blocked. */
export class RelationBuffer {
  private sellers = new Int32Array(1024);
  private buyers = new Int32Array(1024);
  private products = new Int32Array(1024);
  private probabilities = new Float64Array(1024);
  private blocks = new Uint8Array(1024);
  /** Number of relations held. */
  size = 0;

  /** Appends a relation and returns its slot. */
  push(
    seller: number,
    buyer: number,
    product: number,
    probability: number,
    blocked: boolean,
  ): number {
    const slot = this.size++;
    if (slot >= this.sellers.length) {
      this.sellers = grown(this.sellers, slot + 1);
      this.buyers = grown(this.buyers, slot + 1);
      this.products = grown(this.products, slot + 1);
      this.probabilities = grown(this.probabilities, slot + 1);
      this.blocks = grown(this.blocks, slot + 1);
    }
    this.sellers[slot] = seller;
    this.buyers[slot] = buyer;
    this.products[slot] = product;
    this.probabilities[slot] = probability;
    this.blocks[slot] = blocked ? 1 : 0;
    return slot;
  }

  /** Marks a slot blocked. */
  block(slot: number): void {
    this.blocks[slot] = 1;
  }

  /** Sets a slot's probability unless it already has one. */
  offerProbability(slot: number, probability: number): void {
    if (Number.isNaN(this.probabilities[slot])) this.probabilities[slot] = probability;
  }

  /** The seller's firm index. */
  seller(slot: number): number {
    return this.sellers[slot];
  }

  /** The buyer's firm index. */
  buyer(slot: number): number {
    return this.buyers[slot];
  }

  /** The product, or −1 for a pair-level relation. */
  product(slot: number): number {
    return this.products[slot];
  }

  /** The probability, or NaN when the relation states none. */
  probability(slot: number): number {
    return this.probabilities[slot];
  }

  /** Whether the relation blocks the pair (or pair and product). */
  blocked(slot: number): boolean {
    return this.blocks[slot] === 1;
  }
}
