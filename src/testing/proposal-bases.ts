/**
 * The sound trade sets `proposalArb` starts from: the network's deals (from
 * `findDeals`, feasible or not), its single potential trades, and 2-cycles of
 * trades that would happen on their own. Each is marked reciprocal (some
 * c > 0) and feasible (discounts exist that give every party at least its
 * hurdle, with room to spare), and carries a discount vector that shows it.
 */
import { type Deal, type DealKind, findDeals, type Network } from "../index.js";
import type { NetworkFacts } from "./network-facts.js";

/** One trade of a base, with its figures and a discount (undefined: none known to work). */
export interface BaseTrade {
  readonly seller: string;
  readonly buyer: string;
  readonly product: string;
  readonly quantity: number;
  readonly margin: number;
  readonly premium: number;
  readonly discount: number | undefined;
}

/** A sound set of trades. */
export interface Base {
  readonly trades: readonly BaseTrade[];
  /** Its SPEC §4 kind, if it has one. */
  readonly kind: DealKind | undefined;
  readonly parties: readonly string[];
  /** Some trade has c > 0. */
  readonly reciprocal: boolean;
  /** Every party can clear its hurdle (the discounts shown do it). */
  readonly feasible: boolean;
  /** The largest money amount (margins, |premiums|, hurdles). */
  readonly scale: number;
}

/** Which bases to collect. */
export interface BaseOptions {
  readonly kinds: readonly DealKind[];
  readonly maxParties: number;
  readonly maxBases: number;
}

function scaleOf(
  facts: NetworkFacts,
  trades: readonly BaseTrade[],
  parties: readonly string[],
): number {
  let scale = 0;
  for (const t of trades) scale = Math.max(scale, Math.abs(t.margin), Math.abs(t.premium));
  for (const p of parties) scale = Math.max(scale, facts.hurdle(p));
  return scale;
}

function fromDeal(facts: NetworkFacts, deal: Deal): Base {
  const trades = deal.trades.map((t) => ({ ...t }));
  const parties = deal.parties.map((p) => p.firm);
  const scale = scaleOf(facts, trades, parties);
  const slack = Math.min(...deal.parties.map((p) => p.net - facts.hurdle(p.firm)));
  const feasible = deal.feasible && slack >= -1e-12 * scale;
  const kind = deal.kind === "custom" ? undefined : deal.kind;
  return { trades, kind, parties, reciprocal: trades.some((t) => t.premium > 0), feasible, scale };
}

/**
 * A transfer x from the first party to the second in [lo, hi], midway, when the
 * range has room (1e-6 of the scale); undefined when it has none.
 */
function midway(lo: number, hi: number, scale: number): number | undefined {
  return hi - lo >= 1e-6 * scale ? (lo + hi) / 2 : undefined;
}

function single(facts: NetworkFacts, seller: string, buyer: string, product: string): Base {
  const f = facts.figures(seller, buyer, product)!;
  const parties = [seller, buyer];
  const scale = scaleOf(facts, [{ seller, buyer, product, ...f, discount: undefined }], parties);
  // seller nets m − d ≥ h_s, buyer nets d − c ≥ h_b, 0 ≤ d ≤ m.
  const d = midway(
    Math.max(0, facts.hurdle(buyer) + f.premium),
    Math.min(f.margin, f.margin - facts.hurdle(seller)),
    scale,
  );
  const trades = [{ seller, buyer, product, ...f, discount: d }];
  return {
    trades,
    kind: undefined,
    parties,
    reciprocal: f.premium > 0,
    feasible: d !== undefined,
    scale,
  };
}

/** A 2-cycle a→b, b→a of trades with c ≤ 0 that can clear both hurdles, or undefined. */
function plainPair(facts: NetworkFacts, ab: BaseTrade, ba: BaseTrade): Base | undefined {
  const [a, b] = [ab.seller, ab.buyer];
  const parties = [a, b];
  const scale = scaleOf(facts, [ab, ba], parties);
  // x = d(ab) − d(ba) ∈ [−m(ba), m(ab)]; a nets m(ab) − c(ba) − x ≥ h_a; b nets m(ba) − c(ab) + x ≥ h_b.
  const lo = Math.max(-ba.margin, facts.hurdle(b) - ba.margin + ab.premium);
  const hi = Math.min(ab.margin, ab.margin - ba.premium - facts.hurdle(a));
  const x = midway(lo, hi, scale);
  if (x === undefined) return undefined;
  const trades = [
    { ...ab, discount: Math.max(x, 0) },
    { ...ba, discount: Math.max(-x, 0) },
  ];
  const ordered = a < b ? trades : [trades[1], trades[0]];
  return { trades: ordered, kind: "cycle", parties, reciprocal: false, feasible: true, scale };
}

/** Collects the bases of a network. */
export function collectBases(network: Network, facts: NetworkFacts, options: BaseOptions): Base[] {
  const bases: Base[] = [];
  const deals = findDeals(network, {
    kinds: options.kinds,
    maxParties: options.maxParties,
    includeInfeasible: true,
    top: options.maxBases,
  });
  for (const deal of deals) bases.push(fromDeal(facts, deal));
  const singles: Base[] = [];
  const plain: BaseTrade[] = [];
  for (const seller of facts.firmIds) {
    for (const buyer of facts.firmIds) {
      for (const product of facts.products()) {
        if (singles.length >= options.maxBases) break;
        if (!facts.isPotential(seller, buyer, product)) continue;
        const base = single(facts, seller, buyer, product);
        singles.push(base);
        if (!base.reciprocal) plain.push({ ...base.trades[0], discount: undefined });
      }
    }
  }
  bases.push(...singles);
  let pairs = 0;
  for (const ab of plain) {
    for (const ba of plain) {
      if (pairs >= options.maxBases) break;
      if (ab.seller !== ba.buyer || ab.buyer !== ba.seller || ab.seller > ab.buyer) continue;
      const pair = plainPair(facts, ab, ba);
      if (pair !== undefined) {
        bases.push(pair);
        pairs++;
      }
    }
  }
  return bases;
}
