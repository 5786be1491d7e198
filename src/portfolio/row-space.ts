/**
 * The rows of SPEC §6 for deals the search hands out as trade lists (the
 * column-generation and listing paths of `selectDeals`), decided once from
 * the trade index: one row per offer (Σ q ≤ capacity), per need (Σ q ≤
 * quantity) and per firm with a finite maxDeals (deals ≤ maxDeals).
 *
 * Rows that cannot change the optimum, of the LP or of the 0/1 problem, are
 * left out before any deal is seen:
 *
 * 1. An offer implied by its seller's maxDeals row: a deal draws at most
 *    `use(o)` from offer o (one trade of it, or with brokered deals two, which
 *    together fit the capacity: §4), so Σ ≤ use(o) · maxDeals ≤ capacity
 *    whenever that product fits. Kidney inputs (maxDeals 1): every offer row.
 *    Needs likewise with the buyer's maxDeals.
 * 2. An offer whose trades' quantities sum to at most its capacity, when each
 *    of those trades can be used once only through its need (q = the need's
 *    quantity, and that need's row is kept or implied by a maxDeals-1 row).
 *    Then needs likewise through offers not left out in this step. (The two
 *    steps never lean on each other: a need is left out only when each of
 *    its trades is bounded by an offer that was kept.)
 *
 * Every column then has a row that caps it at 1 (each trade exhausts its
 * offer or its need: q = min(capacity, quantity)), so the master LP needs no
 * column bounds. Rows are numbered offers, then needs, then firms, each in
 * trade-index order.
 */
import type { DealKind } from "../search/kinds.js";
import type { TradeIndex } from "../trade-index/trade-index.js";

/** Relative slack when comparing amounts that come out of different sums. */
const tolerance = 1e-12;

/** The rows of a network's deals. */
export class RowSpace {
  /** Offers, needs and firms: the size of the row numbering. */
  readonly rowCount: number;
  readonly offerCount: number;
  readonly needCount: number;
  /** Whether each row is in the model. */
  readonly kept: Uint8Array;
  /** The right-hand side of each row. */
  readonly capacity: Float64Array;
  /**
   * Σ over firms of the most deals a firm can be in, min(maxDeals, trades it
   * takes part in): every LP portfolio has Σ_j parties_j · x_j at most this.
   */
  readonly partySlots: number;
  /** Rows in the model. */
  readonly keptCount: number;

  constructor(
    readonly index: TradeIndex,
    kinds: readonly DealKind[],
  ) {
    const { offerCapacity, needQuantity, firmMaxDeals, tradeOffer, tradeNeed, offerFirm } = index;
    const { needFirm, tradeCount, firmCount } = index;
    const offerCount = offerCapacity.length;
    const needCount = needQuantity.length;
    this.offerCount = offerCount;
    this.needCount = needCount;
    this.rowCount = offerCount + needCount + firmCount;
    const kept = new Uint8Array(this.rowCount);
    const capacity = new Float64Array(this.rowCount);
    capacity.set(offerCapacity, 0);
    capacity.set(needQuantity, offerCount);
    const firmRow = offerCount + needCount;
    for (let f = 0; f < firmCount; f++) capacity[firmRow + f] = firmMaxDeals[f];

    // Per offer and need: the largest and the summed quantity of its trades.
    const offerMost = new Float64Array(offerCount);
    const offerSum = new Float64Array(offerCount);
    const needMost = new Float64Array(needCount);
    const needSum = new Float64Array(needCount);
    const degree = new Float64Array(firmCount);
    for (let t = 0; t < tradeCount; t++) {
      const o = tradeOffer[t];
      const n = tradeNeed[t];
      const q = Math.min(offerCapacity[o], needQuantity[n]);
      offerMost[o] = Math.max(offerMost[o], q);
      offerSum[o] += q;
      needMost[n] = Math.max(needMost[n], q);
      needSum[n] += q;
      degree[offerFirm[o]]++;
      degree[needFirm[n]]++;
    }
    const twice = kinds.includes("brokered");
    const fits = (a: number, b: number): boolean => a <= b * (1 + tolerance);

    // Step 1: implied by the seller's (buyer's) maxDeals row.
    for (let o = 0; o < offerCount; o++) {
      const use = twice ? offerCapacity[o] : offerMost[o];
      if (offerSum[o] > 0 && !fits(firmMaxDeals[offerFirm[o]] * use, offerCapacity[o])) kept[o] = 1;
    }
    for (let n = 0; n < needCount; n++) {
      const use = twice ? needQuantity[n] : needMost[n];
      if (needSum[n] > 0 && !fits(firmMaxDeals[needFirm[n]] * use, needQuantity[n]))
        kept[offerCount + n] = 1;
    }
    // Step 2: never binding, each trade held to one use by the other side.
    const heldByNeed = (t: number): boolean =>
      fits(
        needQuantity[tradeNeed[t]],
        Math.min(offerCapacity[tradeOffer[t]], needQuantity[tradeNeed[t]]),
      );
    const heldByOffer = (t: number): boolean =>
      fits(
        offerCapacity[tradeOffer[t]],
        Math.min(offerCapacity[tradeOffer[t]], needQuantity[tradeNeed[t]]),
      );
    const slackOffer = new Uint8Array(offerCount);
    for (let o = 0; o < offerCount; o++) {
      if (kept[o] && fits(offerSum[o], offerCapacity[o])) slackOffer[o] = 1;
    }
    for (let t = 0; t < tradeCount; t++) if (!heldByNeed(t)) slackOffer[tradeOffer[t]] = 0;
    for (let o = 0; o < offerCount; o++) if (slackOffer[o]) kept[o] = 0;
    const slackNeed = new Uint8Array(needCount);
    for (let n = 0; n < needCount; n++) {
      if (kept[offerCount + n] && fits(needSum[n], needQuantity[n])) slackNeed[n] = 1;
    }
    for (let t = 0; t < tradeCount; t++) {
      if (!heldByOffer(t) || slackOffer[tradeOffer[t]]) slackNeed[tradeNeed[t]] = 0;
    }
    for (let n = 0; n < needCount; n++) if (slackNeed[n]) kept[offerCount + n] = 0;

    let slots = 0;
    for (let f = 0; f < firmCount; f++) {
      if (Number.isFinite(firmMaxDeals[f]) && degree[f] > 0) kept[firmRow + f] = 1;
      slots += Math.min(firmMaxDeals[f], degree[f]);
    }
    let keptCount = 0;
    for (let i = 0; i < this.rowCount; i++) keptCount += kept[i];
    this.kept = kept;
    this.capacity = capacity;
    this.partySlots = slots;
    this.keptCount = keptCount;
  }

  /** The row of a firm. */
  firmRow(f: number): number {
    return this.offerCount + this.needCount + f;
  }

  /**
   * Writes the rows and coefficients of a deal (trade integers in SPEC §4
   * order) into `rows` and `coefficients`, by row ascending; returns how
   * many. Room for 4 entries per trade is enough.
   */
  entries(
    trades: ArrayLike<number>,
    size: number,
    rows: Int32Array,
    coefficients: Float64Array,
  ): number {
    const { tradeOffer, tradeNeed, offerCapacity, needQuantity, offerFirm, needFirm } = this.index;
    const { kept, offerCount } = this;
    let count = 0;
    for (let i = 0; i < size; i++) {
      const t = trades[i];
      const o = tradeOffer[t];
      const n = tradeNeed[t];
      const q = Math.min(offerCapacity[o], needQuantity[n]);
      if (kept[o]) count = insert(o, q, rows, coefficients, count, true);
      if (kept[offerCount + n]) count = insert(offerCount + n, q, rows, coefficients, count, true);
    }
    // Parties: every seller and buyer, once each.
    const firmRow = offerCount + this.needCount;
    for (let i = 0; i < size; i++) {
      const t = trades[i];
      const seller = firmRow + offerFirm[tradeOffer[t]];
      const buyer = firmRow + needFirm[tradeNeed[t]];
      if (kept[seller]) count = insert(seller, 1, rows, coefficients, count, false);
      if (kept[buyer]) count = insert(buyer, 1, rows, coefficients, count, false);
    }
    return count;
  }
}

/**
 * Inserts `row` into the sorted entries `rows[0..count)`; a row already there
 * gets `amount` added when `sum`, else is left as it is. Returns the new count.
 */
function insert(
  row: number,
  amount: number,
  rows: Int32Array,
  coefficients: Float64Array,
  count: number,
  sum: boolean,
): number {
  let at = count;
  while (at > 0 && rows[at - 1] > row) at--;
  if (at > 0 && rows[at - 1] === row) {
    if (sum) coefficients[at - 1] += amount;
    return count;
  }
  for (let k = count; k > at; k--) {
    rows[k] = rows[k - 1];
    coefficients[k] = coefficients[k - 1];
  }
  rows[at] = row;
  coefficients[at] = amount;
  return count + 1;
}
