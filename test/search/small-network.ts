/**
 * fast-check arbitrary of small, dense SPEC §2 networks for the search tests:
 * 2..6 firms whose ids sort differently in UTF-16 and locale order, 1..3
 * products (so pairs trade several products), small capacities and needs (so
 * the executability rule bites), premiums of both signs, incumbents (in and
 * out of the network), blocked pairs and blocked products, probabilities.
 */
import fc from "fast-check";
import type { PlainNetwork } from "./brute-force-deals.js";

/**
 * Ids whose UTF-16 order ("B" < "Z" < "a" < "a>b" < "aa" < "b" < "b\\|" < "é") is not
 * locale order, two of them (and a product) with characters a deal id escapes (SPEC §4).
 */
const firmPool = ["a", "B", "b", "aa", "Z", "é", "ab", "a>b", "b\\|"];
const productPool = ["p", "q", "r:\\"];

/** Limits of `smallNetwork`. */
export interface SmallNetworkConstraints {
  /** @defaultValue 6 */
  readonly maxFirms?: number;
  /** @defaultValue 3 */
  readonly maxProducts?: number;
}

/** Small dense networks as plain JSON (valid under SPEC §2). */
export function smallNetwork(
  constraints: SmallNetworkConstraints = {},
): fc.Arbitrary<PlainNetwork> {
  const maxFirms = constraints.maxFirms ?? 6;
  const maxProducts = constraints.maxProducts ?? 3;
  if (maxFirms < 2 || maxFirms > firmPool.length) throw new RangeError("maxFirms: 2..9");
  if (maxProducts < 1 || maxProducts > productPool.length)
    throw new RangeError("maxProducts: 1..3");
  const products = productPool.slice(0, maxProducts);
  return fc
    .uniqueArray(fc.constantFrom(...firmPool), { minLength: 2, maxLength: maxFirms, size: "max" })
    .chain((ids) => {
      const offer = (product: string) =>
        fc
          .record({
            price: fc.integer({ min: 1, max: 20 }),
            capacity: fc.integer({ min: 1, max: 6 }),
          })
          .chain(({ price, capacity }) =>
            fc.integer({ min: 0, max: price }).map((cost) => ({ product, price, cost, capacity })),
          );
      const need = (product: string) =>
        fc.record(
          {
            product: fc.constant(product),
            quantity: fc.integer({ min: 1, max: 6 }),
            referencePrice: fc.integer({ min: 0, max: 25 }),
            switchingCost: fc.integer({ min: 0, max: 10 }),
            incumbent: fc.constantFrom(...ids, "outsider"),
          },
          { requiredKeys: ["product", "quantity"] },
        );
      const someOf = (make: (product: string) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> =>
        fc
          .subarray(products, { minLength: 1 })
          .chain((chosen) =>
            chosen.length === 0
              ? fc.constant([])
              : fc.tuple(...chosen.map(make)).map((t) => [...t]),
          );
      const firm = (id: string) =>
        fc
          .record({ offers: someOf(offer), needs: someOf(need) })
          .map(({ offers, needs }) => ({ id, offers, needs }));
      const relation = fc
        .record({
          seller: fc.constantFrom(...ids),
          buyer: fc.constantFrom(...ids),
          product: fc.option(fc.constantFrom(...products), { nil: undefined }),
          probability: fc.option(fc.constantFrom(0.5, 0.9, 1), { nil: undefined }),
          blocked: fc.option(fc.boolean(), { nil: undefined }),
        })
        .filter((r) => r.seller !== r.buyer)
        .map((r) => {
          const plain: NonNullable<PlainNetwork["relations"]>[number] = {
            seller: r.seller,
            buyer: r.buyer,
          };
          if (r.product !== undefined) plain.product = r.product;
          if (r.probability !== undefined) plain.probability = r.probability;
          if (r.blocked !== undefined) plain.blocked = r.blocked;
          return plain;
        });
      return fc.record({
        firms: fc.tuple(...ids.map(firm)),
        relations: fc.uniqueArray(relation, {
          maxLength: 4,
          selector: (r) => `${r.seller} ${r.buyer} ${r.product ?? ""}`,
        }),
      });
    }) as fc.Arbitrary<PlainNetwork>;
}
