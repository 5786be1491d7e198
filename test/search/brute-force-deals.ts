/**
 * A brute-force deal enumerator written straight from SPEC §3 and §4, for the
 * property tests of the deal cursor. It reads the plain network JSON (not the
 * trade index), derives the potential trades itself, and lists deals by
 * trying every tuple of distinct firms and every product choice. Slow and
 * obviously right: use it on networks of a handful of firms.
 */

/** The plain JSON of a network, as the arbitraries build it (SPEC §2). */
export interface PlainNetwork {
  firms: {
    id: string;
    offers?: { product: string; price: number; cost: number; capacity: number }[];
    needs?: {
      product: string;
      quantity: number;
      referencePrice?: number;
      switchingCost?: number;
      incumbent?: string;
    }[];
  }[];
  relations?: {
    seller: string;
    buyer: string;
    product?: string;
    probability?: number;
    blocked?: boolean;
  }[];
}

/** One potential trade with what the rules need. */
interface PlainTrade {
  seller: string;
  buyer: string;
  product: string;
  quantity: number;
  premium: number;
  capacity: number;
  needQuantity: number;
}

/** One brute-force deal: its kind, parties and SPEC §4 id. */
export interface PlainDeal {
  kind: "cycle" | "brokered" | "chain";
  id: string;
  parties: string[];
}

/** The potential trades of SPEC §3, by `seller\0buyer`. */
function tradesByPair(network: PlainNetwork): Map<string, PlainTrade[]> {
  const byPair = new Map<string, PlainTrade[]>();
  const relations = network.relations ?? [];
  const blocked = (s: string, b: string, p: string) =>
    relations.some(
      (r) =>
        r.seller === s &&
        r.buyer === b &&
        r.blocked === true &&
        (r.product === undefined || r.product === p),
    );
  for (const seller of network.firms) {
    for (const offer of seller.offers ?? []) {
      for (const buyer of network.firms) {
        if (buyer.id === seller.id) continue;
        const need = (buyer.needs ?? []).find((n) => n.product === offer.product);
        if (need === undefined || need.incumbent === seller.id) continue;
        if (blocked(seller.id, buyer.id, offer.product)) continue;
        const quantity = Math.min(offer.capacity, need.quantity);
        const reference = need.referencePrice ?? offer.price;
        const key = `${seller.id}\u0000${buyer.id}`;
        const list = byPair.get(key) ?? [];
        list.push({
          seller: seller.id,
          buyer: buyer.id,
          product: offer.product,
          quantity,
          premium: (offer.price - reference) * quantity + (need.switchingCost ?? 0),
          capacity: offer.capacity,
          needQuantity: need.quantity,
        });
        byPair.set(key, list);
      }
    }
  }
  return byPair;
}

/** Every sequence of `length` distinct items of `items`. */
function tuples(items: string[], length: number): string[][] {
  if (length === 0) return [[]];
  const out: string[][] = [];
  for (const rest of tuples(items, length - 1)) {
    for (const item of items) if (!rest.includes(item)) out.push([...rest, item]);
  }
  return out;
}

/** Every choice of one element per list. */
function choices<T>(lists: T[][]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((c) => list.map((x) => [...c, x])), [[]]);
}

/** SPEC §4's rules: some premium > 0, and no offer or need overdrawn by the deal's trades together. */
function isDeal(trades: PlainTrade[]): boolean {
  if (!trades.some((t) => t.premium > 0)) return false;
  const drawn = new Map<string, { used: number; limit: number }>();
  for (const t of trades) {
    for (const [key, limit] of [
      [`offer ${t.seller} ${t.product}`, t.capacity],
      [`need ${t.buyer} ${t.product}`, t.needQuantity],
    ] as const) {
      const entry = drawn.get(key) ?? { used: 0, limit };
      entry.used += t.quantity;
      drawn.set(key, entry);
    }
  }
  return [...drawn.values()].every((e) => e.used <= e.limit);
}

/**
 * Every SPEC §4 deal of the network with at most `maxParties` parties, of every
 * kind (cycles from 2 parties, brokered at exactly 3, chains from 3).
 */
export function bruteForceDeals(network: PlainNetwork, maxParties: number): PlainDeal[] {
  const byPair = tradesByPair(network);
  const ids = network.firms.map((f) => f.id);
  const arcs = (pairs: [string, string][]) =>
    choices(pairs.map(([s, b]) => byPair.get(`${s}\u0000${b}`) ?? []));
  const deals: PlainDeal[] = [];
  const add = (kind: PlainDeal["kind"], parties: string[], pairs: [string, string][]) => {
    for (const trades of arcs(pairs)) {
      if (!isDeal(trades)) continue;
      // SPEC §4: `\`, `>`, `:` and `|` inside ids are escaped with a `\`.
      const e = (text: string) => text.replace(/[\\>:|]/g, (c) => `\\${c}`);
      const id = `${kind}:${trades.map((t) => `${e(t.seller)}>${e(t.buyer)}:${e(t.product)}`).join("|")}`;
      deals.push({ kind, id, parties });
    }
  };
  for (let k = 2; k <= maxParties; k++) {
    for (const cycle of tuples(ids, k)) {
      // Listed from its smallest firm (UTF-16 order), so each cycle once.
      if (cycle.some((v) => v < cycle[0])) continue;
      add(
        "cycle",
        cycle,
        cycle.map((v, i) => [v, cycle[(i + 1) % k]]),
      );
    }
  }
  if (maxParties >= 3) {
    for (const [s, m, d] of tuples(ids, 3)) {
      add(
        "brokered",
        [s!, m!, d!],
        [
          [s!, m!],
          [m!, d!],
          [s!, d!],
        ],
      );
    }
  }
  for (let k = 3; k <= maxParties; k++) {
    for (const chain of tuples(ids, k)) {
      add(
        "chain",
        chain,
        chain.slice(1).map((v, i) => [chain[i], v]),
      );
    }
  }
  return deals;
}
