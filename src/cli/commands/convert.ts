/**
 * `reciprocal-deals convert NETWORK OUT`: the same network in the form OUT
 * names (SPEC §2, §8): `.json`, `.jsonl`/`.ndjson`, `.rdsnap` (the snapshot:
 * the network with its trade index and search graph, read back with one
 * large read), or a folder (the tables form). Converting back gives the same
 * network. OUT is written through a new file renamed over it when complete.
 */
import { networkForms, writeNetwork } from "../../interop/write-network.js";
import { parseFlags } from "../args.js";
import { buildProgress, inputFlags, loadNetwork } from "../input.js";
import { type CliIO, CliUsageError } from "../io.js";

/** Help text of `convert`. */
export const convertHelp = `Usage: reciprocal-deals convert NETWORK OUT [--input-format json|jsonl|rdsnap]

Writes the network in the form OUT names (SPEC §2): ${networkForms.join(", ")}.
  OUT.json            one JSON document
  OUT.jsonl, .ndjson  JSON Lines (one firm or relation a line)
  OUT.rdsnap          a snapshot: the network with its trade index and search
                      graph, which every command reads back many times faster
  OUT/                a folder of CSV files (the tables form)
Converting back gives the same network. NETWORK is a file in any of these
forms, a folder, or - for stdin.

Example:
  reciprocal-deals convert net.jsonl net.rdsnap && reciprocal-deals find net.rdsnap`;

/** Runs `convert`. */
export async function runConvert(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, inputFlags);
  if (values.help) {
    io.stdout.write(`${convertHelp}\n`);
    return 0;
  }
  if (positionals.length !== 2) {
    throw new CliUsageError("convert takes two arguments: NETWORK OUT (see --help)");
  }
  const [input, out] = positionals;
  const network = await loadNetwork(input, values["input-format"], io);
  const progress = buildProgress(io);
  try {
    await writeNetwork(network, out, { onProgress: progress.onProgress });
  } finally {
    progress.finish();
  }
  return 0;
}
