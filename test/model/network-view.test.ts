import { describe, expect, it } from "vitest";
import { findDeals } from "../../src/economics/find-deals.js";
import { lazyList } from "../../src/model/lazy-list.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Firm, Network } from "../../src/model/types.js";
import { potentialTrades } from "../../src/trade-index/potential-trades.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";

// a sells x to b; b sells y to a: a 2-cycle. q = 2 and 1, m = (10 − 4)·2 = 12 and (9 − 1)·1 = 8,
// c = (10 − 10)·2 + 0 = 0 and (9 − 8)·1 = 1 (by hand).
const json = () => ({
  firms: [
    {
      id: "a",
      offers: [{ product: "x", price: 10, cost: 4, capacity: 5 }],
      needs: [{ product: "y", quantity: 1, referencePrice: 8 }],
      meta: { note: "kept as given" },
    },
    {
      id: "b",
      offers: [{ product: "y", price: 9, cost: 1, capacity: 1 }],
      needs: [{ product: "x", quantity: 2 }],
    },
  ],
});

describe("a parsed network", () => {
  it("is plain data: arrays, JSON, spreading and equality work as on the input", () => {
    const network = parseNetwork(json());
    expect(Array.isArray(network.firms)).toBe(true);
    expect(network.firms.length).toBe(2);
    expect(JSON.parse(JSON.stringify(network))).toEqual({ ...json(), relations: [] });
    expect([...network.firms].map((f) => f.id)).toEqual(["a", "b"]);
    expect(network.firms.map((f) => f.id)).toEqual(["a", "b"]);
    expect(Object.keys(network.firms)).toEqual(["0", "1"]);
    expect(network.firms[0]).toBe(network.firms[0]);
    expect(network.firms[2]).toBeUndefined();
    expect(network).toEqual({ ...json(), relations: [] });
  });

  it("is frozen: records cannot be changed, so the cached index never goes stale", () => {
    const network = parseNetwork(json());
    const before = [...potentialTrades(network)];
    const firm = network.firms[0] as { -readonly [K in keyof Firm]: Firm[K] };
    expect(Object.isFrozen(network)).toBe(true);
    expect(Object.isFrozen(firm)).toBe(true);
    expect(Object.isFrozen(firm.offers)).toBe(true);
    expect(Object.isFrozen(firm.offers?.[0])).toBe(true);
    expect(() => {
      (firm.offers as unknown as { price: number }[])[0].price = 1000;
    }).toThrow(TypeError);
    expect(() => {
      (network.firms as Firm[]).push({ id: "c" });
    }).toThrow(TypeError);
    expect(() => {
      (network.firms as Firm[])[0] = { id: "z" };
    }).toThrow(TypeError);
    expect([...potentialTrades(network)]).toEqual(before);
  });

  it("shares nothing with its input but meta: changing the input changes nothing", () => {
    const input = json();
    const network = parseNetwork(input);
    const before = [...potentialTrades(network)];
    input.firms[0].offers[0].price = 1000;
    input.firms.pop();
    expect([...potentialTrades(network)]).toEqual(before);
    expect(network.firms).toHaveLength(2);
    expect(network.firms[0].meta).toBe(input.firms[0].meta);
  });

  it("is parsed once: parseNetwork of a parsed network is itself", () => {
    const network = parseNetwork(json());
    expect(parseNetwork(network)).toBe(network);
  });
});

describe("a network object that did not come from parseNetwork (issue 16)", () => {
  it("is validated on use: a bad one is a NetworkError, never −5 or NaN or a TypeError", () => {
    const raw = json() as unknown as Network;
    (raw.firms[1].needs as unknown as { quantity: number }[])[0].quantity = -5;
    expect(() => [...potentialTrades(raw)]).toThrow(/quantity must be > 0/);
    expect(() => findDeals(null as unknown as Network)).toThrow(
      expect.objectContaining({ name: "NetworkError" }),
    );
    expect(() => tradeIndexOf(undefined as unknown as Network)).toThrow(
      expect.objectContaining({ name: "NetworkError" }),
    );
  });

  it("is validated afresh on every use: changing it between calls gives fresh answers", () => {
    const raw = json() as unknown as { firms: { offers?: { price: number }[] }[] };
    const network = raw as unknown as Network;
    const first = [...potentialTrades(network)];
    expect(first.map((t) => t.margin)).toEqual([12, 8]);
    (raw.firms[0].offers as { price: number }[])[0].price = 11;
    // m = (11 − 4)·2 = 14; b states no reference price: c = (11 − 11)·2 + 0 = 0.
    const second = [...potentialTrades(network)];
    expect(second.map((t) => [t.margin, t.premium])).toEqual([
      [14, 0],
      [8, 1],
    ]);
  });
});

describe("lazyList", () => {
  it("builds each item once, on first read", () => {
    const built: number[] = [];
    const list = lazyList(4, (i) => {
      built.push(i);
      return { i };
    });
    expect(built).toEqual([]);
    expect(list[2]).toEqual({ i: 2 });
    expect(list[2]).toBe(list[2]);
    expect(built).toEqual([2]);
    expect(list.length).toBe(4);
    expect(2 in list).toBe(true);
    expect(4 in list).toBe(false);
    expect(list.slice(1, 3)).toEqual([{ i: 1 }, { i: 2 }]);
    expect(built.sort()).toEqual([1, 2]);
    expect(Reflect.set(list, "0", {})).toBe(false);
    expect(Reflect.deleteProperty(list, "1")).toBe(false);
  });
});
