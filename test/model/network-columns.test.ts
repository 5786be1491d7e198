import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  NetworkColumns,
  type RecordColumns,
  takeNetworkColumns,
} from "../../src/model/network-columns.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { readNetworkLines } from "../../src/model/read-network.js";
import type { Network } from "../../src/model/types.js";
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
        n.switchingCost ?? 0,
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
      r.blocked === true ? 1 : 0,
      r.probability ?? Number.NaN,
    ];
  });
  const sorted = [...firmIds].sort();
  return {
    firmIds,
    firmsInIdOrder: firmIds.every((id, i) => id === sorted[i]),
    productIds,
    firms: net.firms.map((f: Json) => [
      f.hurdle ?? 0,
      f.maxDeals ?? Infinity,
      f.keyAccount ? 1 : 0,
    ]),
    offers,
    needs,
    relations,
  };
}

/** The same facts read back from the gathered columns. */
function readBack(c: RecordColumns) {
  const rows = (...columns: ArrayLike<number>[]) =>
    Array.from({ length: columns[0].length }, (_, i) => columns.map((column) => column[i]));
  return {
    firmIds: c.firms.strings,
    firmsInIdOrder: c.firmsInIdOrder,
    productIds: c.products.strings,
    firms: rows(c.firmHurdle, c.firmMaxDeals, c.firmKeyAccount),
    offers: rows(c.offerProduct, c.offerPrice, c.offerCost, c.offerCapacity),
    needs: rows(c.needProduct, c.needQuantity, c.needReference, c.needSwitching),
    relations: rows(
      c.relationSeller,
      c.relationBuyer,
      c.relationProduct,
      c.relationBlocked,
      c.relationProbability,
    ),
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
        // Gathered by the reader while parsing (taken once), then from the objects alone.
        const parsed = parseNetwork(net);
        expect(readBack(takeNetworkColumns(parsed))).toEqual(expected);
        expect(readBack(takeNetworkColumns(parsed))).toEqual(expected);
        expect(readBack(NetworkColumns.of(structuredClone(net) as Network))).toEqual(expected);
        // JSON Lines with every relation before the firms it names: resolved at the end.
        const streamed = await readNetworkLines(Readable.from([lines(net)]));
        expect(readBack(takeNetworkColumns(streamed))).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it("record incumbents in need order, and a hand-built relation to no firm as −1", () => {
    const columns = NetworkColumns.of({
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
      relations: [{ seller: "a", buyer: "ghost", product: "w" }],
    });
    expect([...columns.incumbentNeed]).toEqual([1, 2]);
    expect(columns.incumbentId).toEqual(["z", "b"]);
    expect([...columns.needStart]).toEqual([0, 2, 3]);
    expect(columns.firmsInIdOrder).toBe(false);
    expect([...columns.relationSeller, ...columns.relationBuyer]).toEqual([1, -1]);
    // "w" is nobody's offer or need: the first such product is −2.
    expect([...columns.relationProduct]).toEqual([-2]);
  });
});
