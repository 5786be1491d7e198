/**
 * A ranked listing of deals (the JSON or JSON Lines output of `find`) that
 * cannot be merged or read as candidates: not in rank order, a deal twice, a
 * deal that is not one of the network's.
 */
import { InputError, type Issue } from "../model/errors.js";

/**
 * A listing that breaks its contract; `issues` name the place (`FILE line N`)
 * and what is wrong.
 *
 * @example
 * try { [...mergeRanked(listings)] } catch (e) { if (e instanceof ListingError) console.error(e.format()) }
 */
export class ListingError extends InputError {
  override readonly name = "ListingError";

  constructor(issues: readonly Issue[]) {
    super("listing", issues);
  }
}
