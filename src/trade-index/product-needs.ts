/**
 * The needs grouped by product, as one interleaved record per need: what the
 * trade build reads for every candidate. A seller's candidates for one offer
 * are then one sequential run, and grouping the needs costs one scattered
 * write of a record per need (not one per field).
 */
import { countStarts, rewindStarts } from "../util/counting-sort.js";

/** Numbers per need record in `ProductNeeds.data`. */
export const needStride = 6;
/** Where each field sits in a need record. */
export const needField = {
  /** The need (index integer). */
  need: 0,
  buyer: 1,
  /** The incumbent firm integer, −1 when none or not a firm of the network. */
  incumbent: 2,
  quantity: 3,
  /** referencePrice, NaN when not stated (the offer's price applies). */
  reference: 4,
  switching: 5,
} as const;

/** The needs grouped by product (a CSR over product integers), in buyer order within a product. */
export interface ProductNeeds {
  /** The needs of product p are the records `offsets[p] .. offsets[p+1]-1`. */
  readonly offsets: Int32Array;
  /** `needStride` numbers a record, fields at `needField`. */
  readonly data: Float64Array;
}

/** The need figures, by need integer (firm order) and by record (file order). */
export interface NeedSources {
  readonly needFirm: Int32Array;
  readonly needProduct: Int32Array;
  readonly needQuantity: Float64Array;
  /** The record behind each need integer. */
  readonly needSource: Int32Array;
  /** By record: referencePrice (NaN when none), switchingCost (NaN when none: 0), incumbent firm integer (−1). */
  readonly reference: Float64Array;
  readonly switching: Float64Array;
  readonly incumbent: Int32Array;
}

/**
 * Groups the needs by product into `offsets` (product count + 1) and `data`
 * (`needStride` × needs), keeping firm order (so buyer order) within a product.
 */
export function groupNeedsByProduct(
  sources: NeedSources,
  offsets: Int32Array,
  data: Float64Array,
): ProductNeeds {
  const { needFirm, needProduct, needQuantity, needSource } = sources;
  const count = needProduct.length;
  countStarts(count, needProduct, null, offsets);
  for (let n = 0; n < count; n++) {
    const from = needSource[n];
    const at = needStride * offsets[needProduct[n]]++;
    data[at + needField.need] = n;
    data[at + needField.buyer] = needFirm[n];
    data[at + needField.incumbent] = sources.incumbent[from];
    data[at + needField.quantity] = needQuantity[n];
    data[at + needField.reference] = sources.reference[from];
    const switching = sources.switching[from];
    data[at + needField.switching] = Number.isNaN(switching) ? 0 : switching;
  }
  rewindStarts(offsets);
  return { offsets, data };
}
