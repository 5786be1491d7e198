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
import {
  counterUnitOf,
  floorSectionNames,
  incumbentFloorOf,
  incumbentFloors,
} from "../../src/trade-index/incumbent-floors.js";
import { needRecordOf } from "../../src/trade-index/trade-figures.js";
import { TradeIndex, tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { randomNetwork } from "../helpers/random-network.js";
import { assertOnSnapshots } from "../helpers/snapshot-round-trip.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";

const dir = temporaryFolder("rd-floors-");

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

  it("is read from a snapshot, which stores the table built from the records", async () => {
    await assertOnSnapshots(
      dir,
      ({ network, back, file }) => {
        for (const name of floorSectionNames) expect(file?.has(name)).toBe(true);
        const table = incumbentFloors(tradeIndexOf(back));
        // The table is the stored sections themselves, not a pass over the records.
        expect(table.floor).toBe(file?.typed(floorSectionNames[0], "f64"));
        expect(table.reference).toBe(file?.typed(floorSectionNames[1], "f64"));
        const built = incumbentFloors(new TradeIndex(network));
        expect([...table.floor]).toEqual([...built.floor]);
        expect([...table.reference]).toEqual([...built.reference]);
      },
      30,
    );
  });

  it("gives counterUnitOf the same counters once it reads the table instead of the records", () => {
    fc.assert(
      fc.property(randomNetwork({ maxFirms: 8, maxProducts: 3 }), (raw) => {
        const index = new TradeIndex(parseNetwork(raw));
        // The counter per unit from the records: max(0, ref − floor), ref the seller's price by default.
        const expected = Array.from({ length: index.tradeCount }, (_, t) => {
          const n = index.tradeNeed[t];
          const floor = incumbentFloorOf(index, n);
          if (Number.isNaN(floor)) return Number.NaN;
          const price = index.offerPrice[index.tradeOffer[t]];
          return Math.max(0, (needRecordOf(index, n).referencePrice ?? price) - floor);
        });
        // Enough rounds over the trades to pass the switch to the table (1,024 reads).
        const rounds = index.tradeCount === 0 ? 0 : Math.ceil(1100 / index.tradeCount) + 1;
        for (let round = 0; round < rounds; round++) {
          for (let t = 0; t < index.tradeCount; t++)
            expect(counterUnitOf(index, t)).toBe(expected[t]);
        }
      }),
      { numRuns: 50 },
    );
  });
});
