import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NetworkError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { randomNetwork } from "../helpers/random-network.js";

type Json = Record<string, unknown>;

/** The issues parseNetwork reports for `json` (fails the test when it accepts it). */
function issuesOf(json: unknown): { path: string; message: string }[] {
  try {
    parseNetwork(json);
  } catch (error) {
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).name).toBe("NetworkError");
    return [...(error as NetworkError).issues];
  }
  throw new Error("expected a NetworkError");
}

const paths = (json: unknown) => issuesOf(json).map((i) => i.path);

const offer = { product: "steel", price: 10, cost: 6, capacity: 5 };
const need = { product: "steel", quantity: 3 };
const base = (): Json => ({
  firms: [
    { id: "a", offers: [{ ...offer }] },
    { id: "b", needs: [{ ...need }] },
  ],
  relations: [{ seller: "a", buyer: "b" }],
});

/** Sets `value` at a dotted path of a fresh base network. */
function withValue(path: (string | number)[], value: unknown, start: Json = base()): Json {
  const net = structuredClone(start);
  let node: Json = net;
  for (const key of path.slice(0, -1)) node = node[key as string] as Json;
  node[path.at(-1) as string] = value;
  return net;
}

describe("parseNetwork (SPEC §2)", () => {
  it("accepts a valid network and carries meta through untouched", () => {
    const meta = { crmId: "A-1209", nested: { list: [1, 2, null] } };
    const net = parseNetwork({
      currency: "CNY",
      meta,
      firms: [
        {
          id: "a",
          meta,
          offers: [{ ...offer, meta }],
          needs: [{ product: "x", quantity: 1, meta }],
        },
      ],
      relations: [],
    });
    expect(net.meta).toEqual(meta);
    expect(net.firms[0].meta).toEqual(meta);
    expect(net.firms[0].offers![0].meta).toEqual(meta);
    expect(net.currency).toBe("CNY");
  });

  it("accepts an empty firm list and a JSON string", () => {
    expect(parseNetwork({ firms: [] }).firms).toEqual([]);
    expect(parseNetwork('{"firms":[{"id":"x"}]}').firms[0].id).toBe("x");
  });

  it.each([
    ["root not an object", [], "$"],
    ["root null", null, "$"],
    ["not JSON", "{firms:", "$"],
    ["firms missing", {}, "firms"],
    ["firms not an array", { firms: {} }, "firms"],
    ["unknown root key", { firms: [], size: 3 }, "size"],
  ])("reports %s at %s", (_name, json, path) => {
    expect(paths(json)).toContain(path);
  });

  it.each([
    ["empty id", ["firms", 0, "id"], "", "firms[0].id"],
    ["missing id", ["firms", 0, "id"], undefined, "firms[0].id"],
    ["null name", ["firms", 0, "name"], null, "firms[0].name"],
    ["keyAccount not boolean", ["firms", 0, "keyAccount"], "yes", "firms[0].keyAccount"],
    ["negative hurdle", ["firms", 0, "hurdle"], -1, "firms[0].hurdle"],
    ["maxDeals 0", ["firms", 0, "maxDeals"], 0, "firms[0].maxDeals"],
    ["fractional maxDeals", ["firms", 0, "maxDeals"], 1.5, "firms[0].maxDeals"],
    ["unknown firm key", ["firms", 0, "size"], 3, "firms[0].size"],
    ["price 0", ["firms", 0, "offers", 0, "price"], 0, "firms[0].offers[0].price"],
    ["negative cost", ["firms", 0, "offers", 0, "cost"], -1, "firms[0].offers[0].cost"],
    ["cost above price", ["firms", 0, "offers", 0, "cost"], 11, "firms[0].offers[0].cost"],
    ["capacity 0", ["firms", 0, "offers", 0, "capacity"], 0, "firms[0].offers[0].capacity"],
    [
      "non-finite capacity",
      ["firms", 0, "offers", 0, "capacity"],
      Number.POSITIVE_INFINITY,
      "firms[0].offers[0].capacity",
    ],
    ["NaN price", ["firms", 0, "offers", 0, "price"], Number.NaN, "firms[0].offers[0].price"],
    ["empty product", ["firms", 0, "offers", 0, "product"], "", "firms[0].offers[0].product"],
    ["unknown offer key", ["firms", 0, "offers", 0, "discount"], 1, "firms[0].offers[0].discount"],
    ["quantity 0", ["firms", 1, "needs", 0, "quantity"], 0, "firms[1].needs[0].quantity"],
    [
      "negative referencePrice",
      ["firms", 1, "needs", 0, "referencePrice"],
      -2,
      "firms[1].needs[0].referencePrice",
    ],
    [
      "negative switchingCost",
      ["firms", 1, "needs", 0, "switchingCost"],
      -2,
      "firms[1].needs[0].switchingCost",
    ],
    ["empty incumbent", ["firms", 1, "needs", 0, "incumbent"], "", "firms[1].needs[0].incumbent"],
    ["null incumbent", ["firms", 1, "needs", 0, "incumbent"], null, "firms[1].needs[0].incumbent"],
    [
      "incumbentFloor without an incumbent",
      ["firms", 1, "needs", 0, "incumbentFloor"],
      80,
      "firms[1].needs[0].incumbentFloor",
    ],
    ["offers not an array", ["firms", 0, "offers"], {}, "firms[0].offers"],
    ["probability 0", ["relations", 0, "probability"], 0, "relations[0].probability"],
    ["probability above 1", ["relations", 0, "probability"], 1.01, "relations[0].probability"],
    ["blocked not boolean", ["relations", 0, "blocked"], 1, "relations[0].blocked"],
    ["relation to an unknown firm", ["relations", 0, "buyer"], "zz", "relations[0].buyer"],
    ["relation from an unknown firm", ["relations", 0, "seller"], "zz", "relations[0].seller"],
    ["unknown relation key", ["relations", 0, "weight"], 2, "relations[0].weight"],
    ["null meta", ["firms", 0, "meta"], null, "firms[0].meta"],
  ])("reports %s at its path", (_name, path, value, expected) => {
    expect(paths(withValue(path, value))).toContain(expected);
  });

  it("accepts an incumbent outside the network", () => {
    expect(() =>
      parseNetwork(withValue(["firms", 1, "needs", 0, "incumbent"], "competitor")),
    ).not.toThrow();
  });

  it("accepts an incumbent's floor with its incumbent, and rejects a negative one", () => {
    const json = withValue(["firms", 1, "needs", 0, "incumbent"], "competitor");
    const floored = parseNetwork(withValue(["firms", 1, "needs", 0, "incumbentFloor"], 0, json));
    expect(floored.firms[1].needs?.[0].incumbentFloor).toBe(0);
    expect(paths(withValue(["firms", 1, "needs", 0, "incumbentFloor"], -1, json))).toEqual([
      "firms[1].needs[0].incumbentFloor",
    ]);
  });

  it("reports duplicates at the repeat", () => {
    const net = base() as { firms: Json[]; relations: Json[] };
    net.firms.push({ id: "a" });
    (net.firms[0].offers as Json[]).push({ ...offer, price: 20 });
    (net.firms[1].needs as Json[]).push({ ...need });
    net.relations.push(
      { seller: "a", buyer: "b" },
      { seller: "a", buyer: "b", product: "steel" },
      { seller: "a", buyer: "b", product: "steel" },
    );
    expect(paths(net)).toEqual(
      expect.arrayContaining([
        "firms[2].id",
        "firms[0].offers[1].product",
        "firms[1].needs[1].product",
        "relations[1]",
        "relations[3]",
      ]),
    );
    expect(paths(net)).not.toContain("relations[2]");
  });

  it("reports every problem of a file at once", () => {
    const net = base() as { firms: Json[]; relations: Json[] };
    (net.firms[0].offers as Json[])[0].cost = 99;
    (net.firms[1].needs as Json[])[0].quantity = -1;
    net.firms[1].size = 2;
    net.relations[0].buyer = "nobody";
    expect(paths(net).sort()).toEqual(
      [
        "firms[0].offers[0].cost",
        "firms[1].needs[0].quantity",
        "firms[1].size",
        "relations[0].buyer",
      ].sort(),
    );
  });

  it("names what is wrong in each message", () => {
    const [issue] = issuesOf(withValue(["firms", 0, "offers", 0, "cost"], 11));
    expect(issue!.message).toMatch(/cost.*price/);
  });

  it("accepts every random valid network and returns its firms unchanged", () => {
    fc.assert(
      fc.property(randomNetwork(), (net) => {
        const parsed = parseNetwork(net);
        expect(parsed.firms).toEqual(net.firms);
      }),
      { numRuns: 200 },
    );
  });
});
