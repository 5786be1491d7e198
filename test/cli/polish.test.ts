/**
 * CLI polish (issue 12 §5, issue 16): --version, help without arguments, "did
 * you mean", repeated and malformed flags, usage checked before any reading,
 * the JSON Lines hint, and which file an error of `check` belongs to.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { mainHelp } from "../../src/cli/commands/index.js";
import { runCli } from "../../src/cli/main.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";
import { runCliCaptured } from "./run-cli.js";

const root = join(__dirname, "..", "..");
const example = (name: string) => join(root, "examples", name, "network.json");
const dir = temporaryFolder("rd-polish-");

/** A usage error: exit 2, one line on stderr that starts with the program's name, nothing on stdout. */
function expectUsageError(
  result: { code: number; stdout: string; stderr: string },
  message: RegExp,
) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(/^reciprocal-deals: [^\n]+\n$/);
  expect(result.stderr).toMatch(message);
}

describe("--version and help", () => {
  it("prints package.json's version", async () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(await runCliCaptured(["--version"])).toEqual({
      code: 0,
      stdout: `${version}\n`,
      stderr: "",
    });
  });

  it("prints the help on stderr with exit 2 when there are no arguments, on stdout with --help", async () => {
    expect(await runCliCaptured([])).toEqual({ code: 2, stdout: "", stderr: `${mainHelp}\n` });
    expect(await runCliCaptured(["--help"])).toEqual({
      code: 0,
      stdout: `${mainHelp}\n`,
      stderr: "",
    });
  });

  it.each(["find", "select", "check", "trades", "generate"])(
    "states the defaults and the exit codes in %s --help",
    async (command) => {
      const { code, stdout } = await runCliCaptured([command, "--help"]);
      expect(code).toBe(0);
      expect(stdout).toContain("Exit status:");
      // Every flag line that takes a value says its default (or that it is required).
      const flagLines = stdout.split("\n").filter((line) => /^ {2}--[a-z-]+ [A-Z]/.test(line));
      expect(flagLines.length).toBeGreaterThan(0);
      for (const line of flagLines) {
        const rest = stdout.slice(stdout.indexOf(line) + line.length).split("\n")[1] ?? "";
        expect(`${line} ${rest}`, line).toMatch(
          /default|required|report this firm|only deals in which/,
        );
      }
    },
  );
});

describe("did you mean", () => {
  it.each([
    [["fnd", "x.json"], /unknown command "fnd" \(did you mean find\?\)/],
    [["slect"], /did you mean select\?/],
    [["--verison"], /unknown flag "--verison" \(did you mean --version\?\)/],
    [["find", "x.json", "--frmat", "csv"], /unknown flag --frmat \(did you mean --format\?\)/],
    [["find", "x.json", "--max-party", "3"], /did you mean --max-parties\?/],
    [["find", "x.json", "--intiator", "a"], /did you mean --initiator\?/],
    [["find", "x.json", "--format", "jsn"], /must be one of .*, got "jsn" \(did you mean json\?\)/],
    [["find", "x.json", "--xyzzy"], /^reciprocal-deals: unknown flag --xyzzy\n$/],
  ])("%j", async (argv, message) => {
    expectUsageError(await runCliCaptured(argv), message);
  });
});

describe("flags", () => {
  it.each([
    [["--initiator", "steel", "--initiator", "valveco"], /--initiator is given twice/],
    [["--top", "3", "--top", "4"], /--top is given twice/],
    [["--format=json", "--format", "csv"], /--format is given twice/],
    [["--format"], /--format needs a value/],
    [["--format", "--top", "3"], /--format needs a value/],
    [["--all=yes"], /--all takes no value/],
    [["--max-parties", "13"], /--max-parties must be a whole number from 2 to 12, got "13"/],
    [["--top", ""], /--top must be a whole number/],
  ])("refuses %j", async (flags, message) => {
    expectUsageError(await runCliCaptured(["find", example("steel-valves"), ...flags]), message);
  });

  it("checks usage before reading anything (stdin that never ends is never read)", async () => {
    const pending = new PassThrough(); // never ended: reading it would hang the test
    for (const flags of [
      ["--max-parties", "13"],
      ["--explain", "--format", "json"],
      ["--policy", "initiator"],
      ["--kinds", "cycle,star"],
      ["--time-limit", "0"],
    ]) {
      const command = flags[0] === "--time-limit" ? "select" : "find";
      const stderr: string[] = [];
      const err = new PassThrough();
      err.on("data", (chunk) => stderr.push(String(chunk)));
      const code = await runCli([command, "-", ...flags], {
        stdin: pending,
        stdout: new PassThrough(),
        stderr: err,
        interactive: false,
      });
      expect(code, flags.join(" ")).toBe(2);
      expect(stderr.join(""), flags.join(" ")).toMatch(/^reciprocal-deals: /);
    }
  });
});

describe("the JSON Lines hint", () => {
  const lines = ['{"firm": {"id": "a"}}', '{"firm": {"id": "b"}}'].join("\n");

  it("tells stdin readers to add --input-format jsonl", async () => {
    const result = await runCliCaptured(["trades", "-"], lines);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^✖ not valid JSON.*\(it looks like JSON Lines: add --input-format jsonl\) → at \$\n$/,
    );
    expect((await runCliCaptured(["trades", "-", "--input-format", "jsonl"], lines)).code).toBe(0);
  });

  it("tells a .json file of JSON Lines to be named .jsonl", async () => {
    const path = join(dir, "lines.json");
    writeFileSync(path, lines);
    const result = await runCliCaptured(["trades", path]);
    expect(result.stderr).toContain("name the file .jsonl, or add --input-format jsonl");
  });

  it("gives no hint for plain bad JSON", async () => {
    const result = await runCliCaptured(["trades", "-"], "{firms: [}");
    expect(result.stderr).toMatch(/^✖ not valid JSON/);
    expect(result.stderr).not.toContain("JSON Lines");
  });
});

describe("check's errors name their file", () => {
  it("says which file an error at $ belongs to", async () => {
    const proposal = join(dir, "proposal.json");
    writeFileSync(proposal, "not json");
    const badNetwork = join(dir, "network.json");
    writeFileSync(badNetwork, "[1]");
    const result = await runCliCaptured(["check", badNetwork, proposal]);
    expect(result.code).toBe(2);
    const [first, second, ...rest] = result.stderr.trim().split("\n");
    expect(first).toMatch(/^✖ .* → at \$ in .*network\.json$/);
    expect(second).toMatch(/^✖ not valid JSON.* → at \$ in .*proposal\.json$/);
    expect(rest).toEqual([]);
    const stdin = await runCliCaptured(["check", example("steel-valves"), "-"], "{");
    expect(stdin.stderr).toMatch(/ → at \$ in stdin\n$/);
  });
});
