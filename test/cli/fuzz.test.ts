/**
 * Fuzzing the CLI in-process (issue 16): random bytes and random mutations of
 * valid networks, as files of each form and on stdin, through every reading
 * command. Each run must end with exit 0, 1 or 2; an exit 2 says why in lines
 * of the CLI's two shapes (`✖ message → at path`, `reciprocal-deals: …`);
 * never a crash, an internal error, a stack trace or a hang (a time limit per
 * run). Dozens of runs here; the soak test in bench/ runs thousands.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { networkArb } from "../../src/testing/network-arb.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";
import { runCliCaptured } from "./run-cli.js";

const dir = temporaryFolder("rd-fuzz-");

/** Tokens that break JSON or the SPEC in interesting ways. */
const nasty = fc.constantFrom(
  "null",
  "-1",
  "0",
  "1e309",
  "-0",
  "1e308",
  '""',
  '"\\u0000"',
  "{}",
  "[]",
  '"x"',
  "true",
  "\n",
  "\uFEFF",
  '"a>b:c|d\\\\"',
  "\u00e8",
  "}",
  ",",
);

/** One edit of a text: replace, delete or insert at a position, or cut the end. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.integer({ min: 0, max: 12 }),
  kind: fc.constantFrom("replace", "delete", "insert", "truncate"),
  token: nasty,
});

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const { at, length, kind, token } of edits) {
    const i = Math.floor(at * out.length);
    if (kind === "replace") out = out.slice(0, i) + token + out.slice(i + length);
    else if (kind === "delete") out = out.slice(0, i) + out.slice(i + length);
    else if (kind === "insert") out = out.slice(0, i) + token + out.slice(i);
    else out = out.slice(0, i);
  }
  return out;
}

/** A valid network as JSON Lines text. */
function jsonLines(network: ReturnType<typeof JSON.parse>): string {
  const { firms = [], relations = [], ...root } = network;
  const head = Object.keys(root).length > 0 ? [JSON.stringify(root)] : [];
  return [
    ...head,
    ...firms.map((firm: unknown) => JSON.stringify({ firm })),
    ...relations.map((relation: unknown) => JSON.stringify({ relation })),
  ].join("\n");
}

/** The input of one run: its text and how it reaches the CLI. */
const input = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
  fc
    .tuple(
      networkArb({ maxFirms: 4 }),
      fc.boolean(),
      fc.array(edit, { minLength: 1, maxLength: 4 }),
    )
    .map(([network, lines, edits]) =>
      mutate(lines ? jsonLines(network) : JSON.stringify(network), edits),
    ),
);
const route = fc.constantFrom("json", "jsonl", "stdin-json", "stdin-jsonl");
const command = fc.constantFrom(
  ["trades"],
  ["trades", "--format", "json"],
  ["find", "--format", "csv", "--explain"],
  ["find", "--kinds", "cycle,brokered,chain", "--max-parties", "4", "--format", "json"],
  ["select", "--time-limit", "2000"],
  ["check", "PROPOSAL"],
);

/** What a run may print on stderr: nothing, or lines of the CLI's two shapes. */
function expectCleanStderr(stderr: string): void {
  if (stderr === "") return;
  for (const line of stderr.replace(/\n$/, "").split("\n")) {
    expect(line).toMatch(/^(✖ .* → at .+|reciprocal-deals: .+)$/);
  }
  expect(stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
}

describe("the CLI under fuzzing", () => {
  it("ends every run with 0, 1 or 2 and a message, never a crash or a stack trace", async () => {
    let run = 0;
    const proposal = join(dir, "proposal.json");
    await fc.assert(
      fc.asyncProperty(input, route, command, async (text, how, argv) => {
        run++;
        const stdin = how.startsWith("stdin");
        const form = how.endsWith("jsonl") ? "jsonl" : "json";
        const path = stdin ? "-" : join(dir, `network-${run}.${form}`);
        if (!stdin) writeFileSync(path, text, "latin1");
        const [name, ...flags] = argv;
        writeFileSync(proposal, text.slice(0, 200), "latin1");
        const args =
          name === "check" ? ["check", path, proposal] : [name as string, path, ...flags];
        if (stdin) args.push("--input-format", form);
        const result = await runCliCaptured(args, stdin ? text : "");
        expect([0, 1, 2], result.stderr).toContain(result.code);
        if (result.code === 2) expect(result.stderr).not.toBe("");
        expectCleanStderr(result.stderr);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60), timeout: 10_000 },
    );
  });
});
