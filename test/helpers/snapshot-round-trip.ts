/**
 * Random networks written as snapshots and read back: for the tests of what
 * a snapshot stores beside the index (the floors, the trade surpluses).
 */
import { join } from "node:path";
import fc from "fast-check";
import { writeNetwork } from "../../src/interop/write-network.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { readNetwork } from "../../src/model/read-network.js";
import type { SnapshotFile } from "../../src/model/snapshot/snapshot-file.js";
import { snapshotOf } from "../../src/model/snapshot/snapshot-of.js";
import type { Network } from "../../src/model/types.js";
import { randomNetwork } from "./random-network.js";

/** A network, and the same network written to a snapshot in `dir` and read back (with its file). */
export interface RoundTrip {
  readonly network: Network;
  readonly back: Network;
  readonly file: SnapshotFile | undefined;
}

/** Checks `check` on random networks of up to 8 firms, each round-tripped through a snapshot in `dir`. */
export async function assertOnSnapshots(
  dir: string,
  check: (trip: RoundTrip) => void,
  numRuns: number,
): Promise<void> {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(randomNetwork({ maxFirms: 8, maxProducts: 3 }), async (raw) => {
      const network = parseNetwork(raw);
      const path = join(dir, `trip-${runs++}.rdsnap`);
      await writeNetwork(network, path);
      const back = await readNetwork(path);
      check({ network, back, file: snapshotOf(back) });
    }),
    { numRuns },
  );
}
