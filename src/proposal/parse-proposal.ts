/**
 * `parseProposal`: validates a proposal document's own shape (SPEC §7) with
 * zod. Only the shape: whether the firms, products, quantities and discounts
 * make sense in a network is `checkProposal`'s job, reported as violations.
 */
import { z } from "zod";
import { fromZodIssues, zodMessages } from "../model/issues.js";
import type { Proposal } from "./proposal.js";
import { ProposalError } from "./proposal-error.js";

const meta = z.record(z.string(), z.unknown());
const nonEmpty = z.string().min(1, "must be a non-empty string");

/** One proposed trade. Quantities and discounts may be any finite number here: their range is a violation, not a shape error. */
const proposedTradeSchema = z.strictObject({
  seller: nonEmpty,
  buyer: nonEmpty,
  product: nonEmpty,
  quantity: z.number().optional(),
  discount: z.number().optional(),
  meta: meta.optional(),
});

/** A proposal: `{ kind?, trades: [...] }` with at least one trade. */
export const proposalSchema = z.strictObject({
  kind: nonEmpty.optional(),
  trades: z.array(proposedTradeSchema).min(1, "a proposal needs at least one trade"),
  meta: meta.optional(),
});

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
  const parsed = proposalSchema.safeParse(root, zodMessages);
  if (!parsed.success) throw new ProposalError(fromZodIssues("", parsed.error.issues));
  return parsed.data as Proposal;
}
