import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { formatDuration, ProgressReporter } from "../../src/cli/progress.js";
import { searchProgressState } from "../../src/cli/search-progress.js";

/** A reporter on a fake terminal with a clock the test moves. */
function setup(interactive: boolean, extraLabel = "") {
  const stderr = new PassThrough();
  const writes: string[] = [];
  stderr.on("data", (chunk: Buffer) => writes.push(chunk.toString("utf8")));
  let now = 0;
  const progress = new ProgressReporter(
    { stderr, interactive },
    { label: "firms", extraLabel, now: () => now },
  );
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    progress,
    writes,
    flush,
    at(ms: number) {
      now = ms;
    },
  };
}

describe("ProgressReporter", () => {
  it("stays silent when stderr is not a terminal", async () => {
    const { progress, writes, flush, at } = setup(false);
    at(5000);
    progress.update(10, 100, 3);
    progress.finish();
    await flush();
    expect(writes).toEqual([]);
  });

  it("draws nothing during the first second, then done/total, rate, ETA and the counter", async () => {
    const { progress, writes, flush, at } = setup(true, "deals found");
    at(900);
    progress.update(10, 100);
    await flush();
    expect(writes).toEqual([]);
    // At 2 s: 50 of 200 done → 25/s; 150 left at 25/s → ETA 6s; 25% done.
    at(2000);
    progress.update(50, 200, 1234);
    await flush();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toBe("\r\u001b[Kfirms 50/200 (25%) · 25/s · ETA 6s · deals found 1,234 · 2s");
  });

  it("redraws at most ten times a second", async () => {
    const { progress, writes, flush, at } = setup(true);
    // 1,000 updates 1 ms apart from t = 1.5 s to 2.5 s: one draw per 100 ms → at most 10.
    for (let i = 0; i < 1000; i++) {
      at(1500 + i);
      progress.update(i, 1000);
    }
    await flush();
    expect(writes.length).toBeGreaterThanOrEqual(9);
    expect(writes.length).toBeLessThanOrEqual(10);
  });

  it("shows a count without total, and clears its line when done (only if it drew)", async () => {
    const { progress, writes, flush, at } = setup(true);
    at(4000);
    progress.update(1_234_567);
    progress.finish();
    progress.update(2_000_000);
    await flush();
    // 1,234,567 in 4 s → 308,641.75/s → "308,642/s".
    expect(writes).toEqual(["\r\u001b[Kfirms 1,234,567 · 308,642/s · 4s", "\r\u001b[K"]);
    const quiet = setup(true);
    quiet.progress.finish();
    await quiet.flush();
    expect(quiet.writes).toEqual([]);
  });

  it("formats durations", () => {
    expect(formatDuration(0.4)).toBe("0s");
    expect(formatDuration(59)).toBe("59s");
    expect(formatDuration(125)).toBe("2m05s");
    expect(formatDuration(3720)).toBe("1h02m");
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe("?");
  });

  it("draws a stage, its items, the share of the whole and the ETA from it", async () => {
    const { progress, writes, flush, at } = setup(true, "deals found");
    at(3000);
    // A quarter done in 3 s: 9 s left.
    progress.report({ stage: "cycle 1/2", done: 500, total: 1000, fraction: 0.25, extra: 7 });
    at(4000);
    progress.report({ stage: "cycle 1/2", done: 0, total: 1000, fraction: 0.004 });
    await flush();
    expect(writes).toEqual([
      "\r\u001b[Kcycle 1/2 · firms 500/1,000 · 25% done · ETA 9s · deals found 7 · 3s",
      // 0.4% in 4 s: 996 s left = 16m36s.
      "\r\u001b[Kcycle 1/2 · firms 0/1,000 · 0.4% done · ETA 16m36s · 4s",
    ]);
  });
});

describe("searchProgressState", () => {
  const stats = (rootsDone: number, rootsTotal: number, rootShare: number, deals = 0) => ({
    steps: 0,
    deals,
    rootsDone,
    rootsTotal,
    rootShare,
  });

  it("counts firms, not firms × kinds, and the kind apart", () => {
    // 100,000 firms, two kinds: the second kind's 30,000th firm, a fifth through the next.
    const state = searchProgressState(
      stats(130_000, 200_000, 0.2, 12),
      ["cycle", "brokered"],
      100_000,
    );
    expect(state).toEqual({
      stage: "brokered 2/2",
      done: 30_000,
      total: 100_000,
      fraction: 130_000.2 / 200_000,
      extra: 12,
    });
  });

  it("moves within the first root search (a dense graph)", () => {
    const state = searchProgressState(stats(0, 3, 0.5), ["chain"], 3);
    expect(state.fraction).toBeCloseTo(0.5 / 3, 12);
    expect(state.stage).toBe("chain 1/1");
  });
});
