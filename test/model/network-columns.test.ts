import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firmFlag, type RecordColumns, relationFlag } from "../../src/model/network-columns.js";
import { parseNetwork, recordColumnsOf } from "../../src/model/parse-network.js";
import { readNetworkLines } from "../../src/model/read-network.js";
import type { StringList } from "../../src/util/string-interner.js";
import { randomNetwork } from "../helpers/random-network.js";

type Json = ReturnType<typeof JSON.parse>;

/** The columns written out directly from the JSON, record by record. */
function oracle(net: Json) {
  const productIds: string[] = [];
  const number = (p: string) => {
    if (!productIds.includes(p)) productIds.push(p);
    return productIds.indexOf(p);
  };
  const firmIds: string[] = net.firms.map((f: Json) => f.id);
  const offers: number[][] = [];
  const needs: number[][] = [];
  for (const firm of net.firms) {
    for (const o of firm.offers ?? [])
      offers.push([number(o.product), o.price, o.cost, o.capacity]);
    for (const n of firm.needs ?? []) {
      needs.push([
        number(n.product),
        n.quantity,
        n.referencePrice ?? Number.NaN,
        n.switchingCost ?? Number.NaN,
        n.incumbent ?? null,
      ]);
    }
  }
  const others: string[] = [];
  const relations = (net.relations ?? []).map((r: Json) => {
    let product = -1;
    if (r.product !== undefined) {
      if (productIds.includes(r.product)) product = productIds.indexOf(r.product);
      else {
        if (!others.includes(r.product)) others.push(r.product);
        product = -2 - others.indexOf(r.product);
      }
    }
    return [
      firmIds.indexOf(r.seller),
      firmIds.indexOf(r.buyer),
      product,
      r.blocked === undefined ? "absent" : r.blocked,
      r.probability ?? Number.NaN,
    ];
  });
  const sorted = [...firmIds].sort();
  return {
    firmIds,
    firmsInIdOrder: firmIds.every((id, i) => id === sorted[i]),
    productIds,
    firms: net.firms.map((f: Json) => [
      f.hurdle ?? Number.NaN,
      f.maxDeals ?? Number.NaN,
      f.keyAccount === undefined ? "absent" : f.keyAccount,
    ]),
    offers,
    needs,
    relations,
  };
}

/** Every string of a list. */
const listed = (list: StringList) => Array.from({ length: list.size }, (_, i) => list.get(i));

/** A stated boolean from flag bits: "absent", true or false. */
const stated = (flags: number, statedBit: number, valueBit: number) =>
  (flags & statedBit) === 0 ? "absent" : (flags & valueBit) !== 0;

/** The same facts read back from the gathered columns. */
function readBack(c: RecordColumns) {
  const rows = (...columns: ArrayLike<number>[]) =>
    Array.from({ length: columns[0].length }, (_, i) => columns.map((column) => column[i]));
  return {
    firmIds: listed(c.firms),
    firmsInIdOrder: c.firmsInIdOrder,
    productIds: listed(c.products),
    firms: rows(c.firmHurdle, c.firmMaxDeals).map((row, r) => [
      ...row,
      stated(c.firmFlags[r], firmFlag.keyAccountStated, firmFlag.keyAccount),
    ]),
    offers: rows(c.offerProduct, c.offerPrice, c.offerCost, c.offerCapacity),
    needs: rows(c.needProduct, c.needQuantity, c.needReference, c.needSwitching).map((row, n) => [
      ...row,
      c.needIncumbent[n] < 0 ? null : c.labels.get(c.needIncumbent[n]),
    ]),
    relations: rows(c.relationSeller, c.relationBuyer, c.relationProduct).map((row, i) => [
      ...row,
      stated(c.relationFlags[i], relationFlag.blockedStated, relationFlag.blocked),
      c.relationProbability[i],
    ]),
  };
}

const lines = (net: Json) =>
  [
    ...net.relations.map((relation: Json) => JSON.stringify({ relation })),
    ...net.firms.map((firm: Json) => JSON.stringify({ firm })),
  ].join("\n");

describe("network columns", () => {
  it("hold the figures of every record, from the objects or from the reader", async () => {
    await fc.assert(
      fc.asyncProperty(randomNetwork(), async (net) => {
        const expected = oracle(net);
        // Gathered by the parser, and behind the network it returns.
        const parsed = parseNetwork(net);
        expect(readBack(recordColumnsOf(parsed))).toEqual(expected);
        expect(parsed).toEqual(net);
        // JSON Lines with every relation before the firms it names: resolved at the end.
        const streamed = await readNetworkLines(Readable.from([lines(net)]));
        expect(readBack(recordColumnsOf(streamed))).toEqual(expected);
        expect(streamed).toEqual(net);
      }),
      { numRuns: 60 },
    );
  });

  it("number a relation's product that no offer or need names apart", () => {
    const columns = recordColumnsOf(
      parseNetwork({
        firms: [
          {
            id: "b",
            needs: [
              { product: "x", quantity: 1 },
              { product: "y", quantity: 2, incumbent: "z" },
            ],
          },
          { id: "a", needs: [{ product: "x", quantity: 3, incumbent: "b" }] },
        ],
        relations: [
          { seller: "a", buyer: "b", product: "w" },
          { seller: "b", buyer: "a", product: "x" },
        ],
      }),
    );
    expect([...columns.needIncumbent].map((l) => (l < 0 ? null : columns.labels.get(l)))).toEqual([
      null,
      "z",
      "b",
    ]);
    expect([...columns.needStart]).toEqual([0, 2, 3]);
    expect(columns.firmsInIdOrder).toBe(false);
    expect([...columns.relationSeller, ...columns.relationBuyer]).toEqual([1, 0, 0, 1]);
    // "w" is nobody's offer or need: the first such product is −2.
    expect([...columns.relationProduct]).toEqual([-2, 0]);
  });
});
