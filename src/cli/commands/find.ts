/**
 * `reciprocal-deals find NETWORK …`: the best reciprocal deals, ranked (SPEC §8).
 */

import { type RankedDeals, rankDeals } from "../../economics/find-deals.js";
import { defaultFindOptions, type FindDealsOptions } from "../../economics/find-options.js";
import type { Network } from "../../model/types.js";
import { choiceFlag, parseFlags } from "../args.js";
import { type DealFormat, dealFormats, writeDeals } from "../format/write-deals.js";
import { loadNetwork } from "../input.js";
import { type CliIO, CliUsageError } from "../io.js";
import { ProgressReporter } from "../progress.js";
import { searchFlags, searchFlagsHelp, searchOptionsOf, topOf } from "../search-flags.js";

/** Help text of `find`. */
export const findHelp = `Usage: reciprocal-deals find NETWORK [options]

Lists the best reciprocal deals of a network, ranked by the objective
(ties by id). Deals are cycles, brokered triangles and (on request) chains.

${searchFlagsHelp}
  --top N                 how many deals (default ${defaultFindOptions.top})
  --all                   every deal
  --explain               the pitch to each party under each deal, with its room (table format)
  --format F              ${dealFormats.join(" | ")} (default table)

Examples:
  reciprocal-deals find examples/timber-loop/network.json --explain
  reciprocal-deals find net.jsonl --initiator steel --kinds cycle,brokered,chain --max-parties 4 --format json`;

/** Runs the search with a progress line on an interactive stderr. */
export function searchWithProgress(
  network: Network,
  options: FindDealsOptions,
  io: CliIO,
): RankedDeals {
  const progress = new ProgressReporter(io, { label: "firms", extraLabel: "deals found" });
  try {
    return rankDeals(network, {
      ...options,
      onProgress: (stats) => progress.update(stats.rootsDone, stats.rootsTotal, stats.deals),
    });
  } finally {
    progress.finish();
  }
}

/** Runs `find`. */
export async function runFind(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...searchFlags,
    explain: { type: "boolean" },
    format: { type: "string" },
  });
  if (values.help) {
    io.stdout.write(`${findHelp}\n`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new CliUsageError("find takes one NETWORK argument (see --help)");
  const format = choiceFlag<DealFormat>(values.format, "format", dealFormats, "table");
  const explain = values.explain === true;
  const options = {
    ...searchOptionsOf(values),
    top: topOf(values, defaultFindOptions.top),
    // The pitch tells each party its room.
    ...(explain ? { room: true } : {}),
  };
  const network = await loadNetwork(positionals[0], values["input-format"], io);
  const deals = searchWithProgress(network, options, io);
  await writeDeals(io.stdout, format, { deals, explain, network });
  return 0;
}
