/**
 * Column generation's start: the deals of a listing cut short seed the pool
 * and the first packing, best first, so a deadline that leaves no time for
 * pricing still returns the listing's greedy packing. Checked on K12 (every
 * 3-cycle is worth 1,050 and every 2-cycle 700; each need of 10 units takes
 * one trade) against a greedy computed here from the deals' own trades (the
 * generation's packing may add deals its first pricing round found).
 */
import { describe, expect, it } from "vitest";
import { DealScan } from "../../src/economics/deal-scan.js";
import { findDeals } from "../../src/economics/find-deals.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { generateColumns } from "../../src/portfolio/column-generation.js";
import { ColumnPool } from "../../src/portfolio/column-pool.js";
import { Deadline } from "../../src/portfolio/deadline.js";
import { Pricer } from "../../src/portfolio/pricing.js";
import { RowSpace } from "../../src/portfolio/row-space.js";
import { generationSettings } from "../../src/portfolio/select-deals.js";
import { defaultExactSettings } from "../../src/portfolio/select-portfolio.js";
import type { DealKind } from "../../src/search/kinds.js";
import { searchGraphOf } from "../../src/search/search-graph.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { completeGraph } from "../helpers/complete-graph.js";

describe("column generation's start", () => {
  it("packs a listing's deals best first when the deadline leaves no time to price", async () => {
    const network = parseNetwork(completeGraph(12));
    const kinds: DealKind[] = ["cycle"];
    const search = { kinds, maxParties: 3, top: Number.POSITIVE_INFINITY };
    const index = tradeIndexOf(network);
    // A listing cut short: every 2-cycle, then the 3-cycles through firm f00.
    const deals = findDeals(network, search).filter(
      (d) => d.trades.length === 2 || d.trades.some((t) => t.seller === "f00"),
    );
    const start = new ColumnPool();
    for (const deal of deals) {
      const trades = deal.trades.map((t) =>
        index.findTrade(
          index.firmIndex(t.seller),
          index.firmIndex(t.buyer),
          index.productIndex(t.product),
        ),
      );
      start.add("cycle", trades, trades.length, deal.surplus);
    }
    // The greedy here: best value first, each (buyer, product) need used once.
    const needsUsed = new Set<string>();
    let greedy = 0;
    for (const deal of [...deals].sort((a, b) => b.surplus - a.surplus)) {
      const needs = deal.trades.map((t) => `${t.buyer}/${t.product}`);
      if (needs.some((n) => needsUsed.has(n))) continue;
      for (const n of needs) needsUsed.add(n);
      greedy += deal.surplus;
    }

    const scan = new DealScan(network, search);
    const space = new RowSpace(index, kinds);
    const pricer = new Pricer(scan, space, searchGraphOf(index, true));
    const relaxation = await generateColumns(
      pricer,
      space,
      defaultExactSettings.backend,
      new Deadline(0),
      generationSettings,
      0,
      start,
    );
    const packed = relaxation.packing.map((j) => relaxation.pool.value(j));
    expect(packed[0]).toBe(1050);
    let value = 0;
    for (const v of packed) value += v;
    expect(value).toBeGreaterThanOrEqual(greedy);
    // The packing is a packing: no need row is used twice.
    const rows = new Int32Array(64);
    const coefficients = new Float64Array(64);
    const used = new Float64Array(space.rowCount);
    for (const j of relaxation.packing) {
      const trades = relaxation.pool.trades(j);
      const n = space.entries(trades, trades.length, rows, coefficients);
      for (let e = 0; e < n; e++) used[rows[e]] += coefficients[e];
    }
    for (let i = 0; i < space.rowCount; i++) expect(used[i]).toBeLessThanOrEqual(space.capacity[i]);
  });
});
