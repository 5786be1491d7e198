/**
 * What a CLI command needs from the outside world, so that tests can run
 * commands in-process: the streams and whether stderr is a terminal.
 */
import type { Readable, Writable } from "node:stream";

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

/** Exit codes of the CLI. */
export const exitCodes = { ok: 0, violations: 1, badInput: 2 } as const;
