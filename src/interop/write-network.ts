/**
 * `writeNetwork`: writes a network in any form of SPEC §2, chosen by the
 * name of the target — `.json`, `.jsonl`/`.ndjson`, `.rdsnap`, or a folder
 * (the tables form). Reading the result back gives the same network.
 *
 * The snapshot holds the network and what is compiled from it: the trade
 * index and the breadth-first search graph (built here when the network has
 * none yet, with `onProgress`), so that reading it back costs one large read
 * and no build. It lives beside the graphology view rather than in the model
 * because of that: the model knows the snapshot container and its own
 * sections; the index and the search graph are the layers above.
 *
 * Every file is written to a new file beside the target and renamed over it
 * once complete, so the target is never half-written.
 */
import { stat } from "node:fs/promises";
import { UsageError } from "../model/errors.js";
import { recordColumnsOf, validNetwork } from "../model/parse-network.js";
import { networkSections } from "../model/snapshot/network-sections.js";
import { writeSnapshotFile } from "../model/snapshot/snapshot-file.js";
import { writeNetworkTables } from "../model/tables/tables-files.js";
import { documentText, linesText, writeTextFile } from "../model/text/write-text.js";
import type { Network } from "../model/types.js";
import { searchGraphOf, searchGraphSections } from "../search/search-graph.js";
import { surplusReachSections } from "../search/surplus-bound.js";
import type { BuildOptions } from "../trade-index/build-index.js";
import { indexSections } from "../trade-index/index-sections.js";
import { tradeIndexOf } from "../trade-index/trade-index.js";
import { surplusSectionName } from "../trade-index/trade-surplus.js";

/** The forms `writeNetwork` writes: the text forms, the snapshot, and the tables form (a folder). */
export const networkForms = ["json", "jsonl", "rdsnap", "tables"] as const;

/** One of `networkForms`. */
export type NetworkForm = (typeof networkForms)[number];

/** Options of `writeNetwork`. */
export interface WriteNetworkOptions {
  /**
   * The form. @defaultValue from the target: `.json`, `.jsonl`/`.ndjson`,
   * `.rdsnap`; a folder (an existing one, a name ending in `/`, or a name
   * without an extension) is the tables form
   */
  readonly form?: NetworkForm;
  /** Progress of the index and search-graph builds a snapshot needs. @defaultValue none */
  readonly onProgress?: BuildOptions["onProgress"];
}

/** The form the target's name (or an existing folder there) implies; a usage error when it implies none. */
export async function formOfTarget(path: string): Promise<NetworkForm> {
  if (/\.json$/i.test(path)) return "json";
  if (/\.(jsonl|ndjson)$/i.test(path)) return "jsonl";
  if (/\.rdsnap$/i.test(path)) return "rdsnap";
  const isFolder = await stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (isFolder || /[\\/]$/.test(path) || !/\.[^\\/.]*$/.test(path)) return "tables";
  throw new UsageError(
    `cannot tell the form to write from "${path}": name it .json, .jsonl, .ndjson or .rdsnap, or a folder for the tables form`,
  );
}

/**
 * Writes a network in the form the target names (SPEC §2).
 *
 * @throws NetworkError when `network` is not a valid network; UsageError when
 *   the target names no form; file-system errors as Node's
 * @example
 * await writeNetwork(await readNetwork("net.jsonl"), "net.rdsnap");
 */
export async function writeNetwork(
  network: Network,
  path: string,
  options: WriteNetworkOptions = {},
): Promise<void> {
  const valid = validNetwork(network);
  const form = options.form ?? (await formOfTarget(path));
  const columns = recordColumnsOf(valid);
  if (form === "json") return writeTextFile(path, documentText(columns));
  if (form === "jsonl") return writeTextFile(path, linesText(columns));
  if (form === "tables") return writeNetworkTables(valid, path);
  const index = tradeIndexOf(valid, { onProgress: options.onProgress });
  const graph = searchGraphOf(index, true, { onProgress: options.onProgress });
  const parts = {
    network: networkSections(columns),
    index: indexSections(index),
    graph: searchGraphSections(graph),
  };
  // The walks' reach over the graph, from the exact table stored beside it.
  const surpluses = parts.index.sections.find((section) => section.name === surplusSectionName);
  const reach =
    surpluses?.array instanceof Float64Array
      ? surplusReachSections(graph, index, surpluses.array)
      : [];
  await writeSnapshotFile(
    path,
    {
      library: "reciprocal-deals",
      network: parts.network.meta,
      index: parts.index.meta,
      graph: parts.graph.meta,
    },
    [...parts.network.sections, ...parts.index.sections, ...parts.graph.sections, ...reach],
  );
}
