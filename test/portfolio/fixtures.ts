/**
 * Test fixtures for the portfolio, written independently of src/portfolio:
 * random small networks with their deals (a brute-force lister of 2- and
 * 3-cycles and brokered triangles over the network's own offers and needs),
 * a validator that recomputes every capacity, quantity and maxDeals sum from
 * the network JSON, and an oracle that tries every subset of the deals.
 */
import fc from "fast-check";
import type { Deal, DealTrade, Objective } from "../../src/economics/deal.js";
import type { Firm, Network } from "../../src/model/types.js";

/** A network with candidate deals over it. */
export interface Instance {
  readonly network: Network;
  readonly deals: readonly Deal[];
}

interface RawTrade {
  readonly seller: string;
  readonly buyer: string;
  readonly product: string;
  readonly quantity: number;
}

/** Every potential trade (no relations, no incumbents): s offers p, b ≠ s needs p, q = min(capacity, quantity). */
function tradesOf(network: Network): RawTrade[] {
  const trades: RawTrade[] = [];
  for (const s of network.firms) {
    for (const offer of s.offers ?? []) {
      for (const b of network.firms) {
        if (b.id === s.id) continue;
        const need = (b.needs ?? []).find((n) => n.product === offer.product);
        if (need) {
          const quantity = Math.min(offer.capacity, need.quantity);
          trades.push({ seller: s.id, buyer: b.id, product: offer.product, quantity });
        }
      }
    }
  }
  return trades;
}

/** All 2- and 3-cycles (each rotation once) and brokered triangles, as trade lists. */
export function listShapes(network: Network): { kind: Deal["kind"]; trades: RawTrade[] }[] {
  const trades = tradesOf(network);
  const from = (s: string, b: string) => trades.filter((t) => t.seller === s && t.buyer === b);
  const ids = network.firms.map((f) => f.id).sort();
  const shapes: { kind: Deal["kind"]; trades: RawTrade[] }[] = [];
  for (const a of ids) {
    for (const b of ids) {
      if (b <= a) continue;
      for (const x of from(a, b))
        for (const y of from(b, a)) shapes.push({ kind: "cycle", trades: [x, y] });
      for (const c of ids) {
        if (c <= a || c === b) continue;
        for (const x of from(a, b))
          for (const y of from(b, c))
            for (const z of from(c, a)) shapes.push({ kind: "cycle", trades: [x, y, z] });
      }
    }
  }
  for (const s of ids)
    for (const m of ids)
      for (const d of ids) {
        if (s === m || m === d || s === d) continue;
        for (const x of from(s, m))
          for (const y of from(m, d))
            for (const z of from(s, d)) shapes.push({ kind: "brokered", trades: [x, y, z] });
      }
  return shapes;
}

/** A Deal object for a list of trades, with the given figures. */
export function makeDeal(
  kind: Deal["kind"],
  trades: readonly RawTrade[],
  figures: { surplus: number; probability?: number; feasible?: boolean; initiatorNet?: number },
): Deal {
  const probability = figures.probability ?? 1;
  const dealTrades: DealTrade[] = trades.map((t) => ({
    ...t,
    unitPrice: 10,
    margin: 5 * t.quantity,
    premium: 1,
    probability: 1,
    discount: 0,
    counter: null,
  }));
  const firms = [...new Set(trades.flatMap((t) => [t.seller, t.buyer]))];
  return {
    id: `${kind}:${trades.map((t) => `${t.seller}>${t.buyer}:${t.product}`).join("|")}`,
    kind,
    feasible: figures.feasible ?? true,
    defensible: figures.feasible ?? true,
    score: figures.surplus,
    surplus: figures.surplus,
    probability,
    expectedSurplus: probability * figures.surplus,
    trades: dealTrades,
    parties: firms.map((firm) => ({
      firm,
      marginGained: 0,
      premiumPaid: 0,
      discountGiven: 0,
      discountReceived: 0,
      net: 0,
      exposure: 0,
      defensible: figures.feasible ?? true,
    })),
    ...(figures.initiatorNet === undefined
      ? {}
      : {
          initiator: {
            firm: trades[0].seller,
            marginGained: 0,
            marginGivenUp: 0,
            net: figures.initiatorNet,
            newCustomers: 1,
            keyAccountsWon: 0,
            efficiency: Number.POSITIVE_INFINITY,
          },
        }),
  };
}

const slot = fc.option(fc.integer({ min: 1, max: 4 }), { freq: 3 });
const firmArb = (products: number) =>
  fc.record({
    offers: fc.array(slot, { minLength: products, maxLength: products }),
    needs: fc.array(slot, { minLength: products, maxLength: products }),
    maxDeals: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
  });

/** A random network of 3–5 firms over 2 products (dense: most firms offer and need most products). */
export const networkArb: fc.Arbitrary<Network> = fc
  .array(firmArb(2), { minLength: 3, maxLength: 5 })
  .map((firms) => ({
    firms: firms.map(
      (f, i): Firm => ({
        id: `f${i}`,
        ...(f.maxDeals === undefined ? {} : { maxDeals: f.maxDeals }),
        offers: f.offers.flatMap((capacity, p) =>
          capacity === null ? [] : [{ product: `p${p}`, price: 10, cost: 5, capacity }],
        ),
        needs: f.needs.flatMap((quantity, p) =>
          quantity === null ? [] : [{ product: `p${p}`, quantity }],
        ),
      }),
    ),
  }));

/**
 * A random network and up to `maxDeals` of its deals. Values are in tenths
 * (some ≤ 0), some deals are infeasible, some use less than the full quantity
 * of a trade (a proposal may), and with `initiator` every deal carries an
 * initiator net.
 */
export function instanceArb(
  options: { maxDeals?: number; initiator?: boolean } = {},
): fc.Arbitrary<Instance> {
  const maxDeals = options.maxDeals ?? 12;
  return networkArb.chain((network) => {
    const shapes = listShapes(network);
    const figures = fc.record({
      surplus: fc.integer({ min: -10, max: 60 }).map((x) => x / 10),
      probability: fc.constantFrom(1, 1, 0.5, 0.8),
      infeasible: fc.integer({ min: 0, max: 9 }),
      initiatorNet: fc.integer({ min: -10, max: 50 }).map((x) => x / 10),
      shrink: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
    });
    return fc
      .uniqueArray(fc.tuple(fc.nat(Math.max(0, shapes.length - 1)), figures), {
        minLength: Math.min(shapes.length, Math.ceil(maxDeals / 2)),
        maxLength: shapes.length === 0 ? 0 : maxDeals,
        selector: ([i]) => i,
      })
      .map((picks) => ({
        network,
        deals: picks.map(([i, f]) =>
          makeDeal(
            shapes[i].kind,
            shapes[i].trades.map((t, k) => ({
              ...t,
              quantity: Math.max(1, t.quantity - f.shrink[k]),
            })),
            {
              surplus: f.surplus,
              probability: f.probability,
              feasible: f.infeasible !== 0,
              ...(options.initiator ? { initiatorNet: f.initiatorNet } : {}),
            },
          ),
        ),
      }));
  });
}

/** The value of a deal under an objective, recomputed here. */
export function valueUnder(deal: Deal, objective: Objective): number {
  if (objective === "surplus") return deal.surplus;
  if (objective === "expectedSurplus") return deal.probability * deal.surplus;
  const net = deal.initiator!.net;
  return objective === "initiatorNet" ? net : deal.probability * net;
}

/**
 * Every way `chosen` breaks SPEC §6 over `network` (empty when valid):
 * offers, needs and maxDeals recomputed from the network JSON, plus chosen
 * deals that are infeasible, repeated or not among `candidates`.
 */
export function violations(
  network: Network,
  candidates: readonly Deal[],
  chosen: readonly Deal[],
): string[] {
  const problems: string[] = [];
  const ids = new Set(candidates.map((d) => d.id));
  const seen = new Set<string>();
  for (const deal of chosen) {
    if (!ids.has(deal.id)) problems.push(`${deal.id} is not a candidate`);
    if (seen.has(deal.id)) problems.push(`${deal.id} chosen twice`);
    seen.add(deal.id);
    if (!deal.feasible) problems.push(`${deal.id} is infeasible`);
  }
  const within = (sum: number, limit: number) => sum <= limit + 1e-9 * Math.max(1, limit);
  for (const firm of network.firms) {
    for (const offer of firm.offers ?? []) {
      let sum = 0;
      for (const deal of chosen)
        for (const t of deal.trades)
          if (t.seller === firm.id && t.product === offer.product) sum += t.quantity;
      if (!within(sum, offer.capacity))
        problems.push(`offer ${firm.id}/${offer.product}: ${sum} > ${offer.capacity}`);
    }
    for (const need of firm.needs ?? []) {
      let sum = 0;
      for (const deal of chosen)
        for (const t of deal.trades)
          if (t.buyer === firm.id && t.product === need.product) sum += t.quantity;
      if (!within(sum, need.quantity))
        problems.push(`need ${firm.id}/${need.product}: ${sum} > ${need.quantity}`);
    }
    if (firm.maxDeals !== undefined) {
      const count = chosen.filter((d) =>
        d.trades.some((t) => t.seller === firm.id || t.buyer === firm.id),
      ).length;
      if (count > firm.maxDeals)
        problems.push(`firm ${firm.id} in ${count} deals > ${firm.maxDeals}`);
    }
  }
  return problems;
}

/**
 * The best Σ value over every valid subset of the deals (brute force over all
 * 2^n subsets by include/exclude, ≤ 16 deals). Each deal's use of every
 * offer, need and maxDeals slot is recomputed from the network JSON.
 */
export function bestBySubsets(
  network: Network,
  deals: readonly Deal[],
  objective: Objective,
): number {
  if (deals.length > 16) throw new Error("too many deals for the subset oracle");
  const limits = new Map<string, number>();
  for (const firm of network.firms) {
    for (const o of firm.offers ?? []) limits.set(`offer ${firm.id} ${o.product}`, o.capacity);
    for (const n of firm.needs ?? []) limits.set(`need ${firm.id} ${n.product}`, n.quantity);
    if (firm.maxDeals !== undefined) limits.set(`firm ${firm.id}`, firm.maxDeals);
  }
  const keys = [...limits.keys()];
  const uses = deals.map((deal) => {
    const use = new Map<string, number>();
    const bump = (key: string, amount: number) => use.set(key, (use.get(key) ?? 0) + amount);
    for (const t of deal.trades) {
      bump(`offer ${t.seller} ${t.product}`, t.quantity);
      bump(`need ${t.buyer} ${t.product}`, t.quantity);
    }
    for (const firm of new Set(deal.trades.flatMap((t) => [t.seller, t.buyer])))
      bump(`firm ${firm}`, 1);
    return keys.map((key) => use.get(key) ?? 0);
  });
  const cap = keys.map((key) => limits.get(key)!);
  const used = keys.map(() => 0);
  const allowed = deals.map((d) => d.feasible);
  const values = deals.map((d) => valueUnder(d, objective));
  let best = 0;
  const visit = (i: number, total: number): void => {
    if (i === deals.length) {
      best = Math.max(best, total);
      return;
    }
    visit(i + 1, total);
    if (!allowed[i]) return;
    const use = uses[i];
    if (use.some((u, k) => used[k] + u > cap[k] + 1e-9 * Math.max(1, cap[k]))) return;
    use.forEach((u, k) => {
      used[k] += u;
    });
    visit(i + 1, total + values[i]);
    use.forEach((u, k) => {
      used[k] -= u;
    });
  };
  visit(0, 0);
  return best;
}

/** `a` and `b` agree within a relative 1e-9. */
export function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
