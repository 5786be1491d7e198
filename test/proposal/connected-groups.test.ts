import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { connectedGroups } from "../../src/proposal/connected-groups.js";

/** The oracle: grow each group by repeated passes over the arrows until nothing joins. */
function slowGroups(n: number, arrows: readonly { seller: number; buyer: number }[]): number[][] {
  const group = Array.from({ length: n }, (_, i) => i);
  let changed = true;
  while (changed) {
    changed = false;
    for (const { seller, buyer } of arrows) {
      const low = Math.min(group[seller], group[buyer]);
      for (const v of [seller, buyer]) {
        if (group[v] !== low) {
          const old = group[v];
          for (let u = 0; u < n; u++) if (group[u] === old) group[u] = low;
          changed = true;
        }
      }
    }
  }
  const roots = [...new Set(group)].sort((a, b) => a - b);
  return roots.map((r) => group.flatMap((g, v) => (g === r ? [v] : [])));
}

describe("connectedGroups", () => {
  it("equals repeated merging, ignoring direction", () => {
    const input = fc
      .integer({ min: 1, max: 8 })
      .chain((n) =>
        fc.tuple(
          fc.constant(n),
          fc.array(fc.record({ seller: fc.nat(n - 1), buyer: fc.nat(n - 1) }), { maxLength: 10 }),
        ),
      );
    fc.assert(
      fc.property(input, ([n, arrows]) => {
        expect(connectedGroups(n, arrows)).toEqual(slowGroups(n, arrows));
      }),
    );
  });

  it("splits a → b, c → d into two groups and joins them with d → a", () => {
    const arrows = [
      { seller: 0, buyer: 1 },
      { seller: 2, buyer: 3 },
    ];
    expect(connectedGroups(4, arrows)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(connectedGroups(4, [...arrows, { seller: 3, buyer: 0 }])).toEqual([[0, 1, 2, 3]]);
  });
});
