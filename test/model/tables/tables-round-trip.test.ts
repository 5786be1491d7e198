import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNetwork } from "../../../src/model/parse-network.js";
import { readNetwork } from "../../../src/model/read-network.js";
import { cellText } from "../../../src/model/tables/cells.js";
import { readTables, tablesOfTexts } from "../../../src/model/tables/read-tables.js";
import { tableFiles } from "../../../src/model/tables/table-layout.js";
import { writeNetworkTables } from "../../../src/model/tables/tables-files.js";
import { tableText } from "../../../src/model/tables/write-tables.js";
import type { Meta, Network } from "../../../src/model/types.js";
import { networkArb } from "../../../src/testing/network-arb.js";

const root = join(__dirname, "..", "..", "..");

type Loose = Record<string, unknown>;

/** Text with what makes CSV and spreadsheets hard: quotes, commas, line breaks, spaces, emoji. */
const textArb = fc.string({
  unit: fc.constantFrom("a", "Z", "7", " ", ",", '"', "\n", "\r\n", "é", "😀", "."),
  maxLength: 8,
});

const metaArb: fc.Arbitrary<Meta | undefined> = fc.option(
  fc.dictionary(
    textArb,
    fc.oneof(
      textArb,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.object({ maxDepth: 1 }),
    ),
    { maxKeys: 3 },
  ),
  { nil: undefined },
);

/** `record` with `meta` (and `extra` fields) set where the draw gave them. */
function withExtras(record: object, meta: Meta | undefined, extra: Loose = {}): Loose {
  const out: Loose = { ...record };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) out[key] = value;
  if (meta !== undefined) out.meta = meta;
  return out;
}

/** Networks of `networkArb` with names, industries and meta (of every JSON type) everywhere. */
const richNetworkArb: fc.Arbitrary<Network> = networkArb({ maxFirms: 4, maxDeals: true }).chain(
  (network) => {
    const firms = network.firms;
    const items = (field: "offers" | "needs") =>
      fc.tuple(...firms.map((firm) => fc.tuple(...(firm[field] ?? []).map(() => metaArb))));
    return fc
      .record({
        root: metaArb,
        firms: fc.tuple(
          ...firms.map(() =>
            fc.tuple(
              metaArb,
              fc.option(textArb, { nil: undefined }),
              fc.option(textArb, { nil: undefined }),
            ),
          ),
        ),
        offers: items("offers"),
        needs: items("needs"),
        relations: fc.tuple(...(network.relations ?? []).map(() => metaArb)),
      })
      .map((extras) =>
        parseNetwork(
          withExtras(
            {
              currency: network.currency,
              relations: (network.relations ?? []).map((relation, i) =>
                withExtras(relation, extras.relations[i]),
              ),
              firms: firms.map((firm, i) => {
                const [meta, name, industry] = extras.firms[i];
                const out = withExtras(firm, meta, { name, industry });
                if (firm.offers)
                  out.offers = firm.offers.map((o, k) => withExtras(o, extras.offers[i][k]));
                if (firm.needs)
                  out.needs = firm.needs.map((n, k) => withExtras(n, extras.needs[i][k]));
                return out;
              }),
            },
            extras.root,
          ),
        ),
      );
  },
);

/** What the tables form carries of `meta`: each value as its cell's text, empty ones left out. */
function carriedMeta(meta: Meta | undefined): Meta | undefined {
  const out: Record<string, string> = {};
  let any = false;
  for (const [key, value] of Object.entries(meta ?? {})) {
    const text = cellText(value);
    if (text === "") continue;
    Object.defineProperty(out, key, {
      value: text,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    any = true;
  }
  return any ? out : undefined;
}

/** A record as the tables form carries it: empty strings and empty meta left out, meta as text. */
function carried(record: object): Loose {
  const out: Loose = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === "meta") {
      const meta = carriedMeta(value as Meta);
      if (meta !== undefined) out.meta = meta;
    } else if (Array.isArray(value)) {
      if (value.length > 0 || key === "relations") out[key] = value.map((item) => carried(item));
    } else if (value !== "") out[key] = value;
  }
  return out;
}

/** The network read back from the tables form of `network`, all in memory. */
function roundTrip(network: Network): Promise<Network> {
  const texts = Object.fromEntries(
    tableFiles.map((file) => [file, [...tableText(network, file)].join("")]),
  );
  return readTables(tablesOfTexts(texts));
}

describe("the tables form", () => {
  it("reads examples/tables as the same network as examples/steel-valves/network.json", async () => {
    const json = parseNetwork(
      JSON.parse(readFileSync(join(root, "examples", "steel-valves", "network.json"), "utf8")),
    );
    expect(await readNetwork(join(root, "examples", "tables"))).toEqual(json);
  });

  it("round trips: network → tables → network gives what the form carries", async () => {
    await fc.assert(
      fc.asyncProperty(richNetworkArb, async (network) => {
        expect(await roundTrip(network)).toEqual(carried(network));
      }),
      { numRuns: 200 },
    );
  });

  it("round trips networkArb's networks exactly (they hold nothing the form cannot carry)", async () => {
    await fc.assert(
      fc.asyncProperty(networkArb({ maxDeals: true }), async (network) => {
        expect(await roundTrip(network)).toEqual(network);
      }),
      { numRuns: 100 },
    );
  });

  it("writes a folder that readNetwork reads back", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "rd-tables-")), "out");
    const network = await readNetwork(join(root, "examples", "steel-valves", "network.json"));
    await writeNetworkTables(network, dir);
    expect(await readNetwork(dir)).toEqual(network);
  });
});
