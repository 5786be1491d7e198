/**
 * How `proposalArb` breaks a sound trade set so that exactly one violation
 * code applies: for each code, the edits of each base that are known (from
 * the network's facts alone) to cause that code and no other.
 *
 * - a trade re-pointed to a ghost firm, to its own seller, or to another
 *   seller, buyer or product that has exactly one of no-offer, no-need,
 *   blocked, incumbent — and still connects the parties and repeats nothing;
 * - a trade written twice (on a reciprocal base, so the rest stays reciprocal);
 * - a quantity ≤ 0 or over the limit; a discount < 0 or over the margin;
 * - explicit discounts (each 0 or the whole margin) that leave a party clearly
 *   below its hurdle, on a reciprocal base;
 * - a feasible base joined with a feasible base of other firms (disconnected);
 * - a feasible base of trades that would happen on their own (not-reciprocal);
 * - a feasible reciprocal base stating a kind it does not have (kind).
 */
import type { ViolationCode } from "../index.js";
import type { NetworkFacts } from "./network-facts.js";
import type { Base, BaseTrade } from "./proposal-bases.js";

/** A change to a base's presented trades. */
export type Edit =
  | {
      readonly type: "replace";
      readonly at: number;
      readonly seller: string;
      readonly buyer: string;
      readonly product: string;
    }
  | { readonly type: "repeat"; readonly at: number }
  | { readonly type: "quantity"; readonly at: number; readonly values: readonly number[] }
  | { readonly type: "discount"; readonly at: number; readonly values: readonly number[] }
  | { readonly type: "discounts"; readonly values: readonly number[]; readonly firm: string }
  | { readonly type: "join"; readonly other: number }
  | { readonly type: "kind"; readonly values: readonly string[] }
  | { readonly type: "as-is" };

/** An edit of a base that yields exactly `code`. */
export interface Candidate {
  readonly code: ViolationCode;
  readonly base: number;
  readonly edit: Edit;
  /** The base's kind may be stated without adding a `kind` violation. */
  readonly kindAllowed: boolean;
}

/** Most candidates kept per code. */
const cap = 200;

function connected(trades: readonly { seller: string; buyer: string }[]): boolean {
  const links = new Map<string, string[]>();
  for (const { seller, buyer } of trades) {
    links.set(seller, [...(links.get(seller) ?? []), buyer]);
    links.set(buyer, [...(links.get(buyer) ?? []), seller]);
  }
  const start = trades[0].seller;
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0)
    for (const next of links.get(stack.pop()!)!)
      if (!seen.has(next) && seen.add(next)) stack.push(next);
  return seen.size === links.size;
}

/** The one code a trade between two known, distinct firms has, or undefined (none, or several). */
function soleCode(
  facts: NetworkFacts,
  seller: string,
  buyer: string,
  product: string,
): ViolationCode | undefined {
  const codes: ViolationCode[] = [];
  if (facts.offer(seller, product) === undefined) codes.push("no-offer");
  if (facts.need(buyer, product) === undefined) codes.push("no-need");
  if (facts.blocked(seller, buyer, product)) codes.push("blocked");
  if (facts.incumbent(seller, buyer, product)) codes.push("incumbent");
  return codes.length === 1 ? codes[0] : undefined;
}

/** Nets of the parties with every discount given. */
function nets(trades: readonly BaseTrade[], discounts: readonly number[]): Map<string, number> {
  const net = new Map<string, number>();
  trades.forEach((t, j) => {
    net.set(t.seller, (net.get(t.seller) ?? 0) + t.margin - discounts[j]);
    net.set(t.buyer, (net.get(t.buyer) ?? 0) - t.premium + discounts[j]);
  });
  return net;
}

/** Explicit discounts, each 0 or the margin, that leave a party clearly below its hurdle. */
function hurdleBreaker(facts: NetworkFacts, base: Base): Edit | undefined {
  const k = Math.min(base.trades.length, 12);
  for (let mask = 0; mask < 1 << k; mask++) {
    const discounts = base.trades.map((t, j) => (j < k && (mask >> j) & 1 ? t.margin : 0));
    const net = nets(base.trades, discounts);
    const scale = Math.max(base.scale, ...[...net.values()].map(Math.abs));
    const firm = base.parties.find((p) => net.get(p)! < facts.hurdle(p) - 1e-6 * scale - 1e-9);
    if (firm !== undefined) return { type: "discounts", values: discounts, firm };
  }
  return undefined;
}

/** Every candidate, by code, for these bases (to which it may add a base of ghost or self trades). */
export function invalidCandidates(
  facts: NetworkFacts,
  bases: Base[],
): Map<ViolationCode, Candidate[]> {
  const byCode = new Map<ViolationCode, Candidate[]>();
  const add = (candidate: Candidate) => {
    const list = byCode.get(candidate.code) ?? [];
    if (list.length < cap) list.push(candidate);
    byCode.set(candidate.code, list);
  };
  const ghost = facts.freshId("ghost");
  const products = facts.products();
  bases.forEach((base, b) => {
    const keys = new Set(base.trades.map((t) => `${t.seller}\u0000${t.buyer}\u0000${t.product}`));
    base.trades.forEach((t, at) => {
      const replace = (code: ViolationCode, seller: string, buyer: string, product: string) => {
        if (keys.has(`${seller}\u0000${buyer}\u0000${product}`)) return;
        const trades = base.trades.map((x, j) => (j === at ? { seller, buyer } : x));
        if (!connected(trades)) return;
        add({
          code,
          base: b,
          edit: { type: "replace", at, seller, buyer, product },
          kindAllowed: false,
        });
      };
      replace("unknown-firm", ghost, t.buyer, t.product);
      replace("unknown-firm", t.seller, ghost, t.product);
      replace("self-trade", t.seller, t.seller, t.product);
      replace("self-trade", t.buyer, t.buyer, t.product);
      for (const firm of facts.firmIds) {
        if (firm !== t.buyer && firm !== t.seller) {
          const code = soleCode(facts, firm, t.buyer, t.product);
          if (code !== undefined) replace(code, firm, t.buyer, t.product);
        }
        if (firm !== t.seller && firm !== t.buyer) {
          const code = soleCode(facts, t.seller, firm, t.product);
          if (code !== undefined) replace(code, t.seller, firm, t.product);
        }
      }
      for (const product of products) {
        const code =
          product === t.product ? undefined : soleCode(facts, t.seller, t.buyer, product);
        if (code !== undefined) replace(code, t.seller, t.buyer, product);
      }
      const room = 1 + 1e-6 * base.scale;
      add({
        code: "quantity",
        base: b,
        edit: {
          type: "quantity",
          at,
          values: [0, -t.quantity, t.quantity + 1, 2 * t.quantity + 1],
        },
        kindAllowed: true,
      });
      const discounts = [-room - t.margin / 2, t.margin + room + t.margin / 2];
      add({
        code: "discount",
        base: b,
        edit: { type: "discount", at, values: discounts },
        kindAllowed: true,
      });
      if (base.reciprocal)
        add({ code: "duplicate-trade", base: b, edit: { type: "repeat", at }, kindAllowed: false });
    });
    if (base.reciprocal) {
      const edit = hurdleBreaker(facts, base);
      if (edit !== undefined) add({ code: "hurdle", base: b, edit, kindAllowed: true });
    }
    if (base.feasible && !base.reciprocal)
      add({ code: "not-reciprocal", base: b, edit: { type: "as-is" }, kindAllowed: true });
    if (base.feasible && base.reciprocal) {
      const wrong = ["cycle", "brokered", "chain"].filter((k) => k !== base.kind);
      add({
        code: "kind",
        base: b,
        edit: { type: "kind", values: [...wrong, "triangle", "Cycle"] },
        kindAllowed: false,
      });
      const mine = new Set(base.parties);
      bases.forEach((other, o) => {
        if (other.feasible && other.parties.every((p) => !mine.has(p))) {
          add({
            code: "disconnected",
            base: b,
            edit: { type: "join", other: o },
            kindAllowed: false,
          });
        }
      });
    }
  });
  // Without bases, a trade between ghosts still names unknown firms, and a firm selling to itself is a self-trade.
  const lone = (code: ViolationCode, seller: string, buyer: string) => {
    if (byCode.has(code)) return;
    const trade = {
      seller,
      buyer,
      product: "anything",
      quantity: 1,
      margin: 0,
      premium: 0,
      discount: undefined,
    };
    bases.push({
      trades: [trade],
      kind: undefined,
      parties: [seller, buyer],
      reciprocal: false,
      feasible: false,
      scale: 0,
    });
    add({ code, base: bases.length - 1, edit: { type: "as-is" }, kindAllowed: false });
  };
  lone("unknown-firm", ghost, facts.freshId("phantom"));
  if (facts.firmIds.length > 0) lone("self-trade", facts.firmIds[0], facts.firmIds[0]);
  return byCode;
}
