/**
 * A worker thread's views of shared indexes (issue 15): the same index
 * shared again is the same view (its search graph and workspaces kept), with
 * the new ranking's tables adopted (each ranking fills its own table of
 * surpluses); another index gets a view of its own; a thread keeps the views
 * of its last two indexes only.
 */
import { describe, expect, it } from "vitest";
import { shareIndex, viewOfShare } from "../../src/economics/shared-index.js";
import { generateNetwork } from "../../src/generator/generate-network.js";
import { searchGraphOf } from "../../src/search/search-graph.js";
import { type TradeIndex, tradeIndexOf } from "../../src/trade-index/trade-index.js";
import {
  fillSharedSurpluses,
  sharedTradeSurpluses,
  tradeSurpluses,
} from "../../src/trade-index/trade-surplus.js";

const notAsked = () => {
  throw new Error("not asked");
};

/** A table of the index's surpluses in shared memory, filled (as one ranking's calling thread fills it). */
function filledTable(index: TradeIndex) {
  const table = sharedTradeSurpluses(index);
  fillSharedSurpluses(index, table);
  return table;
}

/** A network's index shared with a table of surpluses. */
function shared(seed: number) {
  const index = tradeIndexOf(generateNetwork({ firms: 60, seed }), { shared: true });
  const graph = searchGraphOf(index, true, { shared: true });
  return { index, graph, share: shareIndex(index, graph, false, filledTable(index)) };
}

describe("viewOfShare", () => {
  it("keeps a thread's view of an index for its next rankings, with their own tables", () => {
    const a = shared(1);
    const first = viewOfShare(a.share, notAsked);
    expect(tradeSurpluses(first)).toBe(a.share.surpluses?.values);
    // The same index shared again for another ranking, with its own table.
    const second = shareIndex(a.index, a.graph, false, filledTable(a.index));
    expect(second.id).toBe(a.share.id);
    const view = viewOfShare(second, notAsked);
    expect(view).toBe(first);
    expect(searchGraphOf(view, true)).toBe(searchGraphOf(first, true));
    expect(tradeSurpluses(view)).toBe(second.surpluses?.values);
    expect(tradeSurpluses(view)).not.toBe(a.share.surpluses?.values);
  });

  it("gives another index a view of its own, and keeps the last two", () => {
    const [a, b, c] = [shared(2), shared(3), shared(4)];
    expect(b.share.id).not.toBe(a.share.id);
    const viewA = viewOfShare(a.share, notAsked);
    const viewB = viewOfShare(b.share, notAsked);
    expect(viewB).not.toBe(viewA);
    expect(viewB.tradeCount).toBe(b.index.tradeCount);
    expect(viewOfShare(a.share, notAsked)).toBe(viewA); // a is now the most recent
    viewOfShare(c.share, notAsked); // b, the least recent, is dropped
    expect(viewOfShare(a.share, notAsked)).toBe(viewA);
    expect(viewOfShare(b.share, notAsked)).not.toBe(viewB);
  });
});
