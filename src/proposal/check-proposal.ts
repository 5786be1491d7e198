/**
 * `checkProposal` (SPEC §7): checks a proposed deal against a network and
 * returns every violation, plus the deal's economics where they can be
 * computed.
 *
 * Order of work: the proposal's JSON shape (zod; a malformed proposal throws
 * `ProposalError`), then each trade on its own, executability across trades,
 * discounts, then the deal-level checks (connectivity, reciprocity, kind), then
 * the economics — only when no trade has a violation — and the hurdles on the
 * resulting nets. Violations come sorted by trade index, then the deal-level
 * ones in the order of SPEC §7's table (hurdle per firm in party order,
 * disconnected, not-reciprocal, kind).
 */
import type { Deal } from "../economics/deal.js";
import { UsageError } from "../model/errors.js";
import type { Network } from "../model/types.js";
import { dealKinds } from "../search/kinds.js";
import { tradeIndexOf } from "../trade-index/trade-index.js";
import { parseProposal } from "./parse-proposal.js";
import {
  type CheckProposalOptions,
  defaultCheckProposalOptions,
  type Proposal,
  type ProposalCheck,
  type Violation,
} from "./proposal.js";
import { scoreProposal } from "./proposal-economics.js";
import { connectedGroups, shapeOf } from "./shape.js";
import { checkDiscounts, checkExecutable, firmLabel, resolveTrades } from "./trade-checks.js";

/** SPEC §5's tolerance: a party within this share of the largest money amount of the deal below its hurdle is at it. */
export const relativeTolerance = 1e-9;

const kindNames: Record<string, string> = {
  cycle: "a cycle",
  brokered: "a brokered triangle",
  chain: "a chain",
};

/**
 * Checks a proposal against a network (SPEC §7).
 *
 * @param network - a validated network
 * @param proposal - `{ kind?, trades: [{seller, buyer, product, quantity?, discount?}] }`; its shape is validated too
 * @param options - `initiator`, `policy` (default `fair`), `objective` (default `expectedSurplus`)
 * @returns `{ ok, violations, deal? }`: every violation with its code, trade index or firm, and message
 * @throws ProposalError when the proposal does not have the shape of a proposal
 * @throws UsageError for an initiator that is not a firm, or the `initiator` policy or an initiator objective without one
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
  const valid = parseProposal(proposal);
  const resolvedOptions = { ...defaultCheckProposalOptions, ...options };
  const { initiator, policy, objective } = resolvedOptions;
  const index = tradeIndexOf(network);
  if (initiator !== undefined && index.firmIndex(initiator) < 0) {
    throw new UsageError(`initiator "${initiator}" is not a firm of the network`);
  }
  if (
    initiator === undefined &&
    (policy === "initiator" || objective === "initiatorNet" || objective === "expectedInitiatorNet")
  ) {
    throw new UsageError(
      `${policy === "initiator" ? 'policy "initiator"' : `objective "${objective}"`} needs an initiator`,
    );
  }

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
  const dealViolations: Violation[] = [];
  const originals = resolved.filter((r) => r.repeatOf < 0);

  const groups = connectedGroups(originals.map((r) => r.trade));
  if (groups.length > 1) {
    const names = groups.map(
      (group) => `{${group.map((id) => firmLabel(network, index, id)).join(", ")}}`,
    );
    dealViolations.push({
      code: "disconnected",
      message: `the trades form ${groups.length} separate groups, ${names.join(" and ")}: a deal must connect all its parties`,
    });
  }
  if (
    originals.every((r) => r.violations.length === 0 && r.premium !== undefined) &&
    originals.every((r) => r.premium! <= 0)
  ) {
    dealViolations.push({
      code: "not-reciprocal",
      message:
        "every trade would happen on its own (no buyer loses anything by switching): the deal is not reciprocal",
    });
  }
  const shape = shapeOf(originals.map((r) => r.trade));
  if (valid.kind !== undefined) {
    if (!(dealKinds as readonly string[]).includes(valid.kind)) {
      dealViolations.push({
        code: "kind",
        message: `"${valid.kind}" is not a kind of deal (${dealKinds.join(", ")})`,
      });
    } else if (shape?.kind !== valid.kind) {
      const actual = shape === undefined ? "no kind of deal" : kindNames[shape.kind];
      dealViolations.push({
        code: "kind",
        message: `the trades do not form ${kindNames[valid.kind]}: they form ${actual}`,
      });
    }
  }

  let deal: Deal | undefined;
  const hurdleViolations: Violation[] = [];
  if (tradeViolations.length === 0) {
    deal = scoreProposal(network, originals, { initiator, policy, objective });
    for (const party of deal.parties) {
      const f = index.firmIndex(party.firm);
      const hurdle = index.firmHurdle[f];
      const tolerance = relativeTolerance * Math.max(scale, Math.abs(party.net));
      if (party.net < hurdle - tolerance) {
        hurdleViolations.push({
          code: "hurdle",
          firm: party.firm,
          message: `${firmLabel(network, index, party.firm)} would net ${party.net}, below its hurdle of ${hurdle}`,
        });
      }
    }
  }
  const violations = [...tradeViolations, ...hurdleViolations, ...dealViolations];
  return deal === undefined
    ? { ok: violations.length === 0, violations }
    : { ok: violations.length === 0, violations, deal };
}
