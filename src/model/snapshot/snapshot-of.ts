/**
 * Which snapshot a network was read from. The readers attach the opened file
 * to the network they return; the trade index and the search graph look it
 * up to take their stored parts instead of building them again. Kept apart
 * from the file code (`snapshot-file.ts`, Node's `fs`), so that the layers
 * which ask stay free of Node built-ins and run in a browser.
 */
import type { Network } from "../types.js";
import type { SnapshotFile } from "./snapshot-file.js";

const snapshots = new WeakMap<Network, SnapshotFile>();

/** Records that `network` is the view of the opened snapshot `file`. */
export function attachSnapshot(network: Network, file: SnapshotFile): void {
  snapshots.set(network, file);
}

/** The snapshot a network was read from, or undefined. */
export function snapshotOf(network: Network): SnapshotFile | undefined {
  return snapshots.get(network);
}
