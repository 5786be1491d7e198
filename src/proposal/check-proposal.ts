/**
 * `checkProposal` (SPEC §7): checks a proposed deal against a network and
 * returns every violation, plus the deal's economics where they can be
 * computed.
 *
 * Order of work: the options (a misuse is a `UsageError` whatever the
 * proposal), the proposal's JSON shape (zod; a malformed proposal throws
 * `ProposalError`), then each trade on its own — resolved from strings to
 * trade-index integers here, once (`resolveTrades`) — executability across
 * trades, discounts, then the deal-level checks (connectivity, reciprocity,
 * kind), then the economics — only when no trade has a violation — by handing
 * the resolved trade integers, quantities and discounts straight to
 * `scoreTrades`, and the hurdles on the resulting nets. Violations come sorted
 * by trade index, then the deal-level ones in the order of SPEC §7's table
 * (hurdle per firm in party order, disconnected, not-reciprocal, kind).
 */
import type { Deal } from "../economics/deal.js";
import { recognizeShape } from "../economics/deal-shape.js";
import { type ResolvedPricing, resolvePricing } from "../economics/pricing-options.js";
import { scoreTrades } from "../economics/score-trades.js";
import type { Network } from "../model/types.js";
import { dealKinds } from "../search/kinds.js";
import { type TradeIndex, tradeIndexOf } from "../trade-index/trade-index.js";
import { connectedGroups } from "./connected-groups.js";
import { parseProposal } from "./parse-proposal.js";
import {
  type CheckProposalOptions,
  defaultCheckProposalOptions,
  type Proposal,
  type ProposalCheck,
  type ProposedTrade,
  type Violation,
} from "./proposal.js";
import { checkDiscounts, checkExecutable, firmLabel, resolveTrades } from "./trade-checks.js";

/** SPEC §5's tolerance: a party within this share of the largest money amount of the deal below its hurdle is at it. */
export const relativeTolerance = 1e-9;

const kindNames: Record<string, string> = {
  cycle: "a cycle",
  brokered: "a brokered triangle",
  chain: "a chain",
  custom: "no kind of deal",
};

/**
 * Applies `checkProposal`'s defaults (policy `fair`, objective
 * `expectedSurplus`, competition `none`; the room is always computed) and
 * validates the options against the network.
 *
 * @throws UsageError for an unknown policy, objective or initiator, or the
 *   `initiator` policy or an initiator objective without an initiator
 */
export function resolveCheckOptions(
  index: TradeIndex,
  options: CheckProposalOptions,
): ResolvedPricing {
  const { initiator, policy, objective, competition } = options;
  return resolvePricing(index, {
    ...defaultCheckProposalOptions,
    ...(initiator === undefined ? {} : { initiator }),
    ...(policy === undefined ? {} : { policy }),
    ...(objective === undefined ? {} : { objective }),
    ...(competition === undefined ? {} : { competition }),
    room: true,
  });
}

/** The parties of some trades numbered in order of first appearance, with the trades as arrows. */
function numberParties(trades: readonly ProposedTrade[]) {
  const number = new Map<string, number>();
  const ids: string[] = [];
  const partyOf = (id: string): number => {
    let v = number.get(id);
    if (v === undefined) {
      v = ids.length;
      number.set(id, v);
      ids.push(id);
    }
    return v;
  };
  const arrows = trades.map((t) => ({ seller: partyOf(t.seller), buyer: partyOf(t.buyer) }));
  return { ids, arrows };
}

/** The deal-level violations: disconnected, not-reciprocal, kind. */
function dealViolations(
  network: Network,
  index: TradeIndex,
  kind: string | undefined,
  trades: readonly ProposedTrade[],
  reciprocal: boolean,
): Violation[] {
  const violations: Violation[] = [];
  const { ids, arrows } = numberParties(trades);
  const groups = connectedGroups(ids.length, arrows);
  if (groups.length > 1) {
    const names = groups.map(
      (group) => `{${group.map((v) => firmLabel(network, index, ids[v])).join(", ")}}`,
    );
    violations.push({
      code: "disconnected",
      message: `the trades form ${groups.length} separate groups, ${names.join(" and ")}: a deal must connect all its parties`,
    });
  }
  if (!reciprocal) {
    violations.push({
      code: "not-reciprocal",
      message:
        "every trade would happen on its own (no buyer loses anything by switching): the deal is not reciprocal",
    });
  }
  if (kind !== undefined) {
    if (!(dealKinds as readonly string[]).includes(kind)) {
      violations.push({
        code: "kind",
        message: `"${kind}" is not a kind of deal (${dealKinds.join(", ")})`,
      });
    } else {
      // The kind depends only on who sells to whom, so party numbers do (products play no part).
      const selfTrade = arrows.some((a) => a.seller === a.buyer);
      const shape = selfTrade
        ? "custom"
        : recognizeShape(arrows.map((a) => ({ ...a, product: 0 }))).kind;
      if (shape !== kind) {
        violations.push({
          code: "kind",
          message: `the trades do not form ${kindNames[kind]}: they form ${kindNames[shape]}`,
        });
      }
    }
  }
  return violations;
}

/**
 * Checks a proposal against a network (SPEC §7).
 *
 * @param network - a validated network
 * @param proposal - `{ kind?, trades: [{seller, buyer, product, quantity?, discount?}] }`; its shape is validated too
 * @param options - `initiator`, `policy` (default `fair`), `objective` (default `expectedSurplus`)
 * @returns `{ ok, violations, deal? }`: every violation with its code, trade index or firm, and message
 * @throws UsageError for an unknown policy or objective, an initiator that is not a firm, or the `initiator` policy or an initiator objective without one — whatever the proposal
 * @throws ProposalError when the proposal does not have the shape of a proposal
 * @example
 * const check = checkProposal(network, {
 *   kind: "cycle",
 *   trades: [{ seller: "a", buyer: "b", product: "x" }, { seller: "b", buyer: "a", product: "y", discount: 50 }],
 * });
 * if (!check.ok) for (const v of check.violations) console.log(v.code, v.message);
 */
export function checkProposal(
  network: Network,
  proposal: Proposal,
  options: CheckProposalOptions = {},
): ProposalCheck {
  const index = tradeIndexOf(network);
  const pricing = resolveCheckOptions(index, options);
  const valid = parseProposal(proposal);

  const resolved = resolveTrades(network, index, valid.trades);
  checkExecutable(network, index, resolved);
  let scale = 0;
  for (const r of resolved) {
    scale = Math.max(
      scale,
      Math.abs(r.margin ?? 0),
      Math.abs(r.premium ?? 0),
      Math.abs(r.trade.discount ?? 0),
    );
  }
  for (const { seller, buyer } of valid.trades) {
    for (const id of [seller, buyer]) {
      const f = index.firmIndex(id);
      if (f >= 0) scale = Math.max(scale, index.firmHurdle[f]);
    }
  }
  checkDiscounts(network, index, resolved, relativeTolerance * scale);

  const tradeViolations = resolved.flatMap((r) => r.violations);
  const originals = resolved.filter((r) => r.repeatOf < 0);
  const sound = originals.every((r) => r.violations.length === 0 && r.premium !== undefined);
  const reciprocal = !sound || originals.some((r) => (r.premium as number) > 0);
  const dealLevel = dealViolations(
    network,
    index,
    valid.kind,
    originals.map((r) => r.trade),
    reciprocal,
  );

  let deal: Deal | undefined;
  const hurdleViolations: Violation[] = [];
  if (tradeViolations.length === 0) {
    deal = scoreTrades(
      index,
      originals.map((r) => r.tradeId),
      {
        ...pricing,
        quantities: originals.map((r) => r.trade.quantity ?? Number.NaN),
        // A given discount within the tolerance outside [0, margin] (an LP's rounding) is clamped.
        discounts: originals.map((r) =>
          r.trade.discount === undefined
            ? Number.NaN
            : Math.min(Math.max(r.trade.discount, 0), r.margin as number),
        ),
      },
    );
    const counter = pricing.competition === "counter";
    for (const party of deal.parties) {
      const own = index.firmHurdle[index.firmIndex(party.firm)];
      const hurdle = counter ? own + party.exposure : own;
      const tolerance = relativeTolerance * Math.max(scale, hurdle, Math.abs(party.net));
      if (party.net < hurdle - tolerance) {
        const why =
          counter && party.exposure > 0
            ? ` (its own ${own} raised by the ${party.exposure} its incumbents could offer it)`
            : "";
        hurdleViolations.push({
          code: "hurdle",
          firm: party.firm,
          message: `${firmLabel(network, index, party.firm)} would net ${party.net}, below its hurdle of ${hurdle}${why}`,
        });
      }
    }
  }
  const violations = [...tradeViolations, ...hurdleViolations, ...dealLevel];
  return deal === undefined
    ? { ok: violations.length === 0, violations }
    : { ok: violations.length === 0, violations, deal };
}
