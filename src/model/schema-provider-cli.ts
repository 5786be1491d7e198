/**
 * The CLI's stand-in for `schema-provider.ts` (tsup.config.ts swaps it in
 * for the CLI's build): no schemas at start, so zod (~80 ms to load) is
 * loaded only when a record needs it (`schemas-on-demand.ts`).
 */
import type * as schemas from "./schema.js";

/** No schemas: the CLI loads them on demand. */
export function providedSchemas(): typeof schemas | undefined {
  return undefined;
}
