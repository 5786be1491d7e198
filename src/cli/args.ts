/**
 * Command-line flag parsing on top of `node:util` parseArgs: unknown flags and
 * bad values are usage errors (exit 2) with a message.
 */
import { parseArgs } from "node:util";
import { CliUsageError } from "./io.js";

/** The flags a command accepts: name → string or boolean. */
export type FlagSpec = Record<
  string,
  { readonly type: "string" | "boolean"; readonly short?: string }
>;

/** Parses `argv` against `spec`; throws `CliUsageError` for anything unknown or malformed. */
export function parseFlags<S extends FlagSpec>(
  argv: readonly string[],
  spec: S,
): {
  values: { [K in keyof S]?: S[K]["type"] extends "string" ? string : boolean } & {
    help?: boolean;
  };
  positionals: string[];
} {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...spec, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: true,
    });
    return { values: values as never, positionals };
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
}

/** Reads an integer flag (≥ min), or the default. */
export function integerFlag(
  value: string | undefined,
  name: string,
  fallback: number,
  min = 0,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new CliUsageError(`--${name} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

/** Reads a flag that must be one of `choices`, or the default. */
export function choiceFlag<T extends string>(
  value: string | undefined,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new CliUsageError(`--${name} must be one of ${choices.join(", ")}, got "${value}"`);
  }
  return value as T;
}
