/**
 * graphology interop: a network as a `MultiDirectedGraph` whose nodes are the
 * firms (their records as attributes) and whose edges are the potential trades
 * (SPEC §3) with their figures. Useful for drawing, for graphology's library
 * (neighbourhoods, layouts, metrics) and for handing the network to other code.
 * The search itself runs on the typed-array `TradeIndex`, not on this view.
 */
import { MultiDirectedGraph } from "graphology";
import { parseNetwork } from "../model/parse-network.js";
import type { Firm, Meta, Network, Relation } from "../model/types.js";
import { escapeIdPart } from "../search/deal-id.js";
import type { PotentialTrade } from "../trade-index/potential-trades.js";
import { tradeIndexOf } from "../trade-index/trade-index.js";

/** Node attributes: the firm's record without its id (the node key). */
export type FirmAttributes = Omit<Firm, "id">;

/** Edge attributes: one potential trade and its figures (its ends are the edge's). */
export type TradeAttributes = Omit<PotentialTrade, "seller" | "buyer">;

/** Graph attributes: what is not a firm or a trade. */
export interface NetworkAttributes {
  readonly currency?: string;
  readonly meta?: Meta;
  /** The relations (blocked pairs have no edge, so they travel here). */
  readonly relations: readonly Relation[];
}

/** The graphology view of a network. */
export type TradeGraph = MultiDirectedGraph<FirmAttributes, TradeAttributes, NetworkAttributes>;

/** An edge's key: `seller>buyer:product` as deal ids write a trade (SPEC §4, escapes included), so keys never collide. */
function tradeKey(seller: string, buyer: string, product: string): string {
  return `${escapeIdPart(seller)}>${escapeIdPart(buyer)}:${escapeIdPart(product)}`;
}

/**
 * Builds the graphology view: firms as nodes, potential trades as edges keyed
 * `seller>buyer:product`.
 *
 * @example
 * const graph = toGraph(network);
 * graph.outNeighbors("steel"); // the firms steel can sell to
 */
export function toGraph(network: Network): TradeGraph {
  const graph: TradeGraph = new MultiDirectedGraph();
  const attributes: { -readonly [K in keyof NetworkAttributes]: NetworkAttributes[K] } = {
    relations: network.relations ?? [],
  };
  if (network.currency !== undefined) attributes.currency = network.currency;
  if (network.meta !== undefined) attributes.meta = network.meta;
  graph.replaceAttributes(attributes);
  for (const { id, ...rest } of network.firms) graph.addNode(id, rest);
  const index = tradeIndexOf(network);
  for (let t = 0; t < index.tradeCount; t++) {
    const seller = index.firmId(index.tradeSeller(t));
    const buyer = index.firmId(index.tradeBuyer(t));
    const product = index.productId(index.tradeProduct(t));
    graph.addDirectedEdgeWithKey(tradeKey(seller, buyer, product), seller, buyer, {
      product,
      quantity: index.tradeQuantity(t),
      unitPrice: index.tradeUnitPrice(t),
      margin: index.tradeMargin(t),
      premium: index.tradePremium[t],
      probability: index.tradeProbability(t),
    });
  }
  return graph;
}

/**
 * Reads a network back from a graph: each node is a firm (its attributes are
 * the firm's fields), the graph's `relations`, `currency` and `meta` attributes
 * are the network's. Edges are ignored: trades follow from offers and needs.
 * The result is validated like any input.
 *
 * @throws NetworkError when the graph's data breaks SPEC §2
 */
export function fromGraph(graph: MultiDirectedGraph | TradeGraph): Network {
  const firms: unknown[] = [];
  graph.forEachNode((id, attributes) => {
    firms.push({ id, ...attributes });
  });
  const { relations, currency, meta } = graph.getAttributes() as Partial<NetworkAttributes>;
  const json: Record<string, unknown> = { firms, relations: relations ?? [] };
  if (currency !== undefined) json.currency = currency;
  if (meta !== undefined) json.meta = meta;
  return parseNetwork(json);
}
