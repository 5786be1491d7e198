import fc from "fast-check";
import { MultiDirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { fromGraph, toGraph } from "../../src/interop/graph.js";
import { NetworkError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { potentialTrades } from "../../src/trade-index/potential-trades.js";
import { randomNetwork } from "../helpers/random-network.js";

describe("graphology interop", () => {
  it("keys edges as deal ids write trades, so ids with > : | never collide", () => {
    // Unescaped, a>b sells "x:c" and "a>b:x" sells c to ... would both read "a>b:x:c".
    const network = parseNetwork({
      firms: [
        { id: "a", offers: [{ product: "x:c", price: 2, cost: 1, capacity: 1 }] },
        { id: "b", needs: [{ product: "x:c", quantity: 1 }] },
        { id: "a>b:x", offers: [{ product: "c", price: 2, cost: 1, capacity: 1 }] },
        { id: "b2", needs: [{ product: "c", quantity: 1 }] },
      ],
    });
    const graph = toGraph(network);
    expect(graph.edges().sort()).toEqual(["a>b:x\\:c", "a\\>b\\:x>b2:c"]);
    expect(fromGraph(graph)).toEqual(network);
  });

  it("round-trips a network through toGraph and fromGraph", () => {
    fc.assert(
      fc.property(randomNetwork(), (json) => {
        const network = parseNetwork({ currency: "EUR", meta: { k: [1] }, ...json });
        const back = fromGraph(toGraph(network));
        expect(back).toEqual(network);
      }),
      { numRuns: 100 },
    );
  });

  it("has one edge per potential trade with its figures", () => {
    fc.assert(
      fc.property(randomNetwork(), (json) => {
        const network = parseNetwork(json);
        const graph = toGraph(network);
        const trades = [...potentialTrades(network)];
        expect(graph.size).toBe(trades.length);
        expect(graph.order).toBe(network.firms.length);
        for (const t of trades) {
          const key = `${t.seller}>${t.buyer}:${t.product}`;
          expect(graph.source(key)).toBe(t.seller);
          expect(graph.target(key)).toBe(t.buyer);
          expect(graph.getEdgeAttribute(key, "premium")).toBe(t.premium);
          expect(graph.getEdgeAttribute(key, "margin")).toBe(t.margin);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("validates a hand-built graph", () => {
    const graph = new MultiDirectedGraph();
    graph.addNode("a", { offers: [{ product: "x", price: 1, cost: 2, capacity: 1 }] });
    expect(() => fromGraph(graph)).toThrow(NetworkError);
  });
});
