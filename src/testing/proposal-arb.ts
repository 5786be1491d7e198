/**
 * `proposalArb`: proposals for a network, valid ones or ones carrying a known
 * violation (SPEC §7).
 *
 * Everything that depends on the network is worked out once, when the
 * arbitrary is built: the sound trade sets to start from (the network's deals,
 * its single potential trades, 2-cycles of plain trades) and, for invalid
 * proposals, the edits that cause exactly one violation code (see
 * `invalid-edits.ts`). A value is then a few numbers — which base, which edit,
 * the order of the trades, which quantities and discounts are written out,
 * whether the kind is stated — mapped to a proposal, so it shrinks towards the
 * first base, the first edit, the SPEC's order and the shortest proposal.
 *
 * A valid proposal passes `checkProposal` under every policy: its base is
 * feasible, and the discounts it writes out are part of a feasible vector. An
 * invalid one has violations of exactly `expectedCode` (one, or for `hurdle` or
 * a ghost trade, possibly several of that code).
 */
import fc from "fast-check";
import {
  type DealKind,
  type Network,
  type Proposal,
  type ProposedTrade,
  UsageError,
  type ViolationCode,
  violationCodes,
} from "../index.js";
import { checkKeys, checkWhole, withDefaults } from "./constraints.js";
import { type Candidate, invalidCandidates } from "./invalid-edits.js";
import { NetworkFacts } from "./network-facts.js";
import { type Base, type BaseTrade, collectBases } from "./proposal-bases.js";

/** The knobs of `proposalArb`. */
export interface ProposalConstraints {
  /** Valid proposals, or proposals with a known violation. @defaultValue true */
  readonly valid?: boolean;
  /** With `valid: false`: the codes to draw from (those the network allows). @defaultValue every code */
  readonly codes?: readonly ViolationCode[];
  /** Kinds of the deals proposals are built from. @defaultValue every kind */
  readonly kinds?: readonly DealKind[];
  /** Most parties of those deals (2..6). @defaultValue 3 */
  readonly maxParties?: number;
  /** Most deals, and most single trades, to build from. @defaultValue 50 */
  readonly maxBases?: number;
}

/** A proposal with the violation it carries. */
export interface InvalidProposal {
  readonly proposal: Proposal;
  /** Every violation `checkProposal` reports has this code. */
  readonly expectedCode: ViolationCode;
  /** The trade at fault (trade-level codes). */
  readonly trade?: number;
  /** The firm at fault, where known: the unknown firm, a party below its hurdle. */
  readonly firm?: string;
}

/** Every deal kind (SPEC §4). */
const dealKinds: readonly DealKind[] = ["cycle", "brokered", "chain"];

/** The defaults of `ProposalConstraints`. */
export const defaultProposalConstraints = {
  valid: true,
  kinds: dealKinds,
  maxParties: 3,
  maxBases: 50,
} as const;

const knobs = ["valid", "codes", "kinds", "maxParties", "maxBases"];

/** How one base is written out: trade order, written quantities and discounts, the kind. */
interface Presentation {
  readonly keys: readonly number[];
  readonly quantities: readonly boolean[];
  readonly discounts: readonly boolean[];
  readonly statesKind: boolean;
  readonly variant: number;
}

function presentationArb(length: number): fc.Arbitrary<Presentation> {
  const flags = fc.array(fc.boolean(), { minLength: length, maxLength: length });
  return fc.record({
    keys: fc.array(fc.nat(9), { minLength: length, maxLength: length }),
    quantities: flags,
    discounts: flags,
    statesKind: fc.boolean(),
    variant: fc.nat(),
  });
}

function write(trade: BaseTrade, quantity: boolean, discount: boolean): ProposedTrade {
  const out: { -readonly [K in keyof ProposedTrade]: ProposedTrade[K] } = {
    seller: trade.seller,
    buyer: trade.buyer,
    product: trade.product,
  };
  if (quantity) out.quantity = trade.quantity;
  if (discount && trade.discount !== undefined) out.discount = trade.discount;
  return out;
}

/** Writes a base out: `position[j]` is where base trade j lands. */
function present(
  base: Base,
  p: Presentation,
  offset = 0,
): { trades: ProposedTrade[]; position: number[] } {
  const order = base.trades
    .map((_, j) => j)
    .sort((a, b) => p.keys[offset + a] - p.keys[offset + b] || a - b);
  const position: number[] = [];
  order.forEach((j, at) => {
    position[j] = at;
  });
  const trades = order.map((j) =>
    write(base.trades[j], p.quantities[offset + j], p.discounts[offset + j]),
  );
  return { trades, position };
}

function build(bases: readonly Base[], candidate: Candidate, p: Presentation): InvalidProposal {
  const base = bases[candidate.base];
  const { trades, position } = present(base, p);
  const pick = <T>(values: readonly T[]) => values[p.variant % values.length];
  const edit = candidate.edit;
  let kind: string | undefined = candidate.kindAllowed && p.statesKind ? base.kind : undefined;
  let trade: number | undefined;
  let firm: string | undefined;
  switch (edit.type) {
    case "replace":
      trade = position[edit.at];
      trades[trade] = { seller: edit.seller, buyer: edit.buyer, product: edit.product };
      if (candidate.code === "unknown-firm")
        firm = [edit.seller, edit.buyer].find((id) => !base.parties.includes(id));
      break;
    case "repeat":
      trades.push({ ...trades[position[edit.at]] });
      trade = trades.length - 1;
      break;
    case "quantity": {
      trade = position[edit.at];
      const { discount: _, ...rest } = trades[trade];
      trades[trade] = { ...rest, quantity: pick(edit.values) };
      break;
    }
    case "discount":
      trade = position[edit.at];
      trades[trade] = { ...trades[trade], discount: pick(edit.values) };
      break;
    case "discounts":
      edit.values.forEach((d, j) => {
        trades[position[j]] = { ...trades[position[j]], discount: d };
      });
      firm = edit.firm;
      break;
    case "join":
      trades.push(...present(bases[edit.other], p, base.trades.length).trades);
      break;
    case "kind":
      kind = pick(edit.values);
      break;
    case "as-is":
      if (candidate.code === "unknown-firm" || candidate.code === "self-trade") trade = 0;
      break;
  }
  const proposal: Proposal = kind === undefined ? { trades } : { kind, trades };
  const out: { -readonly [K in keyof InvalidProposal]: InvalidProposal[K] } = {
    proposal,
    expectedCode: candidate.code,
  };
  if (trade !== undefined) out.trade = trade;
  if (firm !== undefined) out.firm = firm;
  return out;
}

/** Valid proposals of a network (they pass `checkProposal`). */
export function proposalArb(
  network: Network,
  constraints?: ProposalConstraints & { readonly valid?: true },
): fc.Arbitrary<Proposal>;
/** Proposals carrying a known violation, with the code they carry. */
export function proposalArb(
  network: Network,
  constraints: ProposalConstraints & { readonly valid: false },
): fc.Arbitrary<InvalidProposal>;
/**
 * Proposals for `network`: valid ones (`{valid: true}`, the default) or ones
 * carrying a known violation (`{valid: false}`: `{proposal, expectedCode, trade?, firm?}`).
 *
 * @param network - a network (from `parseNetwork`, or `networkArb`'s JSON)
 * @param constraints - see `ProposalConstraints`; checked at once
 * @throws UsageError on bad constraints, when the network has no valid proposal
 *   (no feasible reciprocal deal or trade), or when none of the asked codes can be produced
 * @example
 * fc.assert(fc.property(proposalArb(network, { valid: false }), ({ proposal, expectedCode }) =>
 *   checkProposal(network, proposal).violations.every((v) => v.code === expectedCode)));
 */
export function proposalArb(
  network: Network,
  constraints: ProposalConstraints = {},
): fc.Arbitrary<Proposal | InvalidProposal> {
  const where = "proposalArb";
  checkKeys(where, constraints, knobs);
  const c = withDefaults(defaultProposalConstraints, constraints);
  checkWhole(where, "maxParties", c.maxParties, 2, 6);
  checkWhole(where, "maxBases", c.maxBases, 1, 10_000);
  if (typeof c.valid !== "boolean") throw new UsageError(`${where}: valid must be true or false`);
  for (const kind of c.kinds)
    if (!dealKinds.includes(kind)) throw new UsageError(`${where}: unknown kind "${String(kind)}"`);
  for (const code of c.codes ?? []) {
    if (!violationCodes.includes(code))
      throw new UsageError(`${where}: unknown violation code "${String(code)}"`);
  }
  if (c.valid && c.codes !== undefined)
    throw new UsageError(`${where}: codes go with valid: false`);

  const facts = new NetworkFacts(network);
  const bases = collectBases(network, facts, {
    kinds: c.kinds,
    maxParties: c.maxParties,
    maxBases: c.maxBases,
  });
  const longest = Math.max(1, ...bases.map((b) => b.trades.length));
  if (c.valid) {
    const valid = bases.filter((b) => b.feasible && b.reciprocal);
    if (valid.length === 0)
      throw new UsageError(
        `${where}: the network has no feasible reciprocal deal or trade to propose`,
      );
    return fc
      .record({ base: fc.nat(valid.length - 1), presentation: presentationArb(longest) })
      .map(({ base, presentation }) => {
        const chosen = valid[base];
        const { trades } = present(chosen, presentation);
        return chosen.kind !== undefined && presentation.statesKind
          ? { kind: chosen.kind, trades }
          : { trades };
      });
  }
  const byCode = invalidCandidates(facts, bases);
  const codes = violationCodes.filter(
    (code) => byCode.has(code) && (c.codes === undefined || c.codes.includes(code)),
  );
  if (codes.length === 0)
    throw new UsageError(
      `${where}: the network allows none of the codes ${(c.codes ?? []).join(", ")}`,
    );
  return fc
    .record({
      code: fc.nat(codes.length - 1),
      candidate: fc.nat(),
      presentation: presentationArb(2 * longest),
    })
    .map(({ code, candidate, presentation }) => {
      const candidates = byCode.get(codes[code])!;
      return build(bases, candidates[candidate % candidates.length], presentation);
    });
}
