/**
 * Phase 2 of the generator: the network as a stream of records, one firm at a
 * time, in bounded memory (the layout's typed arrays and the relations, never
 * the firms). Each firm's needs are drawn from its own random stream
 * (`Random.of(seed, 4, firm)`), so a firm's record does not depend on how
 * many records were read before it.
 *
 * A need picks a supplier industry from the buyer's supplier mix (goods firms
 * also buy services), a line of it, and a region: the buyer's own (share
 * `localShare`) or a random one; an empty region moves to the nearest region
 * with sellers, so every product needed has sellers. Quantities follow from
 * the buyer's lognormal revenue; the reference price is near the market price
 * (or the incumbent's price); switching costs are 0.2-2% of the annual spend.
 * Candidate trades get probability and blocked relations at the given shares.
 */
import type { Firm, Meta, Need, Offer, Relation } from "../model/types.js";
import {
  industries,
  industryById,
  nameWords,
  serviceMix,
  serviceNeedShare,
  spendShare,
} from "./industries.js";
import { buildLayout, type Layout, productId, roundMoney, streams } from "./layout.js";
import { type GenerateOptions, resolveGenerateOptions } from "./options.js";
import { Random } from "./random.js";
import { RelationBuffer } from "./relation-buffer.js";

/** The first record: the network's currency and `meta` (which records the options). */
export interface NetworkHeaderRecord {
  readonly currency: string;
  readonly meta: Meta;
}

/** One record of a generated network, as in the JSON Lines form of SPEC §2. */
export type NetworkRecord =
  | NetworkHeaderRecord
  | { readonly firm: Firm }
  | { readonly relation: Relation };

/** Cumulative supplier weights per industry, as indices into `industries`. */
interface SupplierMix {
  readonly industries: Int32Array;
  readonly cumulative: Float64Array;
}

function supplierMix(weights: Readonly<Record<string, number>>): SupplierMix {
  const entries = Object.entries(weights);
  const ids = Int32Array.from(entries.map(([id]) => industries.indexOf(industryById.get(id)!)));
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, w], i) => {
    total += w;
    cumulative[i] = total;
  });
  return { industries: ids, cumulative };
}

const goodsMixes = industries.map((industry) => supplierMix(industry.suppliers));
const servicesMix = supplierMix(serviceMix);

/** The id of firm `f`: `f` and its index, zero-padded so that id order is index order. */
export function firmId(f: number, firmCount: number): string {
  return `f${String(f).padStart(String(Math.max(0, firmCount - 1)).length, "0")}`;
}

/** The generator's running state: the layout, product ids and the relations so far. */
class RecordMaker {
  readonly relations = new RelationBuffer();
  private readonly productIds: (string | undefined)[];
  private readonly pairSlots = new Map<number, number>();
  private readonly needed = new Set<number>();
  private readonly serviceShareOfNeeds: number;
  private readonly idWidth: number;
  /** Share of revenue one need spends, per line (by the supplier's tier). */
  private readonly lineSpend: Float64Array;

  constructor(readonly layout: Layout) {
    this.productIds = new Array(layout.productCount);
    this.serviceShareOfNeeds = serviceNeedShare(layout.options.serviceShare);
    this.idWidth = firmId(Math.max(0, layout.firmCount - 1), layout.firmCount).length - 1;
    this.lineSpend = Float64Array.from(layout.lineIndustry, (i) => spendShare(industries[i].tier));
  }

  product(p: number): string {
    let id = this.productIds[p];
    if (id === undefined) {
      id = productId(this.layout, p);
      this.productIds[p] = id;
    }
    return id;
  }

  id(f: number): string {
    return `f${String(f).padStart(this.idWidth, "0")}`;
  }

  /** Firm `f`'s record; its relations (as buyer) go to the buffer. */
  firm(f: number): Firm {
    const { layout } = this;
    const { options } = layout;
    const random = Random.of(options.seed, streams.firmRecord, f);
    const industry = industries[layout.firmIndustry[f]];
    const revenue = layout.firmRevenue[f];
    const firm: { -readonly [K in keyof Firm]: Firm[K] } = {
      id: this.id(f),
      name: `${nameWords[random.int(nameWords.length)]} ${industry.title} ${f}`,
      industry: industry.id,
    };
    if (revenue >= layout.keyAccountRevenue) firm.keyAccount = true;
    if (random.chance(options.hurdleShare))
      firm.hurdle = Math.round(revenue * random.uniform(0.0005, 0.005));
    if (random.chance(options.maxDealsShare)) firm.maxDeals = 1 + random.int(5);
    const offers: Offer[] = [];
    for (let o = layout.firmFirstOffer[f]; o < layout.firmFirstOffer[f + 1]; o++) {
      offers.push({
        product: this.product(layout.offerProduct[o]),
        price: layout.offerPrice[o],
        cost: layout.offerCost[o],
        capacity: layout.offerCapacity[o],
      });
    }
    firm.offers = offers;
    firm.needs = this.needs(f, random);
    return firm;
  }

  private needs(f: number, random: Random): Need[] {
    const { layout } = this;
    const { options } = layout;
    const count = random.poisson(options.needsPerFirm);
    const needs: Need[] = [];
    this.needed.clear();
    this.pairSlots.clear();
    for (let o = layout.firmFirstOffer[f]; o < layout.firmFirstOffer[f + 1]; o++)
      this.needed.add(layout.offerProduct[o]);
    for (let i = 0; i < count; i++) {
      const product = this.drawProduct(f, random);
      if (product < 0) continue;
      this.needed.add(product);
      needs.push(this.need(f, product, random));
    }
    return needs;
  }

  /** A product with sellers that `f` neither sells nor already needs, or −1 after 10 tries. */
  private drawProduct(f: number, random: Random): number {
    const { layout } = this;
    const own = layout.firmIndustry[f];
    const isService = industries[own].tier === "service";
    for (let attempt = 0; attempt < 10; attempt++) {
      const mix =
        !isService && random.chance(this.serviceShareOfNeeds) ? servicesMix : goodsMixes[own];
      const supplier = mix.industries[random.weighted(mix.cumulative)];
      if (layout.industryFirms[supplier] === 0) continue;
      const lines = industries[supplier].lines.length;
      const line = layout.industryFirstLine[supplier] + random.int(lines);
      const regions = layout.lineRegions[line];
      const region = random.chance(layout.options.localShare)
        ? Math.floor(layout.firmLocation[f] * regions)
        : random.int(regions);
      const product = this.nearestWithSellers(line, region);
      if (product >= 0 && !this.needed.has(product)) return product;
    }
    return -1;
  }

  /** The product of `line` nearest to `region` (ties: the next one up) that has sellers, or −1. */
  private nearestWithSellers(line: number, region: number): number {
    const { layout } = this;
    const regions = layout.lineRegions[line];
    const first = layout.lineFirstProduct[line];
    const sellers = layout.productFirstSeller;
    for (let d = 0; d <= regions >> 1; d++) {
      for (let side = 0; side < (d === 0 ? 1 : 2); side++) {
        const r = side === 0 ? region + d : region - d;
        const p = first + (((r % regions) + regions) % regions);
        if (sellers[p + 1] > sellers[p]) return p;
      }
    }
    return -1;
  }

  private need(f: number, product: number, random: Random): Need {
    const { layout, relations } = this;
    const { options } = layout;
    const market = layout.productMarketPrice[product];
    const spend =
      layout.firmRevenue[f] *
      this.lineSpend[layout.productLine[product]] *
      random.lognormal(0, 0.6);
    const quantity = Math.max(1, Math.round(spend / market));
    let incumbent = -1;
    let incumbentId: string | undefined;
    let incumbentFloor: number | undefined;
    let referencePrice: number | undefined;
    const first = layout.productFirstSeller[product];
    const sellers = layout.productFirstSeller[product + 1] - first;
    if (random.chance(options.incumbentShare)) {
      const insider = layout.productOffers[first + random.int(sellers)];
      if (!random.chance(options.outsideIncumbentShare) && layout.offerFirm[insider] !== f) {
        incumbent = layout.offerFirm[insider];
        incumbentId = this.id(incumbent);
        referencePrice = roundMoney(layout.offerPrice[insider] * random.uniform(0.94, 1));
        if (random.chance(options.incumbentFloorShare)) {
          incumbentFloor = roundMoney(layout.offerCost[insider] * random.uniform(1, 1.1));
        }
      } else {
        const rival = industries[layout.firmIndustry[layout.offerFirm[insider]]].id;
        incumbentId = `x-${rival}-${random.int(1000)}`;
        referencePrice = roundMoney(market * random.lognormal(0, 0.08));
        if (random.chance(options.incumbentFloorShare)) {
          incumbentFloor = roundMoney(referencePrice * random.uniform(0.8, 0.95));
        }
      }
    } else if (!random.chance(0.15)) {
      referencePrice = roundMoney(market * random.lognormal(0, 0.08));
    }
    // Keys in one fixed order: product, quantity, referencePrice, switchingCost, incumbent, incumbentFloor.
    const need: { -readonly [K in keyof Need]: Need[K] } = {
      product: this.product(product),
      quantity,
    };
    if (referencePrice !== undefined) need.referencePrice = referencePrice;
    if (random.chance(0.75)) {
      need.switchingCost = Math.round(
        quantity * (referencePrice ?? market) * random.uniform(0.002, 0.02),
      );
    }
    if (incumbentId !== undefined) need.incumbent = incumbentId;
    if (incumbentFloor !== undefined) need.incumbentFloor = incumbentFloor;
    for (let s = first; s < first + sellers; s++) {
      const seller = layout.productSellers[s];
      if (seller === f || seller === incumbent) continue;
      const draw = random.float();
      if (draw < options.blockedShare) {
        if (random.chance(0.75)) this.pairRelation(seller, f, Number.NaN, true);
        else relations.push(seller, f, product, Number.NaN, true);
      } else if (draw < options.blockedShare + options.probabilityShare) {
        const probability = Math.round(random.uniform(0.3, 0.95) * 100) / 100;
        if (random.chance(0.7)) relations.push(seller, f, product, probability, false);
        else this.pairRelation(seller, f, probability, false);
      }
    }
    return need;
  }

  /** Adds to the one pair-level relation of (seller, buyer), creating it if needed. */
  private pairRelation(seller: number, buyer: number, probability: number, blocked: boolean): void {
    const slot = this.pairSlots.get(seller);
    if (slot === undefined) {
      this.pairSlots.set(seller, this.relations.push(seller, buyer, -1, probability, blocked));
      return;
    }
    if (blocked) this.relations.block(slot);
    if (!Number.isNaN(probability)) this.relations.offerProbability(slot, probability);
  }

  /** Relation `slot` as a record. */
  relation(slot: number): Relation {
    const { relations } = this;
    const relation: { -readonly [K in keyof Relation]: Relation[K] } = {
      seller: this.id(relations.seller(slot)),
      buyer: this.id(relations.buyer(slot)),
    };
    const product = relations.product(slot);
    if (product >= 0) relation.product = this.product(product);
    const probability = relations.probability(slot);
    if (!Number.isNaN(probability)) relation.probability = probability;
    if (relations.blocked(slot)) relation.blocked = true;
    return relation;
  }
}

/**
 * The records of a seeded synthetic network, in the order of the JSON Lines
 * form: the header, every firm, then every relation. Memory stays bounded by
 * the layout (~60 bytes a firm) and the relations (~21 bytes each).
 *
 * @throws UsageError for a bad option (checked before the first record)
 * @example
 * for (const record of generateNetworkRecords({ firms: 1_000_000 })) out.write(`${JSON.stringify(record)}\n`);
 */
export function generateNetworkRecords(
  options: GenerateOptions = {},
): Generator<NetworkRecord, void, undefined> {
  const resolved = resolveGenerateOptions(options);
  return records(resolved);

  function* records(o: typeof resolved): Generator<NetworkRecord, void, undefined> {
    const maker = new RecordMaker(buildLayout(o));
    const { currency, ...knobs } = o;
    yield { currency, meta: { generator: "reciprocal-deals generate", ...knobs } };
    for (let f = 0; f < o.firms; f++) yield { firm: maker.firm(f) };
    for (let slot = 0; slot < maker.relations.size; slot++)
      yield { relation: maker.relation(slot) };
  }
}
