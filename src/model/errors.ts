/**
 * Error classes for input a user can fix. Each carries every problem found,
 * each with the place it applies (`path`) and what is wrong (`message`).
 */

/** One problem in the input, at a path from the root (`firms[3].offers[0].cost`, `$`). */
export interface Issue {
  /** Where: a path from the root, `line N: …` in JSON Lines, `$` for the whole input. */
  readonly path: string;
  /** What is wrong, in plain words. */
  readonly message: string;
}

/** Formats issues one a line as `✖ message → at path`. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((issue) => `✖ ${issue.message} → at ${issue.path}`).join("\n");
}

/**
 * Input a user can fix (a network or a proposal file): `issues` lists every
 * problem, not only the first, each with its path. The CLI prints `format()`.
 */
export class InputError extends Error {
  override readonly name: string = "InputError";
  readonly issues: readonly Issue[];

  /** `what` names the input in the message: "network", "proposal". */
  constructor(what: string, issues: readonly Issue[]) {
    const count = `${issues.length} problem${issues.length === 1 ? "" : "s"}`;
    super(`invalid ${what}: ${count}\n${formatIssues(issues)}`);
    this.issues = issues;
  }

  /** Every issue as `✖ message → at path`, one a line. */
  format(): string {
    return formatIssues(this.issues);
  }
}

/**
 * A network that breaks SPEC §2. `issues` lists every problem, not only the first.
 *
 * @example
 * try { parseNetwork(json) } catch (e) { if (e instanceof NetworkError) console.error(e.format()) }
 */
export class NetworkError extends InputError {
  override readonly name = "NetworkError";

  constructor(issues: readonly Issue[]) {
    super("network", issues);
  }
}

/** The caller misused the API or the CLI (unknown initiator, bad option). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
