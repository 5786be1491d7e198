/** Runs the CLI in-process and captures what it prints. */
import { PassThrough, Readable } from "node:stream";
import { expect } from "vitest";
import { runCli } from "../../src/cli/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliCaptured(argv: string[], stdin = ""): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (chunk) => out.push(String(chunk)));
  stderr.on("data", (chunk) => err.push(String(chunk)));
  const code = await runCli(argv, {
    stdin: Readable.from([stdin]),
    stdout,
    stderr,
    interactive: false,
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** Runs the CLI in-process, expects exit 0 and nothing on stderr, and returns stdout. */
export async function runCliOk(argv: string[]): Promise<string> {
  const result = await runCliCaptured(argv);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
}
