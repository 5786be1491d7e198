/**
 * The relations of a network grouped by seller→buyer pair, so that a proposal's
 * trades are checked for blocks without scanning every relation each time.
 * Built once per network and cached.
 */
import type { Network, Relation } from "../model/types.js";

const cache = new WeakMap<Network, Map<string, Relation[]>>();

function pairKey(seller: string, buyer: string): string {
  return `${seller}\u0000${buyer}`;
}

function relationsByPair(network: Network): Map<string, Relation[]> {
  let byPair = cache.get(network);
  if (byPair === undefined) {
    byPair = new Map();
    for (const relation of network.relations ?? []) {
      const key = pairKey(relation.seller, relation.buyer);
      const list = byPair.get(key);
      if (list === undefined) byPair.set(key, [relation]);
      else list.push(relation);
    }
    cache.set(network, byPair);
  }
  return byPair;
}

/** How a trade is blocked (SPEC §3: by any relation that applies and says `blocked: true`). */
export type Block = "pair" | "product";

/**
 * Whether a relation blocks `seller` selling `product` to `buyer`: `"pair"`
 * when a pair-level relation (no product) blocks every product, `"product"`
 * when the pair+product relation blocks this one, `undefined` when nothing does.
 */
export function blockOf(
  network: Network,
  seller: string,
  buyer: string,
  product: string,
): Block | undefined {
  const relations = relationsByPair(network).get(pairKey(seller, buyer));
  if (relations === undefined) return undefined;
  let block: Block | undefined;
  for (const relation of relations) {
    if (relation.blocked !== true) continue;
    if (relation.product === undefined) return "pair";
    if (relation.product === product) block = "product";
  }
  return block;
}
