/**
 * A conservative fast path for validation: `isPlainValidFirm` and
 * `isPlainValidRelation` return true only for records that the zod schemas of
 * `schema.ts` certainly accept. Anything they are unsure of goes to zod, which
 * stays the single definition of the rules and writes every message. On a
 * million-firm file this skips zod's per-field work for the valid majority
 * (tested: whatever the fast path accepts, zod accepts).
 */

const firmKeys = new Set([
  "id",
  "name",
  "industry",
  "keyAccount",
  "hurdle",
  "maxDeals",
  "offers",
  "needs",
  "meta",
]);
const offerKeys = new Set(["product", "price", "cost", "capacity", "meta"]);
const needKeys = new Set([
  "product",
  "quantity",
  "referencePrice",
  "switchingCost",
  "incumbent",
  "meta",
]);
const relationKeys = new Set(["seller", "buyer", "product", "probability", "blocked", "meta"]);

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

function optional(row: Row, key: string, check: (value: unknown) => boolean): boolean {
  return !(key in row) || check(row[key]);
}

const isMeta = (value: unknown) =>
  isObject(value) && Object.getPrototypeOf(value) === Object.prototype;
const isString = (value: unknown) => typeof value === "string";
const nonNegative = (value: unknown) => finite(value) && value >= 0;

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
    optional(value, "meta", isMeta)
  );
}

function isValidNeed(value: unknown): boolean {
  if (!isObject(value) || !onlyKeys(value, needKeys)) return false;
  const quantity = value.quantity;
  return (
    nonEmpty(value.product) &&
    finite(quantity) &&
    quantity > 0 &&
    optional(value, "referencePrice", nonNegative) &&
    optional(value, "switchingCost", nonNegative) &&
    optional(value, "incumbent", nonEmpty) &&
    optional(value, "meta", isMeta)
  );
}

function everyItem(value: unknown, check: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!check(value[i])) return false;
  return true;
}

/** True only when the firm certainly passes `firmSchema` (as is, no defaults to add). */
export function isPlainValidFirm(value: unknown): boolean {
  if (!isObject(value) || !onlyKeys(value, firmKeys)) return false;
  return (
    nonEmpty(value.id) &&
    optional(value, "name", isString) &&
    optional(value, "industry", isString) &&
    optional(value, "keyAccount", (v) => typeof v === "boolean") &&
    optional(value, "hurdle", nonNegative) &&
    optional(value, "maxDeals", (v) => finite(v) && Number.isInteger(v) && v >= 1) &&
    optional(value, "offers", (v) => everyItem(v, isValidOffer)) &&
    optional(value, "needs", (v) => everyItem(v, isValidNeed)) &&
    optional(value, "meta", isMeta)
  );
}

/** True only when the relation certainly passes `relationSchema`. */
export function isPlainValidRelation(value: unknown): boolean {
  if (!isObject(value) || !onlyKeys(value, relationKeys)) return false;
  return (
    nonEmpty(value.seller) &&
    nonEmpty(value.buyer) &&
    optional(value, "product", nonEmpty) &&
    optional(value, "probability", (v) => finite(v) && v > 0 && v <= 1) &&
    optional(value, "blocked", (v) => typeof v === "boolean") &&
    optional(value, "meta", isMeta)
  );
}
