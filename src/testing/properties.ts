/**
 * Ready properties of a deal, for `fc.property` bodies: each returns a
 * boolean, and compares money within SPEC §5's tolerance (1e-9 of the largest
 * money amount of the deal).
 */
import type { Deal, Network } from "../index.js";

/** Per firm id: its hurdle (default 0). */
function hurdles(network: Network | undefined): Map<string, number> {
  return new Map((network?.firms ?? []).map((f) => [f.id, f.hurdle ?? 0]));
}

/**
 * SPEC §5's tolerance for a deal: 1e-9 × its largest money amount (margins,
 * premiums, discounts, nets, and with a network the parties' hurdles).
 */
export function dealTolerance(deal: Deal, network?: Network): number {
  const hurdle = hurdles(network);
  let scale = 0;
  for (const t of deal.trades)
    scale = Math.max(scale, Math.abs(t.margin), Math.abs(t.premium), Math.abs(t.discount));
  for (const p of deal.parties) scale = Math.max(scale, Math.abs(p.net), hurdle.get(p.firm) ?? 0);
  return 1e-9 * scale;
}

/**
 * Every party nets at least its hurdle (within the tolerance): nobody is worse
 * off for joining. Without a network, every hurdle is taken as 0.
 *
 * @example
 * fc.property(proposalArb(network), (proposal) => isIndividuallyRational(myEngine.price(proposal), network))
 */
export function isIndividuallyRational(deal: Deal, network?: Network): boolean {
  const hurdle = hurdles(network);
  const tolerance = dealTolerance(deal, network);
  return deal.parties.every((p) => p.net >= (hurdle.get(p.firm) ?? 0) - tolerance);
}

/** Discounts only move money between parties: Σ net = surplus = Σ margin − Σ premium. */
export function conservesMoney(deal: Deal): boolean {
  const tolerance = dealTolerance(deal) * Math.max(1, deal.trades.length);
  const net = deal.parties.reduce((sum, p) => sum + p.net, 0);
  const surplus = deal.trades.reduce((sum, t) => sum + t.margin - t.premium, 0);
  return Math.abs(net - deal.surplus) <= tolerance && Math.abs(surplus - deal.surplus) <= tolerance;
}

/**
 * The figures agree with the trades: each party's margin gained, premium paid,
 * discounts given and received add up from its trades and give its net; every
 * discount is within [0, margin]; probability = Π π, expectedSurplus = probability · surplus;
 * every seller and buyer is a listed party.
 */
export function hasConsistentFigures(deal: Deal): boolean {
  const tolerance = dealTolerance(deal) * Math.max(1, deal.trades.length);
  const close = (a: number, b: number) => Math.abs(a - b) <= tolerance;
  const firms = new Set(deal.parties.map((p) => p.firm));
  if (firms.size !== deal.parties.length) return false;
  if (!deal.trades.every((t) => firms.has(t.seller) && firms.has(t.buyer))) return false;
  if (!deal.trades.every((t) => t.discount >= -tolerance && t.discount <= t.margin + tolerance))
    return false;
  for (const p of deal.parties) {
    const sold = deal.trades.filter((t) => t.seller === p.firm);
    const bought = deal.trades.filter((t) => t.buyer === p.firm);
    const sum = (list: typeof sold, f: (t: (typeof sold)[number]) => number) =>
      list.reduce((s, t) => s + f(t), 0);
    if (
      !close(
        p.marginGained,
        sum(sold, (t) => t.margin),
      )
    )
      return false;
    if (
      !close(
        p.premiumPaid,
        sum(bought, (t) => t.premium),
      )
    )
      return false;
    if (
      !close(
        p.discountGiven,
        sum(sold, (t) => t.discount),
      )
    )
      return false;
    if (
      !close(
        p.discountReceived,
        sum(bought, (t) => t.discount),
      )
    )
      return false;
    if (!close(p.net, p.marginGained - p.premiumPaid - p.discountGiven + p.discountReceived))
      return false;
  }
  const probability = deal.trades.reduce((x, t) => x * t.probability, 1);
  if (Math.abs(probability - deal.probability) > 1e-12) return false;
  return close(deal.expectedSurplus, deal.probability * deal.surplus);
}

/**
 * The deal can be carried out on its own (SPEC §4): the trades drawing on one
 * offer fit its capacity, and those filling one need fit its quantity.
 */
export function isExecutable(deal: Deal, network: Network): boolean {
  const firm = new Map(network.firms.map((f) => [f.id, f]));
  const use = new Map<string, number>();
  for (const t of deal.trades) {
    const offer = firm.get(t.seller)?.offers?.find((o) => o.product === t.product);
    const need = firm.get(t.buyer)?.needs?.find((n) => n.product === t.product);
    if (offer === undefined || need === undefined) return false;
    const offerKey = `offer\u0000${t.seller}\u0000${t.product}`;
    const needKey = `need\u0000${t.buyer}\u0000${t.product}`;
    use.set(offerKey, (use.get(offerKey) ?? 0) + t.quantity);
    use.set(needKey, (use.get(needKey) ?? 0) + t.quantity);
    if (
      use.get(offerKey)! > offer.capacity * (1 + 1e-12) ||
      use.get(needKey)! > need.quantity * (1 + 1e-12)
    )
      return false;
  }
  return true;
}
