/**
 * `select --candidates FILE`: the candidate deals from a ranked listing (the
 * JSON or JSON Lines of `find` or `merge`, e.g. the merge of a sharded
 * search) instead of a search. Each DEAL is re-derived from the network
 * (`listedDeals`): its kind and trades are looked up and checked, and its
 * figures priced again under select's --initiator, --policy, --objective,
 * --room and --competition;
 * the listing's own figures are not read. The flags that choose a search's
 * deals (--kinds, --max-parties, --include-infeasible, --key-accounts-only,
 * --top, --all) are the listing's to fix, so they are usage errors here.
 */
import type { Deal } from "../economics/deal.js";
import type { FindDealsOptions } from "../economics/find-options.js";
import { listedDeals } from "../economics/listed-deals.js";
import { ListingError } from "../economics/listing-error.js";
import type { Network } from "../model/types.js";
import { CliUsageError } from "./io.js";
import { readListing } from "./listing-file.js";
import type { SearchFlagValues } from "./search-flags.js";

/** Help lines of `--candidates`. */
export const candidateFlagsHelp = `  --candidates FILE       the deals of FILE instead of a search (default: search):
                          a listing of find or merge, json or jsonl, re-derived
                          from NETWORK and priced under the pricing flags above`;

/** The search flags that a listing fixes. */
const searchOnlyFlags = [
  "kinds",
  "max-parties",
  "include-infeasible",
  "key-accounts-only",
  "top",
  "all",
] as const;

/**
 * The deals of the listing at `path`, re-derived from `network`.
 *
 * @throws CliUsageError when a flag that chooses a search's deals is given too;
 *   ListingError for a listing or DEAL that does not fit the network
 */
export function readCandidates(
  network: Network,
  path: string,
  values: SearchFlagValues,
  options: FindDealsOptions,
): Deal[] {
  const given = searchOnlyFlags.filter(
    (flag) => values[flag] !== undefined && values[flag] !== false,
  );
  if (given.length > 0)
    throw new CliUsageError(
      `--candidates takes the deals of its listing as they are: drop --${given.join(", --")}` +
        " (cut a listing with merge --top N)",
    );
  const { initiator, policy, objective, room, competition } = options;
  return [
    ...listedDeals(network, parsed(path), { initiator, policy, objective, room, competition }),
  ];
}

function* parsed(path: string) {
  for (const { bytes, where } of readListing(path)) {
    let deal: unknown;
    try {
      deal = JSON.parse(bytes.toString("utf8"));
    } catch (error) {
      throw new ListingError([{ path: where, message: `not JSON: ${(error as Error).message}` }]);
    }
    yield { deal, where };
  }
}
