/**
 * A read-only array whose items are built on first access: `network.firms`
 * and `network.relations` of a parsed network. `list[i]`, `length`,
 * iteration, spreading, `Array.isArray`, the array methods and
 * `JSON.stringify` behave as on a frozen array; each item is built once (and
 * kept), so `list[i] === list[i]`. Writes throw a `TypeError` (in strict
 * code) or are ignored, like writes to a frozen array: the records can never
 * drift from the columns the trade index was compiled from.
 *
 * A `Proxy` over an empty array (its `length` answered by the proxy); the built items are
 * kept in an `ItemCache` (a Map while few are built, then an array). The
 * library's own loops read the columns, never
 * these lists; a user who reads every firm pays for the objects then, not
 * before.
 */

import { ItemCache } from "../util/item-cache.js";

/** Whether a property key is an array index below `length`, and which. */
function indexOf(key: string | symbol, length: number): number {
  if (typeof key !== "string" || key.length === 0 || key.length > 10) return -1;
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57 || (first === 48 && key.length > 1)) return -1;
  let value = 0;
  for (let i = 0; i < key.length; i++) {
    const digit = key.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value < length ? value : -1;
}

/**
 * A frozen-looking array of `length` items, item `i` built by `build(i)` on
 * first access.
 *
 * @example
 * const squares = lazyList(1_000_000, (i) => ({ i, square: i * i }));
 * squares[12].square; // 144, built now
 */
export function lazyList<T>(length: number, build: (i: number) => T): readonly T[] {
  return lazyListOf(new ItemCache(length, build));
}

/** `lazyList` over items kept in `cache` (which others may read directly, without the proxy). */
export function lazyListOf<T>(cache: ItemCache<T>): readonly T[] {
  const { length } = cache;
  // The proxy's target; the items are in the cache.
  const target: T[] = [];
  const item = (i: number): T => cache.get(i);
  const refuse = () => false;
  return new Proxy(target, {
    get(target, key, receiver) {
      const i = indexOf(key, length);
      if (i >= 0) return item(i);
      return key === "length" ? length : Reflect.get(target, key, receiver);
    },
    has(target, key) {
      return indexOf(key, length) >= 0 || Reflect.has(target, key);
    },
    ownKeys(target) {
      const keys: (string | symbol)[] = [];
      for (let i = 0; i < length; i++) keys.push(String(i));
      for (const key of Reflect.ownKeys(target)) {
        if (indexOf(key, length) < 0) keys.push(key);
      }
      return keys;
    },
    getOwnPropertyDescriptor(target, key) {
      const i = indexOf(key, length);
      if (key === "length") {
        return { value: length, writable: true, enumerable: false, configurable: false };
      }
      if (i < 0) return Reflect.getOwnPropertyDescriptor(target, key);
      return { value: item(i), writable: false, enumerable: true, configurable: true };
    },
    set: refuse,
    defineProperty: refuse,
    deleteProperty: refuse,
    setPrototypeOf: refuse,
    preventExtensions: refuse,
  });
}
