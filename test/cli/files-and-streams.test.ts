/**
 * Files and streams (issue 16), each reproduction as a test: `--out` never
 * follows a symlink at a temporary name, refuses a FIFO, keeps the mode,
 * survives two concurrent writers; SIGINT, SIGTERM and SIGHUP leave no
 * temporary file; a write error on stdout is one line and exit 4 (a broken
 * pipe a quiet 0). The process-level ones run the built CLI (dist/, made by
 * `npm test`'s build step) as a child process.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { chmod } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough, Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { generateNetwork } from "../../src/generator/index.js";
import { readNetwork } from "../../src/model/read-network.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";
import { runCliCaptured } from "./run-cli.js";

const root = join(__dirname, "..", "..");
const cli = join(root, "dist", "cli", "main.js");
const example = join(root, "examples", "steel-valves", "network.json");
const scratch = temporaryFolder("rd-files-");
let folders = 0;
/** A new empty folder for one test. */
const fresh = () => {
  const dir = join(scratch, String(folders++));
  mkdirSync(dir);
  return dir;
};
const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.endsWith(".part"));

/** Runs the built CLI; resolves with its exit code (or signal) and output. */
function runChild(
  argv: string[],
  options: { stdout?: "pipe" | number } = {},
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...argv], {
      stdio: ["ignore", options.stdout ?? "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Resolves once `dir` holds a temporary `.part` file (polling), or rejects when the child ends first. */
function partAppears(dir: string, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (leftovers(dir).length > 0) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
    child.once("exit", () => {
      clearInterval(timer);
      reject(new Error("the child ended before writing"));
    });
  });
}

describe("--out", () => {
  it("never follows a symlink at FILE.part, and leaves FILE.part alone", async () => {
    const dir = fresh();
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "precious");
    const out = join(dir, "net.json");
    symlinkSync(victim, `${out}.part`);
    const result = await runCliCaptured(["generate", "--firms", "20", "--out", out]);
    expect(result.code).toBe(0);
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(lstatSync(`${out}.part`).isSymbolicLink()).toBe(true);
    expect(await readNetwork(out)).toEqual(generateNetwork({ firms: 20 }));
  });

  it("refuses to replace a FIFO (exit 2), which stays a FIFO", async () => {
    const dir = fresh();
    const fifo = join(dir, "pipe");
    await new Promise<void>((resolve, reject) =>
      execFile("mkfifo", [fifo], (error) => (error ? reject(error) : resolve())),
    );
    const result = await runCliCaptured(["generate", "--firms", "5", "--out", fifo]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `reciprocal-deals: refusing to replace ${fifo}: it is a named pipe (FIFO)\n`,
    );
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it("refuses a device", async () => {
    const result = await runCliCaptured(["generate", "--firms", "5", "--out", "/dev/null"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("it is a device");
  });

  it("keeps the mode of the file it replaces, and writes through a symlink to a file", async () => {
    const dir = fresh();
    const out = join(dir, "net.jsonl");
    writeFileSync(out, "old");
    await chmod(out, 0o600);
    expect((await runCliCaptured(["generate", "--firms", "10", "--out", out])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const link = join(dir, "link.jsonl");
    symlinkSync(out, link);
    const viaLink = await runCliCaptured(["generate", "--firms", "12", "--out", link]);
    expect(viaLink.stderr).toContain(`${link} (→ ${out})`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(await readNetwork(out)).toEqual(generateNetwork({ firms: 12 }));
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it("ends as one complete output when two runs write one FILE at once", async () => {
    const dir = fresh();
    const out = join(dir, "net.jsonl");
    const [a, b] = await Promise.all([
      runChild(["generate", "--firms", "5000", "--seed", "1", "--out", out]),
      runChild(["generate", "--firms", "5000", "--seed", "2", "--out", out]),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const outputs = [1, 2].map((seed) => generateNetwork({ firms: 5000, seed }));
    expect(outputs).toContainEqual(await readNetwork(out));
    expect(leftovers(dir)).toEqual([]);
  });
});

describe("signals", () => {
  it.each(["SIGINT", "SIGTERM", "SIGHUP"] as const)(
    "%s stops generate --out with no temporary file left and no FILE",
    async (signal) => {
      const dir = fresh();
      const out = join(dir, "big.jsonl");
      const child = spawn(process.execPath, [cli, "generate", "--firms", "250000", "--out", out], {
        stdio: "ignore",
      });
      const ended = new Promise<[number | null, string | null]>((resolve) =>
        child.on("exit", (code, sig) => resolve([code, sig])),
      );
      await partAppears(dir, child);
      child.kill(signal);
      expect(await ended).toEqual([null, signal]);
      expect(leftovers(dir)).toEqual([]);
      expect(existsSync(out)).toBe(false);
    },
  );
});

describe("write errors", () => {
  // A proposal with a violation (check would exit 1): an unknown firm.
  const proposal = join(fresh(), "proposal.json");
  writeFileSync(
    proposal,
    JSON.stringify({ trades: [{ seller: "nobody", buyer: "steel", product: "valve" }] }),
  );

  it.each([
    [["find", example, "--all", "--format", "json"]],
    [["check", example, proposal]],
    [["generate", "--firms", "3000"]],
  ])("%j > /dev/full: one line on stderr, exit 4, no stack trace", async (argv) => {
    const full = await import("node:fs").then((fs) => fs.openSync("/dev/full", "w"));
    const result = await runChild(argv, { stdout: full });
    expect(result.code).toBe(4);
    expect(result.stderr).toBe(
      "reciprocal-deals: cannot write stdout: ENOSPC (no space left on device)\n",
    );
  });

  it.each([
    ["ENOSPC", 4, "reciprocal-deals: cannot write stdout: ENOSPC (no space left on device)\n"],
    ["EPIPE", 0, ""],
  ])("in-process, a stream failing with %s gives exit %i and %j", async (code, exit, message) => {
    const stdout = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error(code), { code }));
      },
    });
    stdout.on("error", () => {}); // the process-level handler's place, in main.ts
    const stderr = new PassThrough();
    const err: string[] = [];
    stderr.on("data", (chunk) => err.push(String(chunk)));
    const result = await runCli(["find", example, "--all", "--format", "json"], {
      stdin: Readable.from([]),
      stdout,
      stderr,
      interactive: false,
    });
    expect(result).toBe(exit);
    expect(err.join("")).toBe(message);
  });

  it("ends quietly with exit 0 when the reader goes away (| head)", async () => {
    const child = spawn(process.execPath, [cli, "generate", "--firms", "50000"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(stderr).toBe("");
  });
});
