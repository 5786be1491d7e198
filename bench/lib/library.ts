/**
 * The library under benchmark: the built package (`dist/index.js`) loaded at
 * run time, typed against the source's public API so that the benches are
 * typechecked and cannot rot. Functions that a given build lacks are optional:
 * their stages are skipped with a note.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Advanced from "../../src/advanced.js";
import type { generateNetwork } from "../../src/generator/index.js";
import type * as Api from "../../src/index.js";

/** The main entry and the `advanced` subpath together. */
type PublicApi = typeof Api & typeof Advanced;

/** What the suite needs (required) and can use (optional) from the library. */
export type BenchLibrary = Pick<PublicApi, "parseNetwork" | "tradeIndexOf"> &
  Partial<
    Pick<
      PublicApi,
      | "parseNetworkText"
      | "readNetwork"
      | "writeNetwork"
      | "TradeIndex"
      | "iterateDeals"
      | "findDeals"
      | "scoreDeal"
      | "selectPortfolio"
    >
  > & { readonly generateNetwork?: typeof generateNetwork };

/** The optional functions, by name, for "available / missing" notes. */
export const optionalExports = [
  "parseNetworkText",
  "readNetwork",
  "writeNetwork",
  "TradeIndex",
  "iterateDeals",
  "findDeals",
  "scoreDeal",
  "selectPortfolio",
  "generateNetwork",
] as const;

/**
 * Checks that a loaded module has the required functions and returns it as a
 * `BenchLibrary` (optional exports kept only when they are functions).
 *
 * @throws Error naming a missing required export
 */
export function asBenchLibrary(module: Record<string, unknown>): BenchLibrary {
  for (const name of ["parseNetwork", "tradeIndexOf"]) {
    if (typeof module[name] !== "function") throw new Error(`the library does not export ${name}`);
  }
  const library: Record<string, unknown> = {
    parseNetwork: module.parseNetwork,
    tradeIndexOf: module.tradeIndexOf,
  };
  for (const name of optionalExports) {
    if (typeof module[name] === "function") library[name] = module[name];
  }
  return library as BenchLibrary;
}

/**
 * Imports the built package from `path` (e.g. `dist/index.js`), with the
 * `advanced` subpath beside it (`dist/advanced.js`) when the build has one
 * (builds before it exported the trade index from the main entry).
 */
export async function loadBuiltLibrary(path: string): Promise<BenchLibrary> {
  const main = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const advancedPath = join(dirname(path), "advanced.js");
  const advanced = existsSync(advancedPath)
    ? ((await import(pathToFileURL(advancedPath).href)) as Record<string, unknown>)
    : {};
  return asBenchLibrary({ ...advanced, ...main });
}

/** Which optional exports the library has. */
export function exportsPresent(library: BenchLibrary): Record<string, boolean> {
  return Object.fromEntries(optionalExports.map((name) => [name, name in library]));
}
