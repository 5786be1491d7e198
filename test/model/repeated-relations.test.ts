import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NetworkError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";

type RelationJson = { seller: string; buyer: string; product?: string; blocked?: boolean };

/** The issues of a network with these relations (none when it is valid). */
function issues(relations: RelationJson[]) {
  const net = {
    firms: [
      { id: "a", offers: [{ product: "x", price: 2, cost: 1, capacity: 1 }] },
      { id: "b", needs: [{ product: "y", quantity: 1 }] },
      { id: "c" },
    ],
    relations,
  };
  try {
    parseNetwork(net);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(NetworkError);
    return [...(error as NetworkError).issues];
  }
}

const relation = fc.record(
  {
    seller: fc.constantFrom("a", "b", "c", "ghost"),
    buyer: fc.constantFrom("a", "b", "c"),
    // x and y are offered or needed; z is nobody's.
    product: fc.constantFrom("x", "y", "z"),
    blocked: fc.boolean(),
  },
  { requiredKeys: ["seller", "buyer"] },
);

describe("repeated relations", () => {
  it("are reported at each repeat of a (seller, buyer, product), in order", () => {
    fc.assert(
      fc.property(fc.array(relation, { maxLength: 12 }), (relations) => {
        const seen = new Set<string>();
        const repeats: string[] = [];
        relations.forEach((r, i) => {
          if (r.seller === "ghost") return;
          const key = `${r.seller}|${r.buyer}|${r.product ?? "(pair)"}`;
          if (seen.has(key)) repeats.push(`relations[${i}]`);
          seen.add(key);
        });
        const found = issues(relations);
        const reported = found.filter((issue) => issue.message.startsWith("duplicate relation"));
        expect(reported.map((issue) => issue.path)).toEqual(repeats);
        const ghosts = relations.flatMap((r, i) =>
          r.seller === "ghost" ? [`relations[${i}].seller`] : [],
        );
        expect(
          found.filter((issue) => issue.message.includes("not a firm")).map((i) => i.path),
        ).toEqual(ghosts);
      }),
    );
  });

  it("tell a pair relation from a product relation of the same pair", () => {
    // (a, b) for the whole pair, (a, b, x), (a, b, z): three different relations; the
    // second (a, b, z) repeats the third.
    const found = issues([
      { seller: "a", buyer: "b" },
      { seller: "a", buyer: "b", product: "x" },
      { seller: "a", buyer: "b", product: "z" },
      { seller: "a", buyer: "b", product: "z", blocked: true },
    ]);
    expect(found).toEqual([
      {
        path: "relations[3]",
        message: 'duplicate relation for seller "a", buyer "b" (same pair and product "z")',
      },
    ]);
  });
});
