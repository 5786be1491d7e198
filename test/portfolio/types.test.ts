import { describe, expectTypeOf, it } from "vitest";
import type { Deal, Objective } from "../../src/economics/deal.js";
import type { Network } from "../../src/model/types.js";
import {
  defaultPortfolioOptions,
  type PortfolioOptions,
  type PortfolioSolver,
} from "../../src/portfolio/portfolio-options.js";
import type { Portfolio, PortfolioStatus } from "../../src/portfolio/portfolio-result.js";
import { selectPortfolio } from "../../src/portfolio/select-portfolio.js";

describe("public types of the portfolio", () => {
  it("selectPortfolio takes a network, deals and options and resolves to a Portfolio", () => {
    expectTypeOf(selectPortfolio).parameters.toEqualTypeOf<
      [Network, readonly Deal[], (PortfolioOptions | undefined)?]
    >();
    expectTypeOf(selectPortfolio).returns.resolves.toEqualTypeOf<Portfolio>();
  });

  it("options are optional and readonly; results are data", () => {
    expectTypeOf<Record<string, never>>().toMatchTypeOf<PortfolioOptions>();
    expectTypeOf<PortfolioOptions["solver"]>().toEqualTypeOf<PortfolioSolver | undefined>();
    expectTypeOf<PortfolioOptions["objective"]>().toEqualTypeOf<Objective | undefined>();
    expectTypeOf<PortfolioStatus>().toEqualTypeOf<
      "optimal" | "feasible" | "timedout" | "aborted"
    >();
    expectTypeOf<Portfolio["deals"]>().toEqualTypeOf<readonly Deal[]>();
    expectTypeOf<Portfolio["solver"]>().toEqualTypeOf<"exact" | "greedy">();
    expectTypeOf(defaultPortfolioOptions.solver).toEqualTypeOf<"auto">();
  });
});
