import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  defaultGenerateOptions,
  type GenerateOptions,
  generateNetwork,
  generateNetworkRecords,
  jsonDocumentText,
  jsonLinesText,
} from "../../src/generator/index.js";
import { UsageError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { parseNetworkText, readNetworkLines } from "../../src/model/read-network.js";
import type { Network } from "../../src/model/types.js";

/** Small knob settings: every field drawn, sizes kept small. */
const knobs: fc.Arbitrary<GenerateOptions> = fc.record({
  firms: fc.integer({ min: 1, max: 100 }),
  seed: fc.nat(),
  offersPerFirm: fc.integer({ min: 1, max: 4 }),
  needsPerFirm: fc.double({ min: 0, max: 5, noNaN: true }),
  sellersPerProduct: fc.double({ min: 1, max: 12, noNaN: true }),
  serviceShare: fc.double({ min: 0, max: 1, noNaN: true }),
  localShare: fc.double({ min: 0, max: 1, noNaN: true }),
  incumbentShare: fc.double({ min: 0, max: 1, noNaN: true }),
  outsideIncumbentShare: fc.double({ min: 0, max: 1, noNaN: true }),
  keyAccountShare: fc.double({ min: 0, max: 1, noNaN: true }),
  probabilityShare: fc.double({ min: 0, max: 1, noNaN: true }),
  blockedShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
});

function jsonLines(options: GenerateOptions): string {
  return [...jsonLinesText(generateNetworkRecords(options))].join("");
}

/** Sellers (firm ids) of each product, from the offers. */
function sellersByProduct(network: Network): Map<string, string[]> {
  const sellers = new Map<string, string[]>();
  for (const firm of network.firms) {
    for (const offer of firm.offers ?? []) {
      const list = sellers.get(offer.product) ?? [];
      list.push(firm.id);
      sellers.set(offer.product, list);
    }
  }
  return sellers;
}

describe("generateNetwork: determinism", () => {
  it("gives the same bytes for the same options and different bytes for another seed", () => {
    const options = { firms: 300, seed: 11, offersPerFirm: 2 };
    const first = jsonLines(options);
    expect(jsonLines(options)).toBe(first);
    expect(jsonLines({ ...options, seed: 12 })).not.toBe(first);
    expect(JSON.stringify(generateNetwork(options))).toBe(JSON.stringify(generateNetwork(options)));
  });

  it("records the options in the root meta and uses the default currency", () => {
    const network = generateNetwork({ firms: 10, seed: 3 });
    expect(network.currency).toBe(defaultGenerateOptions.currency);
    expect(network.meta).toMatchObject({
      firms: 10,
      seed: 3,
      needsPerFirm: defaultGenerateOptions.needsPerFirm,
    });
  });

  it("numbers firms f0.. zero-padded, so that id order is index order", () => {
    const ids = generateNetwork({ firms: 120 }).firms.map((f) => f.id);
    expect(ids[0]).toBe("f000");
    expect(ids[119]).toBe("f119");
    expect([...ids].sort()).toEqual(ids);
  });
});

describe("generateNetwork: validity", () => {
  it("passes parseNetwork unchanged at every knob setting", () => {
    fc.assert(
      fc.property(knobs, (options) => {
        const network = generateNetwork(options);
        expect(network.firms).toHaveLength(options.firms!);
        expect(parseNetwork(JSON.parse(JSON.stringify(network)))).toEqual(network);
      }),
    );
  });

  it("passes parseNetwork at larger sizes", () => {
    for (const firms of [1, 2, 1000, 4000]) {
      const network = generateNetwork({ firms, seed: firms });
      expect(parseNetwork(network).firms).toHaveLength(firms);
    }
  });

  it("rejects bad knobs eagerly with a UsageError", () => {
    const bad: unknown[] = [
      { firms: 0 },
      { firms: 1.5 },
      { firms: Number.NaN },
      { firms: "10" },
      { seed: -1 },
      { seed: 2 ** 53 },
      { offersPerFirm: 0 },
      { needsPerFirm: -1 },
      { sellersPerProduct: 0.5 },
      { serviceShare: 1.5 },
      { blockedShare: Number.POSITIVE_INFINITY },
      { currency: 5 },
      { firmCount: 10 },
    ];
    for (const options of bad) {
      expect(
        () => generateNetworkRecords(options as GenerateOptions),
        JSON.stringify(options),
      ).toThrow(UsageError);
      expect(() => generateNetwork(options as GenerateOptions)).toThrow(UsageError);
    }
  });
});

describe("generated text", () => {
  it("writes each record exactly as JSON.stringify does", () => {
    fc.assert(
      fc.property(knobs, (options) => {
        const records = [...generateNetworkRecords(options)];
        const lines = [...jsonLinesText(records)];
        expect(lines).toEqual(records.map((record) => `${JSON.stringify(record)}\n`));
      }),
      { numRuns: 30 },
    );
  });

  it("reads back, as JSON Lines and as one document, to the same network", async () => {
    const samples = fc.sample(knobs, { numRuns: 12, seed: 5 });
    for (const options of [...samples, { firms: 2000, seed: 9, offersPerFirm: 3 }]) {
      const network = generateNetwork(options);
      const document = [...jsonDocumentText(generateNetworkRecords(options))].join("");
      expect(parseNetworkText(document)).toEqual(network);
      const lines = jsonLines(options);
      const chunks = lines.match(/[\s\S]{1,4096}/g) ?? [];
      expect(await readNetworkLines(Readable.from(chunks))).toEqual(network);
    }
  });

  it("writes a document without relations and one from records without a header", () => {
    const firm = { id: "a", offers: [], needs: [] };
    expect(JSON.parse([...jsonDocumentText([{ firm }])].join(""))).toEqual({
      firms: [firm],
      relations: [],
    });
    expect(JSON.parse([...jsonDocumentText([])].join(""))).toEqual({ firms: [], relations: [] });
    const relation = { seller: "a", buyer: "a", blocked: true };
    expect(JSON.parse([...jsonDocumentText([{ relation }])].join(""))).toEqual({
      firms: [],
      relations: [relation],
    });
  });
});

describe("generated economics", () => {
  it("keeps every promise: margins 10-40%, sellers for every need, incumbents, whole quantities", () => {
    fc.assert(
      fc.property(knobs, (options) => {
        const network = generateNetwork(options);
        const sellers = sellersByProduct(network);
        const ids = new Set(network.firms.map((f) => f.id));
        for (const firm of network.firms) {
          expect(firm.offers!.length).toBeGreaterThanOrEqual(1);
          const offered = new Set(firm.offers!.map((o) => o.product));
          for (const offer of firm.offers!) {
            const margin = (offer.price - offer.cost) / offer.price;
            expect(margin).toBeGreaterThanOrEqual(0.1);
            expect(margin).toBeLessThanOrEqual(0.4);
            expect(offer.price).toBeGreaterThanOrEqual(1);
            expect(Number.isInteger(offer.capacity) && offer.capacity >= 1).toBe(true);
          }
          for (const need of firm.needs!) {
            expect(offered.has(need.product)).toBe(false);
            expect(Number.isInteger(need.quantity) && need.quantity >= 1).toBe(true);
            const others = (sellers.get(need.product) ?? []).filter((s) => s !== firm.id);
            expect(others.length).toBeGreaterThanOrEqual(1);
            if (need.incumbent !== undefined) {
              expect(need.incumbent).not.toBe(firm.id);
              // An incumbent inside the network sells the product; one outside is not a firm.
              if (ids.has(need.incumbent)) expect(others).toContain(need.incumbent);
              expect(need.referencePrice).toBeDefined();
            }
          }
        }
        const keyAccounts = network.firms.filter((f) => f.keyAccount).length;
        const share = options.keyAccountShare!;
        expect(keyAccounts).toBe(
          share > 0 ? Math.min(options.firms!, Math.max(1, Math.round(share * options.firms!))) : 0,
        );
      }),
    );
  });

  const big = generateNetwork({ firms: 4000, seed: 2 });

  it("has about sellersPerProduct sellers per product and every feature present", () => {
    for (const spp of [3, 8]) {
      const network = generateNetwork({ firms: 4000, seed: 2, sellersPerProduct: spp });
      const counts = [...sellersByProduct(network).values()].map((s) => s.length);
      const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
      // Regions per line = round(expected sellers / spp): the mean is near spp, never far off.
      expect(mean).toBeGreaterThan(spp * 0.6);
      expect(mean).toBeLessThan(spp * 1.5);
    }
    const relations = big.relations!;
    expect(relations.some((r) => r.blocked && r.product === undefined)).toBe(true);
    expect(relations.some((r) => r.blocked && r.product !== undefined)).toBe(true);
    expect(relations.some((r) => r.probability !== undefined)).toBe(true);
    const ids = new Set(big.firms.map((f) => f.id));
    const incumbents = big.firms.flatMap((f) =>
      f.needs!.flatMap((n) => (n.incumbent === undefined ? [] : [n.incumbent])),
    );
    expect(incumbents.some((id) => ids.has(id))).toBe(true);
    expect(incumbents.some((id) => !ids.has(id))).toBe(true);
    // Floors (SPEC §5): only with an incumbent; a firm's at or just above its cost,
    // an outsider's 5-20% below the reference price.
    const byId = new Map(big.firms.map((f) => [f.id, f]));
    const floored = big.firms.flatMap((f) =>
      f.needs!.filter((n) => n.incumbentFloor !== undefined),
    );
    expect(floored.length).toBeGreaterThan(0);
    for (const need of floored) {
      expect(need.incumbent).toBeDefined();
      const floor = need.incumbentFloor ?? Number.NaN;
      const offer = byId.get(need.incumbent ?? "")?.offers?.find((o) => o.product === need.product);
      if (offer !== undefined) {
        expect(floor).toBeGreaterThanOrEqual(offer.cost - 0.01);
        expect(floor).toBeLessThanOrEqual(offer.cost * 1.1 + 0.01);
      } else {
        expect(floor).toBeLessThanOrEqual((need.referencePrice ?? 0) * 0.95 + 0.01);
      }
    }
    expect(big.firms.some((f) => f.hurdle !== undefined)).toBe(true);
    expect(big.firms.some((f) => f.maxDeals !== undefined)).toBe(true);
  });

  it("prices near market: reference prices within 0.6-1.6× the product's mean offer price", () => {
    const prices = new Map<string, number[]>();
    for (const firm of big.firms)
      for (const o of firm.offers!)
        prices.set(o.product, [...(prices.get(o.product) ?? []), o.price]);
    for (const firm of big.firms) {
      for (const need of firm.needs!) {
        if (need.referencePrice === undefined) continue;
        const list = prices.get(need.product)!;
        const mean = list.reduce((a, b) => a + b, 0) / list.length;
        expect(need.referencePrice / mean).toBeGreaterThan(0.6);
        expect(need.referencePrice / mean).toBeLessThan(1.6);
      }
    }
  });

  it("has both reciprocal and non-reciprocal candidate trades (premium c of SPEC §3)", () => {
    const offers = new Map<string, { seller: string; price: number }[]>();
    for (const firm of big.firms) {
      for (const o of firm.offers!)
        offers.set(o.product, [
          ...(offers.get(o.product) ?? []),
          { seller: firm.id, price: o.price },
        ]);
    }
    let candidates = 0;
    let free = 0;
    for (const firm of big.firms) {
      for (const need of firm.needs!) {
        for (const { seller, price } of offers.get(need.product)!) {
          if (seller === firm.id || seller === need.incumbent) continue;
          const offer = big.firms[Number(seller.slice(1))].offers!.find(
            (o) => o.product === need.product,
          )!;
          const q = Math.min(offer.capacity, need.quantity);
          const c = (price - (need.referencePrice ?? price)) * q + (need.switchingCost ?? 0);
          candidates++;
          if (c <= 0) free++;
        }
      }
    }
    expect(candidates).toBeGreaterThan(5 * big.firms.length);
    expect(free / candidates).toBeGreaterThan(0.2);
    expect(free / candidates).toBeLessThan(0.7);
  });
});
