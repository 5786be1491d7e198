/**
 * `parseProposal`: validates a proposal document's own shape (SPEC §7) with
 * zod. Only the shape: whether the firms, products, quantities and discounts
 * make sense in a network is `checkProposal`'s job, reported as violations.
 *
 * A DEAL as `find --format json` prints it (SPEC §8) is a proposal too, so a
 * found deal can be edited and checked again: its `kind` and its trades'
 * seller, buyer, product, quantity and discount are read; the figures the
 * library computed (id, score, margins, parties, ranges …) are accepted and
 * ignored, and kind `custom` means no shape is checked. A whole listing
 * `{"deals": [DEAL]}` of one deal is read as that deal. Any other key is still
 * an error.
 */
import { z } from "zod";
import { fromZodIssues, zodMessages } from "../model/issues.js";
import type { Proposal } from "./proposal.js";
import { ProposalError } from "./proposal-error.js";

const meta = z.record(z.string(), z.unknown());
const nonEmpty = z.string().min(1, "must be a non-empty string");

/** The figures a DEAL's trade carries that a proposal ignores (SPEC §8). */
const computedTradeKeys = [
  "unitPrice",
  "margin",
  "premium",
  "probability",
  "counter",
  "discountRange",
] as const;

/** The figures a DEAL carries that a proposal ignores (SPEC §8). */
const computedDealKeys = [
  "id",
  "feasible",
  "defensible",
  "score",
  "surplus",
  "probability",
  "expectedSurplus",
  "parties",
  "initiator",
] as const;

const ignored = (keys: readonly string[]) =>
  Object.fromEntries(keys.map((key) => [key, z.unknown().optional()]));

/** One proposed trade. Quantities and discounts may be any finite number here: their range is a violation, not a shape error. */
const proposedTradeSchema = z.strictObject({
  seller: nonEmpty,
  buyer: nonEmpty,
  product: nonEmpty,
  quantity: z.number().optional(),
  discount: z.number().optional(),
  meta: meta.optional(),
  ...ignored(computedTradeKeys),
});

/** A proposal: `{ kind?, trades: [...] }` with at least one trade (or a DEAL, its figures ignored). */
export const proposalSchema = z.strictObject({
  kind: nonEmpty.optional(),
  trades: z.array(proposedTradeSchema).min(1, "a proposal needs at least one trade"),
  meta: meta.optional(),
  ...ignored(computedDealKeys),
});

/** A proposal keeps only what a person proposes: kind, trades (seller, buyer, product, quantity, discount), meta. */
function proposalOf(data: z.infer<typeof proposalSchema>): Proposal {
  const trades = data.trades.map((t) => ({
    seller: t.seller,
    buyer: t.buyer,
    product: t.product,
    ...(t.quantity === undefined ? {} : { quantity: t.quantity }),
    ...(t.discount === undefined ? {} : { discount: t.discount }),
    ...(t.meta === undefined ? {} : { meta: t.meta }),
  }));
  const kind = data.kind === "custom" && "id" in data ? undefined : data.kind;
  return {
    ...(kind === undefined ? {} : { kind }),
    trades,
    ...(data.meta === undefined ? {} : { meta: data.meta }),
  };
}

/**
 * Validates a proposal document's shape and returns it as a `Proposal`.
 * Reports every problem at once.
 *
 * @param json - the parsed JSON value, or a JSON string
 * @throws ProposalError listing every `{path, message}` (`$` for text that is not JSON or a root that is not an object)
 * @example
 * const proposal = parseProposal('{"kind":"cycle","trades":[{"seller":"a","buyer":"b","product":"x"},{"seller":"b","buyer":"a","product":"y"}]}');
 */
export function parseProposal(json: unknown): Proposal {
  let root = json;
  if (typeof json === "string") {
    try {
      root = JSON.parse(json);
    } catch (error) {
      throw new ProposalError([
        { path: "$", message: `not valid JSON: ${(error as Error).message}` },
      ]);
    }
  }
  if (typeof root !== "object" || root === null || Array.isArray(root)) {
    throw new ProposalError([
      { path: "$", message: 'a proposal must be a JSON object with a "trades" array' },
    ]);
  }
  const record = root as Record<string, unknown>;
  const listing = record.deals;
  if (Array.isArray(listing) && Object.keys(record).length === 1) {
    if (listing.length !== 1) {
      throw new ProposalError([
        {
          path: "deals",
          message: `a listing of ${listing.length} deals: a proposal is one deal (take one of them, e.g. with find --top 1)`,
        },
      ]);
    }
    return parseOne(listing[0], "deals[0]");
  }
  return parseOne(root, "");
}

function parseOne(value: unknown, at: string): Proposal {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ProposalError([
      { path: at === "" ? "$" : at, message: "a deal must be a JSON object" },
    ]);
  }
  const parsed = proposalSchema.safeParse(value, zodMessages);
  if (!parsed.success) throw new ProposalError(fromZodIssues(at, parsed.error.issues));
  return proposalOf(parsed.data);
}
