/**
 * The shape of a set of trades (SPEC §4): whether they connect all their
 * parties, and which deal kind they form, if any — a cycle `v1→v2→…→vk→v1`,
 * a brokered triangle `S→M, M→D, S→D`, or a chain `v1→v2→…→vk` from a sponsor.
 * Shapes are judged on the seller→buyer graph regardless of the order the
 * trades are written in; the canonical SPEC §4 order is returned with the kind.
 */

import type { DealKind } from "../search/kinds.js";
import { compareIds } from "../util/compare-ids.js";

/** A trade as the shape sees it: who sells to whom. */
export interface Arrow {
  readonly seller: string;
  readonly buyer: string;
}

/** The parties of `arrows` split into connected groups (ignoring direction), in order of first appearance. */
export function connectedGroups(arrows: readonly Arrow[]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const { seller, buyer } of arrows) {
    if (!parent.has(seller)) parent.set(seller, seller);
    if (!parent.has(buyer)) parent.set(buyer, buyer);
    const a = find(seller);
    const b = find(buyer);
    if (a !== b) parent.set(b, a);
  }
  const groups = new Map<string, string[]>();
  for (const party of parent.keys()) {
    const root = find(party);
    const group = groups.get(root);
    if (group === undefined) groups.set(root, [party]);
    else group.push(party);
  }
  return [...groups.values()];
}

/** A recognized shape: the kind and the arrows' positions in SPEC §4 order. */
export interface Shape {
  readonly kind: DealKind;
  readonly order: readonly number[];
}

/**
 * The deal kind `arrows` form, with their canonical order (a cycle rotated to
 * start at its smallest seller id; brokered S→M, M→D, S→D; a chain from its
 * sponsor), or `undefined` when they form none. Each party of a cycle or chain
 * sells once and buys once (ends excepted), so two trades between one pair
 * form no kind.
 */
export function shapeOf(arrows: readonly Arrow[]): Shape | undefined {
  const outOf = new Map<string, number[]>();
  const inOf = new Map<string, number[]>();
  arrows.forEach(({ seller, buyer }, position) => {
    if (seller === buyer) return;
    outOf.set(seller, [...(outOf.get(seller) ?? []), position]);
    inOf.set(buyer, [...(inOf.get(buyer) ?? []), position]);
    if (!outOf.has(buyer)) outOf.set(buyer, []);
    if (!inOf.has(seller)) inOf.set(seller, []);
  });
  if (arrows.some((a) => a.seller === a.buyer)) return undefined;
  const parties = [...outOf.keys()];
  const n = parties.length;
  const k = arrows.length;
  const degree = (p: string) => `${outOf.get(p)!.length}/${inOf.get(p)!.length}`;
  // Follows single out-arrows from `start`, returning the positions walked.
  const walk = (start: string, steps: number): number[] => {
    const order: number[] = [];
    let at = start;
    for (let i = 0; i < steps; i++) {
      const out = outOf.get(at)!;
      if (out.length !== 1) break;
      order.push(out[0]);
      at = arrows[out[0]].buyer;
    }
    return order;
  };
  if (n >= 2 && k === n && parties.every((p) => degree(p) === "1/1")) {
    const start = [...parties].sort(compareIds)[0];
    const order = walk(start, k);
    const visited = new Set(order.map((t) => arrows[t].seller));
    if (order.length === k && visited.size === n) return { kind: "cycle", order };
    return undefined;
  }
  if (n === 3 && k === 3) {
    const sponsor = parties.find((p) => degree(p) === "2/0");
    const middle = parties.find((p) => degree(p) === "1/1");
    const target = parties.find((p) => degree(p) === "0/2");
    if (sponsor === undefined || middle === undefined || target === undefined) return undefined;
    const sm = outOf.get(sponsor)!.find((t) => arrows[t].buyer === middle);
    const sd = outOf.get(sponsor)!.find((t) => arrows[t].buyer === target);
    const md = outOf.get(middle)![0];
    if (sm === undefined || sd === undefined || arrows[md].buyer !== target) return undefined;
    return { kind: "brokered", order: [sm, md, sd] };
  }
  if (n >= 3 && k === n - 1) {
    const sponsors = parties.filter((p) => degree(p) === "1/0");
    const ends = parties.filter((p) => degree(p) === "0/1");
    const inner = parties.filter((p) => degree(p) === "1/1");
    if (sponsors.length !== 1 || ends.length !== 1 || inner.length !== n - 2) return undefined;
    const order = walk(sponsors[0], k);
    if (order.length === k) return { kind: "chain", order };
  }
  return undefined;
}
