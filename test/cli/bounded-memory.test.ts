/**
 * Issue 16's reproductions on the built CLI (dist/), in child processes:
 * - `find K40 --max-parties 6 --all` (a 85 KB input with ~470 million deals)
 *   used to die out of memory; with a 4 MiB budget its resident memory stays
 *   flat while kept deals spill to a temporary file (sampled for a few
 *   seconds, then stopped by SIGTERM);
 * - no exit, SIGKILL included, leaves a temporary file behind;
 * - with a progress line drawn (its clearing registered as an interrupt
 *   cleanup, so the signals have handlers), SIGINT and SIGTERM still stop a
 *   search that would run for thousands of hours: the asynchronous search
 *   leaves the event loop free every slice, the handler clears the line and
 *   the process ends by the signal (a synchronous search would never let the
 *   handler run).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { completeGraph } from "../helpers/complete-graph.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";

const root = join(__dirname, "..", "..");
const cli = join(root, "dist", "cli", "main.js");
const dir = temporaryFolder("rd-memory-");
const k40 = join(dir, "k40.json");
writeFileSync(k40, JSON.stringify(completeGraph(40)));

/** Runs the CLI with TMPDIR set to a fresh folder, its output thrown away. */
function start(args: string[]): { child: ChildProcess; temp: string } {
  const temp = mkdtempSync(join(dir, "tmp-"));
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...process.env, TMPDIR: temp },
    stdio: "ignore",
  });
  return { child, temp };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );

/** Resident memory of a process, in MiB (ps, so it works wherever ps does). */
function rssMiB(pid: number): number {
  return Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)], { encoding: "utf8" })) / 1024;
}

describe("find --all on K40 with 6 parties", () => {
  it("runs in bounded memory and stops on SIGTERM, leaving no temporary file", {
    timeout: 30_000,
  }, async () => {
    const run = start([
      "find",
      k40,
      "--max-parties",
      "6",
      "--all",
      "--format",
      "jsonl",
      "--memory-budget",
      "4M",
    ]);
    const end = exited(run.child);
    const samples: number[] = [];
    for (let i = 0; i < 24; i++) {
      await sleep(250);
      samples.push(rssMiB(run.child.pid ?? -1));
    }
    run.child.kill("SIGTERM");
    expect(await end).toEqual({ code: null, signal: "SIGTERM" });
    expect(readdirSync(run.temp)).toEqual([]);
    // Without the budget it grew by ~100 MiB a second; with it, flat after the start
    // (the threads, the JIT and the first blocks: up to ~2.5 s on a loaded machine).
    const early = Math.max(...samples.slice(10, 14));
    const late = Math.max(...samples.slice(18));
    expect(late).toBeLessThan(early + 64);
    expect(Math.max(...samples)).toBeLessThan(400);
  });

  it("leaves no temporary file when killed outright", { timeout: 30_000 }, async () => {
    const run = start(["find", k40, "--max-parties", "6", "--all", "--memory-budget", "1M"]);
    const end = exited(run.child);
    await sleep(2000);
    run.child.kill("SIGKILL");
    expect(await end).toEqual({ code: null, signal: "SIGKILL" });
    expect(readdirSync(run.temp)).toEqual([]);
  });
});

describe("find, interrupted with a progress line", () => {
  const script = join(__dirname, "scripts", "interrupted-search.ts");

  it.each(["SIGINT", "SIGTERM"] as const)(
    "%s clears the line and ends the search by the signal",
    { timeout: 30_000 },
    async (signal) => {
      // K40 chains of up to 8 firms: ~3,900 hours of search.
      const child = spawn(
        process.execPath,
        ["--import", "tsx", script, k40, "--kinds", "chain", "--max-parties", "8"],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += String(chunk);
        // The line is drawn after a second of search: the handlers are installed.
        if (stdout.includes("chain 1/1") && !child.killed) child.kill(signal);
      });
      expect(await exited(child)).toEqual({ code: null, signal });
      expect(stdout.endsWith("\r\u001b[K")).toBe(true);
    },
  );
});
