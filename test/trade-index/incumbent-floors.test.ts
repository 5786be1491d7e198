/**
 * The per-need incumbent floors table (read from the record columns, so that
 * it can be built without record objects and shared with worker threads)
 * against the records read one by one (`incumbentFloorOf`, the need record's
 * incumbentFloor, else the incumbent's cost): equal for every need of random
 * networks with incumbents inside and outside the network.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNetwork } from "../../src/model/parse-network.js";
import { incumbentFloorOf, incumbentFloors } from "../../src/trade-index/incumbent-floors.js";
import { needRecordOf } from "../../src/trade-index/trade-figures.js";
import { TradeIndex } from "../../src/trade-index/trade-index.js";
import { randomNetwork } from "../helpers/random-network.js";

describe("incumbentFloors", () => {
  it("equals the need records read one by one", () => {
    fc.assert(
      fc.property(randomNetwork({ maxFirms: 8, maxProducts: 3 }), (raw) => {
        const index = new TradeIndex(parseNetwork(raw));
        const table = incumbentFloors(index);
        for (let n = 0; n < index.needFirm.length; n++) {
          const floor = incumbentFloorOf(index, n);
          expect(table.floor[n]).toBe(floor);
          const reference = Number.isNaN(floor)
            ? Number.NaN
            : (needRecordOf(index, n).referencePrice ?? Number.NaN);
          expect(table.reference[n]).toBe(reference);
        }
      }),
      { numRuns: 100 },
    );
  });
});
