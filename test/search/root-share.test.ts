/**
 * The search's progress estimate (SearchStats.rootShare): the share of the
 * whole search done, (rootsDone + rootShare) / rootsTotal, stays in [0, 1],
 * never goes back, ends at 1, and moves within one long root search (a dense
 * graph, where counting finished roots alone shows 0% for a long time).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNetwork } from "../../src/model/parse-network.js";
import { DealCursor } from "../../src/search/deal-cursor.js";
import { dealKinds } from "../../src/search/kinds.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { completeGraph } from "../helpers/complete-graph.js";
import { smallNetwork } from "./small-network.js";

function shares(cursor: DealCursor, limit = Number.POSITIVE_INFINITY): number[] {
  const seen: number[] = [];
  const share = () => (cursor.stats.rootsDone + cursor.stats.rootShare) / cursor.stats.rootsTotal;
  seen.push(share());
  while (seen.length <= limit && cursor.next()) seen.push(share());
  seen.push(share());
  return seen;
}

describe("the search's progress estimate", () => {
  it("stays in [0, 1], never goes back and ends at 1, globally and around each firm", () => {
    fc.assert(
      fc.property(
        smallNetwork({ maxFirms: 5 }),
        fc.integer({ min: 2, max: 5 }),
        (plain, maxParties) => {
          const index = tradeIndexOf(parseNetwork(plain));
          for (let initiator = -1; initiator < index.firmCount; initiator++) {
            const seen = shares(new DealCursor(index, { kinds: dealKinds, maxParties, initiator }));
            for (let i = 0; i < seen.length; i++) {
              expect(seen[i]).toBeGreaterThanOrEqual(0);
              expect(seen[i]).toBeLessThanOrEqual(1);
              if (i > 0) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1] - 1e-12);
            }
            expect(seen[seen.length - 1]).toBe(1);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("moves within one long root search on a dense graph (K14, chains of up to 6 firms)", () => {
    const index = tradeIndexOf(parseNetwork(completeGraph(14)));
    for (const initiator of [-1, 0]) {
      const cursor = new DealCursor(index, { kinds: ["chain"], maxParties: 6, initiator });
      const seen = shares(cursor, 20_000);
      expect(cursor.stats.rootsDone).toBe(0); // still in the first root search
      expect(seen[seen.length - 1]).toBeGreaterThan(0);
      expect(seen[seen.length - 1]).toBeLessThan(1);
    }
  });
});
