/**
 * Soak test of the CLI (issue 16; not in CI): 1,000 mixed calls of the built
 * CLI (`dist/cli/main.js`), a few at a time, with random sizes, limits and
 * flags, some interrupted by SIGINT, SIGTERM or SIGHUP at a random moment,
 * some with the reader of stdout going away, several writing the same files
 * at once. Afterwards:
 *
 * - every call ended with exit 0, 1, 2 or 4, or by the signal it was sent;
 * - no stderr holds an internal error or a stack trace;
 * - no temporary (`.part`) file is left in the output folder;
 * - every output file there is a complete network that reads back.
 *
 * Run: npm run build && npx tsx bench/cli/soak.ts [calls=1000] [parallel=4] [seed=1]
 * (SOAK_CLI=path/to/main.js runs another build, e.g. a copy of dist/ with
 * a node_modules link beside it).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { readNetwork } from "../../src/model/read-network.js";

const root = join(import.meta.dirname, "..", "..");
/** The built CLI: dist/ here, or a copy (SOAK_CLI), so that a rebuild meanwhile changes nothing. */
const cli = process.env.SOAK_CLI ?? join(root, "dist", "cli", "main.js");
const [calls = 1000, parallel = 4, seed = 1] = process.argv.slice(2).map(Number);

/** A small seeded generator (mulberry32), so a failing soak can be replayed. */
function random(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

const out = mkdtempSync(join(tmpdir(), "rd-soak-"));
const examples = ["steel-valves", "timber-loop", "bank-telecom"].map((name) =>
  join(root, "examples", name, "network.json"),
);
const networks = [...examples, join(out, "base.jsonl")];

/** One call: its arguments, and what happens to it. */
interface Call {
  readonly argv: string[];
  /** A signal sent after `after` ms, if any. */
  readonly signal?: NodeJS.Signals;
  readonly after: number;
  /** The reader of stdout goes away after the first chunk. */
  readonly closeStdout: boolean;
}

function nextCall(): Call {
  const signal = rand() < 0.3 ? pick(["SIGINT", "SIGTERM", "SIGHUP"] as const) : undefined;
  const after = int(0, 600);
  const closeStdout = rand() < 0.1;
  const kind = rand();
  let argv: string[];
  if (kind < 0.35) {
    // Several calls write the same few files, often at once.
    const file = join(out, `net-${int(0, 4)}.${pick(["json", "jsonl"])}`);
    argv = [
      "generate",
      "--firms",
      String(int(1, 20_000)),
      "--seed",
      String(int(0, 9)),
      "--out",
      file,
    ];
  } else if (kind < 0.6) {
    argv = [
      "find",
      pick(networks),
      "--max-parties",
      String(int(2, 4)),
      ...(rand() < 0.5 ? ["--all"] : ["--top", String(int(1, 50))]),
      "--format",
      pick(["table", "json", "csv", "dot", "mermaid"]),
      ...(rand() < 0.3 ? ["--kinds", "cycle,brokered,chain"] : []),
    ];
  } else if (kind < 0.75) {
    argv = [
      "select",
      pick(networks),
      "--time-limit",
      String(int(1, 1000)),
      "--solver",
      pick(["exact", "greedy", "auto"]),
      "--format",
      pick(["table", "json", "csv"]),
    ];
  } else if (kind < 0.85) {
    argv = ["trades", pick(networks), "--format", pick(["tsv", "json"])];
  } else if (kind < 0.93) {
    argv = ["generate", "--firms", String(int(1, 50_000)), "--format", pick(["json", "jsonl"])];
  } else {
    // Usage mistakes and unreadable input.
    argv = pick([
      ["find"],
      ["find", pick(networks), "--max-parties", "13"],
      ["find", pick(networks), "--top", "3", "--top", "4"],
      ["fnd", pick(networks)],
      ["find", join(out, "missing.json")],
      ["generate", "--firms", "10", "--out", "/dev/null"],
      ["check", pick(networks), pick(networks)],
    ]);
  }
  return { argv, ...(signal === undefined ? {} : { signal }), after, closeStdout };
}

/** The outcome of a call that broke a rule, or undefined. */
function run(call: Call): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...call.argv], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdout.on("data", () => {
      if (call.closeStdout) child.stdout.destroy();
    });
    const timer =
      call.signal === undefined ? undefined : setTimeout(() => child.kill(call.signal), call.after);
    child.on("close", (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      const what = `${call.argv.join(" ")}${call.signal ? ` (${call.signal} at ${call.after} ms)` : ""}`;
      if (signal !== null && signal !== call.signal) resolve(`${what}: killed by ${signal}`);
      else if (code !== null && ![0, 1, 2, 4].includes(code))
        resolve(`${what}: exit ${code}\n${stderr}`);
      else if (/internal error|\n\s+at .+:\d+:\d+/.test(stderr)) resolve(`${what}: ${stderr}`);
      else resolve(undefined);
    });
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const base = await run({
    argv: ["generate", "--firms", "2000", "--out", join(out, "base.jsonl")],
    after: 0,
    closeStdout: false,
  });
  if (base !== undefined) throw new Error(base);
  const failures: string[] = [];
  let done = 0;
  let finished = 0;
  let interrupted = 0;
  const worker = async () => {
    while (done < calls) {
      done++;
      const call = nextCall();
      if (call.signal !== undefined) interrupted++;
      const failure = await run(call);
      if (failure !== undefined) failures.push(failure);
      if (++finished % 100 === 0) console.log(`  ${finished} calls, ${failures.length} failures`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  const leftovers = readdirSync(out).filter((name) => name.endsWith(".part"));
  const outputs = readdirSync(out).filter((name) => /^net-\d\.jsonl?$/.test(name));
  for (const name of outputs) {
    try {
      await readNetwork(join(out, name));
    } catch (error) {
      failures.push(`${name} does not read back: ${(error as Error).message.slice(0, 200)}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `soak: ${calls} calls (${interrupted} sent a signal), ${parallel} at a time, seed ${seed}, ` +
      `${seconds.toFixed(0)} s wall; ${failures.length} failures; ${leftovers.length} temporary files left; ` +
      `${outputs.length} output files, all complete: ${failures.every((f) => !f.includes("read back"))}. ` +
      `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}, load ${loadavg()[0].toFixed(1)}, ` +
      `${new Date().toISOString().slice(0, 10)}`,
  );
  for (const failure of failures.slice(0, 20)) console.log(`  ✖ ${failure}`);
  if (leftovers.length > 0) console.log(`  left: ${leftovers.join(", ")}`);
  rmSync(out, { recursive: true, force: true });
  if (failures.length > 0 || leftovers.length > 0) process.exitCode = 1;
}

await main();
