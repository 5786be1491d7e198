/**
 * `parseNetwork`: validates a network document (SPEC §2) and returns it.
 */
import { NetworkBuilder } from "./network-builder.js";
import type { Network } from "./types.js";

const rootKeys = new Set(["currency", "firms", "relations", "meta"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Validates a network document per SPEC §2 and returns it as a `Network`.
 * Reports every problem at once.
 *
 * @param json - the parsed JSON value (or a JSON string)
 * @throws NetworkError listing every `{path, message}`
 * @example
 * const network = parseNetwork({ firms: [{ id: "a" }, { id: "b" }] });
 */
export function parseNetwork(json: unknown): Network {
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
