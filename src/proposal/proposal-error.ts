/**
 * The error for a proposal document that is not a proposal at all (not JSON,
 * wrong shape): bad input, reported like `NetworkError`. A well-formed proposal
 * that breaks the network's rules is not an error: `checkProposal` returns its
 * violations.
 */
import { InputError, type Issue } from "../model/errors.js";

/**
 * A proposal document that does not have the shape of SPEC §7.
 * `issues` lists every problem, each `{path, message}` (`trades[2].quantity`, `$`).
 *
 * @example
 * try { parseProposal(json) } catch (e) { if (e instanceof ProposalError) console.error(e.format()) }
 */
export class ProposalError extends InputError {
  override readonly name = "ProposalError";

  constructor(issues: readonly Issue[]) {
    super("proposal", issues);
  }
}
