import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { Network } from "../../src/model/types.js";
import { SearchGraph } from "../../src/search/search-graph.js";
import { indexArrayNames, layoutArrays } from "../../src/trade-index/index-layout.js";
import { potentialTrades } from "../../src/trade-index/potential-trades.js";
import { TradeIndex, tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { randomNetwork } from "../helpers/random-network.js";

type Json = ReturnType<typeof JSON.parse>;

/** SPEC §3 written out directly over the JSON, trade by trade, with no index. */
function bruteForceTrades(net: Json): string[] {
  const rows: string[] = [];
  for (const seller of net.firms) {
    for (const buyer of net.firms) {
      if (seller.id === buyer.id) continue;
      for (const offer of seller.offers ?? []) {
        const need = (buyer.needs ?? []).find((n: Json) => n.product === offer.product);
        if (!need || need.incumbent === seller.id) continue;
        const applies = (net.relations ?? []).filter(
          (r: Json) =>
            r.seller === seller.id &&
            r.buyer === buyer.id &&
            (r.product === undefined || r.product === offer.product),
        );
        if (applies.some((r: Json) => r.blocked === true)) continue;
        const specific = applies.find(
          (r: Json) => r.product !== undefined && r.probability !== undefined,
        );
        const pair = applies.find(
          (r: Json) => r.product === undefined && r.probability !== undefined,
        );
        const probability = specific?.probability ?? pair?.probability ?? 1;
        const q = Math.min(offer.capacity, need.quantity);
        const m = (offer.price - offer.cost) * q;
        const c =
          (offer.price - (need.referencePrice ?? offer.price)) * q + (need.switchingCost ?? 0);
        rows.push([seller.id, buyer.id, offer.product, q, m, c, probability].join("\t"));
      }
    }
  }
  // SPEC: sorted by seller, buyer, product in UTF-16 order (the default sort of the tuple keys).
  return rows.sort((a, b) => {
    const x = a.split("\t");
    const y = b.split("\t");
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  });
}

function libraryTrades(net: Json): string[] {
  return [...potentialTrades(parseNetwork(net))].map((t) =>
    [t.seller, t.buyer, t.product, t.quantity, t.margin, t.premium, t.probability].join("\t"),
  );
}

describe("trade index (SPEC §3)", () => {
  it("derives exactly the brute-force trades, in order", () => {
    fc.assert(
      fc.property(randomNetwork(), (net) => {
        expect(libraryTrades(net)).toEqual(bruteForceTrades(net));
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order of firms or relations", () => {
    fc.assert(
      fc.property(randomNetwork(), fc.integer(), (net, seed) => {
        const rotate = <T>(list: T[]) =>
          list.length
            ? [...list.slice(seed % list.length), ...list.slice(0, seed % list.length)]
            : list;
        const shuffled = {
          ...net,
          firms: rotate([...net.firms]).reverse(),
          relations: rotate([...net.relations]),
        };
        expect(libraryTrades(shuffled)).toEqual(libraryTrades(net));
      }),
      { numRuns: 100 },
    );
  });

  it("computes a hand-worked trade", () => {
    const index = tradeIndexOf(
      parseNetwork({
        firms: [
          { id: "steel", offers: [{ product: "steel", price: 5200, cost: 4300, capacity: 2000 }] },
          {
            id: "dev",
            needs: [
              { product: "steel", quantity: 1000, referencePrice: 5000, switchingCost: 20000 },
            ],
          },
        ],
        relations: [
          { seller: "steel", buyer: "dev", probability: 0.5 },
          { seller: "steel", buyer: "dev", product: "steel", probability: 0.6 },
        ],
      }),
    );
    expect(index.tradeCount).toBe(1);
    // q = min(2000, 1000) = 1000; m = (5200 − 4300)·1000 = 900,000; c = (5200 − 5000)·1000 + 20,000 = 220,000.
    expect(index.tradeQuantity(0)).toBe(1000);
    expect(index.tradeMargin(0)).toBe(900_000);
    expect(index.tradePremium[0]).toBe(220_000);
    // The product-level relation is more specific than the pair-level one.
    expect(index.tradeProbability(0)).toBe(0.6);
    expect(index.firmIds[index.tradeSeller(0)]).toBe("steel");
    expect(index.firmIds[index.tradeBuyer(0)]).toBe("dev");
  });

  it("groups trades of one pair into one arc, with in- and out-adjacency agreeing", () => {
    fc.assert(
      fc.property(randomNetwork({ maxProducts: 4 }), (net) => {
        const index = tradeIndexOf(parseNetwork(net));
        const fromOut: string[] = [];
        for (let s = 0; s < index.firmCount; s++) {
          for (let a = index.outOffsets[s]; a < index.outOffsets[s + 1]; a++) {
            expect(index.arcSource(a)).toBe(s);
            for (let t = index.arcTrades[a]; t < index.arcTrades[a + 1]; t++) {
              expect(index.tradeSeller(t)).toBe(s);
              expect(index.tradeBuyer(t)).toBe(index.arcTarget[a]);
            }
            fromOut.push(`${s}>${index.arcTarget[a]}`);
          }
        }
        // The in-adjacency is the search graph's, in either order.
        for (const order of ["identity", "bfs"] as const) {
          const graph = new SearchGraph(index, order);
          const fromIn: string[] = [];
          const fromSearchOut: string[] = [];
          for (let v = 0; v < graph.vertexCount; v++) {
            const b = graph.firmOf[v];
            expect(graph.vertexOf[b]).toBe(v);
            for (let i = graph.inOffsets[v]; i < graph.inOffsets[v + 1]; i++) {
              fromIn.push(`${graph.firmOf[graph.inSource[i]]}>${b}`);
            }
            for (let i = graph.outOffsets[v]; i < graph.outOffsets[v + 1]; i++) {
              fromSearchOut.push(`${b}>${graph.firmOf[graph.outTarget[i]]}`);
            }
          }
          expect(fromIn.sort()).toEqual([...fromOut].sort());
          expect(fromSearchOut.sort()).toEqual([...fromOut].sort());
        }
      }),
      { numRuns: 100 },
    );
  });
});

/** Renames every firm and product id of a network through `rename` (which must be one to one). */
function renamed(net: Json, firm: (id: string) => string, product: (id: string) => string): Json {
  return {
    firms: net.firms.map((f: Json) => ({
      ...f,
      id: firm(f.id),
      offers: f.offers.map((o: Json) => ({ ...o, product: product(o.product) })),
      needs: f.needs.map((n: Json) => ({
        ...n,
        product: product(n.product),
        ...(n.incumbent === undefined ? {} : { incumbent: firm(n.incumbent) }),
      })),
    })),
    relations: net.relations.map((r: Json) => ({
      ...r,
      seller: firm(r.seller),
      buyer: firm(r.buyer),
      ...(r.product === undefined ? {} : { product: product(r.product) }),
    })),
  };
}

/** Every typed array and id list of an index, as plain arrays. */
function contents(index: TradeIndex) {
  const out: Record<string, unknown> = {};
  for (const name of indexArrayNames) out[name] = Array.from(index[name]);
  return { ...out, firmIds: index.firmIds, productIds: index.productIds };
}

describe("trade index layouts", () => {
  it("derives the brute-force trades when sellers have many offers and buyers many needs", () => {
    fc.assert(
      fc.property(randomNetwork({ maxFirms: 7, maxProducts: 40 }), (net) => {
        expect(libraryTrades(net)).toEqual(bruteForceTrades(net));
      }),
      { numRuns: 25 },
    );
  });

  it("orders ids by UTF-16 code units, whatever their characters", () => {
    const unit = fc.constantFrom("a", "Z", "é", "\uFF61", "\u{1F600}", "-");
    const ids = fc.uniqueArray(
      fc.array(unit, { minLength: 1, maxLength: 3 }).map((u) => u.join("")),
      {
        minLength: 40,
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(randomNetwork(), ids, (net, names) => {
        // f0..f5 take the first names, p0..p2 the last ones.
        const firm = (id: string) => (id === "outsider" ? "outsider" : names[Number(id.slice(1))]);
        const product = (id: string) => names[39 - Number(id.slice(1))];
        const other = renamed(net, firm, product);
        expect(libraryTrades(other)).toEqual(bruteForceTrades(other));
        const index = tradeIndexOf(parseNetwork(other));
        expect(index.firmIds).toEqual(other.firms.map((f: Json) => f.id).sort());
      }),
      { numRuns: 100 },
    );
  });

  it("is the same whether built from what the reader gathered or from the objects alone", () => {
    fc.assert(
      fc.property(randomNetwork({ maxFirms: 8, maxProducts: 5 }), (net) => {
        const parsed = tradeIndexOf(parseNetwork(net));
        const fromObjects = new TradeIndex(structuredClone(net) as Network);
        expect(contents(fromObjects)).toEqual(contents(parsed));
        for (const id of [...parsed.firmIds, "outsider", "nobody"]) {
          expect(fromObjects.firmIndex(id)).toBe(parsed.firmIndex(id));
        }
        for (const id of [...parsed.productIds, "unknown"]) {
          expect(fromObjects.productIndex(id)).toBe(parsed.productIndex(id));
        }
        parsed.firmIds.forEach((id, f) => {
          expect(parsed.firmIndex(id)).toBe(f);
          expect(net.firms[parsed.firmRecord[f]].id).toBe(id);
        });
        expect(parsed.firmIndex("nobody")).toBe(-1);
        parsed.productIds.forEach((id, p) => {
          expect(parsed.productIndex(id)).toBe(p);
        });
      }),
      { numRuns: 100 },
    );
  });

  it("is the same when viewed from its buffer and header (as another thread would)", () => {
    fc.assert(
      fc.property(randomNetwork({ maxFirms: 8, maxProducts: 5 }), (net) => {
        const network = parseNetwork(net);
        const built = new TradeIndex(network, { shared: true });
        const layout = built.layout!;
        expect(layout.buffer).toBeInstanceOf(SharedArrayBuffer);
        const arrays = layoutArrays(layout.header, layout.buffer);
        const viewed = TradeIndex.fromArrays(network, {
          header: layout.header,
          array: (name) => arrays[name],
          firmIds: { size: built.firmCount, get: (i) => built.firmIds[i] },
          productIds: { size: built.productIds.length, get: (i) => built.productIds[i] },
        });
        expect(contents(viewed)).toEqual(contents(built));
        for (const id of [...built.firmIds, "nobody"]) {
          expect(viewed.firmIndex(id)).toBe(built.firmIndex(id));
        }
        for (const id of [...built.productIds, "unknown"]) {
          expect(viewed.productIndex(id)).toBe(built.productIndex(id));
        }
      }),
      { numRuns: 50 },
    );
  });

  it("reports its progress, and the search graph's, step by step", () => {
    const network = parseNetwork({
      firms: Array.from({ length: 50 }, (_, i) => ({
        id: `f${i}`,
        offers: [{ product: `p${i % 5}`, price: 2, cost: 1, capacity: 1 }],
        needs: [{ product: `p${(i + 1) % 5}`, quantity: 1 }],
      })),
    });
    const events: { task: string; step: string; done: number; total: number }[] = [];
    const index = new TradeIndex(network, { onProgress: (p) => events.push(p) });
    new SearchGraph(index, "bfs", { onProgress: (p) => events.push(p) });
    expect(new Set(events.map((e) => e.task))).toEqual(new Set(["index", "search graph"]));
    for (const e of events) expect(e.done).toBeLessThanOrEqual(e.total);
    const trades = events.filter((e) => e.step === "trades");
    expect(trades.at(-1)).toMatchObject({ done: 50, total: 50 });
    expect(events.at(-1)).toMatchObject({ task: "search graph", done: index.arcCount });
  });
});
