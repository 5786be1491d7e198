/**
 * `find --threads N` and `select --threads N` (issue 15): for random networks
 * and flags, 2 and 4 threads print byte for byte what 1 thread prints (from
 * the JSON and from its snapshot), in
 * every machine-readable form (json, jsonl, csv), for `--top N` and `--all`
 * (whose JSON the threads write themselves past 10,000 deals: the K9 case),
 * and select's portfolio is the same; a bad --threads exits 2.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withDefaultThreads } from "../../src/cli/commands/find.js";
import { defaultMinListingWork, defaultMinThreadedWork } from "../../src/economics/find-options.js";
import { completeGraph } from "../helpers/complete-graph.js";
import { randomNetwork } from "../helpers/random-network.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";
import { runCliCaptured, runCliOk } from "./run-cli.js";

const dir = temporaryFolder("rd-threads-");
let files = 0;
const file = (network: unknown) => {
  const path = join(dir, `n${files++}.json`);
  writeFileSync(path, JSON.stringify(network));
  return path;
};

const ok = runCliOk;

describe("--threads", () => {
  it("prints one thread's listing on 2 and 4 threads (random networks and flags)", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomNetwork({ maxFirms: 12, maxProducts: 3 }),
        fc.record({
          kinds: fc
            .subarray(["cycle", "brokered", "chain"], { minLength: 1 })
            .map((k) => k.join(",")),
          maxParties: fc.integer({ min: 2, max: 4 }).map(String),
          top: fc.oneof(
            fc.constant(["--all"]),
            fc.integer({ min: 1, max: 8 }).map((n) => ["--top", String(n)]),
          ),
          format: fc.constantFrom("json", "jsonl", "csv"),
        }),
        async (network, flags) => {
          const path = file(network);
          const argv = [
            "find",
            path,
            "--kinds",
            flags.kinds,
            "--max-parties",
            flags.maxParties,
            ...flags.top,
            "--format",
            flags.format,
          ];
          const one = await ok([...argv, "--threads", "1"]);
          for (const threads of ["2", "4"])
            expect(await ok([...argv, "--threads", threads])).toBe(one);
          // From a snapshot, whose sections the threaded search reads ahead in parallel.
          const snapshot = path.replace(/\.json$/, ".rdsnap");
          await ok(["convert", path, snapshot]);
          argv[1] = snapshot;
          expect(await ok([...argv, "--threads", "2"])).toBe(one);
        },
      ),
      { numRuns: 6 },
    );
  });

  it("prints one thread's long JSON listing when the threads write it (K16, 4 parties, --all)", async () => {
    const path = file(completeGraph(16));
    for (const format of ["json", "jsonl"]) {
      const argv = ["find", path, "--max-parties", "4", "--all", "--format", format];
      const one = await ok([...argv, "--threads", "1"]);
      expect(one.split("\n").length).toBeGreaterThan(10_000);
      expect(await ok([...argv, "--threads", "2"])).toBe(one);
      // Past a 1 MiB budget the kept deals go to runs on a scratch file, read back
      // without their ids (the threads build them).
      expect(await ok([...argv, "--threads", "2", "--memory-budget", "1M"])).toBe(one);
    }
  });

  it("selects the same portfolio on 2 threads", async () => {
    const path = file(completeGraph(6));
    const argv = ["select", path, "--max-parties", "3", "--format", "json"];
    const one = JSON.parse(await ok([...argv, "--threads", "1"]));
    const two = JSON.parse(await ok([...argv, "--threads", "2"]));
    expect({ ...two, searchMs: 0, timeMs: 0 }.deals).toEqual(
      { ...one, searchMs: 0, timeMs: 0 }.deals,
    );
  });

  it("refuses a bad --threads (exit 2)", async () => {
    for (const threads of ["0", "1.5", "x", "257"]) {
      const result = await runCliCaptured(["find", "x.json", "--threads", threads]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--threads must be a whole number from 1 to 256/);
    }
  });

  it("fits the default threads to the ranking, and leaves --threads N as asked", () => {
    const byDefault = { threads: 2, minThreadedWork: defaultMinThreadedWork };
    // The best N by a surplus objective: one thread (its walks leave out most of the search).
    expect(withDefaultThreads({ ...byDefault, top: 20 }).threads).toBe(1);
    expect(
      withDefaultThreads({ ...byDefault, top: 20, objective: "expectedSurplus" }).threads,
    ).toBe(1);
    // Every deal (--all): threads from a smaller search.
    const all = withDefaultThreads({ ...byDefault, top: Number.POSITIVE_INFINITY });
    expect(all.threads).toBe(2);
    expect(all.minThreadedWork).toBe(defaultMinListingWork);
    expect(defaultMinListingWork).toBeLessThan(defaultMinThreadedWork);
    // Asked: as asked.
    const asked = { threads: 2, top: 20 };
    expect(withDefaultThreads(asked)).toBe(asked);
  });
});
