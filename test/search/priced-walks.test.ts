/**
 * The priced walks (column generation's pricing search) against a brute-force
 * enumeration of firm sequences: with any weights and any threshold τ, each
 * walk hands out exactly the sequences whose weight (SPEC-shape convention of
 * arc-prices.ts) is above τ, each once. Weights are quarter-integers and τ an
 * odd eighth, so no sum is ever at τ and float rounding cannot blur the edge.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNetwork } from "../../src/model/parse-network.js";
import { ArcPrices } from "../../src/search/arc-prices.js";
import type { DealKind } from "../../src/search/kinds.js";
import { PricedBrokeredWalk } from "../../src/search/priced-brokered-walk.js";
import { PricedChainWalk } from "../../src/search/priced-chain-walk.js";
import { PricedCycleWalk } from "../../src/search/priced-cycle-walk.js";
import { budgetSpent, type PricedWalk } from "../../src/search/priced-walk.js";
import { searchGraphOf } from "../../src/search/search-graph.js";
import { type TradeIndex, tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { smallNetwork } from "./small-network.js";

/** The firm pair of each arc, read from the index's own CSR. */
function arcsOf(index: TradeIndex): { seller: number; buyer: number; arc: number }[] {
  const arcs = [];
  for (let f = 0; f < index.firmCount; f++) {
    for (let a = index.outOffsets[f]; a < index.outOffsets[f + 1]; a++) {
      arcs.push({ seller: f, buyer: index.arcTarget[a], arc: a });
    }
  }
  return arcs;
}

/** Every firm sequence of a kind worth more than τ, by trying every tuple of firms. */
function bruteForce(
  index: TradeIndex,
  kind: DealKind,
  maxParties: number,
  arcWeight: Map<string, number>,
  penalty: readonly number[],
  tau: number,
): string[] {
  const n = index.firmCount;
  const w = (s: number, b: number) => arcWeight.get(`${s}>${b}`);
  const out: string[] = [];
  const sequences = (length: number): number[][] => {
    const all: number[][] = [];
    const grow = (path: number[]) => {
      if (path.length === length) {
        all.push(path);
        return;
      }
      for (let f = 0; f < n; f++) if (!path.includes(f)) grow([...path, f]);
    };
    grow([]);
    return all;
  };
  if (kind === "cycle") {
    for (let k = 2; k <= maxParties; k++) {
      for (const path of sequences(k)) {
        if (Math.min(...path) !== path[0]) continue;
        let sum = 0;
        let ok = true;
        for (let i = 0; i < k && ok; i++) {
          const x = w(path[i], path[(i + 1) % k]);
          if (x === undefined) ok = false;
          else sum += x;
        }
        if (ok && sum > tau) out.push(`cycle ${path.join(",")}`);
      }
    }
  } else if (kind === "chain") {
    for (let k = 3; k <= maxParties; k++) {
      for (const path of sequences(k)) {
        let sum = -penalty[path[k - 1]];
        let ok = true;
        for (let i = 0; i + 1 < k && ok; i++) {
          const x = w(path[i], path[i + 1]);
          if (x === undefined) ok = false;
          else sum += x;
        }
        if (ok && sum > tau) out.push(`chain ${path.join(",")}`);
      }
    }
  } else if (maxParties >= 3) {
    for (const [s, m, d] of sequences(3)) {
      const a = w(s, m);
      const b = w(m, d);
      const c = w(s, d);
      if (a === undefined || b === undefined || c === undefined) continue;
      if (a + b + c + penalty[s] - penalty[d] > tau) out.push(`brokered ${s},${m},${d}`);
    }
  }
  return out.sort();
}

/** Everything a walk hands out, as firm sequences, in small budget slices. */
function walkAll(walk: PricedWalk, index: TradeIndex, budget: number): string[] {
  const arcs = new Int32Array(12);
  const out: string[] = [];
  const sellerOf = (code: number) =>
    code >= 0 ? index.tradeSeller(code >>> 1) : index.arcSource(~code);
  for (;;) {
    const count = walk.nextShape(arcs, budget);
    if (count === 0) return out.sort();
    if (count === budgetSpent) continue;
    const firms: number[] = [];
    for (let i = 0; i < count; i++) firms.push(sellerOf(arcs[i]));
    if (walk.kind === "chain") {
      const last = arcs[count - 1];
      firms.push(last >= 0 ? index.tradeBuyer(last >>> 1) : index.arcTarget[~last]);
    }
    if (walk.kind === "brokered") firms.splice(2, 1, index.tradeBuyer(firstTrade(arcs[1])));
    out.push(`${walk.kind} ${firms.join(",")}`);
  }
  function firstTrade(code: number): number {
    return code >= 0 ? code >>> 1 : index.arcTrades[~code];
  }
}

const quarter = fc.integer({ min: -12, max: 12 }).map((x) => x / 4);

describe("priced walks", () => {
  it("hand out exactly the firm sequences worth more than τ, each once", () => {
    fc.assert(
      fc.property(
        smallNetwork({ maxFirms: 5 }),
        fc.array(quarter, { minLength: 64, maxLength: 64 }),
        fc.array(
          fc.integer({ min: 0, max: 8 }).map((x) => x / 4),
          { minLength: 8, maxLength: 8 },
        ),
        fc.integer({ min: -12, max: 12 }).map((x) => x / 4 + 1 / 8),
        fc.integer({ min: 2, max: 4 }),
        fc.constantFrom(1, 3, 1000),
        (network, weights, penalties, tau, maxParties, budget) => {
          const index = tradeIndexOf(parseNetwork(network));
          const graph = searchGraphOf(index, true);
          const tradeWeight = Float64Array.from(
            { length: index.tradeCount },
            (_, t) => weights[t % weights.length],
          );
          const firmPenalty = Float64Array.from(
            { length: index.firmCount },
            (_, f) => penalties[f % penalties.length],
          );
          const prices = new ArcPrices(graph, tradeWeight, firmPenalty, maxParties);
          prices.threshold = tau;
          // The arc weight is the best of its trades' (products), computed here from the index.
          const arcWeight = new Map<string, number>();
          for (const { seller, buyer, arc } of arcsOf(index)) {
            let best = Number.NEGATIVE_INFINITY;
            for (let t = index.arcTrades[arc]; t < index.arcTrades[arc + 1]; t++)
              best = Math.max(best, tradeWeight[t]);
            arcWeight.set(`${seller}>${buyer}`, best);
          }
          const penalty = Array.from(firmPenalty);
          const workspace = graph.acquire();
          // Brokered deals need 3 parties: the caller runs that walk only then (as DealCursor).
          const walks: [DealKind, PricedWalk][] = [
            ["cycle", new PricedCycleWalk(prices, workspace)],
            ["chain", new PricedChainWalk(prices)],
          ];
          if (maxParties >= 3) walks.push(["brokered", new PricedBrokeredWalk(prices, workspace)]);
          for (const [kind, walk] of walks) {
            expect(walkAll(walk, index, budget)).toEqual(
              bruteForce(index, kind, maxParties, arcWeight, penalty, tau),
            );
          }
          expect(workspace.mark.every((m) => m === 0)).toBe(true);
          graph.release(workspace);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a hand-built triangle: the cycle is handed out once, from the right root", () => {
    // a→b→c→a with weights 3, −1, −1 (sum 1): from a the prefixes are 3 and 2
    // (both > 0), from b −1 (cut), from c −1 (cut): found once, from a. With
    // τ = 1.5 nothing is found (the sum is 1). Cycle weights are arc sums.
    const network = parseNetwork({
      firms: [
        {
          id: "a",
          offers: [{ product: "x", price: 10, cost: 5, capacity: 1 }],
          needs: [{ product: "z", quantity: 1, referencePrice: 9 }],
        },
        {
          id: "b",
          offers: [{ product: "y", price: 10, cost: 5, capacity: 1 }],
          needs: [{ product: "x", quantity: 1, referencePrice: 9 }],
        },
        {
          id: "c",
          offers: [{ product: "z", price: 10, cost: 5, capacity: 1 }],
          needs: [{ product: "y", quantity: 1, referencePrice: 9 }],
        },
      ],
    });
    const index = tradeIndexOf(network);
    const graph = searchGraphOf(index, true);
    const weight = new Float64Array(index.tradeCount);
    for (let t = 0; t < index.tradeCount; t++) weight[t] = index.tradeSeller(t) === 0 ? 3 : -1;
    const prices = new ArcPrices(graph, weight, new Float64Array(3), 3);
    const found = walkAll(new PricedCycleWalk(prices, graph.acquire()), index, 1000);
    expect(found).toEqual(["cycle 0,1,2"]);
    prices.threshold = 1.5;
    expect(walkAll(new PricedCycleWalk(prices, graph.acquire()), index, 1000)).toEqual([]);
  });
});
