/**
 * `bindingLimits` on the steel story (examples/steel-valves), worked by hand:
 * its one deal sells 200 special-steel to valveco and 1,000 to the developer,
 * and 300 valves to the developer, so it fills valveco's need of 200 and both
 * of the developer's needs (1,000 and 300) to the last unit; steel's capacity
 * of 2,000 is not reached (1,200), nor valveco's 5,000. With steel's capacity
 * cut to 1,200 and its maxDeals to 1, those bind too.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findDeals } from "../../src/economics/find-deals.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { bindingLimits } from "../../src/pages/binding-limits.js";

const story = JSON.parse(
  readFileSync(join(__dirname, "..", "..", "examples", "steel-valves", "network.json"), "utf8"),
) as { firms: { id: string; maxDeals?: number; offers?: { capacity: number }[] }[] };

const needsFilled = [
  { firm: "developer", kind: "need", product: "special-steel", used: 1000, limit: 1000 },
  { firm: "developer", kind: "need", product: "valve", used: 300, limit: 300 },
  { firm: "valveco", kind: "need", product: "special-steel", used: 200, limit: 200 },
];

describe("bindingLimits", () => {
  it("lists the needs the steel deal fills, by firm, kind and product", () => {
    const network = parseNetwork(story);
    const deals = findDeals(network, { initiator: "steel" });
    expect(deals).toHaveLength(1);
    expect(bindingLimits(network, deals)).toEqual(needsFilled);
    expect(bindingLimits(network, [])).toEqual([]);
  });

  it("adds a capacity sold out and a maxDeals reached", () => {
    const firms = story.firms.map((f) =>
      f.id === "steel"
        ? { ...f, maxDeals: 1, offers: f.offers?.map((o) => ({ ...o, capacity: 1200 })) }
        : f,
    );
    const network = parseNetwork({ ...story, firms });
    const deals = findDeals(network, { initiator: "steel" });
    // By firm id: the developer's needs, steel's limits, then valveco's need.
    expect(bindingLimits(network, deals)).toEqual([
      ...needsFilled.slice(0, 2),
      { firm: "steel", kind: "capacity", product: "special-steel", used: 1200, limit: 1200 },
      { firm: "steel", kind: "maxDeals", used: 1, limit: 1 },
      ...needsFilled.slice(2),
    ]);
  });
});
