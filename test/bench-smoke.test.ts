/**
 * A seconds-long run of the benchmark suite's harness (bench/lib) on the
 * source library with a tiny network: every stage must validate; and one
 * round of the threads' search-phase bench on the built library. No timing
 * is asserted; `npm run bench` does the real runs against the built package.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { asBenchLibrary } from "../bench/lib/library.js";
import { resultsMarkdown } from "../bench/lib/report.js";
import { runSize } from "../bench/lib/suite.js";
import { checkPortfolio, dealProblem, idHash } from "../bench/lib/validate.js";
import * as advanced from "../src/advanced.js";
import { generateNetwork } from "../src/generator/index.js";
import type { Deal, Network } from "../src/node.js";
import * as api from "../src/node.js";
import { temporaryFolder } from "./helpers/temporary-folder.js";

describe("benchmark suite smoke run", () => {
  it("runs every stage at 300 firms and every result validates", async () => {
    const library = asBenchLibrary({ ...advanced, ...api } as unknown as Record<string, unknown>);
    const result = await runSize(library, generateNetwork, {
      firms: 300,
      source: { kind: "generated", seed: 3 },
      measure: { minReps: 1, maxReps: 1, budgetMs: 0 },
      dealCap: 20_000,
      searchLimitMs: 10_000,
      selectionCandidates: 150,
      exactTimeLimitMs: 10_000,
      largestText: 200_000,
    });
    const failures = result.stages
      .filter((s) => s.status !== "ok")
      .map((s) => `${s.stage} ${s.variant}: ${s.note}`);
    expect(failures).toEqual([]);
    const names = result.stages.map((s) => s.stage);
    for (const stage of ["generate", "parse", "index", "search", "find", "score", "select"])
      expect(names).toContain(stage);
    expect(result.stages.filter((s) => s.stage === "search")).toHaveLength(7);
    const index = result.stages.find((s) => s.stage === "index")!;
    expect(index.counters.trades).toBeGreaterThan(0);
    expect(result.peakRssMiB).toBeGreaterThan(0);
    const markdown = resultsMarkdown({
      environment: {
        cpu: "test",
        cores: 1,
        memoryGiB: 1,
        os: "test",
        node: process.version,
        date: "today",
      },
      library: { path: "src", version: "0", exports: {} },
      command: "test",
      notes: [],
      sizes: [result],
    });
    expect(markdown.split("\n").filter((line) => line.startsWith("| search |"))).toHaveLength(7);
  });
});

describe("the threads' search-phase bench, smoke run", () => {
  const root = join(__dirname, "..");
  const node = (args: readonly string[]) =>
    execFileSync(process.execPath, args, { cwd: root, encoding: "utf8", stdio: "pipe" });

  // On the built library (dist/, made by `npm test`'s build step), as the bench runs.
  it("compares one thread, two threads and two one-thread shard processes on the same deals", () => {
    const network = join(temporaryFolder("rd-search-phase-"), "network.jsonl");
    node(["dist/cli/main.js", "generate", "--firms", "400", "--seed", "5", "--out", network]);
    const bench = ["bench/threads/search-phase.mjs", network, "--top", "all", "--k", "3"];
    const out = node([...bench, "--fresh", "--beside", "--reps", "1"]);
    // The bench throws unless the two shards rank exactly the one-thread run's deals.
    expect(out).toMatch(/^rep 1: 1 thread \d+ ms .*; 2 threads \d+ ms/m);
    expect(out).toMatch(
      /2 one-thread shard processes side by side \d+ \/ \d+ ms, alone \d+ \/ \d+ ms/,
    );
    expect(out).toMatch(
      /^median: 2 processes side by side [\d.]+× one thread; 2 threads [\d.]+× the processes/m,
    );
    // A shard's best 20 is not its share of the single run's: refused.
    expect(() => node([...bench.slice(0, 2), "--fresh", "--beside", "--reps", "1"])).toThrow(
      /--fresh --top all/,
    );
  });
});

describe("the harness's own validators", () => {
  const trade = (seller: string, buyer: string, premium: number, quantity = 1) => ({
    seller,
    buyer,
    product: "p",
    quantity,
    unitPrice: 1,
    margin: 1,
    premium,
    probability: 1,
    discount: 0,
    counter: null,
  });
  const party = (firm: string) => ({
    firm,
    marginGained: 0,
    premiumPaid: 0,
    discountGiven: 0,
    discountReceived: 0,
    net: 0,
    exposure: 0,
    defensible: true,
  });
  const deal = (id: string, kind: Deal["kind"], trades: Deal["trades"], feasible = true): Deal => {
    const firms = [...new Set(trades.flatMap((t) => [t.seller, t.buyer]))];
    return {
      id,
      kind,
      feasible,
      defensible: feasible,
      score: 1,
      surplus: 1,
      probability: 1,
      expectedSurplus: 1,
      trades,
      parties: firms.map(party),
    };
  };

  it("accepts sound deals and names what is wrong with malformed ones", () => {
    const cycle = deal("cycle:a>b:p|b>a:p", "cycle", [trade("a", "b", 1), trade("b", "a", -1)]);
    expect(dealProblem(cycle, "cycle", 2)).toBeUndefined();
    expect(dealProblem(cycle, "brokered", 3)).toMatch(/kind/);
    const free = deal("cycle:a>b:p|b>a:p", "cycle", [trade("a", "b", 0), trade("b", "a", -1)]);
    expect(dealProblem(free, "cycle", 2)).toMatch(/not reciprocal/);
    const triangle = deal("cycle:a>b:p|b>c:p|c>a:p", "cycle", [
      trade("a", "b", 1),
      trade("b", "c", 1),
      trade("c", "a", 1),
    ]);
    expect(dealProblem(triangle, "cycle", 2)).toMatch(/do not make/);
    const chain = deal("chain:a>b:p|b>c:p", "chain", [trade("a", "b", 1), trade("b", "c", 1)]);
    expect(dealProblem(chain, "chain", 3)).toBeUndefined();
  });

  it("recomputes capacities, needs and maxDeals of a portfolio", () => {
    // a sells p (capacity 3) to b and c; b needs 2, c needs 2; c is in at most 1 deal.
    const network: Network = {
      firms: [
        { id: "a", offers: [{ product: "p", price: 2, cost: 1, capacity: 3 }] },
        { id: "b", needs: [{ product: "p", quantity: 2 }] },
        { id: "c", maxDeals: 1, needs: [{ product: "p", quantity: 2 }] },
      ],
    };
    const ab = deal("x:ab", "cycle", [trade("a", "b", 1, 2)]);
    const ac = deal("x:ac", "cycle", [trade("a", "c", 1, 2)]);
    const ac2 = deal("x:ac2", "cycle", [trade("a", "c", 1, 1)]);
    expect(checkPortfolio(network, [ab, ac], [ab]).problems).toEqual([]);
    expect(checkPortfolio(network, [ab, ac], [ab]).expectedSurplus).toBe(1);
    // 2 + 2 = 4 units sold against a capacity of 3.
    expect(checkPortfolio(network, [ab, ac], [ab, ac]).problems.join()).toMatch(
      /offer a\/p: 4 sold, capacity 3/,
    );
    // c is in 2 deals with maxDeals 1, and buys 2 + 1 = 3 units against a need of 2.
    const problems = checkPortfolio(network, [ac, ac2], [ac, ac2]).problems.join();
    expect(problems).toMatch(/firm c: in 2 deals, maxDeals 1/);
    expect(problems).toMatch(/need c\/p: 3 bought, quantity 2/);
    expect(checkPortfolio(network, [ab], [ab, ab]).problems.join()).toMatch(/chosen twice/);
    expect(checkPortfolio(network, [ab], [ac]).problems.join()).toMatch(/not a candidate/);
  });

  it("hashes ids to 53-bit integers, equal ids equal hashes", () => {
    expect(idHash("cycle:a>b:p")).toBe(idHash("cycle:a>b:p"));
    expect(idHash("cycle:a>b:p")).not.toBe(idHash("cycle:b>a:p"));
    expect(Number.isSafeInteger(idHash("x".repeat(1000)))).toBe(true);
  });
});
