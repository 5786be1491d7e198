/**
 * Phase 1 of the generator: the layout of the economy in typed arrays, small
 * enough for tens of millions of firms (~60 bytes a firm and an offer). Each
 * firm gets an industry, a location on a ring [0, 1) and a lognormal revenue;
 * each product line is split into regions along the ring so that a product (a
 * line in a region, `steel@r12`) has about `sellersPerProduct` sellers; each
 * firm sells `offersPerFirm` products of its industry in its region (then in
 * the neighbouring regions). Prices are a line's base price × a regional
 * factor × a firm factor; margins are uniform in 10-40%.
 *
 * Phase 2 (`firm-records.ts`) reads this layout to draw each firm's needs,
 * incumbents and relations one firm at a time.
 */
import { type Industry, industries } from "./industries.js";
import type { ResolvedGenerateOptions } from "./options.js";
import { Random } from "./random.js";

/** Stream numbers for `Random.of(seed, stream, …)`. */
export const streams = { firms: 1, markets: 2, offers: 3, firmRecord: 4 } as const;

/** The economy's layout: firms, product lines, products, offers and sellers. */
export interface Layout {
  readonly options: ResolvedGenerateOptions;
  readonly firmCount: number;
  /** Index into `industries` per firm. */
  readonly firmIndustry: Uint8Array;
  readonly firmLocation: Float64Array;
  readonly firmRevenue: Float64Array;
  /** Firms with revenue ≥ this are key accounts. */
  readonly keyAccountRevenue: number;
  /** Firms per industry. */
  readonly industryFirms: Int32Array;
  /** First global line of each industry (lines of an industry are consecutive). */
  readonly industryFirstLine: Int32Array;
  /** Per global line: its industry, regions and first product. */
  readonly lineIndustry: Int32Array;
  readonly lineRegions: Int32Array;
  readonly lineFirstProduct: Int32Array;
  readonly lineNames: readonly string[];
  readonly productCount: number;
  /** The line of each product. */
  readonly productLine: Int32Array;
  readonly productMarketPrice: Float64Array;
  /** Offers grouped by firm: firm f owns `firmFirstOffer[f] .. firmFirstOffer[f+1]-1`. */
  readonly firmFirstOffer: Int32Array;
  readonly offerFirm: Int32Array;
  readonly offerProduct: Int32Array;
  readonly offerPrice: Float64Array;
  readonly offerCost: Float64Array;
  readonly offerCapacity: Float64Array;
  /** Offers grouped by product: product p is sold by `productOffers[productFirstSeller[p] .. productFirstSeller[p+1]-1]`, in firm order. */
  readonly productFirstSeller: Int32Array;
  readonly productOffers: Int32Array;
  /** The firm of each entry of `productOffers` (the same order), for cache-friendly scans. */
  readonly productSellers: Int32Array;
}

/** Rounds a money amount: whole units from 1,000 up, else cents. */
export function roundMoney(x: number): number {
  return x >= 1000 ? Math.round(x) : Math.round(x * 100) / 100;
}

function cumulative(weights: readonly number[]): Float64Array {
  const sums = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w;
    sums[i] = total;
  });
  return sums;
}

/** Industry weights scaled so that services hold `serviceShare` of the firms. */
function industryWeights(serviceShare: number): Float64Array {
  const total = (service: boolean) =>
    industries.reduce((sum, i) => sum + ((i.tier === "service") === service ? i.weight : 0), 0);
  const goods = total(false);
  const services = total(true);
  return cumulative(
    industries.map((i: Industry) =>
      i.tier === "service"
        ? (serviceShare * i.weight) / services
        : ((1 - serviceShare) * i.weight) / goods,
    ),
  );
}

/** The revenue of the k-th largest firm (k ≥ 1), or Infinity when k = 0. */
function kthLargest(values: Float64Array, k: number): number {
  if (k <= 0) return Number.POSITIVE_INFINITY;
  const sorted = Float64Array.from(values).sort();
  return sorted[sorted.length - Math.min(k, sorted.length)];
}

/** Builds the layout (deterministic in the options). */
export function buildLayout(options: ResolvedGenerateOptions): Layout {
  const { firms: n, seed, offersPerFirm: k, sellersPerProduct } = options;
  const firmIndustry = new Uint8Array(n);
  const firmLocation = new Float64Array(n);
  const firmRevenue = new Float64Array(n);
  const industryFirms = new Int32Array(industries.length);
  const weights = industryWeights(options.serviceShare);
  const random = Random.of(seed, streams.firms);
  const medianRevenue = Math.log(2e7);
  for (let f = 0; f < n; f++) {
    const industry = random.weighted(weights);
    firmIndustry[f] = industry;
    industryFirms[industry]++;
    firmLocation[f] = random.float();
    firmRevenue[f] = random.lognormal(medianRevenue, 1);
  }
  const keyAccounts =
    options.keyAccountShare > 0 ? Math.max(1, Math.round(options.keyAccountShare * n)) : 0;

  // Product lines and their regions.
  const lineNames: string[] = [];
  const lineIndustryList: number[] = [];
  const lineRegionsList: number[] = [];
  const industryFirstLine = new Int32Array(industries.length);
  industries.forEach((industry, i) => {
    industryFirstLine[i] = lineNames.length;
    const lines = industry.lines.length;
    const expectedSellers = (industryFirms[i] * k) / lines;
    for (const line of industry.lines) {
      lineNames.push(line.name);
      lineIndustryList.push(i);
      lineRegionsList.push(Math.max(1, Math.round(expectedSellers / sellersPerProduct)));
    }
  });
  const lineIndustry = Int32Array.from(lineIndustryList);
  const lineRegions = Int32Array.from(lineRegionsList);
  const lineFirstProduct = new Int32Array(lineNames.length + 1);
  for (let l = 0; l < lineNames.length; l++)
    lineFirstProduct[l + 1] = lineFirstProduct[l] + lineRegions[l];
  const productCount = lineFirstProduct[lineNames.length];
  const productMarketPrice = new Float64Array(productCount);
  const productLine = new Int32Array(productCount);
  const markets = Random.of(seed, streams.markets);
  for (let l = 0; l < lineNames.length; l++) {
    productLine.fill(l, lineFirstProduct[l], lineFirstProduct[l + 1]);
    const base =
      industries[lineIndustry[l]].lines[l - industryFirstLine[lineIndustry[l]]].basePrice;
    for (let p = lineFirstProduct[l]; p < lineFirstProduct[l + 1]; p++) {
      productMarketPrice[p] = base * markets.uniform(0.85, 1.15);
    }
  }

  // Offers: slot j of a firm is line (start + j) mod L, in its region shifted by 0, +1, −1, +2, …
  const firmFirstOffer = new Int32Array(n + 1);
  const offerFirm = new Int32Array(n * k);
  const offerProduct = new Int32Array(n * k);
  const offerPrice = new Float64Array(n * k);
  const offerCost = new Float64Array(n * k);
  const offerCapacity = new Float64Array(n * k);
  const offersRandom = Random.of(seed, streams.offers);
  let offers = 0;
  for (let f = 0; f < n; f++) {
    firmFirstOffer[f] = offers;
    const industry = firmIndustry[f];
    const lines = industries[industry].lines.length;
    const start = offersRandom.int(lines);
    for (let j = 0; j < k; j++) {
      const line = industryFirstLine[industry] + ((start + j) % lines);
      const regions = lineRegions[line];
      const round = Math.floor(j / lines);
      const shift = round % 2 === 1 ? (round + 1) / 2 : -round / 2;
      const home = Math.floor(firmLocation[f] * regions);
      const product = lineFirstProduct[line] + ((((home + shift) % regions) + regions) % regions);
      let duplicate = false;
      for (let o = firmFirstOffer[f]; o < offers; o++)
        if (offerProduct[o] === product) duplicate = true;
      if (duplicate) continue;
      const price = Math.max(
        1,
        roundMoney(productMarketPrice[product] * offersRandom.lognormal(0, 0.08)),
      );
      offerFirm[offers] = f;
      offerProduct[offers] = product;
      offerPrice[offers] = price;
      offerCost[offers] = costAtMargin(price, offersRandom);
      offerCapacity[offers] = Math.max(
        1,
        Math.round((firmRevenue[f] / k / price) * offersRandom.lognormal(0, 0.5)),
      );
      offers++;
    }
  }
  firmFirstOffer[n] = offers;

  // Sellers by product (counting sort keeps firm order).
  const productFirstSeller = new Int32Array(productCount + 1);
  for (let o = 0; o < offers; o++) productFirstSeller[offerProduct[o] + 1]++;
  for (let p = 0; p < productCount; p++) productFirstSeller[p + 1] += productFirstSeller[p];
  const fill = productFirstSeller.slice(0, productCount);
  const productOffers = new Int32Array(offers);
  const productSellers = new Int32Array(offers);
  for (let o = 0; o < offers; o++) {
    const slot = fill[offerProduct[o]]++;
    productOffers[slot] = o;
    productSellers[slot] = offerFirm[o];
  }

  return {
    options,
    firmCount: n,
    firmIndustry,
    firmLocation,
    firmRevenue,
    keyAccountRevenue: kthLargest(firmRevenue, keyAccounts),
    industryFirms,
    industryFirstLine,
    lineIndustry,
    lineRegions,
    lineFirstProduct,
    lineNames,
    productCount,
    productLine,
    productMarketPrice,
    firmFirstOffer,
    offerFirm: offerFirm.subarray(0, offers),
    offerProduct: offerProduct.subarray(0, offers),
    offerPrice: offerPrice.subarray(0, offers),
    offerCost: offerCost.subarray(0, offers),
    offerCapacity: offerCapacity.subarray(0, offers),
    productFirstSeller,
    productOffers,
    productSellers,
  };
}

/** A cost giving a margin (price − cost)/price uniform in 10-40%, kept inside after rounding. */
function costAtMargin(price: number, random: Random): number {
  const margin = random.uniform(0.1, 0.4);
  const cost = roundMoney(price * (1 - margin));
  const actual = (price - cost) / price;
  return actual >= 0.1 && actual <= 0.4 ? cost : roundMoney(price * 0.75);
}

/** Product `p`'s id: `line@rREGION`. */
export function productId(layout: Layout, product: number): string {
  const line = layout.productLine[product];
  return `${layout.lineNames[line]}@r${product - layout.lineFirstProduct[line]}`;
}
