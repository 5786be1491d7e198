/**
 * Turning zod issues into `Issue`s with a readable path: `firms[3].offers[0].cost`,
 * one issue per unknown key (`firms[0].size`).
 */
import type { z } from "zod";
import type { Issue } from "./errors.js";

/** Appends a key or an index to a path: `firms` + 3 → `firms[3]`, `firms[3]` + `id` → `firms[3].id`. */
export function joinPath(base: string, key: PropertyKey): string {
  if (typeof key === "number") return `${base}[${key}]`;
  const name = String(key);
  return base === "" || base === "$" ? name : `${base}.${name}`;
}

/** Converts zod's issues, found under `base`, into `Issue`s. */
export function fromZodIssues(base: string, issues: readonly z.core.$ZodIssue[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    let path = base;
    for (const key of issue.path) path = joinPath(path, key);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        out.push({ path: joinPath(path, key), message: `unknown key "${key}"` });
    } else {
      out.push({ path: path === "" ? "$" : path, message: issue.message });
    }
  }
  return out;
}

/**
 * zod parse parameters with clearer messages than zod's defaults for missing
 * and `null` fields ("required field is missing", "must be a number, not null").
 */
export const zodMessages = {
  error(issue: z.core.$ZodRawIssue): string | undefined {
    if (issue.code === "invalid_type") {
      if (issue.input === undefined) return "required field is missing";
      if (issue.input === null)
        return `must be a ${issue.expected}, not null (omit the field instead)`;
      return `must be a ${issue.expected}`;
    }
    return undefined;
  },
};
