/**
 * The pricing workspace: one deal's numbers in small typed arrays, reused from
 * deal to deal so that scoring millions of deals allocates nothing.
 *
 * Parties are numbered in the order they first appear in the deal's trades
 * (SPEC §8), which for the three shapes is also the order the fast paths use:
 * - `ring` (cycles and chains): party j sells trade j to party j+1 (mod k); a
 *   chain of k parties has k−1 trades and a phantom closing edge of capacity 0;
 * - `brokered`: parties S, M, D and trades S→M, M→D, S→D (SPEC §4's order);
 * - `generic`: any other set of trades (priced by the LP only).
 *
 * A fixed discount (given to `scoreDeal`) is folded into the parties' bases and
 * leaves the trade no room to move (capacity 0), so the pricers never see it.
 *
 * The competitor's counter (SPEC §5): under `competition: "counter"` the
 * caller sets `floors` before loading; each trade's counter per unit is then
 * read at load, and `derive` raises every party's hurdle (`hurdle`) above its
 * own (`ownHurdle`) by its exposure, before anything is priced.
 */

import type { DealKind } from "../search/kinds.js";
import { counterUnit, type IncumbentFloors } from "../trade-index/incumbent-floors.js";
import type { TradeIndex } from "../trade-index/trade-index.js";
import type { Competition, DealShape } from "./deal.js";

/** How the fast paths see a deal's trades. */
export type EconomyLayout = "ring" | "brokered" | "generic";

/** The layout the fast path uses for a kind. */
export function layoutOf(kind: DealShape): EconomyLayout {
  return kind === "brokered" ? "brokered" : kind === "custom" ? "generic" : "ring";
}

/**
 * The trade index's arrays that loading a deal reads, fetched once per index:
 * the index hands each out through a getter (its arrays may load lazily from
 * a snapshot), and a dozen getter calls per deal cost more than the pricing.
 */
class IndexColumns {
  readonly tradeOffer: Int32Array;
  readonly tradeNeed: Int32Array;
  readonly tradePremium: Float64Array;
  readonly tradeProbabilityCode: Uint16Array | Uint32Array;
  readonly probabilityValues: Float64Array;
  readonly offerFirm: Int32Array;
  readonly offerCapacity: Float64Array;
  readonly offerPrice: Float64Array;
  readonly offerUnitMargin: Float64Array;
  readonly needFirm: Int32Array;
  readonly needQuantity: Float64Array;
  readonly firmHurdle: Float64Array;

  constructor(readonly index: TradeIndex) {
    this.tradeOffer = index.tradeOffer;
    this.tradeNeed = index.tradeNeed;
    this.tradePremium = index.tradePremium;
    this.tradeProbabilityCode = index.tradeProbabilityCode;
    this.probabilityValues = index.probabilityValues;
    this.offerFirm = index.offerFirm;
    this.offerCapacity = index.offerCapacity;
    this.offerPrice = index.offerPrice;
    this.offerUnitMargin = index.offerUnitMargin;
    this.needFirm = index.needFirm;
    this.needQuantity = index.needQuantity;
    this.firmHurdle = index.firmHurdle;
  }
}

/** One deal's figures and its pricing results, in reusable typed arrays. */
export class DealEconomy {
  /** Most parties (and trades) the arrays hold. */
  readonly room: number;
  kind: DealShape = "cycle";
  layout: EconomyLayout = "ring";
  partyCount = 0;
  tradeCount = 0;
  /** The initiator's party number, or -1 when there is none or it is not a party. */
  initiatorParty = -1;

  /** How incumbents' counters enter the pricing (set by the caller before loading). */
  competition: Competition = "none";
  /** The index's per-need floors, under `competition: "counter"` (set with it). */
  floors: IncumbentFloors | null = null;

  /** Firm integer (trade index) of each party. */
  readonly partyFirm: Int32Array;
  /** The firm's own hurdle. */
  readonly ownHurdle: Float64Array;
  /** The hurdle the pricing uses: the firm's own, raised by its exposure under the counter. */
  readonly hurdle: Float64Array;
  /** Σ of the known counters of the trades a party buys (under the counter; else set when built). */
  readonly exposure: Float64Array;
  /** marginGained − premiumPaid − fixed discounts given + fixed discounts received. */
  readonly base: Float64Array;

  /** Trade integer (trade index) of each trade. */
  readonly tradeId: Int32Array;
  /** Party numbers of each trade's seller and buyer. */
  readonly seller: Int32Array;
  readonly buyer: Int32Array;
  readonly quantity: Float64Array;
  readonly unitPrice: Float64Array;
  readonly margin: Float64Array;
  readonly premium: Float64Array;
  readonly probability: Float64Array;
  /** A discount given by the caller, or NaN when the policy chooses it. */
  readonly fixedDiscount: Float64Array;
  /** The counter per unit (NaN: unknown); read at load under the counter only. */
  readonly counterUnit: Float64Array;
  /** The counter, counterUnit · quantity (NaN: unknown); under the counter only. */
  readonly counter: Float64Array;

  /** Σ m − Σ c. */
  surplus = 0;
  /** Π π. */
  dealProbability = 1;
  /** The largest money amount of the deal: margins, |premiums|, hurdles. */
  scale = 0;

  // Results of pricing.
  /** Discount of each trade (fixed or chosen). */
  readonly discount: Float64Array;
  /** Net of each party. */
  readonly net: Float64Array;
  /** Some discounts give every party net ≥ hurdle (within 1e-9 · scale). */
  feasible = false;
  /** The fair level: the largest least (net − hurdle) over the parties. */
  fairLevel = 0;

  // The negotiation room (deal-room.ts), after pricing a feasible deal.
  /** Least and most discount of each trade over the discounts every party accepts. */
  readonly discountMin: Float64Array;
  readonly discountMax: Float64Array;
  /** Least and most net of each party over the same set. */
  readonly netMin: Float64Array;
  readonly netMax: Float64Array;
  /** Scratch of the room: the all-pairs distances of its constraint graph, and each party's two variables. */
  readonly distances: Float64Array;
  readonly plusVariable: Int32Array;
  readonly minusVariable: Int32Array;

  /** Scratch for the pricers: slack bases, edge capacities, chosen discounts. */
  readonly slack: Float64Array;
  readonly capacity: Float64Array;
  readonly flow: Float64Array;
  /** Scratch for `computeNets`: per party Σ m sold, Σ c bought, Σ d given, Σ d received. */
  /** The arrays of the index last loaded from. */
  private columns: IndexColumns | null = null;
  private readonly gained: Float64Array;
  private readonly paid: Float64Array;
  private readonly given: Float64Array;
  private readonly received: Float64Array;

  constructor(room: number) {
    this.room = room;
    const ints = () => new Int32Array(room);
    const floats = () => new Float64Array(room);
    this.partyFirm = ints();
    this.ownHurdle = floats();
    this.hurdle = floats();
    this.exposure = floats();
    this.base = floats();
    this.tradeId = ints();
    this.seller = ints();
    this.buyer = ints();
    this.quantity = floats();
    this.unitPrice = floats();
    this.margin = floats();
    this.premium = floats();
    this.probability = floats();
    this.fixedDiscount = floats();
    this.counterUnit = floats();
    this.counter = floats();
    this.discount = floats();
    this.net = floats();
    this.slack = floats();
    this.capacity = floats();
    this.flow = floats();
    this.gained = floats();
    this.paid = floats();
    this.given = floats();
    this.received = floats();
    this.discountMin = floats();
    this.discountMax = floats();
    this.netMin = floats();
    this.netMax = floats();
    this.distances = new Float64Array((room + 1) * (room + 1));
    this.plusVariable = ints();
    this.minusVariable = ints();
  }

  /**
   * Loads a deal of the trade index, its trades in SPEC §4 order (as the deal
   * cursor hands them out), at the trades' own quantities.
   *
   * @param initiator firm integer of the initiator, or -1
   */
  loadIndexDeal(
    index: TradeIndex,
    kind: DealKind,
    trades: ArrayLike<number>,
    size: number,
    initiator: number,
  ): void {
    this.kind = kind;
    this.layout = kind === "brokered" ? "brokered" : "ring";
    this.tradeCount = size;
    const columns = this.columnsOf(index);
    const { tradeOffer, tradeNeed, tradePremium, tradeProbabilityCode, probabilityValues } =
      columns;
    const { offerFirm, offerCapacity, offerPrice, offerUnitMargin, needFirm, needQuantity } =
      columns;
    const { partyFirm, seller, buyer } = this;
    if (kind === "brokered") {
      this.partyCount = 3;
      partyFirm[0] = offerFirm[tradeOffer[trades[0]]];
      partyFirm[1] = needFirm[tradeNeed[trades[0]]];
      partyFirm[2] = needFirm[tradeNeed[trades[1]]];
      seller[0] = 0;
      buyer[0] = 1;
      seller[1] = 1;
      buyer[1] = 2;
      seller[2] = 0;
      buyer[2] = 2;
    } else {
      const parties = kind === "cycle" ? size : size + 1;
      this.partyCount = parties;
      for (let j = 0; j < size; j++) {
        partyFirm[j] = offerFirm[tradeOffer[trades[j]]];
        seller[j] = j;
        buyer[j] = j + 1 === parties ? 0 : j + 1;
      }
      if (kind === "chain") partyFirm[size] = needFirm[tradeNeed[trades[size - 1]]];
    }
    const { tradeId, quantity, unitPrice, margin, premium, probability, fixedDiscount } = this;
    for (let j = 0; j < size; j++) {
      const t = trades[j];
      const offer = tradeOffer[t];
      const capacity = offerCapacity[offer];
      const wanted = needQuantity[tradeNeed[t]];
      const q = Math.min(capacity, wanted);
      tradeId[j] = t;
      quantity[j] = q;
      unitPrice[j] = offerPrice[offer];
      margin[j] = offerUnitMargin[offer] * q;
      premium[j] = tradePremium[t];
      probability[j] = probabilityValues[tradeProbabilityCode[t]];
      fixedDiscount[j] = Number.NaN;
    }
    const floors = this.floors;
    if (floors !== null) {
      for (let j = 0; j < size; j++) {
        const n = tradeNeed[trades[j]];
        this.counterUnit[j] = counterUnit(unitPrice[j], floors.reference[n], floors.floor[n]);
      }
    }
    this.finishLoad(index, initiator);
  }

  /**
   * Loads trades of no SPEC shape (priced by the LP only): parties in the
   * order they first appear, each trade at its own quantity.
   */
  loadCustom(index: TradeIndex, ordered: readonly number[], initiator: number): void {
    this.kind = "custom";
    this.layout = "generic";
    this.tradeCount = ordered.length;
    let parties = 0;
    const partyOf = (firm: number): number => {
      for (let v = 0; v < parties; v++) if (this.partyFirm[v] === firm) return v;
      this.partyFirm[parties] = firm;
      return parties++;
    };
    ordered.forEach((t, j) => {
      this.seller[j] = partyOf(index.tradeSeller(t));
      this.buyer[j] = partyOf(index.tradeBuyer(t));
      this.tradeId[j] = t;
      this.quantity[j] = index.tradeQuantity(t);
      this.unitPrice[j] = index.tradeUnitPrice(t);
      this.margin[j] = index.tradeMargin(t);
      this.premium[j] = index.tradePremium[t];
      this.probability[j] = index.tradeProbability(t);
      this.fixedDiscount[j] = Number.NaN;
      const floors = this.floors;
      if (floors !== null) {
        const n = index.tradeNeed[t];
        this.counterUnit[j] = counterUnit(this.unitPrice[j], floors.reference[n], floors.floor[n]);
      }
    });
    this.partyCount = parties;
    this.finishLoad(index, initiator);
  }

  /** The arrays of `index`, fetched once per index. */
  private columnsOf(index: TradeIndex): IndexColumns {
    const columns = this.columns;
    if (columns !== null && columns.index === index) return columns;
    this.columns = new IndexColumns(index);
    return this.columns;
  }

  /**
   * Sets hurdles and the initiator's party from the index, then derives the
   * rest (see `derive`). Call after the trades and parties are set.
   */
  finishLoad(index: TradeIndex, initiator: number): void {
    const { partyCount, partyFirm, ownHurdle } = this;
    const firmHurdle = this.columnsOf(index).firmHurdle;
    let initiatorParty = -1;
    for (let v = 0; v < partyCount; v++) {
      const firm = partyFirm[v];
      ownHurdle[v] = firmHurdle[firm];
      if (firm === initiator) initiatorParty = v;
    }
    this.initiatorParty = initiatorParty;
    this.derive();
  }

  /**
   * Derives bases, surplus, probability and scale from the trades, parties and
   * own hurdles already set, and the hurdles the pricing uses (raised by the
   * exposures under the counter).
   */
  derive(): void {
    const { partyCount, tradeCount, hurdle, base, seller, buyer, margin, premium, fixedDiscount } =
      this;
    const { ownHurdle, exposure } = this;
    for (let v = 0; v < partyCount; v++) exposure[v] = 0;
    if (this.competition === "counter") {
      for (let j = 0; j < tradeCount; j++) {
        const counter = this.counterUnit[j] * this.quantity[j];
        this.counter[j] = counter;
        if (!Number.isNaN(counter)) exposure[buyer[j]] += counter;
      }
    }
    let scale = 0;
    for (let v = 0; v < partyCount; v++) {
      base[v] = 0;
      const h = ownHurdle[v] + exposure[v];
      hurdle[v] = h;
      if (h > scale) scale = h;
    }
    let surplus = 0;
    let probability = 1;
    for (let j = 0; j < tradeCount; j++) {
      const m = margin[j];
      const c = premium[j];
      const fixed = fixedDiscount[j];
      const d = Number.isNaN(fixed) ? 0 : fixed;
      base[seller[j]] += m - d;
      base[buyer[j]] += d - c;
      surplus += m - c;
      probability *= this.probability[j];
      if (m > scale) scale = m;
      if (c > scale) scale = c;
      else if (-c > scale) scale = -c;
    }
    this.surplus = surplus;
    this.dealProbability = probability;
    this.scale = scale;
  }

  /** The total discount of the deal's trades (after pricing). */
  totalDiscount(): number {
    let sum = 0;
    for (let j = 0; j < this.tradeCount; j++) sum += this.discount[j];
    return sum;
  }

  /**
   * Sets every party's net from the trades' discounts, as SPEC §5 writes it:
   * marginGained − premiumPaid − discountGiven + discountReceived.
   */
  computeNets(): void {
    const { partyCount, tradeCount, seller, buyer, margin, premium, discount, net } = this;
    const { gained, paid, given, received } = this;
    for (let v = 0; v < partyCount; v++) {
      gained[v] = 0;
      paid[v] = 0;
      given[v] = 0;
      received[v] = 0;
    }
    for (let j = 0; j < tradeCount; j++) {
      const s = seller[j];
      const b = buyer[j];
      const d = discount[j];
      gained[s] += margin[j];
      given[s] += d;
      paid[b] += premium[j];
      received[b] += d;
    }
    for (let v = 0; v < partyCount; v++) net[v] = gained[v] - paid[v] - given[v] + received[v];
  }
}
