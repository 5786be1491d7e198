import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NetworkError } from "../../../src/model/errors.js";
import { parseNetwork } from "../../../src/model/parse-network.js";
import { readTables, tablesOfTexts } from "../../../src/model/tables/read-tables.js";
import { readNetworkTables } from "../../../src/model/tables/tables-files.js";

const firms = "id,name\na,Alpha\nb,Beta\n";
const offers = "firm,product,price,cost,capacity\n";
const needs = "firm,product,quantity\n";

/** Every problem reading `texts` reports, as `path: message`. */
async function problems(texts: Record<string, string>): Promise<string[]> {
  try {
    await readTables(tablesOfTexts(texts));
  } catch (error) {
    expect(error).toBeInstanceOf(NetworkError);
    return (error as NetworkError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error("expected a NetworkError");
}

describe("readTables", () => {
  it("reads the records of the document form, offers and needs under their firm in file order", async () => {
    const network = await readTables(
      tablesOfTexts({
        "network.csv": "currency,meta.source\nEUR,crm\n",
        "firms.csv": "id,name,keyAccount,hurdle,meta.crmId\na,Alpha,TRUE,,A-1\nb,,false,5,\n",
        "offers.csv": `${offers}b,y,3,1,9\na,x,10,4,5\nb,x,2,1,1\n`,
        "needs.csv": "firm,product,quantity,referencePrice,incumbent\nb,x,3,12, rival\n",
        "relations.csv":
          'seller,buyer,product,probability,blocked,meta.note\na,b,x,0.5,,"a, b"\nb,a,,,true,\n',
      }),
    );
    expect(network).toEqual(
      parseNetwork({
        currency: "EUR",
        meta: { source: "crm" },
        firms: [
          {
            id: "a",
            name: "Alpha",
            keyAccount: true,
            meta: { crmId: "A-1" },
            offers: [{ product: "x", price: 10, cost: 4, capacity: 5 }],
          },
          {
            id: "b",
            keyAccount: false,
            hurdle: 5,
            offers: [
              { product: "y", price: 3, cost: 1, capacity: 9 },
              { product: "x", price: 2, cost: 1, capacity: 1 },
            ],
            needs: [{ product: "x", quantity: 3, referencePrice: 12, incumbent: " rival" }],
          },
        ],
        relations: [
          { seller: "a", buyer: "b", product: "x", probability: 0.5, meta: { note: "a, b" } },
          { seller: "b", buyer: "a", blocked: true },
        ],
      }),
    );
  });

  it("reads firms.csv alone, with a byte-order mark, CRLF lines and blank lines", async () => {
    const network = await readTables(
      tablesOfTexts({ "firms.csv": "\uFEFFid,hurdle\r\na, 7 \r\n\r\n,\r\nb,\r\n" }),
    );
    expect(network).toEqual(parseNetwork({ firms: [{ id: "a", hurdle: 7 }, { id: "b" }] }));
  });

  it("names the file of a missing firms.csv and of an unknown CSV file", async () => {
    expect(await problems({ "offer.csv": offers })).toEqual([
      "offer.csv: unknown file (a tables folder holds network.csv, firms.csv, offers.csv, needs.csv, relations.csv)",
      "firms.csv: required file is missing",
    ]);
  });

  it("names line 1 and the column of an unknown, a repeated and a missing column", async () => {
    expect(
      await problems({
        "firms.csv": "id,colour,id\na,red,a\n",
        "offers.csv": "firm,product,price,capacity\n",
      }),
    ).toEqual([
      "firms.csv line 1: colour: unknown column (firms.csv has id, name, industry, keyAccount, hurdle, maxDeals, meta.KEY)",
      "firms.csv line 1: id: the column appears twice",
      "offers.csv line 1: cost: required column is missing",
    ]);
    expect(await problems({ "firms.csv": "" })).toEqual([
      "firms.csv line 1: id: required column is missing",
    ]);
  });

  it("names the line of a row with the wrong number of cells and of bad quoting", async () => {
    expect(await problems({ "firms.csv": 'id,name\na\nb,"Beta\n' })).toEqual([
      "firms.csv line 2: 1 cells where the header has 2 columns",
      'firms.csv line 3: a quoted cell is never closed (a " is missing)',
    ]);
  });

  it("names the line and column of an offer or need whose firm is missing or not in firms.csv", async () => {
    expect(
      await problems({
        "firms.csv": firms,
        "offers.csv": `${offers}c,x,2,1,1\n`,
        "needs.csv": `${needs},x,1\n`,
      }),
    ).toEqual([
      'offers.csv line 2: firm: firm "c" is not in firms.csv',
      "needs.csv line 2: firm: required field is missing",
    ]);
  });

  it("names file, line and column of every field the schemas reject, all at once", async () => {
    expect(
      await problems({
        "firms.csv": "id,keyAccount,hurdle,maxDeals\na,yes,-1,1.5\nb,,,\nc,,,\na,,,\n",
        "offers.csv": `${offers}b,x,abc,1,1\nb,y,2,3,1\nb,z,2,1,0\nc,x,2,1,1\nc,x,3,1,1\n`,
        "needs.csv": `${needs}b,x,0\nc,x,1\nc,x,2\n`,
        "relations.csv":
          "seller,buyer,probability,blocked\na,z,0.5,\nb,c,2,\nc,b,,\nc,b,,true\nb,c,,maybe\n",
      }),
    ).toEqual([
      "firms.csv line 2: keyAccount: must be a boolean",
      "firms.csv line 2: hurdle: hurdle must be ≥ 0",
      "firms.csv line 2: maxDeals: maxDeals must be a whole number",
      'firms.csv line 5: id: duplicate firm id "a" (first at firms.csv line 2)',
      "offers.csv line 2: price: must be a number",
      "offers.csv line 3: cost: cost 3 is above price 2",
      "offers.csv line 4: capacity: capacity must be > 0",
      'offers.csv line 6: product: a second offer for product "x" (one per product per firm)',
      "needs.csv line 2: quantity: quantity must be > 0",
      'needs.csv line 4: product: a second need for product "x" (one per product per firm)',
      'relations.csv line 2: buyer: buyer "z" is not a firm of the network',
      "relations.csv line 3: probability: probability must be in (0, 1]",
      'relations.csv line 5: duplicate relation for seller "c", buyer "b" (same pair)',
      "relations.csv line 6: blocked: must be a boolean",
    ]);
  });

  it("names the line of a second row in network.csv", async () => {
    expect(await problems({ "network.csv": "currency\nEUR\nUSD\n", "firms.csv": firms })).toEqual([
      "network.csv line 3: network.csv has only one row",
    ]);
  });

  it("names the line of bytes that are not UTF-8", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rd-tables-"));
    const latin1 = Buffer.from("id,name\na,Alpha\nb,M\xfcller\nc,C\n", "latin1");
    writeFileSync(join(dir, "firms.csv"), latin1);
    await expect(readNetworkTables(dir)).rejects.toMatchObject({
      issues: [
        {
          path: "firms.csv line 3",
          message: 'not UTF-8 text (from a spreadsheet, save it as "CSV UTF-8")',
        },
      ],
    });
  });
});
