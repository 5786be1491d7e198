/**
 * zod and the schemas of `schema.ts`, where a record needs them.
 *
 * Loading zod takes ~80 ms (95 modules), a third of a small `select` or
 * `find` run, and most inputs never need it: the fast paths
 * (`quick-validate.ts`, the JSON Lines scanner) accept every plain valid
 * record without zod, which is left to validate what they are unsure of and
 * to word every error.
 *
 * - The library links the schemas (`schema-provider.ts`): `networkSchemas()`
 *   always has them, and every parser works as it always has.
 * - The CLI's build links none (`schema-provider-cli.ts`): while they are
 *   not loaded, `networkSchemas()` throws `SchemasNotLoaded` before a record
 *   changes anything; the reader loads them (`loadNetworkSchemas`) and goes
 *   on from that record (JSON Lines) or parses again (`withNetworkSchemas`,
 *   for a document already in memory).
 */
import type * as Schemas from "./schema.js";
import { providedSchemas } from "./schema-provider.js";

/** The schemas of `schema.ts`. */
export type NetworkSchemas = typeof Schemas;

let loaded: NetworkSchemas | undefined = providedSchemas();

/** Thrown by `networkSchemas()` while the schemas are not loaded: a signal to load them, never a user error. */
export class SchemasNotLoaded extends Error {
  constructor() {
    super("the zod schemas are needed and not loaded yet (load them with loadNetworkSchemas)");
    this.name = "SchemasNotLoaded";
  }
}

/** The schemas; throws `SchemasNotLoaded` when they are not loaded yet. */
export function networkSchemas(): NetworkSchemas {
  if (loaded === undefined) throw new SchemasNotLoaded();
  return loaded;
}

/** Loads zod and the schemas (once). */
export async function loadNetworkSchemas(): Promise<NetworkSchemas> {
  loaded ??= await import("./schema.js");
  return loaded;
}

/**
 * Runs a synchronous parse of input already in memory; when it stops because
 * a record needs the schemas, loads them and runs it again.
 */
export async function withNetworkSchemas<T>(parse: () => T): Promise<T> {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof SchemasNotLoaded)) throw error;
    await loadNetworkSchemas();
    return parse();
  }
}
