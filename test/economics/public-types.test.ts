/**
 * Type tests of the economics API: what callers may pass and what they get.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { Deal, DealShape, Objective, Policy } from "../../src/economics/deal.js";
import { type DealJson, dealToJson } from "../../src/economics/deal-json.js";
import { findDeals, iterateDeals } from "../../src/economics/find-deals.js";
import type { FindDealsOptions } from "../../src/economics/find-options.js";
import { scoreDeal, type TradeSpec } from "../../src/economics/score-deal.js";
import type { Network } from "../../src/model/types.js";
import type { SearchStats } from "../../src/search/deal-walk.js";

describe("economics API types", () => {
  it("takes readonly optional options and returns deals", () => {
    expectTypeOf(findDeals).parameter(0).toEqualTypeOf<Network>();
    expectTypeOf(findDeals).returns.toEqualTypeOf<Deal[]>();
    expectTypeOf(iterateDeals).returns.toEqualTypeOf<Generator<Deal, void, undefined>>();
    expectTypeOf<FindDealsOptions>().toMatchTypeOf<{
      readonly initiator?: string;
      readonly policy?: Policy;
      readonly objective?: Objective;
      readonly top?: number;
      readonly onProgress?: (stats: Readonly<SearchStats>) => void;
    }>();
    expectTypeOf<Record<string, never>>().toMatchTypeOf<FindDealsOptions>();
    expectTypeOf(scoreDeal).parameter(1).toEqualTypeOf<readonly TradeSpec[]>();
    expectTypeOf(scoreDeal).returns.toEqualTypeOf<Deal>();
  });

  it("writes efficiency as number | null in JSON, and kinds include custom", () => {
    expectTypeOf(dealToJson).returns.toEqualTypeOf<DealJson>();
    expectTypeOf<NonNullable<DealJson["initiator"]>["efficiency"]>().toEqualTypeOf<number | null>();
    expectTypeOf<Deal["kind"]>().toEqualTypeOf<DealShape>();
    expectTypeOf<DealShape>().toEqualTypeOf<"cycle" | "brokered" | "chain" | "custom">();
  });
});
