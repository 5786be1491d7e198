/**
 * What loading the kit says when fast-check, its peer dependency, is not
 * installed: Node's own `Cannot find module 'fast-check'` names neither the
 * kit nor the fix.
 */

/** The message of a kit loaded without fast-check. */
export const missingFastCheckMessage =
  "reciprocal-deals/testing needs fast-check (>= 4), a peer dependency that is not installed: npm install --save-dev fast-check";

/** `error` itself, or, when it is fast-check that could not be found, an error that says so. */
export function explainKitLoadFailure(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const notFound = code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
  if (notFound && error instanceof Error && error.message.includes("fast-check")) {
    return new Error(missingFastCheckMessage, { cause: error });
  }
  return error;
}
