import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Deal, Objective } from "../../src/economics/deal.js";
import type { Network } from "../../src/model/types.js";
import { highsBackend } from "../../src/portfolio/highs-backend.js";
import type { Portfolio } from "../../src/portfolio/portfolio-result.js";
import { runPortfolio, selectPortfolio } from "../../src/portfolio/select-portfolio.js";
import { bestBySubsets, close, instanceArb, valueUnder, violations } from "./fixtures.js";

/** Checks what must hold for any portfolio any solver returns. */
function checkPortfolio(
  network: Network,
  deals: readonly Deal[],
  result: Portfolio,
  optimum: number,
): void {
  expect(violations(network, deals, result.deals)).toEqual([]);
  const objective = result.objectiveName;
  for (const deal of result.deals) expect(valueUnder(deal, objective)).toBeGreaterThan(0);
  const sum = result.deals.reduce((s, d) => s + valueUnder(d, objective), 0);
  expect(close(result.objective, sum)).toBe(true);
  expect(result.objective).toBeLessThanOrEqual(optimum + 1e-9 * Math.max(1, optimum));
  expect(result.bound).toBeGreaterThanOrEqual(result.objective);
  expect(result.bound).toBeGreaterThanOrEqual(optimum - 1e-9 * Math.max(1, optimum));
  const gap = result.bound === 0 ? 0 : (result.bound - result.objective) / Math.abs(result.bound);
  expect(result.gap).toBeCloseTo(gap, 12);
  expect(result.optimal).toBe(result.status === "optimal");
  if (result.optimal) {
    expect(close(result.objective, optimum)).toBe(true);
    expect(result.gap).toBe(0);
  }
  // Order: by value descending, ties by id ascending.
  for (let i = 1; i < result.deals.length; i++) {
    const a = result.deals[i - 1];
    const b = result.deals[i];
    const va = valueUnder(a, objective);
    const vb = valueUnder(b, objective);
    expect(va > vb || (va === vb && a.id < b.id)).toBe(true);
  }
}

const objectiveArb = fc.constantFrom<Objective>("surplus", "expectedSurplus");

describe("selectPortfolio against the subset oracle", () => {
  it("exact finds the optimum of every subset search and proves it", async () => {
    await fc.assert(
      fc.asyncProperty(
        instanceArb({ maxDeals: 14 }),
        objectiveArb,
        async ({ network, deals }, objective) => {
          const optimum = bestBySubsets(network, deals, objective);
          const result = await selectPortfolio(network, deals, { solver: "exact", objective });
          checkPortfolio(network, deals, result, optimum);
          expect(result.status).toBe("optimal");
          expect(result.solver).toBe("exact");
        },
      ),
    );
  });

  it("exact through the LP, rounding, fixing and MIP path (no enumeration) is optimal too", async () => {
    await fc.assert(
      fc.asyncProperty(
        instanceArb({ maxDeals: 14 }),
        objectiveArb,
        async ({ network, deals }, objective) => {
          const optimum = bestBySubsets(network, deals, objective);
          const result = await runPortfolio(
            network,
            deals,
            { solver: "exact", objective },
            { backend: highsBackend, enumerationLimit: 0 },
          );
          checkPortfolio(network, deals, result, optimum);
          expect(result.status).toBe("optimal");
        },
      ),
      { numRuns: 60 },
    );
  });

  it("greedy returns a valid portfolio under a proved bound", async () => {
    await fc.assert(
      fc.asyncProperty(
        instanceArb({ maxDeals: 14 }),
        objectiveArb,
        async ({ network, deals }, objective) => {
          const optimum = bestBySubsets(network, deals, objective);
          const result = await selectPortfolio(network, deals, { solver: "greedy", objective });
          checkPortfolio(network, deals, result, optimum);
          expect(result.solver).toBe("greedy");
          expect(["optimal", "feasible"]).toContain(result.status);
        },
      ),
    );
  });

  it("initiator objectives: the default is expectedInitiatorNet when deals carry an initiator", async () => {
    await fc.assert(
      fc.asyncProperty(
        instanceArb({ maxDeals: 10, initiator: true }),
        async ({ network, deals }) => {
          const result = await selectPortfolio(network, deals);
          expect(result.objectiveName).toBe(
            deals.length === 0 ? "expectedSurplus" : "expectedInitiatorNet",
          );
          checkPortfolio(
            network,
            deals,
            result,
            bestBySubsets(network, deals, result.objectiveName),
          );
          const net = await selectPortfolio(network, deals, { objective: "initiatorNet" });
          checkPortfolio(network, deals, net, bestBySubsets(network, deals, "initiatorNet"));
          expect(net.status).toBe("optimal");
        },
      ),
      { numRuns: 50 },
    );
  });

  it("a zero time limit or an aborted signal still returns a valid portfolio with a valid bound", async () => {
    await fc.assert(
      fc.asyncProperty(
        instanceArb({ maxDeals: 12 }),
        fc.boolean(),
        async ({ network, deals }, abort) => {
          const optimum = bestBySubsets(network, deals, "expectedSurplus");
          const controller = new AbortController();
          controller.abort();
          const options = abort ? { signal: controller.signal } : { timeLimitMs: 0 };
          const result = await selectPortfolio(network, deals, { solver: "exact", ...options });
          checkPortfolio(network, deals, result, optimum);
          expect(["optimal", abort ? "aborted" : "timedout"]).toContain(result.status);
          // Whenever a deal is worth something alone, the portfolio is not empty.
          const worth = deals.some(
            (d) =>
              d.feasible &&
              valueUnder(d, "expectedSurplus") > 0 &&
              violations(network, deals, [d]).length === 0,
          );
          if (worth) expect(result.deals.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 50 },
    );
  });
});
