/**
 * The GNU parallel recipe of docs/sharding.md, run as written on a generated
 * network with the built CLI (dist/, made by `npm test`'s build step): four
 * shards at once, then `merge`, give exactly the single run's listing. GNU
 * parallel must be installed (Debian package `parallel`; `.ci/run` installs
 * it): the test fails rather than skip without it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryFolder } from "../helpers/temporary-folder.js";

const root = join(__dirname, "..", "..");
const cli = join(root, "dist", "cli", "main.js");
const dir = temporaryFolder("rd-parallel-");

const sh = (script: string) =>
  execFileSync("bash", ["-euo", "pipefail", "-c", script], {
    cwd: dir,
    env: { ...process.env, RD: `${process.execPath} ${cli}` },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

describe("the GNU parallel recipe", () => {
  it("merges 4 shards run by parallel into the single run's listing", () => {
    expect(sh("parallel --version | head -1")).toMatch(/GNU parallel/);
    sh("$RD generate --firms 2000 --seed 11 --out network.jsonl");
    const search = "--max-parties 4 --all --format jsonl";
    // The recipe (docs/sharding.md), with $RD for reciprocal-deals.
    sh(`parallel $RD find network.jsonl ${search} --shard {}/4 '>' part-{}.jsonl ::: 1 2 3 4`);
    sh("$RD merge part-*.jsonl --all --format jsonl > merged.jsonl");
    sh(`$RD find network.jsonl ${search} > single.jsonl`);
    const single = readFileSync(join(dir, "single.jsonl"), "utf8");
    expect(single.split("\n").length).toBeGreaterThan(1000);
    expect(readFileSync(join(dir, "merged.jsonl"), "utf8")).toBe(single);
    // The top 20 as JSON, from the same parts.
    sh(`$RD merge part-*.jsonl --top 20 > top.json`);
    sh(
      `$RD find network.jsonl ${search.replace("--all --format jsonl", "--format json")} > single.json`,
    );
    expect(readFileSync(join(dir, "top.json"), "utf8")).toBe(
      readFileSync(join(dir, "single.json"), "utf8"),
    );
  });
});
