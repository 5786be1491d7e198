/**
 * Eager checks of the arbitraries' constraints: a bad knob throws a
 * `UsageError` when the arbitrary is built, not in the middle of a run.
 */
import { UsageError } from "../index.js";

/** Throws unless `value` is undefined or a whole number in [min, max]. */
export function checkWhole(
  where: string,
  name: string,
  value: number | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new UsageError(`${where}: ${name} must be a whole number ${range}, got ${String(value)}`);
  }
}

/** Throws unless `value` is undefined or a number in [min, max]. */
export function checkRange(
  where: string,
  name: string,
  value: number | undefined,
  min: number,
  max: number,
): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !(value >= min && value <= max)) {
    throw new UsageError(
      `${where}: ${name} must be a number in [${min}, ${max}], got ${String(value)}`,
    );
  }
}

/** Throws unless `value` is undefined or a boolean. */
export function checkFlag(where: string, name: string, value: boolean | undefined): void {
  if (value !== undefined && typeof value !== "boolean") {
    throw new UsageError(`${where}: ${name} must be true or false, got ${String(value)}`);
  }
}

/** Throws unless every key of `constraints` is one of `known`. */
export function checkKeys(where: string, constraints: object, known: readonly string[]): void {
  for (const key of Object.keys(constraints)) {
    if (!known.includes(key))
      throw new UsageError(`${where}: unknown constraint "${key}" (known: ${known.join(", ")})`);
  }
}

/** `defaults` overridden by the fields of `given` that are not undefined. */
export function withDefaults<D extends object, G extends object>(defaults: D, given: G): D & G {
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(given)) if (value !== undefined) out[key] = value;
  return out as D & G;
}
