/**
 * Type tests of the economics API: what callers may pass and what they get.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { Deal, DealShape, Objective, Policy } from "../../src/economics/deal.js";
import { type DealJson, dealToJson } from "../../src/economics/deal-json.js";
import {
  findDeals,
  findDealsAsync,
  iterateDeals,
  type RankedDeals,
  rankDealsAsync,
} from "../../src/economics/find-deals.js";
import type { FindDealsOptions } from "../../src/economics/find-options.js";
import { scoreDeal, type TradeSpec } from "../../src/economics/score-deal.js";
import type { Network } from "../../src/model/types.js";
import type { SearchStats } from "../../src/search/deal-walk.js";
import type { DealKind } from "../../src/search/kinds.js";

describe("economics API types", () => {
  it("takes readonly optional options and returns deals", () => {
    expectTypeOf(findDeals).parameter(0).toEqualTypeOf<Network>();
    expectTypeOf(findDeals).returns.toEqualTypeOf<Deal<DealKind>[]>();
    expectTypeOf(iterateDeals).returns.toEqualTypeOf<Generator<Deal<DealKind>, void, undefined>>();
    expectTypeOf<FindDealsOptions>().toMatchTypeOf<{
      readonly initiator?: string;
      readonly policy?: Policy;
      readonly objective?: Objective;
      readonly top?: number;
      readonly onProgress?: (stats: Readonly<SearchStats>) => void;
    }>();
    expectTypeOf<Record<string, never>>().toMatchTypeOf<FindDealsOptions>();
    expectTypeOf(findDealsAsync).returns.toEqualTypeOf<Promise<Deal<DealKind>[]>>();
    expectTypeOf(rankDealsAsync).returns.toEqualTypeOf<Promise<RankedDeals>>();
    expectTypeOf<FindDealsOptions["shard"]>().toEqualTypeOf<
      { readonly current: number; readonly total: number } | undefined
    >();
    expectTypeOf(scoreDeal).parameter(1).toEqualTypeOf<readonly TradeSpec[]>();
    expectTypeOf(scoreDeal).returns.toEqualTypeOf<Deal>();
  });

  it("narrows a search's deals to the SPEC kinds; only scoreDeal's may be custom", () => {
    expectTypeOf<ReturnType<typeof findDeals>[number]["kind"]>().toEqualTypeOf<DealKind>();
    expectTypeOf<ReturnType<typeof scoreDeal>["kind"]>().toEqualTypeOf<DealShape>();
    // A search's deals go wherever any deal goes (selectPortfolio, explainDeal).
    expectTypeOf<Deal<DealKind>>().toMatchTypeOf<Deal>();
  });

  it("carries the counter and, with room, the ranges", () => {
    expectTypeOf<Deal["trades"][number]["counter"]>().toEqualTypeOf<number | null>();
    expectTypeOf<Deal["trades"][number]["discountRange"]>().toEqualTypeOf<
      readonly [min: number, max: number] | null | undefined
    >();
    expectTypeOf<Deal["parties"][number]["defensible"]>().toEqualTypeOf<boolean>();
    expectTypeOf<FindDealsOptions["competition"]>().toEqualTypeOf<"none" | "counter" | undefined>();
  });

  it("writes efficiency as number | null in JSON, and kinds include custom", () => {
    expectTypeOf(dealToJson).returns.toEqualTypeOf<DealJson>();
    expectTypeOf<NonNullable<DealJson["initiator"]>["efficiency"]>().toEqualTypeOf<number | null>();
    expectTypeOf<Deal["kind"]>().toEqualTypeOf<DealShape>();
    expectTypeOf<DealShape>().toEqualTypeOf<"cycle" | "brokered" | "chain" | "custom">();
  });
});
