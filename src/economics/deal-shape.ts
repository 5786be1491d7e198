/**
 * Recognizes SPEC §4's shapes in a list of trades given in any order, and
 * puts the trades in the SPEC's order: a cycle from its smallest firm id,
 * brokered S→M, M→D, S→D, a chain from its sponsor. Anything else is `custom`,
 * its trades sorted by (seller, buyer, product).
 */
import type { DealShape } from "./deal.js";

/** One trade as firm integers (integer order is id order) and a product integer. */
export interface ShapeTrade {
  readonly seller: number;
  readonly buyer: number;
  readonly product: number;
}

/** The recognized shape and the trades' positions in its order. */
export interface RecognizedShape {
  readonly kind: DealShape;
  /** Positions in the given list, in the shape's order. */
  readonly order: readonly number[];
}

/** Trades by (seller, buyer, product): the custom order. */
function sortedOrder(trades: readonly ShapeTrade[]): number[] {
  return trades
    .map((_, i) => i)
    .sort((x, y) => {
      const a = trades[x];
      const b = trades[y];
      return a.seller - b.seller || a.buyer - b.buyer || a.product - b.product;
    });
}

/** The trades of a path or cycle followed from `start` via each firm's one sale. */
function follow(
  trades: readonly ShapeTrade[],
  sale: Map<number, number>,
  start: number,
  count: number,
): number[] | undefined {
  const order: number[] = [];
  let firm = start;
  for (let step = 0; step < count; step++) {
    const t = sale.get(firm);
    if (t === undefined) return undefined;
    order.push(t);
    firm = trades[t].buyer;
  }
  return order;
}

/**
 * The shape of a set of trades (distinct, no self-trades) and their order.
 *
 * @example
 * recognizeShape([{ seller: 1, buyer: 0, product: 0 }, { seller: 0, buyer: 1, product: 1 }])
 * // { kind: "cycle", order: [1, 0] }
 */
export function recognizeShape(trades: readonly ShapeTrade[]): RecognizedShape {
  const n = trades.length;
  const sales = new Map<number, number>();
  const purchases = new Map<number, number>();
  const sale = new Map<number, number>();
  for (let t = 0; t < n; t++) {
    const { seller, buyer } = trades[t];
    sales.set(seller, (sales.get(seller) ?? 0) + 1);
    purchases.set(buyer, (purchases.get(buyer) ?? 0) + 1);
    sale.set(seller, t);
  }
  const firms = new Set([...sales.keys(), ...purchases.keys()]);
  const outOf = (f: number) => sales.get(f) ?? 0;
  const inOf = (f: number) => purchases.get(f) ?? 0;
  const all = [...firms];
  if (n >= 2 && firms.size === n && all.every((f) => outOf(f) === 1 && inOf(f) === 1)) {
    const order = follow(trades, sale, Math.min(...all), n);
    if (order !== undefined && trades[order[n - 1]].buyer === Math.min(...all)) {
      const visited = new Set(order.map((t) => trades[t].seller));
      if (visited.size === n) return { kind: "cycle", order };
    }
  }
  if (n === 3 && firms.size === 3) {
    const s = all.find((f) => outOf(f) === 2 && inOf(f) === 0);
    const d = all.find((f) => inOf(f) === 2 && outOf(f) === 0);
    const m = all.find((f) => f !== s && f !== d);
    if (s !== undefined && d !== undefined && m !== undefined) {
      const find = (a: number, b: number) =>
        trades.findIndex((t) => t.seller === a && t.buyer === b);
      const order = [find(s, m), find(m, d), find(s, d)];
      if (order.every((t) => t >= 0)) return { kind: "brokered", order };
    }
  }
  if (n >= 2 && firms.size === n + 1 && all.every((f) => outOf(f) <= 1 && inOf(f) <= 1)) {
    const sponsor = all.find((f) => inOf(f) === 0);
    const order = sponsor === undefined ? undefined : follow(trades, sale, sponsor, n);
    if (order !== undefined) return { kind: "chain", order };
  }
  return { kind: "custom", order: sortedOrder(trades) };
}
