/**
 * The deal counts of a committed anchors network against the C reference
 * (`../shared/anchors/cycles.c`), an oracle independent of this library:
 * test/search/fixtures/anchors-300/ holds the network gen.py wrote and the
 * counts `/tmp/cycles … -K 4 --limits … --initiators all --print-initiators`
 * printed for it (the commands are in reference-counts.json).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { readNetwork } from "../../src/model/read-network.js";
import { DealCursor } from "../../src/search/deal-cursor.js";
import type { TradeIndex } from "../../src/trade-index/trade-index.js";
import { tradeIndexOf } from "../../src/trade-index/trade-index.js";

const fixture = (name: string) =>
  fileURLToPath(new URL(`./fixtures/anchors-300/${name}`, import.meta.url));

/** Deals by kind and parties: `cycle2` … `cycle4`, `brokered`. */
function countDeals(index: TradeIndex, initiator: number): Record<string, number> {
  const counts: Record<string, number> = { cycle2: 0, cycle3: 0, cycle4: 0, brokered: 0 };
  const cursor = new DealCursor(index, { kinds: ["cycle", "brokered"], maxParties: 4, initiator });
  while (cursor.next()) counts[cursor.kind === "cycle" ? `cycle${cursor.size}` : "brokered"]++;
  return counts;
}

describe("deal counts on the anchors-300 network (3 offers a firm) vs the C reference", () => {
  let index: TradeIndex;
  beforeAll(async () => {
    index = tradeIndexOf(await readNetwork(fixture("network.json")));
  });

  it("counts the whole network's deals as cycles.c does, per kind and length", () => {
    const reference = JSON.parse(readFileSync(fixture("reference-counts.json"), "utf8"));
    expect(countDeals(index, -1)).toEqual({
      cycle2: reference.deals_cycles_k2,
      cycle3: reference.deals_cycles_k3,
      cycle4: reference.deals_cycles_k4,
      brokered: reference.deals_brokered,
    });
    // The executability rule bites on this network: some reciprocal brokered triangles are dropped.
    expect(reference.over_limits_brokered).toBeGreaterThan(0);
  });

  it("counts each firm's deals as cycles.c does (firms without trades have none)", () => {
    const lines = readFileSync(fixture("reference-initiators.tsv"), "utf8")
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#"));
    const expected = new Map(
      lines.map((line) => {
        const [firm, c2, c3, c4, brokered] = line.split("\t");
        return [firm!, { cycle2: +c2!, cycle3: +c3!, cycle4: +c4!, brokered: +brokered! }];
      }),
    );
    expect(expected.size).toBeGreaterThan(250);
    for (let f = 0; f < index.firmCount; f++) {
      const none = { cycle2: 0, cycle3: 0, cycle4: 0, brokered: 0 };
      expect([index.firmIds[f], countDeals(index, f)]).toEqual([
        index.firmIds[f],
        expected.get(index.firmIds[f]) ?? none,
      ]);
    }
  });
});
