import { describe, expect, it } from "vitest";
import { findDeals } from "../../src/economics/find-deals.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { completeGraph } from "./complete-graph.js";

describe("completeGraph", () => {
  it("has n(n−1) trades and the cycle counts of K_n: K5 has 10 2-cycles and 20 3-cycles", () => {
    const network = parseNetwork(completeGraph(5));
    expect(tradeIndexOf(network).tradeCount).toBe(20);
    const deals = findDeals(network, { kinds: ["cycle"], maxParties: 3, top: Infinity });
    // 5·4/2 = 10 two-cycles, 5·4·3/3 = 20 three-cycles; surplus 350·k each.
    expect(deals.filter((d) => d.parties.length === 2)).toHaveLength(10);
    expect(deals.filter((d) => d.parties.length === 3)).toHaveLength(20);
    expect(deals.every((d) => d.surplus === 350 * d.parties.length && d.feasible)).toBe(true);
  });
});
