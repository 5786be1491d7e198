/**
 * A small random network arbitrary for the library's own tests (independent of
 * `src/testing`, which is itself under test). Firms `f0..fN`, products `p0..pK`,
 * with offers, needs, incumbents (inside and outside the network) and relations.
 */
import fc from "fast-check";

export interface RandomNetworkShape {
  readonly maxFirms?: number;
  readonly maxProducts?: number;
}

const money = fc.integer({ min: 0, max: 1000 });

export function randomNetwork({ maxFirms = 6, maxProducts = 3 }: RandomNetworkShape = {}) {
  return fc
    .record({
      firms: fc.integer({ min: 1, max: maxFirms }),
      products: fc.integer({ min: 1, max: maxProducts }),
    })
    .chain(({ firms, products }) => {
      const firmId = fc.integer({ min: 0, max: firms - 1 }).map((i) => `f${i}`);
      const product = fc.integer({ min: 0, max: products - 1 }).map((i) => `p${i}`);
      const offer = fc
        .record({
          product,
          price: fc.integer({ min: 1, max: 1000 }),
          cost: money,
          capacity: fc.integer({ min: 1, max: 50 }),
        })
        .map((o) => ({ ...o, cost: Math.min(o.cost, o.price) }));
      const need = fc
        .record(
          {
            product,
            quantity: fc.integer({ min: 1, max: 50 }),
            referencePrice: money,
            switchingCost: money,
            incumbent: fc.oneof(firmId, fc.constant("outsider")),
            incumbentFloor: money,
          },
          { requiredKeys: ["product", "quantity"] },
        )
        // A floor only with an incumbent (SPEC §2).
        .map(({ incumbentFloor, ...rest }) =>
          rest.incumbent === undefined || incumbentFloor === undefined
            ? rest
            : { ...rest, incumbentFloor },
        );
      const firm = (id: string) =>
        fc.record(
          {
            id: fc.constant(id),
            hurdle: fc.integer({ min: 0, max: 200 }),
            keyAccount: fc.boolean(),
            maxDeals: fc.integer({ min: 1, max: 3 }),
            offers: fc.uniqueArray(offer, { maxLength: products, selector: (o) => o.product }),
            needs: fc.uniqueArray(need, { maxLength: products, selector: (n) => n.product }),
          },
          { requiredKeys: ["id", "offers", "needs"] },
        );
      const relation = fc.record(
        {
          seller: firmId,
          buyer: firmId,
          product,
          probability: fc.integer({ min: 1, max: 10 }).map((i) => i / 10),
          blocked: fc.boolean(),
        },
        { requiredKeys: ["seller", "buyer"] },
      );
      return fc.record({
        firms: fc
          .tuple(...Array.from({ length: firms }, (_, i) => firm(`f${i}`)))
          .chain((list) => fc.shuffledSubarray(list, { minLength: list.length })),
        relations: fc.uniqueArray(relation, {
          maxLength: 8,
          selector: (r) => `${r.seller}|${r.buyer}|${r.product ?? "*"}`,
        }),
      });
    });
}
