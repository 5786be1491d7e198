/**
 * Hand-worked examples of the deal cursor (the expected deals were derived by
 * hand from SPEC §3 and §4, in the comments), and its API: usage errors,
 * abort, progress counters, several cursors on one index.
 */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Network } from "../../src/model/types.js";
import { DealCursor, type SearchOptions } from "../../src/search/deal-cursor.js";
import { dealId } from "../../src/search/deal-id.js";
import type { DealKind } from "../../src/search/kinds.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";

const all: DealKind[] = ["cycle", "brokered", "chain"];

function ids(network: Network, options: Partial<SearchOptions> = {}): string[] {
  const index = tradeIndexOf(network);
  const cursor = new DealCursor(index, { kinds: all, maxParties: 3, initiator: -1, ...options });
  const out: string[] = [];
  while (cursor.next()) out.push(dealId(index, cursor.kind, cursor.trades, cursor.size));
  return out.sort();
}

/**
 * a sells x to b and c, b sells y to c, c sells z to a. Trades (q = min(capacity, need)):
 *   a>b:x  q = min(cap, 6) = 6   c = (10 − 9)·6 = +6
 *   a>c:x  q = min(cap, 5) = 5   c = (10 − 12)·5 = −10
 *   b>c:y  q = min(5, 4) = 4     c = (20 − 20)·4 = 0
 *   c>a:z  q = min(100, 3) = 3   c = 0 (no reference price: ref = price)
 */
function triangle(capacityOfX: number): Network {
  return parseNetwork({
    firms: [
      {
        id: "a",
        offers: [{ product: "x", price: 10, cost: 4, capacity: capacityOfX }],
        needs: [{ product: "z", quantity: 3 }],
      },
      {
        id: "b",
        offers: [{ product: "y", price: 20, cost: 15, capacity: 5 }],
        needs: [{ product: "x", quantity: 6, referencePrice: 9 }],
      },
      {
        id: "c",
        offers: [{ product: "z", price: 8, cost: 2, capacity: 100 }],
        needs: [
          { product: "x", quantity: 5, referencePrice: 12 },
          { product: "y", quantity: 4, referencePrice: 20 },
        ],
      },
    ],
  });
}

describe("DealCursor on hand-worked networks", () => {
  it("lists the deals of the triangle; S→M and S→D overdraw a's offer of x (6 + 5 = 11 > 10)", () => {
    // 2-cycle a↔c: premiums −10, 0, none > 0: not reciprocal.
    // 3-cycle a→b→c→a: premiums 6, 0, 0: a deal.
    // brokered (a, b, c): a>b:x, b>c:y, a>c:x draw 6 + 5 = 11 on a's capacity 10: not executable.
    // chains: a→b→c (6, 0) and c→a→b (0, 6) are deals, b→c→a (0, 0) is not.
    expect(ids(triangle(10))).toEqual([
      "chain:a>b:x|b>c:y",
      "chain:c>a:z|a>b:x",
      "cycle:a>b:x|b>c:y|c>a:z",
    ]);
  });

  it("lists the brokered deal once a's capacity covers both sales (6 + 5 = 11 ≤ 11)", () => {
    // With capacity 11: q(a>b) = min(11, 6) = 6, q(a>c) = min(11, 5) = 5, and 6 + 5 ≤ 11.
    expect(ids(triangle(11))).toContain("brokered:a>b:x|b>c:y|a>c:x");
    expect(ids(triangle(11), { kinds: ["brokered"] })).toEqual(["brokered:a>b:x|b>c:y|a>c:x"]);
  });

  it("lists around an initiator only its deals, a cycle rotated to its smallest firm", () => {
    const network = triangle(10);
    const index = tradeIndexOf(network);
    // b is in the cycle and in both chains.
    expect(ids(network, { initiator: index.firmIndex("b") })).toEqual(ids(network));
    // The cycle found from c (c→a→b→c) is named from a.
    expect(ids(network, { initiator: index.firmIndex("c"), kinds: ["cycle"] })).toEqual([
      "cycle:a>b:x|b>c:y|c>a:z",
    ]);
    // maxParties 2: no 3-cycle, no brokered, no chain; the 2-cycle is not reciprocal.
    expect(ids(network, { maxParties: 2 })).toEqual([]);
  });

  /**
   * s sells q to m (q = 2, c = (4 − 3)·2 = +2), and s and m both sell p to d:
   * q(s>d) = min(3, need), q(m>d) = min(4, need), premiums (10 − 10)·q = 0.
   */
  function sharedNeed(need: number): Network {
    return parseNetwork({
      firms: [
        {
          id: "s",
          offers: [
            { product: "p", price: 10, cost: 5, capacity: 3 },
            { product: "q", price: 4, cost: 1, capacity: 100 },
          ],
        },
        {
          id: "m",
          offers: [{ product: "p", price: 10, cost: 6, capacity: 4 }],
          needs: [{ product: "q", quantity: 2, referencePrice: 3 }],
        },
        { id: "d", needs: [{ product: "p", quantity: need, referencePrice: 10 }] },
      ],
    });
  }

  it("drops a brokered deal whose M→D and S→D overfill D's need", () => {
    // need 8: 4 + 3 = 7 ≤ 8, a deal; need 6: q(m>d) = 4, q(s>d) = 3, 7 > 6, not a deal.
    expect(ids(sharedNeed(8))).toEqual(["brokered:s>m:q|m>d:p|s>d:p", "chain:s>m:q|m>d:p"]);
    expect(ids(sharedNeed(6))).toEqual(["chain:s>m:q|m>d:p"]);
  });

  it("expands several products between one pair into separate deals", () => {
    // u sells e and f to v, v sells g to u: two 2-cycles, each with premium (5 − 6)·1 = −1 on
    // u>v and (5 − 9)·1 + 5 = +1 on v>u.
    const network = parseNetwork({
      firms: [
        {
          id: "u",
          offers: ["e", "f"].map((product) => ({ product, price: 5, cost: 1, capacity: 1 })),
          needs: [{ product: "g", quantity: 1, referencePrice: 9, switchingCost: 5 }],
        },
        {
          id: "v",
          offers: [{ product: "g", price: 5, cost: 1, capacity: 1 }],
          needs: ["e", "f"].map((product) => ({ product, quantity: 1, referencePrice: 6 })),
        },
      ],
    });
    expect(ids(network, { maxParties: 2 })).toEqual(["cycle:u>v:e|v>u:g", "cycle:u>v:f|v>u:g"]);
  });
});

/** A complete network of `n` firms in which no trade has a positive premium: no deals, many steps. */
function barren(n: number): Network {
  return parseNetwork({
    firms: Array.from({ length: n }, (_, i) => ({
      id: `f${String(i).padStart(3, "0")}`,
      offers: [{ product: "p", price: 10, cost: 1, capacity: 5 }],
      needs: [{ product: "p", quantity: 5, referencePrice: 10 }],
    })),
  });
}

describe("DealCursor API", () => {
  const index = tradeIndexOf(triangle(10));

  it("rejects bad options with a UsageError", () => {
    const make = (options: Partial<SearchOptions>) => () =>
      new DealCursor(index, { kinds: all, maxParties: 3, initiator: -1, ...options });
    for (const maxParties of [1, 13, 2.5, Number.NaN]) {
      expect(make({ maxParties })).toThrow(UsageError);
    }
    for (const initiator of [3, -2, 0.5]) expect(make({ initiator })).toThrow(UsageError);
    expect(make({ kinds: ["star" as DealKind] })).toThrow(UsageError);
  });

  it("lists nothing for no kinds", () => {
    const cursor = new DealCursor(index, { kinds: [], maxParties: 3, initiator: -1 });
    expect(cursor.next()).toBe(false);
    expect(cursor.next()).toBe(false);
  });

  it("counts deals and roots as it goes", () => {
    const cursor = new DealCursor(index, { kinds: all, maxParties: 3, initiator: -1 });
    expect(cursor.stats).toEqual({ steps: 0, deals: 0, rootsDone: 0, rootsTotal: 9 });
    let deals = 0;
    while (cursor.next()) expect(cursor.stats.deals).toBe(++deals);
    expect(deals).toBe(3);
    expect(cursor.stats.rootsDone).toBe(9);
    expect(cursor.stats.steps).toBeGreaterThan(0);
    expect(cursor.size).toBe(0);
  });

  it("throws the abort reason, or an AbortError when there is none", () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    controller.abort(reason);
    const cursor = new DealCursor(index, {
      kinds: all,
      maxParties: 3,
      initiator: -1,
      signal: controller.signal,
    });
    expect(() => cursor.next()).toThrow(reason);
    const bare = { aborted: true, reason: undefined } as unknown as AbortSignal;
    const cursor2 = new DealCursor(index, {
      kinds: all,
      maxParties: 3,
      initiator: -1,
      signal: bare,
    });
    expect(() => cursor2.next()).toThrow(expect.objectContaining({ name: "AbortError" }));
  });

  it("stops inside a long search with no deal, within a few thousand steps of the abort", () => {
    let reads = 0;
    // Not aborted when next() starts, aborted from the first look inside the search on.
    const signal = {
      get aborted() {
        return ++reads > 1;
      },
      reason: new Error("late stop"),
    } as unknown as AbortSignal;
    const big = tradeIndexOf(barren(40));
    const cursor = new DealCursor(big, { kinds: ["cycle"], maxParties: 3, initiator: -1, signal });
    expect(() => cursor.next()).toThrow("late stop");
    expect(cursor.stats.steps).toBeGreaterThanOrEqual(4096);
    expect(cursor.stats.steps).toBeLessThan(2 * 4096);
    expect(cursor.stats.rootsDone).toBeLessThan(cursor.stats.rootsTotal);
    // Without the abort the same search runs to its end and finds nothing.
    const free = new DealCursor(big, { kinds: ["cycle"], maxParties: 3, initiator: -1 });
    expect(free.next()).toBe(false);
    expect(free.stats.steps).toBeGreaterThan(2 * 4096);
  });

  it("runs cursors on one index side by side, and after one was abandoned midway", () => {
    const network = triangle(11);
    const shared = tradeIndexOf(network);
    const alone = ids(network);
    const abandoned = new DealCursor(shared, { kinds: all, maxParties: 3, initiator: -1 });
    expect(abandoned.next()).toBe(true);
    const one = new DealCursor(shared, { kinds: all, maxParties: 3, initiator: -1 });
    const two = new DealCursor(shared, { kinds: all, maxParties: 3, initiator: 0 });
    const first: string[] = [];
    const second: string[] = [];
    let more = true;
    while (more) {
      more = false;
      if (one.next()) {
        first.push(dealId(shared, one.kind, one.trades, one.size));
        more = true;
      }
      if (two.next()) {
        second.push(dealId(shared, two.kind, two.trades, two.size));
        more = true;
      }
    }
    expect(first.sort()).toEqual(alone);
    expect(second.sort()).toEqual(ids(network, { initiator: 0 }));
  });
});
