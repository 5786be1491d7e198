import { describe, expect, it } from "vitest";
import { needSchema } from "../../../src/model/schema.js";
import { tableColumns, tableFiles } from "../../../src/model/tables/table-layout.js";

/** The columns SPEC.md §2 lists for each file, in its order. */
const specColumns: Record<string, string[]> = {
  "network.csv": ["currency"],
  "firms.csv": ["id", "name", "industry", "keyAccount", "hurdle", "maxDeals"],
  "offers.csv": ["firm", "product", "price", "cost", "capacity"],
  "needs.csv": [
    "firm",
    "product",
    "quantity",
    "referencePrice",
    "switchingCost",
    "incumbent",
    "incumbentFloor",
  ],
  "relations.csv": ["seller", "buyer", "product", "probability", "blocked"],
};

describe("the tables layout", () => {
  it("has SPEC §2's files and, read off the schemas, SPEC §2's columns", () => {
    expect([...tableFiles].sort()).toEqual(Object.keys(specColumns).sort());
    // incumbentFloor is a column as soon as the need schema has the field.
    const hasFloor = "incumbentFloor" in needSchema.shape;
    for (const file of tableFiles) {
      const expected = specColumns[file].filter((name) => hasFloor || name !== "incumbentFloor");
      expect(tableColumns[file].map((column) => column.name)).toEqual(expected);
    }
  });

  it("requires the columns of the required fields, and the firm of offers and needs", () => {
    const required = Object.fromEntries(
      tableFiles.map((file) => [
        file,
        tableColumns[file].filter((column) => column.required).map((column) => column.name),
      ]),
    );
    expect(required).toEqual({
      "network.csv": [],
      "firms.csv": ["id"],
      "offers.csv": ["firm", "product", "price", "cost", "capacity"],
      "needs.csv": ["firm", "product", "quantity"],
      "relations.csv": ["seller", "buyer"],
    });
  });
});
