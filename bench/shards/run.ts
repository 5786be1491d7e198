/**
 * Shards and merge (issue 15): the single run of a global search against each
 * of N shards run alone, and the merge of the shards' listings.
 *
 *   npx tsx bench/shards/run.ts NETWORK_DIR [--k 4] [--total 4] [--reps 3] [--tops 20,all]
 *
 * Each search runs in its own process (`one-search.ts`): it reads the network
 * and builds the index and the search graph (preparation, reported apart),
 * then times one cold search with `process.cpuUsage()` (and its wall time), as a fresh
 * `find --shard I/N` would; then writes its listing (JSON Lines). Runs are
 * sequential ("each run alone") and interleaved single, shard 1..N per
 * repetition; medians over the repetitions. Before timing the merge, its
 * output is checked to be the single run's listing, byte for byte. The merge
 * is timed in this process (the `merge` command's code with stdout thrown
 * away, median of 5) and as a CLI process (`dist/cli/main.js merge`, wall and
 * CPU from /usr/bin/time, median of 3). Both for the top 20 and for `--all`.
 * Prints Markdown tables for bench/RESULTS.md.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runMerge } from "../../src/cli/commands/merge.js";

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    k: { type: "string", default: "4" },
    total: { type: "string", default: "4" },
    reps: { type: "string", default: "3" },
    tops: { type: "string", default: "20,all" },
  },
});
const [dir] = positionals;
if (dir === undefined) {
  process.stderr.write(
    "usage: npx tsx bench/shards/run.ts NETWORK_DIR [--k 4] [--total 4] [--reps 3]\n",
  );
  process.exit(2);
}
const k = flags.k;
const total = Number(flags.total);
const reps = Number(flags.reps);
const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..");
const work = mkdtempSync(join(tmpdir(), "bench-shards-"));
const out = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface SearchRun {
  shard: string;
  prepareMs: number;
  graphMs: number;
  searchMs: number;
  /** The search's wall time (V8 optimizes on other threads: CPU time counts that, wall time does not). */
  searchWallMs: number;
  outputMs: number;
  /** Writing the listing, wall: for --all most of the work (each deal priced again for its text). */
  outputWallMs: number;
  deals: number;
  steps: number;
}

/**
 * What the CLI's first line (src/cli/main.ts) gives `node`: its environment
 * (glibc's tunables) and its flags, read from that line, so that each search
 * runs as `find` runs.
 */
function cliLaunch(): { env: NodeJS.ProcessEnv; flags: string[] } {
  const first = readFileSync(join(root, "src", "cli", "main.ts"), "utf8").split("\n")[0];
  const words = first.replace(/^#!\S*env -S /, "").split(" ");
  const at = words.indexOf("node");
  const env = { ...process.env };
  for (const pair of words.slice(0, at)) {
    const equals = pair.indexOf("=");
    env[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return { env, flags: words.slice(at + 1) };
}
const launch = cliLaunch();

function search(top: string, shard: string, listing: string): SearchRun {
  const text = execFileSync(
    process.execPath,
    [
      ...launch.flags,
      "--import",
      "tsx",
      join(here, "one-search.ts"),
      dir as string,
      k,
      top,
      shard,
      listing,
    ],
    { cwd: root, encoding: "utf8", maxBuffer: 1 << 20, env: launch.env },
  );
  return JSON.parse(text) as SearchRun;
}

const nullStdout = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

async function mergeInProcess(parts: string[], top: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const at = cpuMs();
    const args = [...parts, ...(top === "all" ? ["--all"] : ["--top", top]), "--format", "jsonl"];
    const io = {
      stdin: process.stdin,
      stdout: nullStdout(),
      stderr: nullStdout(),
      interactive: false,
    };
    if ((await runMerge(args, io)) !== 0) throw new Error("merge failed");
    times.push(cpuMs() - at);
  }
  return median(times);
}

function mergeProcess(
  parts: string[],
  top: string,
  into: string,
): { wallMs: number; cpuMs: number } {
  const walls: number[] = [];
  const cpusUsed: number[] = [];
  for (let i = 0; i < 3; i++) {
    const timing = execFileSync(
      "bash",
      [
        "-c",
        `/usr/bin/time -f "%e %U %S" dist/cli/main.js merge ${parts.join(" ")} ${top === "all" ? "--all" : `--top ${top}`} --format jsonl > ${into} 2> ${into}.time; tail -1 ${into}.time`,
      ],
      { cwd: root, encoding: "utf8" },
    );
    const [wall, user, system] = timing.trim().split(" ").map(Number);
    walls.push(wall * 1000);
    cpusUsed.push((user + system) * 1000);
  }
  return { wallMs: median(walls), cpuMs: median(cpusUsed) };
}

out(`# shards: ${dir}, K = ${k}, cycles + brokered, ${total} shards, ${reps} repetitions`);
out(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, ${new Date().toISOString()}, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);
try {
  for (const top of (flags.tops ?? "20,all").split(",")) {
    const shards = ["-", ...Array.from({ length: total }, (_, i) => `${i + 1}/${total}`)];
    const runs = new Map<string, SearchRun[]>(shards.map((s) => [s, []]));
    const listing = (shard: string) =>
      join(work, `${top}-${shard === "-" ? "single" : `part-${shard.split("/")[0]}`}.jsonl`);
    for (let rep = 0; rep < reps; rep++) {
      for (const shard of shards) runs.get(shard)?.push(search(top, shard, listing(shard)));
    }
    const parts = shards.slice(1).map(listing);
    // Check before timing: the merge is the single run's listing.
    const check = join(work, `${top}-check.jsonl`);
    const cli = mergeProcess(parts, top, check);
    if (readFileSync(check, "utf8") !== readFileSync(listing("-"), "utf8"))
      throw new Error(`top ${top}: the merge differs from the single run`);
    const inProcess = await mergeInProcess(parts, top);
    const single = runs.get("-") ?? [];
    const singleSearch = median(single.map((r) => r.searchMs));
    const singleWall = median(single.map((r) => r.searchWallMs));
    const singleWhole = median(single.map((r) => r.searchWallMs + r.outputWallMs));
    out("");
    out(`## top ${top}: ${single[0]?.deals ?? 0} deals listed, ${single[0]?.steps ?? 0} DFS steps`);
    out("");
    out(
      "| run | search (CPU ms) | × single | search (wall ms) | × single | DFS steps | deals | prepare | search graph | listing output | search + listing (wall ms) | × single |",
    );
    out("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (const shard of shards) {
      const rs = runs.get(shard) ?? [];
      const searchMs = median(rs.map((r) => r.searchMs));
      const wallMs = median(rs.map((r) => r.searchWallMs));
      const wholeMs = median(rs.map((r) => r.searchWallMs + r.outputWallMs));
      out(
        `| ${shard === "-" ? "single" : `shard ${shard}`} | ${searchMs.toFixed(0)} | ${(searchMs / singleSearch).toFixed(2)} | ${wallMs.toFixed(0)} | ${(wallMs / singleWall).toFixed(2)} | ${rs[0]?.steps ?? 0} | ${rs[0]?.deals ?? 0} | ${median(rs.map((r) => r.prepareMs)).toFixed(0)} | ${median(rs.map((r) => r.graphMs)).toFixed(0)} | ${median(rs.map((r) => r.outputMs)).toFixed(0)} | ${wholeMs.toFixed(0)} | ${(wholeMs / singleWhole).toFixed(2)} |`,
      );
    }
    out("");
    out(
      `merge of the ${total} listings: in process ${inProcess.toFixed(0)} ms CPU (${((100 * inProcess) / singleSearch).toFixed(1)}% of the single search); ` +
        `as a CLI process ${cli.cpuMs.toFixed(0)} ms CPU, ${cli.wallMs.toFixed(0)} ms wall (${((100 * cli.cpuMs) / singleSearch).toFixed(1)}%, Node's start included)`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
