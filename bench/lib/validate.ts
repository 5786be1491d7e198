/**
 * Checks run on each result before it is timed, written independently of the
 * library: deal shapes and unique ids, and a portfolio's constraints (SPEC §6)
 * recomputed from the network itself.
 */
import type { Deal, DealKind, Network } from "../../src/index.js";

/** A 53-bit hash of a string (two FNV-1a lanes), for counting distinct ids in bounded memory. */
export function idHash(id: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** Why a deal listed by a search of `kind` with `maxParties` is malformed, or undefined when it is sound. */
export function dealProblem(deal: Deal, kind: DealKind, maxParties: number): string | undefined {
  if (deal.kind !== kind) return `${deal.id}: kind ${deal.kind}, searched ${kind}`;
  if (!deal.id.startsWith(`${kind}:`)) return `${deal.id}: id does not start with ${kind}:`;
  const parties = new Set<string>();
  for (const t of deal.trades) {
    parties.add(t.seller);
    parties.add(t.buyer);
    if (t.seller === t.buyer) return `${deal.id}: self-trade`;
  }
  const k = parties.size;
  if (deal.parties.length !== k)
    return `${deal.id}: ${deal.parties.length} parties listed, ${k} in trades`;
  const trades = deal.trades.length;
  const shapeOk =
    kind === "cycle"
      ? k >= 2 && k <= maxParties && trades === k
      : kind === "brokered"
        ? k === 3 && trades === 3
        : k >= 3 && k <= maxParties && trades === k - 1;
  if (!shapeOk)
    return `${deal.id}: ${k} parties and ${trades} trades do not make a ${kind} of ≤ ${maxParties}`;
  if (deal.trades.every((t) => t.premium <= 0))
    return `${deal.id}: not reciprocal (every premium ≤ 0)`;
  return undefined;
}

/** What a portfolio check found. */
export interface PortfolioCheck {
  readonly problems: readonly string[];
  /** Σ of the candidates' `expectedSurplus` over the chosen deals. */
  readonly expectedSurplus: number;
}

/**
 * Recomputes a chosen portfolio's constraints from the network: chosen ids
 * unique and among the candidates, feasible; per offer Σ q ≤ capacity, per
 * need Σ q ≤ quantity, per firm deals ≤ maxDeals.
 */
export function checkPortfolio(
  network: Network,
  candidates: readonly Deal[],
  chosen: readonly Deal[],
): PortfolioCheck {
  const problems: string[] = [];
  const known = new Set(candidates.map((d) => d.id));
  const capacity = new Map<string, number>();
  const need = new Map<string, number>();
  const maxDeals = new Map<string, number>();
  for (const firm of network.firms) {
    for (const o of firm.offers ?? []) capacity.set(`${firm.id}\u0000${o.product}`, o.capacity);
    for (const n of firm.needs ?? []) need.set(`${firm.id}\u0000${n.product}`, n.quantity);
    if (firm.maxDeals !== undefined) maxDeals.set(firm.id, firm.maxDeals);
  }
  const sold = new Map<string, number>();
  const bought = new Map<string, number>();
  const dealsOf = new Map<string, number>();
  const seen = new Set<string>();
  let expectedSurplus = 0;
  for (const deal of chosen) {
    if (seen.has(deal.id)) problems.push(`${deal.id}: chosen twice`);
    if (!known.has(deal.id)) problems.push(`${deal.id}: not a candidate`);
    if (!deal.feasible) problems.push(`${deal.id}: infeasible`);
    seen.add(deal.id);
    expectedSurplus += deal.expectedSurplus;
    for (const t of deal.trades) {
      const s = `${t.seller}\u0000${t.product}`;
      const b = `${t.buyer}\u0000${t.product}`;
      sold.set(s, (sold.get(s) ?? 0) + t.quantity);
      bought.set(b, (bought.get(b) ?? 0) + t.quantity);
    }
    for (const p of deal.parties) dealsOf.set(p.firm, (dealsOf.get(p.firm) ?? 0) + 1);
  }
  const over = (used: number, limit: number) => used > limit * (1 + 1e-9) + 1e-9;
  for (const [key, used] of sold) {
    const limit = capacity.get(key);
    if (limit === undefined || over(used, limit))
      problems.push(`offer ${key.replace("\u0000", "/")}: ${used} sold, capacity ${limit}`);
  }
  for (const [key, used] of bought) {
    const limit = need.get(key);
    if (limit === undefined || over(used, limit))
      problems.push(`need ${key.replace("\u0000", "/")}: ${used} bought, quantity ${limit}`);
  }
  for (const [firm, count] of dealsOf) {
    const limit = maxDeals.get(firm);
    if (limit !== undefined && count > limit)
      problems.push(`firm ${firm}: in ${count} deals, maxDeals ${limit}`);
  }
  return { problems, expectedSurplus };
}
