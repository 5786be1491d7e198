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
