/**
 * The synthetic network generator: seeded, deterministic, streaming.
 */

export { generateNetwork } from "./generate-network.js";
export { type Industry, industries, type ProductLine, type Tier, tierNames } from "./industries.js";
export {
  firmId,
  generateNetworkRecords,
  type NetworkHeaderRecord,
  type NetworkRecord,
} from "./network-records.js";
export { defaultGenerateOptions, type GenerateOptions, resolveGenerateOptions } from "./options.js";
export { Random } from "./random.js";
export {
  firmText,
  type GeneratedFormat,
  jsonDocumentText,
  jsonLinesText,
  NetworkTextWriter,
  networkText,
  relationText,
} from "./serialize.js";
