/**
 * `reciprocal-deals select NETWORK …`: the best non-conflicting portfolio of
 * the deals `find --all` lists with the same flags (SPEC §6, §8), its summary
 * first (objective, bound, gap, status, solver, candidates, time).
 */

import { bindingLimits } from "../../pages/binding-limits.js";
import {
  defaultPortfolioOptions,
  type PortfolioSolver,
  portfolioSolvers,
} from "../../portfolio/portfolio-options.js";
import { selectPortfolio } from "../../portfolio/select-portfolio.js";
import { choiceFlag, integerFlag, parseFlags } from "../args.js";
import { candidateFlagsHelp, readCandidates } from "../candidates.js";
import { summaryOf } from "../format/portfolio-summary.js";
import {
  checkExplain,
  type DealFormat,
  dealFormats,
  explainFormats,
  needsRoom,
  writeDeals,
} from "../format/write-deals.js";
import { loadNetwork } from "../input.js";
import { type CliIO, CliUsageError, exitStatusHelp } from "../io.js";
import { searchFlags, searchFlagsHelp, searchOptionsOf, topOf } from "../search-flags.js";
import { searchWithProgress } from "../search-progress.js";

/** Help text of `select`. */
export const selectHelp = `Usage: reciprocal-deals select NETWORK [options]

Chooses the set of deals with the largest total objective that together respect
every offer's capacity, every need's quantity and every firm's maxDeals.
The candidates are every deal "find --all" lists with the same flags.

${searchFlagsHelp}
  --top N                 keep only the best N candidates (default: all)
  --solver S              ${portfolioSolvers.join(" | ")} (default ${defaultPortfolioOptions.solver})
  --time-limit MS         stop after MS milliseconds with the best portfolio so far
                          (default: no limit)
  --explain               the pitch to each party (${explainFormats.join(", ")})
${candidateFlagsHelp}
  --format F              ${dealFormats.join(" | ")} (default table); html adds
                          the limits the portfolio uses up

The summary comes first: objective, bound, gap, status, solver, candidates and
time; in csv as leading "# key: value" lines, in json as the fields objective,
bound, optimal, gap, status, solver and timeMs (search and selection) after deals.

${exitStatusHelp}

Example:
  reciprocal-deals select examples/timber-loop/network.json --max-parties 4 --format json`;

/** Runs `select`. */
export async function runSelect(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...searchFlags,
    solver: { type: "string" },
    "time-limit": { type: "string" },
    explain: { type: "boolean" },
    format: { type: "string" },
    candidates: { type: "string" },
  });
  if (values.help) {
    io.stdout.write(`${selectHelp}\n`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new CliUsageError("select takes one NETWORK argument (see --help)");
  const format = choiceFlag<DealFormat>(values.format, "format", dealFormats, "table");
  const explain = values.explain === true;
  checkExplain(format, explain);
  const solver = choiceFlag<PortfolioSolver>(
    values.solver,
    "solver",
    portfolioSolvers,
    defaultPortfolioOptions.solver,
  );
  const timeLimitMs =
    values["time-limit"] === undefined
      ? Number.POSITIVE_INFINITY
      : integerFlag(values["time-limit"], "time-limit", 0, 1);
  const search = {
    ...searchOptionsOf(values),
    top: topOf(values, Number.POSITIVE_INFINITY),
    // The pitch tells each party its room, and the html sheet draws it.
    ...(needsRoom(format, explain) ? { room: true } : {}),
  };
  const network = await loadNetwork(positionals[0], values["input-format"], io, {
    wholeNetworkSearch: values.initiator === undefined,
  });
  const searchStart = performance.now();
  const candidates =
    values.candidates === undefined
      ? [...(await searchWithProgress(network, search, io))]
      : readCandidates(network, values.candidates, values, search);
  const searchMs = performance.now() - searchStart;
  const portfolio = await selectPortfolio(network, candidates, {
    solver,
    timeLimitMs,
    ...(search.objective === undefined ? {} : { objective: search.objective }),
  });
  await writeDeals(io.stdout, format, {
    deals: portfolio.deals,
    count: portfolio.deals.length,
    network,
    objective: portfolio.objectiveName,
    explain,
    summary: summaryOf(portfolio, candidates.length, searchMs),
    ...(format === "html" ? { binding: bindingLimits(network, portfolio.deals) } : {}),
    ...(search.initiator === undefined ? {} : { initiator: search.initiator }),
    source: positionals[0],
  });
  return 0;
}
