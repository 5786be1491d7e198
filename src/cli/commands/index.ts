/**
 * The table of CLI commands. Each command is `(argv, io) => Promise<exitCode>`.
 */
import { type CliIO, exitStatusHelp } from "../io.js";

/** A CLI command: runs with its own arguments and returns the exit code. */
export type Command = (argv: readonly string[], io: CliIO) => Promise<number>;

/**
 * Every command by name. Each command's module is loaded when it runs, so a
 * run loads only the code its command uses (the page writers, the
 * generator and the merge are not read for a `select`).
 */
export const commands: Record<string, Command> = {
  find: async (argv, io) => (await import("./find.js")).runFind(argv, io),
  select: async (argv, io) => (await import("./select.js")).runSelect(argv, io),
  check: async (argv, io) => (await import("./check.js")).runCheck(argv, io),
  trades: async (argv, io) => (await import("./trades.js")).runTrades(argv, io),
  convert: async (argv, io) => (await import("./convert.js")).runConvert(argv, io),
  explore: async (argv, io) => (await import("./explore.js")).runExplore(argv, io),
  generate: async (argv, io) => (await import("./generate.js")).runGenerate(argv, io),
  merge: async (argv, io) => (await import("./merge.js")).runMerge(argv, io),
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
  explore NETWORK          write a page that finds deals in the browser and draws the graph
  generate --firms N       write a seeded synthetic network
  merge LISTING...         merge the ranked listings of a search's shards

Run "reciprocal-deals <command> --help" for a command's options, and
"reciprocal-deals --version" for the version.
NETWORK is a .json, .jsonl, .ndjson or .rdsnap file or a folder of CSV files
(SPEC §2), or - for stdin.

${exitStatusHelp}`;
