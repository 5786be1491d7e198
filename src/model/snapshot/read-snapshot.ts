/**
 * Reading a network from a snapshot (`.rdsnap`): the file is opened and
 * checked whole (`snapshot-file.ts`), and the network is a view of its
 * record columns. The snapshot stays attached to the network, so that the
 * layers above take their own parts from it (the trade index, the search
 * graph) instead of building them again.
 */

import { networkOf } from "../network-view.js";
import type { Network } from "../types.js";
import { columnsFromSnapshot, snapshotRecords } from "./network-sections.js";
import { openSnapshot, readSnapshotFile, type SnapshotFile } from "./snapshot-file.js";
import { attachSnapshot } from "./snapshot-of.js";

/** The network of an opened snapshot. */
function networkOfSnapshot(file: SnapshotFile): Network {
  const columns = columnsFromSnapshot(file);
  const network = networkOf(columns, snapshotRecords(file, columns));
  attachSnapshot(network, file);
  return network;
}

/**
 * Reads the snapshot at `path`; `readAhead` names sections to read (in
 * parallel) while the file's checksums are checked, and to check from the
 * bytes read (`readSnapshotFile`).
 *
 * @throws NetworkError for a file that is no snapshot, of another version, truncated or damaged
 */
export async function readSnapshot(
  path: string,
  readAhead?: (file: SnapshotFile) => readonly string[],
): Promise<Network> {
  return networkOfSnapshot(await readSnapshotFile(path, { readAhead }));
}

/** Reads a snapshot from its bytes (the whole file). */
export function readSnapshotBytes(bytes: Uint8Array): Network {
  return networkOfSnapshot(openSnapshot(bytes));
}
