#!/usr/bin/env -S GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=1048576 node --single-threaded
/**
 * The `reciprocal-deals` command line: find, select, check, trades, generate.
 * (The first line tunes glibc's malloc, which holds the typed arrays. With
 * `hugetlb=1` large arrays get transparent huge pages: on the project's VM,
 * touching a fresh page costs ~15 µs, and a million-firm run touches
 * ~100,000 of them; measured 25–30% less CPU end to end at 1M firms. A fixed
 * `mmap_threshold` of 1 MiB gives every array of 1 MiB or more its own
 * mapping, returned to the system when freed: by default the threshold rises
 * to the size of the largest array freed (up to 32 MiB), and the columns a
 * reader doubles as it goes are then freed into the heap, where they stay
 * resident — at 1M firms from JSON Lines, peak RSS 912–920 against 807–809
 * MiB, for ~2 s more CPU (bench/RESULTS.md). Elsewhere the variable is
 * ignored. `--single-threaded` keeps V8 from compiling and collecting
 * garbage on helper threads: they cost more CPU than they save on the two
 * cores this is built for — at 100k firms a `find --top 20` from a snapshot
 * 0.65 → 0.52 s CPU, a kidney `select` 3.3 → 2.4 s, `find --all` at 1M and
 * `--threads 2` unchanged (bench/RESULTS.md). Worker threads are ours and
 * still run. The JS heap now peaks at 51–129 MB in a million-firm run (the
 * arrays live outside it), so V8's default limit, ~4 GB, is left as is; the
 * line stays under the 127 characters older kernels read of it.)
 * User mistakes print a message (every issue of a bad network as
 * `✖ message → at path`) and exit 2, never a stack trace; output that cannot
 * be written (a full disk) exits 4 with one line; a broken pipe (`| head`)
 * ends quietly. See `exitCodes` in io.ts.
 */
import { version } from "../../package.json";
import { InputError, UsageError } from "../model/errors.js";
import { FileError, fileReason } from "../model/file-error.js";
import { commandNames, commands, mainHelp } from "./commands/index.js";
import { didYouMean } from "./did-you-mean.js";
import { visibleText } from "./format/escape.js";
import { printableIssues } from "./format/issues.js";
import { enableInterruptCleanup } from "./interrupts.js";
import { type CliIO, CliOutputError, CliUsageError, errorCodeOf, exitCodes } from "./io.js";

/** The flags that stand without a command. */
const topLevelFlags = ["--help", "--version"];

/** A one-line message for a file-system error (with its path), or undefined for any other error. */
function fileProblem(error: unknown): string | undefined {
  if (error instanceof FileError) return error.message;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  if (typeof code !== "string" || typeof path !== "string") return undefined;
  const verb =
    syscall === "write" || syscall === "rename" || syscall === "mkdir" ? "write" : "read";
  return `cannot ${verb} ${path}: ${fileReason(error as NodeJS.ErrnoException)}`;
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      // No command is a usage mistake: the help goes where mistakes go, stderr.
      io.stderr.write(`${mainHelp}\n`);
      return exitCodes.badInput;
    }
    if (name === "--help" || name === "-h" || name === "help") {
      io.stdout.write(`${mainHelp}\n`);
      return exitCodes.ok;
    }
    if (name === "--version") {
      io.stdout.write(`${version}\n`);
      return exitCodes.ok;
    }
    const command = commands[name];
    if (command === undefined || !Object.hasOwn(commands, name)) {
      const flag = name.startsWith("-");
      const hint = flag ? didYouMean(name, topLevelFlags) : didYouMean(name, commandNames);
      throw new CliUsageError(
        `unknown ${flag ? "flag" : "command"} "${name}"${hint}; ` +
          `run "reciprocal-deals --help" for the commands`,
      );
    }
    return await command(rest, io);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr.write(`${printableIssues(error.issues)}\n`);
      return exitCodes.badInput;
    }
    if (error instanceof CliUsageError || error instanceof UsageError) {
      io.stderr.write(`reciprocal-deals: ${visibleText(error.message)}\n`);
      return exitCodes.badInput;
    }
    if (error instanceof CliOutputError) {
      if (error.brokenPipe) return exitCodes.ok;
      if (error.target !== "stderr") io.stderr.write(`reciprocal-deals: ${error.message}\n`);
      return exitCodes.outputFailed;
    }
    const problem = fileProblem(error);
    if (problem !== undefined) {
      io.stderr.write(`reciprocal-deals: ${visibleText(problem)}\n`);
      return exitCodes.badInput;
    }
    throw error;
  }
}

/**
 * A failure to write stdout or stderr, at any time (the stream's `error`
 * event can come after the command has returned): a broken pipe ends quietly
 * with exit 0; anything else prints one line (unless stderr itself failed)
 * and exits 4.
 */
function onStreamError(target: "stdout" | "stderr") {
  return (error: NodeJS.ErrnoException) => {
    const failure = new CliOutputError(target, errorCodeOf(error));
    if (failure.brokenPipe) process.exit(exitCodes.ok);
    if (target === "stdout") {
      try {
        process.stderr.write(`reciprocal-deals: ${failure.message}\n`);
      } catch {
        // stderr is gone too: the exit code says it.
      }
    }
    process.exit(exitCodes.outputFailed);
  };
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
  process.stdout.on("error", onStreamError("stdout"));
  process.stderr.on("error", onStreamError("stderr"));
  enableInterruptCleanup();
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `reciprocal-deals: internal error: ${(error as Error).stack ?? String(error)}\n`,
      );
      process.exitCode = exitCodes.internal;
    },
  );
}
