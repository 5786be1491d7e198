/**
 * Deal ids (SPEC v3 §4): `\`, `>`, `:` and `|` inside firm ids and products
 * are escaped, so distinct deals get distinct ids for any strings and
 * `parseDealId` reads an id back.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findDeals } from "../../src/economics/find-deals.js";
import { UsageError } from "../../src/model/errors.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import { selectPortfolio } from "../../src/portfolio/select-portfolio.js";
import {
  type DealIdKind,
  type DealIdTrade,
  escapeIdPart,
  formatDealId,
  parseDealId,
} from "../../src/search/deal-id.js";
import { compareIds } from "../../src/util/compare-ids.js";
import { randomNetwork } from "../helpers/random-network.js";

const colliding = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "colliding-ids.json"), "utf8"),
);

/** Strings made mostly of the characters an id escapes, so that near-collisions are common. */
const tricky = fc.string({
  unit: fc.constantFrom("\\", ">", ":", "|", "a", "b", "x"),
  minLength: 1,
  maxLength: 6,
});
const anyText = fc.oneof(tricky, fc.string({ unit: "binary", minLength: 1, maxLength: 8 }));
const kind = fc.constantFrom<DealIdKind>("cycle", "brokered", "chain", "custom");
const trade = fc.record({ seller: anyText, buyer: anyText, product: anyText });
const deal = fc.record({ kind, trades: fc.array(trade, { minLength: 1, maxLength: 4 }) });

describe("deal ids", () => {
  it("escapes \\, >, : and | with a backslash (SPEC §4's example)", () => {
    expect(escapeIdPart("x|y")).toBe("x\\|y");
    expect(escapeIdPart("a\\b>c:d")).toBe("a\\\\b\\>c\\:d");
    expect(escapeIdPart("plain-id é")).toBe("plain-id é");
    expect(formatDealId("cycle", [{ seller: "a", buyer: "b", product: "x|y" }])).toBe(
      "cycle:a>b:x\\|y",
    );
  });

  it("reads every id back: parseDealId(formatDealId(x)) = x", () => {
    fc.assert(
      fc.property(deal, ({ kind, trades }) => {
        expect(parseDealId(formatDealId(kind, trades))).toEqual({ kind, trades });
      }),
    );
  });

  it("gives distinct deals distinct ids, for any strings", () => {
    fc.assert(
      fc.property(deal, deal, (a, b) => {
        const same = formatDealId(a.kind, a.trades) === formatDealId(b.kind, b.trades);
        expect(same).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
      { numRuns: 2000 },
    );
  });

  it("tells apart the colliding deals of issue 16", () => {
    const one: DealIdTrade[] = [
      { seller: "a", buyer: "b", product: "x" },
      { seller: "b", buyer: "a", product: "y|b>a:z" },
    ];
    const two: DealIdTrade[] = [
      { seller: "a", buyer: "b", product: "x|b>a:y" },
      { seller: "b", buyer: "a", product: "z" },
    ];
    expect(formatDealId("cycle", one)).toBe("cycle:a>b:x|b>a:y\\|b\\>a\\:z");
    expect(formatDealId("cycle", two)).toBe("cycle:a>b:x\\|b\\>a\\:y|b>a:z");
  });

  it.each([
    ["", "no kind"],
    ["loop:a>b:x", "an unknown kind"],
    ["cycle:a>b", "a trade without product"],
    ["cycle:a>b:x|", "an empty trade"],
    ["cycle:a>b:x:y", "an unescaped : in a product"],
    ["cycle:a>b>c:x", "an unescaped > in a buyer"],
    ["cycle:a>:x", "an empty buyer"],
    ["cycle:a>b:x\\", "a \\ at the end"],
    ["cycle:a>b:x\\y", "a \\ before a plain character"],
  ])("refuses %j (%s) with a UsageError", (id) => {
    expect(() => parseDealId(id)).toThrow(UsageError);
  });
});

/** A renaming of the ids of a plain network: every firm id and product through `rename`. */
function renamed(
  network: ReturnType<typeof JSON.parse>,
  firm: (id: string) => string,
  product: (id: string) => string,
) {
  return {
    firms: network.firms.map((f: Record<string, unknown> & { id: string }) => ({
      ...f,
      id: firm(f.id),
      offers: (f.offers as { product: string }[]).map((o) => ({
        ...o,
        product: product(o.product),
      })),
      needs: (f.needs as { product: string; incumbent?: string }[]).map((n) => ({
        ...n,
        product: product(n.product),
        ...(n.incumbent === undefined
          ? {}
          : { incumbent: n.incumbent.startsWith("f") ? firm(n.incumbent) : n.incumbent }),
      })),
    })),
    relations: (network.relations as { seller: string; buyer: string; product?: string }[]).map(
      (r) => ({
        ...r,
        seller: firm(r.seller),
        buyer: firm(r.buyer),
        ...(r.product === undefined ? {} : { product: product(r.product) }),
      }),
    ),
  };
}

describe("deal ids of found deals", () => {
  // f0, f1, … and p0, p1, … become ids full of characters an id escapes.
  const weirdFirm = (id: string) => `${id.replace("f", "f|")}>:\\`;
  const weirdProduct = (id: string) => `${id}:x|${id}>`;

  it("are formatDealId of the deal's trades, unique, and sort by UTF-16 order on ties", () => {
    fc.assert(
      fc.property(randomNetwork({ maxFirms: 5, maxProducts: 3 }), (plain) => {
        const network = parseNetwork(renamed(plain, weirdFirm, weirdProduct));
        const deals = findDeals(network, { top: Number.POSITIVE_INFINITY, maxParties: 3 });
        const ids = deals.map((d) => d.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const d of deals) {
          expect(d.id).toBe(formatDealId(d.kind, d.trades));
          const parsed = parseDealId(d.id);
          expect(parsed.trades).toEqual(
            d.trades.map(({ seller, buyer, product }) => ({ seller, buyer, product })),
          );
        }
        // Ranked by score, ties by the id strings in UTF-16 order, escapes and all.
        const sorted = [...deals].sort((a, b) => b.score - a.score || compareIds(a.id, b.id));
        expect(ids).toEqual(sorted.map((d) => d.id));
        // The best N are the first N of the full ranking (the bounded heap ties by id too).
        for (const top of [1, 2, 3]) {
          expect(findDeals(network, { top, maxParties: 3 }).map((d) => d.id)).toEqual(
            ids.slice(0, top),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it("keeps both deals of the colliding-id network, and select chooses both (520, not 260)", async () => {
    const network = parseNetwork(colliding);
    const deals = findDeals(network, { top: Number.POSITIVE_INFINITY });
    // Hand-computed in the fixture's meta: two deals of surplus 260 each.
    expect(deals.map((d) => [d.id, d.surplus])).toEqual([
      ["cycle:a>b:x\\|b\\>a\\:y|b>a:z", 260],
      ["cycle:a>b:x|b>a:y\\|b\\>a\\:z", 260],
    ]);
    const portfolio = await selectPortfolio(network, deals);
    expect(portfolio.status).toBe("optimal");
    expect(portfolio.deals).toHaveLength(2);
    expect(portfolio.objective).toBe(520);
  });
});
