#!/usr/bin/env -S node --max-old-space-size=16384
/**
 * The `reciprocal-deals` command line: find, select, check, trades, generate.
 * User mistakes print a message (every issue of a bad network as
 * `✖ message → at path`) and exit 2, never a stack trace.
 */
import { InputError, UsageError } from "../model/errors.js";
import { commands, mainHelp } from "./commands/index.js";
import { type CliIO, CliUsageError, exitCodes } from "./io.js";

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.stdout.write(`${mainHelp}\n`);
      return name === undefined ? exitCodes.badInput : exitCodes.ok;
    }
    const command = commands[name];
    if (command === undefined) throw new CliUsageError(`unknown command "${name}"\n\n${mainHelp}`);
    return await command(rest, io);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr.write(`${error.format()}\n`);
      return exitCodes.badInput;
    }
    if (error instanceof CliUsageError || error instanceof UsageError) {
      io.stderr.write(`reciprocal-deals: ${error.message}\n`);
      return exitCodes.badInput;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") {
      io.stderr.write(
        `reciprocal-deals: cannot read ${(error as NodeJS.ErrnoException).path}: ${code}\n`,
      );
      return exitCodes.badInput;
    }
    throw error;
  }
}

const isMain =
  process.argv[1] !== undefined &&
  /(?:^|[\\/])(?:main\.(?:c?js|ts)|reciprocal-deals)$/.test(process.argv[1]);
if (isMain) {
  const io: CliIO = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: process.stderr.isTTY === true,
  };
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `reciprocal-deals: internal error: ${(error as Error).stack ?? String(error)}\n`,
      );
      process.exitCode = 3;
    },
  );
}
