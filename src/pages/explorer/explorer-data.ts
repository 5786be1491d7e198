/**
 * What `explore` hands the explorer page: the network (whole, or a firm's
 * neighbourhood) as SPEC §2 JSON, the initiator, how it was cut, and where it
 * came from. Written as a script (`network.js`) that sets one global, since
 * a page opened from a file may not fetch a file beside it; the JSON goes
 * through `JSON.parse` of one string literal, which browsers read faster than
 * the same data as an object literal.
 */
import type { Network } from "../../model/types.js";

/** The global the data script sets and the explorer app reads. */
export const explorerGlobal = "reciprocalDealsExplorer";

/** The explorer's data. */
export interface ExplorerData {
  /** The network the page searches, as SPEC §2 JSON. */
  readonly network: unknown;
  /** The firm whose deals the page lists; null lets the user pick one. */
  readonly initiator: string | null;
  /** The neighbourhood's radius in trades when the network is a cut around the initiator; null for the whole network. */
  readonly hops: number | null;
  /** Where the network was read from. */
  readonly source: string;
  /** How many firms the network read had (the page may hold fewer). */
  readonly firmsInSource: number;
}

/** A network as a plain SPEC §2 document (firms and relations as records). */
export function networkDocument(network: Network): Record<string, unknown> {
  return {
    ...(network.currency === undefined ? {} : { currency: network.currency }),
    ...(network.meta === undefined ? {} : { meta: network.meta }),
    firms: [...network.firms],
    relations: [...(network.relations ?? [])],
  };
}

/** The data script: `globalThis.reciprocalDealsExplorer = JSON.parse("…");`. */
export function explorerDataScript(data: ExplorerData): string {
  // JSON.stringify of the JSON text is a valid JS string literal (U+2028/9 escaped for old parsers).
  const literal = JSON.stringify(JSON.stringify(data))
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return `globalThis.${explorerGlobal} = JSON.parse(${literal});\n`;
}
