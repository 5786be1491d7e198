/**
 * `reciprocal-deals find NETWORK …`: the best reciprocal deals, ranked (SPEC §8).
 */
import { defaultFindOptions } from "../../economics/find-options.js";
import { choiceFlag, parseFlags } from "../args.js";
import {
  checkExplain,
  type DealFormat,
  dealFormats,
  explainFormats,
  writeDeals,
} from "../format/write-deals.js";
import { loadNetwork } from "../input.js";
import { type CliIO, CliUsageError, exitStatusHelp } from "../io.js";
import {
  objectiveOf,
  searchFlags,
  searchFlagsHelp,
  searchOptionsOf,
  topOf,
} from "../search-flags.js";
import { searchWithProgress } from "../search-progress.js";

/** Help text of `find`. */
export const findHelp = `Usage: reciprocal-deals find NETWORK [options]

Lists the best reciprocal deals of a network, ranked by the objective
(ties by id). Deals are cycles, brokered triangles and (on request) chains.

${searchFlagsHelp}
  --top N                 how many deals (default ${defaultFindOptions.top})
  --all                   every deal
  --explain               the pitch to each party, with its room (${explainFormats.join(", ")}; csv:
                          one row per trade and per party, for pivot tables)
  --format F              ${dealFormats.join(" | ")} (default table)

Firms are named by name (id); money has two decimals in the network's currency.
CSV text cells are quoted, and a leading ' guards a cell that begins with
=, +, -, @, tab or carriage return against formula injection.

${exitStatusHelp}

Examples:
  reciprocal-deals find examples/timber-loop/network.json --explain
  reciprocal-deals find net.jsonl --initiator steel --kinds cycle,brokered,chain --max-parties 4 --format json`;

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
  checkExplain(format, explain);
  const options = {
    ...searchOptionsOf(values),
    top: topOf(values, defaultFindOptions.top),
    // The pitch tells each party its room.
    ...(explain ? { room: true } : {}),
  };
  const network = await loadNetwork(positionals[0], values["input-format"], io, {
    wholeNetworkSearch: values.initiator === undefined,
  });
  const deals = searchWithProgress(network, options, io);
  await writeDeals(io.stdout, format, {
    deals,
    count: deals.length,
    network,
    objective: objectiveOf(options),
    explain,
  });
  return 0;
}
