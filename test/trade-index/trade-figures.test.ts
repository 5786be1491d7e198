import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNetwork } from "../../src/model/parse-network.js";
import { potentialTrades } from "../../src/trade-index/potential-trades.js";
import { figuresAt, needRecordOf, tradeFiguresAt } from "../../src/trade-index/trade-figures.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { randomNetwork } from "../helpers/random-network.js";

describe("tradeFiguresAt", () => {
  it("gives potentialTrades' figures at the trade's own quantity", () => {
    fc.assert(
      fc.property(randomNetwork(), (json) => {
        const network = parseNetwork(json);
        const index = tradeIndexOf(network);
        const listed = [...potentialTrades(network)];
        for (let t = 0; t < index.tradeCount; t++) {
          const figures = tradeFiguresAt(index, t, index.tradeQuantity(t));
          expect(figures).toEqual({
            quantity: listed[t].quantity,
            margin: listed[t].margin,
            premium: listed[t].premium,
          });
        }
      }),
    );
  });

  it("scales the margin and the variable part of the premium with the quantity (SPEC §3)", () => {
    fc.assert(
      fc.property(randomNetwork(), fc.double({ min: 0.01, max: 1, noNaN: true }), (json, share) => {
        const network = parseNetwork(json);
        const index = tradeIndexOf(network);
        for (let t = 0; t < index.tradeCount; t++) {
          const q = index.tradeQuantity(t) * share;
          // The need record, found the slow way: by the buyer's id and the product.
          const buyer = network.firms.find((f) => f.id === index.firmIds[index.tradeBuyer(t)]);
          const product = index.productIds[index.tradeProduct(t)];
          const need = buyer?.needs?.find((n) => n.product === product);
          const seller = network.firms.find((f) => f.id === index.firmIds[index.tradeSeller(t)]);
          const offer = seller?.offers?.find((o) => o.product === product);
          if (need === undefined || offer === undefined) throw new Error("no record");
          expect(needRecordOf(index, index.tradeNeed[t])).toBe(need);
          const figures = tradeFiguresAt(index, t, q);
          const ref = need.referencePrice ?? offer.price;
          expect(figures.margin).toBeCloseTo((offer.price - offer.cost) * q, 9);
          expect(figures.premium).toBeCloseTo(
            (offer.price - ref) * q + (need.switchingCost ?? 0),
            9,
          );
        }
      }),
    );
  });

  it("prices a pair that is no potential trade (blocked): 3 units at 100 − 60 and ref 95", () => {
    const network = parseNetwork({
      firms: [
        { id: "s", offers: [{ product: "x", price: 100, cost: 60, capacity: 5 }] },
        {
          id: "b",
          needs: [{ product: "x", quantity: 4, referencePrice: 95, switchingCost: 7 }],
        },
      ],
      relations: [{ seller: "s", buyer: "b", blocked: true }],
    });
    const index = tradeIndexOf(network);
    expect(index.tradeCount).toBe(0);
    const offer = index.findOffer(index.firmIndex("s"), index.productIndex("x"));
    const need = index.findNeed(index.firmIndex("b"), index.productIndex("x"));
    // m = 40·3 = 120; c = (100 − 95)·3 + 7 = 22.
    expect(figuresAt(index, offer, need, 3)).toEqual({ quantity: 3, margin: 120, premium: 22 });
  });
});
