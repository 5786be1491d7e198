/**
 * What a CLI command needs from the outside world, so that tests can run
 * commands in-process: the streams and whether stderr is a terminal; the
 * CLI's error classes and exit codes.
 */
import type { Readable, Writable } from "node:stream";
import { getSystemErrorMap } from "node:util";

/** The process streams a command reads and writes. */
export interface CliIO {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** stderr is a terminal: progress may be drawn there. */
  readonly interactive: boolean;
}

/** A usage mistake: exit 2 with the message, no stack trace. */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
}

/**
 * Exit codes of the CLI:
 * - `ok` 0: done;
 * - `violations` 1: `check` found violations in the proposal;
 * - `badInput` 2: a usage mistake or input that cannot be read (every problem on stderr);
 * - `internal` 3: a defect of the program (a stack trace on stderr, please report it);
 * - `outputFailed` 4: the output could not be written (disk full, no permission, a closed stream).
 */
export const exitCodes = {
  ok: 0,
  violations: 1,
  badInput: 2,
  internal: 3,
  outputFailed: 4,
} as const;

/** The exit codes, as every help text states them. */
export const exitStatusHelp = `Exit status:
  ${exitCodes.ok}  done (also when the reader of a pipe goes away, as with | head)
  ${exitCodes.violations}  the proposal has violations (check)
  ${exitCodes.badInput}  a usage mistake, or input that cannot be read (every problem on stderr)
  ${exitCodes.internal}  an internal error (a defect: please report it)
  ${exitCodes.outputFailed}  the output could not be written (a full disk, no permission)`;

/** The words the operating system has for an error code: `ENOSPC` → "no space left on device". */
export function describeErrorCode(code: string | undefined): string {
  if (code === undefined) return "failed";
  for (const [name, message] of getSystemErrorMap().values()) {
    if (name === code) return `${code} (${message})`;
  }
  return code;
}

/** The output could not be written: exit 4 with `cannot write TARGET: CODE (words)`. */
export class CliOutputError extends Error {
  override readonly name = "CliOutputError";

  constructor(
    /** What could not be written: `stdout`, `stderr` or a file's path. */
    readonly target: string,
    /** The system error code (`ENOSPC`, `EPIPE`, …), when there is one. */
    readonly code: string | undefined,
  ) {
    super(`cannot write ${target}: ${describeErrorCode(code)}`);
  }

  /** A broken pipe: the reader went away (`| head`), which is not a failure. */
  get brokenPipe(): boolean {
    return this.code === "EPIPE";
  }
}

/** The system error code of an error, when it has one. */
export function errorCodeOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}
