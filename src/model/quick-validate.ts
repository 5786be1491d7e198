/**
 * A conservative fast path for validation: `isPlainValidFirm`,
 * `isPlainValidRelation` and `isPlainValidHeader` return true only for
 * records that the zod schemas of `schema.ts` certainly accept (without
 * loading them: the fields come from `record-fields.ts`). Anything they are unsure of goes to zod, which
 * stays the single definition of the rules and writes every message. On a
 * million-firm file this skips zod's per-field work for the valid majority
 * (tested: whatever the fast path accepts, zod accepts).
 */

import { fieldNames, maxAmount } from "./record-fields.js";

const headerKeys = new Set(fieldNames("header"));
const firmKeys = new Set(fieldNames("firm"));
const offerKeys = new Set(fieldNames("offer"));
const needKeys = new Set(fieldNames("need"));
const relationKeys = new Set(fieldNames("relation"));

type Row = Record<string, unknown>;

function isObject(value: unknown): value is Row {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function onlyKeys(row: Row, allowed: Set<string>): boolean {
  for (const key in row) if (!allowed.has(key)) return false;
  return Object.getPrototypeOf(row) === Object.prototype;
}

function finite(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

/** An optional `meta`: absent, or a plain object. */
function optionalMeta(value: unknown): boolean {
  return (
    value === undefined || (isObject(value) && Object.getPrototypeOf(value) === Object.prototype)
  );
}

/** An optional number ≥ 0. */
function optionalNonNegative(value: unknown): boolean {
  return value === undefined || (finite(value) && value >= 0);
}

// Fields are read directly (an absent one reads undefined, which the optional
// fields of the schemas accept too): no per-field closure or dynamic key.

function isValidOffer(value: unknown): boolean {
  if (!isObject(value) || !onlyKeys(value, offerKeys)) return false;
  const { price, cost, capacity } = value;
  return (
    nonEmpty(value.product) &&
    finite(price) &&
    price > 0 &&
    finite(cost) &&
    cost >= 0 &&
    cost <= price &&
    finite(capacity) &&
    capacity > 0 &&
    price * capacity <= maxAmount &&
    optionalMeta(value.meta)
  );
}

function isValidNeed(value: unknown): boolean {
  if (!isObject(value) || !onlyKeys(value, needKeys)) return false;
  const { quantity, incumbent, referencePrice, switchingCost } = value;
  return (
    nonEmpty(value.product) &&
    finite(quantity) &&
    quantity > 0 &&
    optionalNonNegative(referencePrice) &&
    (referencePrice === undefined || (referencePrice as number) * quantity <= maxAmount) &&
    optionalNonNegative(switchingCost) &&
    (switchingCost === undefined || (switchingCost as number) <= maxAmount) &&
    (incumbent === undefined || nonEmpty(incumbent)) &&
    optionalNonNegative(value.incumbentFloor) &&
    (value.incumbentFloor === undefined || incumbent !== undefined) &&
    optionalMeta(value.meta)
  );
}

/** An optional array whose every item passes `check`. */
function optionalEvery(value: unknown, check: (item: unknown) => boolean): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!check(value[i])) return false;
  return true;
}

/** True only when the firm certainly passes `firmSchema` (as is, no defaults to add). */
export function isPlainValidFirm(value: unknown): boolean {
  if (!isObject(value) || !onlyKeys(value, firmKeys)) return false;
  const { name, industry, keyAccount, maxDeals } = value;
  return (
    nonEmpty(value.id) &&
    (name === undefined || typeof name === "string") &&
    (industry === undefined || typeof industry === "string") &&
    (keyAccount === undefined || typeof keyAccount === "boolean") &&
    optionalNonNegative(value.hurdle) &&
    (value.hurdle === undefined || (value.hurdle as number) <= maxAmount) &&
    (maxDeals === undefined || (finite(maxDeals) && Number.isInteger(maxDeals) && maxDeals >= 1)) &&
    optionalEvery(value.offers, isValidOffer) &&
    optionalEvery(value.needs, isValidNeed) &&
    optionalMeta(value.meta)
  );
}

/** True only when the relation certainly passes `relationSchema`. */
export function isPlainValidRelation(value: unknown): boolean {
  if (!isObject(value) || !onlyKeys(value, relationKeys)) return false;
  const { product, probability, blocked } = value;
  return (
    nonEmpty(value.seller) &&
    nonEmpty(value.buyer) &&
    (product === undefined || nonEmpty(product)) &&
    (probability === undefined || (finite(probability) && probability > 0 && probability <= 1)) &&
    (blocked === undefined || typeof blocked === "boolean") &&
    optionalMeta(value.meta)
  );
}

/** True only when the root's own fields (`currency`, `meta`) certainly pass `headerSchema`. */
export function isPlainValidHeader(value: unknown): boolean {
  if (!isObject(value) || !onlyKeys(value, headerKeys)) return false;
  return (
    (value.currency === undefined || typeof value.currency === "string") && optionalMeta(value.meta)
  );
}
