import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MetaColumn } from "../../src/model/network-columns.js";

describe("MetaColumn", () => {
  it("gives each record's meta as a plain array of records would", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.dictionary(fc.string(), fc.nat()), { nil: undefined })),
        (metas) => {
          const column = new MetaColumn();
          metas.forEach((meta, i) => {
            if (meta !== undefined) column.set(i, meta);
          });
          expect(column.stated).toBe(metas.filter((meta) => meta !== undefined).length);
          for (let i = 0; i <= metas.length; i++) expect(column.get(i)).toBe(metas[i]);
        },
      ),
    );
  });

  it("refuses a record out of order (records are appended)", () => {
    const column = new MetaColumn();
    column.set(3, {});
    expect(() => column.set(3, {})).toThrow(/out of order/);
  });
});
