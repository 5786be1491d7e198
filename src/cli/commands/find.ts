/**
 * `reciprocal-deals find NETWORK …`: the best reciprocal deals, ranked (SPEC §8).
 *
 * The search runs asynchronously (`rankDealsAsync`, see search-progress.ts),
 * so SIGINT, SIGTERM and SIGHUP are handled within a slice of it (the
 * progress line cleared, then the process ends by the signal); a long ranking
 * (`--all`) spills to an anonymous temporary file past `--memory-budget`.
 */
import {
  type AsyncFindDealsOptions,
  defaultFindOptions,
  defaultMinListingWork,
  ranksBestBySurplus,
} from "../../economics/find-options.js";
import { choiceFlag, parseFlags } from "../args.js";
import {
  checkExplain,
  explainFormats,
  type FindFormat,
  findFormats,
  needsRoom,
  writeDeals,
} from "../format/write-deals.js";
import { loadNetwork } from "../input.js";
import { type CliIO, CliUsageError, exitStatusHelp } from "../io.js";
import {
  memoryBudgetOf,
  objectiveOf,
  searchFlags,
  searchFlagsHelp,
  searchOptionsOf,
  shardOf,
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
  --format F              ${findFormats.join(" | ")} (default table; jsonl: one DEAL a line;
                          html: one self-contained page, a sheet per deal: diagram, pitch, room)
  --shard I/N             only shard I of N (1 ≤ I ≤ N; default 1/1, the whole search)
                          of a search over the whole network: "merge" of the N
                          listings is the whole listing
  --memory-budget SIZE    memory for the kept deals of a long listing (default ${defaultFindOptions.memoryBudget / 2 ** 20}M):
                          bytes, or with K, M or G; past it they are sorted in runs
                          on a temporary file (in $TMPDIR)

Firms are named by name (id); money has two decimals in the network's currency.
CSV text cells are quoted, and a leading ' guards a cell that begins with
=, +, -, @, tab or carriage return against formula injection.

${exitStatusHelp}

Examples:
  reciprocal-deals find examples/timber-loop/network.json --explain
  reciprocal-deals find net.jsonl --initiator steel --kinds cycle,brokered,chain --max-parties 4 --format json
  reciprocal-deals find net.jsonl --max-parties 4 --shard 2/8 --format jsonl > part-2.jsonl`;

/** Listings longer than this many deals have their JSON written by the worker threads. */
const threadWrittenListing = 10_000;

/**
 * A search's options with the CLI's default threads (`--threads` not given:
 * `minThreadedWork` set) fitted to the ranking: one thread for the best N
 * by a surplus objective (its walks leave out most of the search), threads
 * from a smaller search for a long listing, `--all` above all (it keeps
 * every deal it finds, and the threads write its JSON:
 * `defaultMinListingWork`).
 */
export function withDefaultThreads(asked: AsyncFindDealsOptions): AsyncFindDealsOptions {
  if (asked.minThreadedWork === undefined) return asked;
  if (ranksBestBySurplus(asked)) return { ...asked, threads: 1 };
  if (isLongListing(asked)) return { ...asked, minThreadedWork: defaultMinListingWork };
  return asked;
}

/** Whether more than `threadWrittenListing` deals are asked for (`--all` among them). */
function isLongListing(options: AsyncFindDealsOptions): boolean {
  return (options.top ?? 0) > threadWrittenListing;
}

/** With `--threads N`: a network file this large starts the threads while it is read (a 100k-firm snapshot is ~73 MB). */
const warmAskedThreadsBytes = 16 << 20;

/**
 * Without `--threads`: a network file this large starts the threads while
 * it is read, a search over it being well past `defaultMinThreadedWork`
 * (2^27 units for the 1M-firm anchors snapshot) — unless it ranks the best
 * deals by a surplus objective, which runs on one thread.
 */
const warmThreadsBytes = 512 << 20;

/** Runs `find`. */
export async function runFind(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...searchFlags,
    explain: { type: "boolean" },
    format: { type: "string" },
    shard: { type: "string" },
    "memory-budget": { type: "string" },
  });
  if (values.help) {
    io.stdout.write(`${findHelp}\n`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new CliUsageError("find takes one NETWORK argument (see --help)");
  const format = choiceFlag<FindFormat>(values.format, "format", findFormats, "table");
  const explain = values.explain === true;
  checkExplain(format, explain);
  const shard = shardOf(values.shard);
  const memoryBudget = memoryBudgetOf(values["memory-budget"]);
  const asked: AsyncFindDealsOptions = {
    ...searchOptionsOf(values),
    top: topOf(values, defaultFindOptions.top),
    // The pitch tells each party its room, and the html sheet draws it.
    ...(needsRoom(format, explain) ? { room: true } : {}),
    ...(shard === undefined ? {} : { shard }),
    ...(memoryBudget === undefined ? {} : { memoryBudget }),
  };
  const wholeNetworkSearch = values.initiator === undefined;
  // Such a ranking leaves out most of the search: default threads would lose.
  const rankBySurplus = ranksBestBySurplus(asked);
  const longListing = isLongListing(asked);
  const options = withDefaultThreads(asked);
  const network = await loadNetwork(positionals[0], values["input-format"], io, {
    search: true,
    wholeNetworkSearch,
    // Worker threads view the very arrays the index and graph are built in.
    threads: wholeNetworkSearch ? (options.threads ?? 1) : 1,
    rankBySurplus,
    warmThreadsFrom:
      options.minThreadedWork === undefined || longListing
        ? warmAskedThreadsBytes
        : warmThreadsBytes,
  });
  // A long JSON listing is written by the threads too; a short one is quicker written here.
  const deals = await searchWithProgress(
    network,
    options,
    io,
    (format === "json" || format === "jsonl") && longListing,
  );
  try {
    await writeDeals(io.stdout, format, {
      deals,
      ...(deals.jsonTexts === undefined ? {} : { jsonTexts: deals.jsonTexts }),
      count: deals.length,
      network,
      objective: objectiveOf(options),
      explain,
      ...(options.initiator === undefined ? {} : { initiator: options.initiator }),
      source: positionals[0],
    });
  } finally {
    deals.close();
  }
  return 0;
}
