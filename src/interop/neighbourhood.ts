/**
 * A firm's neighbourhood: the firms within `hops` potential trades of it, in
 * either direction, as a network of its own — what the explorer ships to the
 * browser, so a million-firm network stays viewable.
 *
 * The search is a breadth-first walk over the trade index's arcs (CSR, typed
 * arrays; the in-arcs counted once into their own CSR), not over the
 * graphology view: `toGraph` of a million firms and nine million trades takes
 * gigabytes and minutes, the walk a few typed arrays and milliseconds. The
 * explorer then draws the result with graphology and sigma.
 *
 * Exact for the deals of the firm: every deal of at most `hops + 1` parties
 * that includes it lies inside (its parties are connected, so each is within
 * `hops` trades of it), and every trade among the kept firms is kept (offers,
 * needs and the relations between kept firms are copied). The one thing a
 * cut can change is the competitor's counter: a need whose incumbent is a firm
 * left out would lose the incumbent's cost as its floor, so that floor is
 * written into the need as `incumbentFloor` (SPEC §5 reads it first).
 */
import { UsageError } from "../model/errors.js";
import { parseNetwork } from "../model/parse-network.js";
import type { Firm, Need, Network, Relation } from "../model/types.js";
import { incumbentFloorOf } from "../trade-index/incumbent-floors.js";
import { type TradeIndex, tradeIndexOf } from "../trade-index/trade-index.js";

/** Options of `neighbourhoodOf`. */
export interface NeighbourhoodOptions {
  /**
   * How many trades away a firm may be (a whole number ≥ 0). The deals of up
   * to `hops + 1` parties that include the centre are all inside.
   * @defaultValue 3
   */
  readonly hops?: number;
}

/** The defaults of `NeighbourhoodOptions`. */
export const defaultNeighbourhoodOptions = { hops: 3 } as const satisfies NeighbourhoodOptions;

/** Each firm's distance in trades (either direction) from `centre`, -1 beyond `hops`. */
export function tradeDistances(index: TradeIndex, centre: number, hops: number): Int32Array {
  const n = index.firmCount;
  const { outOffsets, arcTarget } = index;
  // The in-arcs as a CSR of their own: sources grouped by target.
  const inOffsets = new Int32Array(n + 1);
  for (let a = 0; a < arcTarget.length; a++) inOffsets[arcTarget[a] + 1]++;
  for (let f = 0; f < n; f++) inOffsets[f + 1] += inOffsets[f];
  const inSource = new Int32Array(arcTarget.length);
  const fill = inOffsets.slice(0, n);
  for (let s = 0; s < n; s++) {
    for (let a = outOffsets[s]; a < outOffsets[s + 1]; a++) inSource[fill[arcTarget[a]]++] = s;
  }
  const distance = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  distance[centre] = 0;
  queue[tail++] = centre;
  while (head < tail) {
    const f = queue[head++];
    const next = distance[f] + 1;
    if (next > hops) continue;
    for (let a = outOffsets[f]; a < outOffsets[f + 1]; a++) {
      const g = arcTarget[a];
      if (distance[g] < 0) {
        distance[g] = next;
        queue[tail++] = g;
      }
    }
    for (let i = inOffsets[f]; i < inOffsets[f + 1]; i++) {
      const g = inSource[i];
      if (distance[g] < 0) {
        distance[g] = next;
        queue[tail++] = g;
      }
    }
  }
  return distance;
}

/**
 * The network of the firms within `hops` trades of `firm` (see above): their
 * records in the network's order, the relations among them, the network's
 * currency and meta; needs whose incumbent was left out keep its floor.
 *
 * @throws UsageError when `firm` is not a firm of the network or `hops` is
 *   not a whole number ≥ 0
 * @example
 * const around = neighbourhoodOf(network, "steel", { hops: 2 });
 */
export function neighbourhoodOf(
  network: Network,
  firm: string,
  options: NeighbourhoodOptions = {},
): Network {
  const hops = options.hops ?? defaultNeighbourhoodOptions.hops;
  if (!Number.isInteger(hops) || hops < 0)
    throw new UsageError(`hops must be a whole number ≥ 0: ${hops}`);
  const index = tradeIndexOf(network);
  const centre = index.firmIndex(firm);
  if (centre < 0) throw new UsageError(`unknown firm: ${firm}`);
  const distance = tradeDistances(index, centre, hops);
  const kept = new Uint8Array(network.firms.length);
  for (let f = 0; f < distance.length; f++) if (distance[f] >= 0) kept[index.firmRecord[f]] = 1;
  const inside = (id: string) => {
    const f = index.firmIndex(id);
    return f >= 0 && distance[f] >= 0;
  };
  const firms: Firm[] = [];
  network.firms.forEach((record, r) => {
    if (kept[r] === 0) return;
    const f = index.firmIndex(record.id);
    const needs = record.needs?.map((need): Need => {
      if (need.incumbent === undefined || need.incumbentFloor !== undefined) return need;
      if (!(index.firmIndex(need.incumbent) >= 0) || inside(need.incumbent)) return need;
      const floor = incumbentFloorOf(index, index.findNeed(f, index.productIndex(need.product)));
      return Number.isNaN(floor) ? need : { ...need, incumbentFloor: floor };
    });
    firms.push(needs === undefined ? record : { ...record, needs });
  });
  const relations: Relation[] = (network.relations ?? []).filter(
    (r) => inside(r.seller) && inside(r.buyer),
  );
  return parseNetwork({
    ...(network.currency === undefined ? {} : { currency: network.currency }),
    ...(network.meta === undefined ? {} : { meta: network.meta }),
    firms,
    relations,
  });
}
