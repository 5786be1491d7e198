/**
 * The zod schemas at hand from the start: the library links them statically,
 * so its synchronous parsers (`parseNetwork`, `parseNetworkText`) can always
 * validate what the fast paths leave to zod. The CLI's build replaces this
 * module by `schema-provider-cli.ts`, which has none, and loads them only
 * when a record needs them (`schemas-on-demand.ts`).
 */
import * as schemas from "./schema.js";

/** The schemas linked with the library. */
export function providedSchemas(): typeof schemas | undefined {
  return schemas;
}
