/**
 * Repeated relations (SPEC §2: at most one relation per seller, buyer and
 * product, and one per pair without product), found over the integer columns
 * by three stable counting sorts rather than by hashing a string key per
 * relation.
 */
import { countingSort } from "../util/counting-sort.js";
import type { RecordColumns } from "./network-columns.js";

/**
 * The relations that repeat an earlier one (same seller, buyer and product,
 * or both of the whole pair), in ascending order. Relations naming an id that
 * is no firm are left out: they are reported as such.
 */
export function repeatedRelations(columns: RecordColumns): Int32Array {
  const { relationSeller: seller, relationBuyer: buyer, relationProduct: product } = columns;
  const n = seller.length;
  const products = columns.products.size;
  // Product keys from 0: the whole pair, the products, then the other products.
  const productKey = new Int32Array(n);
  let keyCount = products + 1;
  const items = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const p = product[i];
    const key = p >= 0 ? p + 1 : p === -1 ? 0 : products + 1 + (-2 - p);
    productKey[i] = key;
    if (key >= keyCount) keyCount = key + 1;
    if (seller[i] >= 0 && buyer[i] >= 0) items[m++] = i;
  }
  const byProduct = new Int32Array(m);
  const byBuyer = new Int32Array(m);
  const firmStarts = new Int32Array(columns.firms.size + 1);
  countingSort(m, productKey, items, byProduct, new Int32Array(keyCount + 1));
  countingSort(m, buyer, byProduct, byBuyer, firmStarts);
  const sorted = byProduct;
  countingSort(m, seller, byBuyer, sorted, firmStarts);
  const repeats: number[] = [];
  for (let x = 1; x < m; x++) {
    const i = sorted[x];
    const j = sorted[x - 1];
    if (seller[i] === seller[j] && buyer[i] === buyer[j] && productKey[i] === productKey[j]) {
      repeats.push(i);
    }
  }
  return Int32Array.from(repeats).sort();
}
