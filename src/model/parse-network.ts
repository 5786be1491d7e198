/**
 * `parseNetwork`: validates a network document (SPEC §2) and returns it.
 */
import { NetworkBuilder } from "./network-builder.js";
import type { RecordColumns } from "./network-columns.js";
import { columnsOf } from "./network-view.js";
import type { Network } from "./types.js";

const rootKeys = new Set(["currency", "firms", "relations", "meta"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Validates a network document per SPEC §2 and returns it as a `Network`.
 * Reports every problem at once. The result is frozen and shares nothing with
 * the input but its `meta` objects (carried as they are); a network that
 * already came from `parseNetwork` or `readNetwork` is returned as it is.
 *
 * @param json - the parsed JSON value (or a JSON string)
 * @throws NetworkError listing every `{path, message}`
 * @example
 * const network = parseNetwork({ firms: [{ id: "a" }, { id: "b" }] });
 */
export function parseNetwork(json: unknown): Network {
  if (columnsOf(json as Network) !== undefined) return json as Network;
  let root = json;
  if (typeof json === "string") {
    try {
      root = JSON.parse(json);
    } catch (error) {
      const builder = new NetworkBuilder();
      builder.report("$", `not valid JSON: ${(error as Error).message}`);
      return builder.finish();
    }
  }
  const count = (list: unknown) => (Array.isArray(list) ? list.length : 0);
  const builder = new NetworkBuilder(undefined, {
    firms: count(isPlainObject(root) ? root.firms : undefined),
    relations: count(isPlainObject(root) ? root.relations : undefined),
  });
  if (!isPlainObject(root)) {
    builder.report("$", 'a network must be a JSON object with a "firms" array');
    return builder.finish();
  }
  for (const key of Object.keys(root)) {
    if (!rootKeys.has(key)) builder.report(key, `unknown key "${key}"`);
  }
  const header: Record<string, unknown> = {};
  if ("currency" in root) header.currency = root.currency;
  if ("meta" in root) header.meta = root.meta;
  builder.header(header, "");
  const { firms, relations } = root;
  if (!Array.isArray(firms)) {
    builder.report("firms", firms === undefined ? "required field is missing" : "must be an array");
  } else {
    for (let i = 0; i < firms.length; i++) builder.firm(firms[i], i);
  }
  if (relations !== undefined) {
    if (!Array.isArray(relations)) builder.report("relations", "must be an array");
    else for (let i = 0; i < relations.length; i++) builder.relation(relations[i], i);
  }
  return builder.finish();
}

/**
 * The network as the library works on it: itself when it came from
 * `parseNetwork`, `readNetwork` or the generator; any other object (a literal
 * typed as `Network`, a spread copy) is validated now, on every use, so that
 * nothing unvalidated reaches the index and nothing is cached for an object
 * its owner may still change.
 *
 * @throws NetworkError when the object breaks SPEC §2 (`null` included)
 */
export function validNetwork(network: Network): Network {
  return columnsOf(network) === undefined ? parseNetwork(network) : network;
}

/** The record columns of a network (validated first when it is not a parsed one). */
export function recordColumnsOf(network: Network): RecordColumns {
  return columnsOf(validNetwork(network)) as RecordColumns;
}
