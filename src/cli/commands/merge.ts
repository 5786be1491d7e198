/**
 * `reciprocal-deals merge LISTING…`: the ranked listings of the shards of one
 * search (`find --shard I/N`) as the single run's listing (SPEC §8).
 */
import { defaultFindOptions } from "../../economics/find-options.js";
import { mergeRanked } from "../../economics/merge-ranked.js";
import { choiceFlag, parseFlags } from "../args.js";
import {
  type ListingFormat,
  listingFormats,
  writeJsonLines,
  writeJsonListing,
} from "../format/listing-json.js";
import { type CliIO, CliUsageError, exitStatusHelp } from "../io.js";
import { type ListedDeal, readListing } from "../listing-file.js";
import { ChunkedWriter } from "../output.js";
import { topOf } from "../search-flags.js";

/** Help text of `merge`. */
export const mergeHelp = `Usage: reciprocal-deals merge LISTING... [options]

Merges ranked listings of deals (the output of "find --format json" or
"--format jsonl", one per shard of one search) into one ranking: score
descending, ties by id. Each listing must be ranked; a deal found in two
listings is an error. Streams: one deal per listing is held at a time.

Give it the --top N (or --all) the shards were run with: the first N deals of
the merge are then exactly the single run's.

Options:
  --top N        how many deals (default ${defaultFindOptions.top})
  --all          every deal of the listings
  --format F     ${listingFormats.join(" | ")} (default json)

${exitStatusHelp}

Example:
  parallel reciprocal-deals find net.json --max-parties 4 --shard {}/4 --format jsonl ">" part-{}.jsonl ::: 1 2 3 4
  reciprocal-deals merge part-*.jsonl --top 20 --format json`;

/** Runs `merge`. */
export async function runMerge(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    top: { type: "string" },
    all: { type: "boolean" },
    format: { type: "string" },
  });
  if (values.help) {
    io.stdout.write(`${mergeHelp}\n`);
    return 0;
  }
  if (positionals.length === 0)
    throw new CliUsageError("merge takes one LISTING or more (see --help)");
  const format = choiceFlag<ListingFormat>(values.format, "format", listingFormats, "json");
  const top = topOf(values, defaultFindOptions.top);
  const merged = mergeRanked(positionals.map(readListing), {
    top,
    where: (deal: ListedDeal) => deal.where,
  });
  const out = new ChunkedWriter(io.stdout);
  const texts = textsOf(merged);
  if (format === "json") await writeJsonListing(out, texts);
  else await writeJsonLines(out, texts);
  await out.flush();
  return 0;
}

function* textsOf(deals: Iterable<ListedDeal>): Generator<Uint8Array, void, undefined> {
  for (const deal of deals) yield deal.bytes;
}
