/**
 * `networkArb`: random small trade networks as plain JSON documents that pass
 * `parseNetwork` (SPEC §2).
 *
 * Built from small arbitraries (a firm is a slot per product for an offer and
 * a need, a hurdle, flags; a relation is a pair of firm numbers) and mapped to
 * JSON at the end: ids come from positions (`f0`, `f1`, …; products `p0`, …),
 * firm numbers are taken modulo the firm count, and repeated relations are
 * dropped. So every value — generated or shrunk — is valid by construction, and
 * shrinking removes firms, offers, needs and relations and lowers the numbers.
 * Money is whole numbers, so sums are exact.
 */
import fc from "fast-check";
import type { Firm, Need, Network, Offer, Relation } from "../index.js";
import { checkFlag, checkKeys, checkRange, checkWhole, withDefaults } from "./constraints.js";

/** The knobs of `networkArb`. */
export interface NetworkConstraints {
  /** Fewest firms. @defaultValue 2 */
  readonly minFirms?: number;
  /** Most firms. @defaultValue 5 */
  readonly maxFirms?: number;
  /** Size of the product catalogue (`p0`, `p1`, …). @defaultValue 3 */
  readonly products?: number;
  /** Chance that a firm offers a given product, and (separately) that it needs it. @defaultValue 0.5 */
  readonly density?: number;
  /** Most offers per firm. @defaultValue `products` */
  readonly maxOffersPerFirm?: number;
  /** Most needs per firm. @defaultValue `products` */
  readonly maxNeedsPerFirm?: number;
  /** Most relations. @defaultValue 4 */
  readonly maxRelations?: number;
  /** Relations may state a probability (in twentieths). @defaultValue true */
  readonly probabilities?: boolean;
  /** Relations may block a pair or a pair and product. @defaultValue true */
  readonly blocked?: boolean;
  /** Firms may have a hurdle. @defaultValue true */
  readonly hurdles?: boolean;
  /** Needs may name an incumbent (a firm of the network or the outsider `rival`), half of them with a floor (`incumbentFloor`). @defaultValue true */
  readonly incumbents?: boolean;
  /** Firms may be key accounts. @defaultValue true */
  readonly keyAccounts?: boolean;
  /** Firms may have `maxDeals`. @defaultValue false */
  readonly maxDeals?: boolean;
  /** Highest unit price; costs, reference prices, switching costs and hurdles scale with it. @defaultValue 100 */
  readonly maxPrice?: number;
}

/** The defaults of `NetworkConstraints`. */
export const defaultNetworkConstraints = {
  minFirms: 2,
  maxFirms: 5,
  products: 3,
  density: 0.5,
  maxRelations: 4,
  probabilities: true,
  blocked: true,
  hurdles: true,
  incumbents: true,
  keyAccounts: true,
  maxDeals: false,
  maxPrice: 100,
} as const;

/** The constraints that switch a feature on or off. */
const flags = [
  "probabilities",
  "blocked",
  "hurdles",
  "incumbents",
  "keyAccounts",
  "maxDeals",
] as const;

const knobs = [
  "minFirms",
  "maxFirms",
  "products",
  "density",
  "maxOffersPerFirm",
  "maxNeedsPerFirm",
  "maxRelations",
  "maxPrice",
  ...flags,
];

/** Checks constraints eagerly and fills the defaults. */
function resolve(constraints: NetworkConstraints): Required<NetworkConstraints> {
  const where = "networkArb";
  checkKeys(where, constraints, knobs);
  const c = withDefaults(defaultNetworkConstraints, constraints);
  checkWhole(where, "minFirms", c.minFirms, 0, 1000);
  checkWhole(where, "maxFirms", c.maxFirms, Math.max(1, c.minFirms), 1000);
  checkWhole(where, "products", c.products, 1, 1000);
  checkRange(where, "density", c.density, 0, 1);
  checkWhole(where, "maxOffersPerFirm", c.maxOffersPerFirm, 0);
  checkWhole(where, "maxNeedsPerFirm", c.maxNeedsPerFirm, 0);
  checkWhole(where, "maxRelations", c.maxRelations, 0, 10_000);
  checkWhole(where, "maxPrice", c.maxPrice, 1, 1e9);
  for (const flag of flags) {
    checkFlag(where, flag, c[flag]);
  }
  return {
    ...c,
    maxOffersPerFirm: c.maxOffersPerFirm ?? c.products,
    maxNeedsPerFirm: c.maxNeedsPerFirm ?? c.products,
  };
}

/** Present with chance `density`; shrinks towards absent. */
function sometimes<T>(density: number, body: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  const absentBelow = 100 - Math.round(density * 100);
  return fc
    .tuple(fc.integer({ min: 0, max: 99 }), body)
    .map(([roll, value]) => (roll >= absentBelow ? value : undefined));
}

/** Present with chance `density` when `enabled`; shrinks towards absent. */
function maybe<T>(
  enabled: boolean,
  density: number,
  body: fc.Arbitrary<T>,
): fc.Arbitrary<T | undefined> {
  return enabled ? sometimes(density, body) : fc.constant(undefined);
}

/**
 * Random networks as plain JSON that passes `parseNetwork`.
 *
 * @param constraints - the knobs (see `NetworkConstraints`); checked at once
 * @throws UsageError for a bad constraint
 * @example
 * fc.assert(fc.property(networkArb({ maxFirms: 4 }), (json) => {
 *   const network = parseNetwork(json);
 *   return findDeals(network, { top: Infinity }).every((deal) => conservesMoney(deal));
 * }));
 */
export function networkArb(constraints: NetworkConstraints = {}): fc.Arbitrary<Network> {
  const c = resolve(constraints);
  const money = (max: number) => fc.integer({ min: 0, max });
  const offerArb = fc.record({
    price: fc.integer({ min: 1, max: c.maxPrice }),
    costShare: fc.integer({ min: 0, max: 100 }),
    capacity: fc.integer({ min: 1, max: 50 }),
  });
  const needArb = fc.record({
    quantity: fc.integer({ min: 1, max: 50 }),
    referencePrice: sometimes(0.6, money(Math.ceil(c.maxPrice * 1.2))),
    switchingCost: sometimes(0.5, money(c.maxPrice * 2)),
    incumbent: maybe(c.incumbents, 0.3, fc.nat(c.maxFirms)),
    incumbentFloor: maybe(c.incumbents, 0.5, money(c.maxPrice)),
  });
  const firmArb = fc.record({
    offers: fc.array(sometimes(c.density, offerArb), {
      minLength: c.products,
      maxLength: c.products,
    }),
    needs: fc.array(sometimes(c.density, needArb), {
      minLength: c.products,
      maxLength: c.products,
    }),
    hurdle: maybe(c.hurdles, 0.3, money(c.maxPrice * 5)),
    keyAccount: maybe(c.keyAccounts, 0.2, fc.constant(true)),
    maxDeals: maybe(c.maxDeals, 0.5, fc.integer({ min: 1, max: 3 })),
  });
  const relationArb = fc.record({
    seller: fc.nat(c.maxFirms),
    buyer: fc.nat(c.maxFirms),
    product: sometimes(0.5, fc.nat(c.products - 1)),
    probability: maybe(c.probabilities, 0.7, fc.integer({ min: 1, max: 20 })),
    blocked: maybe(c.blocked, 0.3, fc.constant(true)),
  });
  return fc
    .record({
      firms: fc.array(firmArb, { minLength: c.minFirms, maxLength: c.maxFirms }),
      relations: fc.array(relationArb, { maxLength: c.maxRelations }),
    })
    .map(({ firms, relations }): Network => {
      const n = firms.length;
      const firmId = (i: number) => `f${i}`;
      const jsonFirms = firms.map((shape, i): Firm => {
        const offers: Offer[] = [];
        shape.offers.forEach((offer, p) => {
          if (offer === undefined || offers.length >= c.maxOffersPerFirm) return;
          const cost = Math.floor((offer.price * offer.costShare) / 100);
          offers.push({ product: `p${p}`, price: offer.price, cost, capacity: offer.capacity });
        });
        const needs: Need[] = [];
        shape.needs.forEach((need, p) => {
          if (need === undefined || needs.length >= c.maxNeedsPerFirm) return;
          const json: { -readonly [K in keyof Need]: Need[K] } = {
            product: `p${p}`,
            quantity: need.quantity,
          };
          if (need.referencePrice !== undefined) json.referencePrice = need.referencePrice;
          if (need.switchingCost !== undefined) json.switchingCost = need.switchingCost;
          if (need.incumbent !== undefined) {
            const k = need.incumbent % (n + 1);
            json.incumbent = k === n || k === i ? "rival" : firmId(k);
            if (need.incumbentFloor !== undefined) json.incumbentFloor = need.incumbentFloor;
          }
          needs.push(json);
        });
        const firm: { -readonly [K in keyof Firm]: Firm[K] } = { id: firmId(i) };
        if (shape.hurdle !== undefined) firm.hurdle = shape.hurdle;
        if (shape.keyAccount !== undefined) firm.keyAccount = true;
        if (shape.maxDeals !== undefined) firm.maxDeals = shape.maxDeals;
        if (offers.length > 0) firm.offers = offers;
        if (needs.length > 0) firm.needs = needs;
        return firm;
      });
      const jsonRelations: Relation[] = [];
      const seen = new Set<string>();
      if (n >= 2) {
        for (const shape of relations) {
          const seller = shape.seller % n;
          const buyer = shape.buyer % n;
          if (seller === buyer) continue;
          const key = `${seller}/${buyer}/${shape.product ?? ""}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const relation: { -readonly [K in keyof Relation]: Relation[K] } = {
            seller: firmId(seller),
            buyer: firmId(buyer),
          };
          if (shape.product !== undefined) relation.product = `p${shape.product}`;
          if (shape.probability !== undefined) relation.probability = shape.probability / 20;
          if (shape.blocked !== undefined) relation.blocked = true;
          jsonRelations.push(relation);
        }
      }
      return { currency: "EUR", firms: jsonFirms, relations: jsonRelations };
    });
}
