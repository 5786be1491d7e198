/**
 * A Node built-in module when the code runs under Node, without importing it:
 * `process.getBuiltinModule` (Node ≥ 20.16) answers, elsewhere (a browser, a
 * worker, an edge runtime, an older Node) there is none. Code that can use
 * the file system where there is one asks here, so that the main entry
 * imports no Node module and bundles for the browser.
 */

/** What `globalThis.process` may offer. */
interface MaybeNodeProcess {
  readonly getBuiltinModule?: (id: string) => unknown;
}

/**
 * The built-in module `id` (`"node:fs"`), or undefined where there is none.
 *
 * @example
 * const fs = nodeBuiltin<typeof import("node:fs")>("node:fs");
 */
export function nodeBuiltin<T>(id: string): T | undefined {
  const process = (globalThis as { process?: MaybeNodeProcess }).process;
  return process?.getBuiltinModule?.(id) as T | undefined;
}
