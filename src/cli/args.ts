/**
 * Command-line flag parsing on top of `node:util` parseArgs. Every mistake is
 * a usage error (exit 2) with a one-line message: an unknown flag (with the
 * closest known one, "did you mean --format?"), a value flag given twice (the
 * CLI never silently keeps the last), a value flag without its value, a
 * switch given a value.
 */
import { parseArgs } from "node:util";
import { didYouMean } from "./did-you-mean.js";
import { CliUsageError } from "./io.js";

/** The flags a command accepts: name → takes a value (`string`) or is a switch (`boolean`). */
export type FlagSpec = Record<
  string,
  { readonly type: "string" | "boolean"; readonly short?: string }
>;

/** The values of a `FlagSpec`, each present only when given. */
export type FlagValues<S extends FlagSpec> = {
  [K in keyof S]?: S[K]["type"] extends "string" ? string : boolean;
} & { help?: boolean };

/**
 * Parses `argv` against `spec` (plus `--help`/`-h`).
 *
 * @throws CliUsageError for an unknown flag, a repeated value flag, a value
 *   flag without a value (or followed by another flag), or `--switch=value`
 */
export function parseFlags<S extends FlagSpec>(
  argv: readonly string[],
  spec: S,
): { values: FlagValues<S>; positionals: string[] } {
  const options = { ...spec, help: { type: "boolean", short: "h" } } as const;
  const { tokens, positionals } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const known = Object.keys(options);
  const values: Record<string, string | boolean> = {};
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const flag = token.rawName;
    if (!Object.hasOwn(options, token.name))
      throw new CliUsageError(`unknown flag ${flag}${didYouMean(token.name, known, "--")}`);
    const option = (options as FlagSpec)[token.name];
    if (option.type === "boolean") {
      if (token.value !== undefined) throw new CliUsageError(`${flag} takes no value`);
      values[token.name] = true;
      continue;
    }
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith("--"))) {
      throw new CliUsageError(`${flag} needs a value`);
    }
    if (Object.hasOwn(values, token.name))
      throw new CliUsageError(`--${token.name} is given twice; give it once`);
    values[token.name] = token.value;
  }
  return { values: values as FlagValues<S>, positionals };
}

/** Reads an integer flag in [min, max], or the default. */
export function integerFlag(
  value: string | undefined,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new CliUsageError(`--${name} must be a whole number ${range}, got "${value}"`);
  }
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
    throw new CliUsageError(
      `--${name} must be one of ${choices.join(", ")}, got "${value}"${didYouMean(value, choices)}`,
    );
  }
  return value as T;
}
