/**
 * `generateNetwork`: a seeded synthetic trade network as one `Network` value,
 * for tests and benchmarks. For a million firms, stream the records instead
 * (`generateNetworkRecords`, or the CLI's `generate --format jsonl`).
 */
import { parseNetwork } from "../model/parse-network.js";
import type { Firm, Network, Relation } from "../model/types.js";
import { generateNetworkRecords } from "./network-records.js";
import type { GenerateOptions } from "./options.js";

/**
 * A seeded synthetic trade network that looks like a real economy (see
 * `generateNetworkRecords` and `industries.ts`). Same options, same network;
 * the result passes `parseNetwork`.
 *
 * @param options - the knobs, each optional (`defaultGenerateOptions`)
 * @throws UsageError for a bad option
 * @example
 * const network = generateNetwork({ firms: 10_000, seed: 7, offersPerFirm: 2 });
 */
export function generateNetwork(options: GenerateOptions = {}): Network {
  const firms: Firm[] = [];
  const relations: Relation[] = [];
  let currency = "";
  let meta: Network["meta"];
  for (const record of generateNetworkRecords(options)) {
    if ("firm" in record) firms.push(record.firm);
    else if ("relation" in record) relations.push(record.relation);
    else {
      currency = record.currency;
      meta = record.meta;
    }
  }
  // Parsed once, so that the library works on its columns (and caches its index).
  return parseNetwork({ currency, meta, firms, relations });
}
