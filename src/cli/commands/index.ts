/**
 * The table of CLI commands. Each command is `(argv, io) => Promise<exitCode>`.
 */
import { type CliIO, exitStatusHelp } from "../io.js";
import { runCheck } from "./check.js";
import { runConvert } from "./convert.js";
import { runFind } from "./find.js";
import { runGenerate } from "./generate.js";
import { runMerge } from "./merge.js";
import { runSelect } from "./select.js";
import { runTrades } from "./trades.js";

/** A CLI command: runs with its own arguments and returns the exit code. */
export type Command = (argv: readonly string[], io: CliIO) => Promise<number>;

/** Every command by name. */
export const commands: Record<string, Command> = {
  find: runFind,
  select: runSelect,
  check: runCheck,
  trades: runTrades,
  convert: runConvert,
  generate: runGenerate,
  merge: runMerge,
};

/** The command names, for "did you mean". */
export const commandNames: readonly string[] = Object.keys(commands);

/** The top-level help. */
export const mainHelp = `Usage: reciprocal-deals <command> [options]

Commands:
  find NETWORK             list the best reciprocal deals (cycles, brokered triangles, chains)
  select NETWORK           choose the best non-conflicting portfolio of deals
  check NETWORK PROPOSAL   check a proposed deal and price it
  trades NETWORK           list the potential trades (tsv or json)
  convert NETWORK OUT      write the network in another form (.json, .jsonl, .rdsnap, a folder)
  generate --firms N       write a seeded synthetic network
  merge LISTING...         merge the ranked listings of a search's shards

Run "reciprocal-deals <command> --help" for a command's options, and
"reciprocal-deals --version" for the version.
NETWORK is a .json, .jsonl, .ndjson or .rdsnap file or a folder of CSV files
(SPEC §2), or - for stdin.

${exitStatusHelp}`;
