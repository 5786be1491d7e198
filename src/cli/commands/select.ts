/**
 * `reciprocal-deals select NETWORK …`: the best non-conflicting portfolio of
 * the deals `find --all` lists with the same flags (SPEC §6, §8), by
 * `selectDeals`: it lists the candidates where they are few and generates
 * them (column generation) where they are many. `--time-limit` covers the
 * search and the selection. The summary comes first (objective, bound, gap,
 * status, solver, candidates, time).
 */
import type { FindDealsOptions } from "../../economics/find-options.js";
import type { Network } from "../../model/types.js";
import { bindingLimits } from "../../pages/binding-limits.js";
import {
  defaultPortfolioOptions,
  type PortfolioSolver,
  portfolioSolvers,
} from "../../portfolio/portfolio-options.js";
import type { Portfolio } from "../../portfolio/portfolio-result.js";
import { type SelectDealsOptions, selectDeals } from "../../portfolio/select-deals.js";
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
import {
  type SearchFlagValues,
  searchFlags,
  searchFlagsHelp,
  searchOptionsOf,
  topOf,
} from "../search-flags.js";
import { searchProgress } from "../search-progress.js";

/** Help text of `select`. */
export const selectHelp = `Usage: reciprocal-deals select NETWORK [options]

Chooses the set of deals with the largest total objective that together respect
every offer's capacity, every need's quantity and every firm's maxDeals.
The candidates are every deal "find --all" lists with the same flags; where
there are many, they are generated as the LP needs them instead of listed.

${searchFlagsHelp}
  --top N                 keep only the best N candidates (default: all)
  --solver S              ${portfolioSolvers.join(" | ")} (default ${defaultPortfolioOptions.solver})
  --time-limit MS         stop the search and the selection after MS milliseconds
                          with the best portfolio so far (default: no limit)
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
    search: true,
    wholeNetworkSearch: values.initiator === undefined,
  });
  const { portfolio, readMs } =
    values.candidates === undefined
      ? await selectAll(network, { ...search, solver, timeLimitMs }, io)
      : await selectListed(network, values.candidates, values, search, solver, timeLimitMs);
  await writeDeals(io.stdout, format, {
    deals: portfolio.deals,
    count: portfolio.deals.length,
    network,
    objective: portfolio.objectiveName,
    explain,
    summary: summaryOf(portfolio, readMs),
    ...(format === "html" ? { binding: bindingLimits(network, portfolio.deals) } : {}),
    ...(search.initiator === undefined ? {} : { initiator: search.initiator }),
    source: positionals[0],
  });
  return 0;
}

/** A portfolio and, for candidates read from a listing, the ms reading them took. */
interface Selected {
  readonly portfolio: Portfolio;
  readonly readMs?: number;
}

/** The best portfolio among every deal of the search, by `selectDeals` (listed or generated). */
async function selectAll(
  network: Network,
  options: SelectDealsOptions,
  io: CliIO,
): Promise<Selected> {
  const progress = searchProgress(options, io);
  try {
    return {
      portfolio: await selectDeals(network, { ...options, onProgress: progress.onProgress }),
    };
  } finally {
    progress.finish();
  }
}

/** The best portfolio among the deals of a listing (`--candidates FILE`), by `selectPortfolio`. */
async function selectListed(
  network: Network,
  file: string,
  values: SearchFlagValues,
  search: FindDealsOptions,
  solver: PortfolioSolver,
  timeLimitMs: number,
): Promise<Selected> {
  const started = performance.now();
  const candidates = readCandidates(network, file, values, search);
  const readMs = performance.now() - started;
  const portfolio = await selectPortfolio(network, candidates, {
    solver,
    timeLimitMs,
    ...(search.objective === undefined ? {} : { objective: search.objective }),
  });
  return { portfolio, readMs };
}
