/**
 * `reciprocal-deals select NETWORK …`: the best non-conflicting portfolio of
 * the deals `find --all` lists with the same flags (SPEC §6, §8).
 */
import {
  defaultPortfolioOptions,
  type PortfolioSolver,
  portfolioSolvers,
} from "../../portfolio/portfolio-options.js";
import { selectPortfolio } from "../../portfolio/select-portfolio.js";
import { choiceFlag, integerFlag, parseFlags } from "../args.js";
import { type DealFormat, dealFormats, writeDeals } from "../format/write-deals.js";
import { loadNetwork } from "../input.js";
import { type CliIO, CliUsageError } from "../io.js";
import { searchFlags, searchFlagsHelp, searchOptionsOf, topOf } from "../search-flags.js";
import { searchWithProgress } from "./find.js";

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
  --format F              ${dealFormats.join(" | ")} (default table)

Example:
  reciprocal-deals select examples/timber-loop/network.json --max-parties 4 --format json`;

/** Runs `select`. */
export async function runSelect(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...searchFlags,
    solver: { type: "string" },
    "time-limit": { type: "string" },
    format: { type: "string" },
  });
  if (values.help) {
    io.stdout.write(`${selectHelp}\n`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new CliUsageError("select takes one NETWORK argument (see --help)");
  const format = choiceFlag<DealFormat>(values.format, "format", dealFormats, "table");
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
  const search = { ...searchOptionsOf(values), top: topOf(values, Number.POSITIVE_INFINITY) };
  const network = await loadNetwork(positionals[0], values["input-format"], io);
  const candidates = [...searchWithProgress(network, search, io)];
  const portfolio = await selectPortfolio(network, candidates, {
    solver,
    timeLimitMs,
    ...(search.objective === undefined ? {} : { objective: search.objective }),
  });
  const { objective, bound, optimal, gap, status } = portfolio;
  await writeDeals(io.stdout, format, {
    deals: portfolio.deals,
    jsonFields: { objective, bound, optimal, gap },
    tableFooter: [
      "",
      `${portfolio.deals.length} of ${candidates.length} candidate deals chosen (${portfolio.objectiveName})`,
      `objective ${objective}, bound ${bound}, gap ${gap}, status ${status}${optimal ? " (proven optimal)" : ""}, ${Math.round(portfolio.timeMs)} ms with ${portfolio.solver}`,
    ],
  });
  return 0;
}
