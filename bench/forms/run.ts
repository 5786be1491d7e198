/**
 * Reading at memory speed, measured: for one anchors network (gen.py), each
 * form — snapshot (`.rdsnap`), JSON Lines, JSON — against the C reference,
 * side by side in one run, each repeated and the median kept:
 *
 * - end to end: `reciprocal-deals find FILE --top 20` (the built CLI run as
 *   installed, through its first line — which turns on huge pages for large
 *   arrays; `--also-plain` also runs it as `node dist/cli/main.js`, without
 *   them; cycles of ≤ 3 firms and brokered triangles, ranked), CPU (user +
 *   sys) and peak RSS from /usr/bin/time; the C reference `cycles trades.tsv -K 3 --limits
 *   limits.tsv`, one pass (its cpu_load + cpu_load_limits + cpu_build +
 *   cpu_cycles + cpu_brokered; the process itself repeats the searches) and
 *   its peak RSS;
 * - the stages in their own process (`stages.ts`): read, index, search
 *   graph, findDeals top 20, CPU seconds each.
 *
 *   npx tsx bench/forms/run.ts NETWORK_DIR [--reps 3] [--cycles /tmp/cycles]
 *       [--forms rdsnap,jsonl,json] [--snapshot FILE] [--also-plain] [--also-c-huge-pages]
 *       [--threads 1|N|default]
 *
 * `--threads` (default 1, like the C reference: one thread, so that the CPU
 * ratios compare like with like) is passed to `find`; `default` leaves the
 * CLI's own default (the cores, for a search worth threads).
 *
 * `--also-c-huge-pages` also runs the C reference with the same huge-page
 * setting (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), for a like-for-like row.
 *
 * The snapshot (default: $TMPDIR/reciprocal-deals-bench/<dir name>.rdsnap,
 * so that the shared network folder is left as it is) is written by
 * `reciprocal-deals convert` from network.jsonl when it is missing, and the
 * conversion is timed. Prints a Markdown table.
 * Exit status 1 when the forms disagree on the deals.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";

const here = import.meta.dirname;
const root = resolve(here, "../..");
const cli = join(root, "dist/cli/main.js");
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    reps: { type: "string", default: "3" },
    cycles: { type: "string", default: "/tmp/cycles" },
    forms: { type: "string", default: "rdsnap,jsonl,json" },
    snapshot: { type: "string" },
    "also-plain": { type: "boolean", default: false },
    "also-c-huge-pages": { type: "boolean", default: false },
    threads: { type: "string", default: "1" },
  },
});
const [dir] = positionals;
if (dir === undefined) {
  process.stderr.write(
    "usage: npx tsx bench/forms/run.ts NETWORK_DIR [--reps 3] [--cycles PATH] [--forms …]\n",
  );
  process.exit(2);
}
const reps = Number(values.reps);
const forms = values.forms.split(",");
const log = (line: string) => process.stderr.write(`${line}\n`);

/** CPU seconds (user + sys) and peak RSS (KiB) of a command, from /usr/bin/time. */
interface Timed {
  readonly cpu: number;
  readonly peakKiB: number;
  readonly stdout: string;
}

function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const run = spawnSync("/usr/bin/time", ["-f", "%U %S %M", command, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    env,
  });
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${run.stderr}`);
  const last = run.stderr.trim().split("\n").at(-1) ?? "";
  const [user, sys, peak] = last.split(" ").map(Number);
  return { cpu: user + sys, peakKiB: peak, stdout: run.stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const snapshot =
  values.snapshot ?? join(tmpdir(), "reciprocal-deals-bench", `${basename(resolve(dir))}.rdsnap`);
const file = (form: string) => (form === "rdsnap" ? snapshot : join(dir, `network.${form}`));
if (forms.includes("rdsnap") && !existsSync(snapshot)) {
  mkdirSync(join(snapshot, ".."), { recursive: true });
  const convert = timed("node", [cli, "convert", file("jsonl"), file("rdsnap")]);
  log(
    `convert network.jsonl → network.rdsnap: ${convert.cpu.toFixed(2)} s CPU, ${(convert.peakKiB / 1024).toFixed(0)} MiB peak`,
  );
}

interface Sample {
  cpu: number[];
  peak: number[];
  stages: Record<string, number[]>;
  ids?: string;
}
const samples = new Map<string, Sample>();
const sample = (name: string): Sample => {
  let s = samples.get(name);
  if (s === undefined) {
    s = { cpu: [], peak: [], stages: {} };
    samples.set(name, s);
  }
  return s;
};
let agree = true;

/** Adds one measurement of a stage to a sample. */
function record(s: Sample, stage: string, value: number): void {
  s.stages[stage] = [...(s.stages[stage] ?? []), value];
}

/** One pass of the C reference (load TSV + limits, build, one pass of each search). */
function reference(name: string, env?: NodeJS.ProcessEnv): void {
  const c = timed(
    values.cycles,
    [join(dir, "trades.tsv"), "-K", "3", "--limits", join(dir, "limits.tsv")],
    env,
  );
  const field = (key: string) =>
    Number(
      c.stdout
        .split("\n")
        .find((line) => line.startsWith(`${key} `))
        ?.split(" ")[1],
    );
  const stages = {
    load: field("cpu_load_s") + field("cpu_load_limits_s"),
    build: field("cpu_build_s"),
    search: field("cpu_cycles_s") + field("cpu_brokered_s"),
  };
  const s = sample(name);
  s.cpu.push(stages.load + stages.build + stages.search);
  s.peak.push(field("peak_rss_kb"));
  for (const [k, v] of Object.entries(stages)) record(s, k, v);
}

/** The CLI's `find --top 20` on one form (as installed, or through plain node). */
function endToEnd(form: string, plain: boolean): void {
  const threads = values.threads === "default" ? [] : ["--threads", values.threads];
  const args = ["find", file(form), "--top", "20", ...threads];
  const end = plain ? timed("node", [cli, ...args]) : timed(cli, args);
  const s = sample(plain ? `${form} (plain node)` : form);
  s.cpu.push(end.cpu);
  s.peak.push(end.peakKiB);
  outputs.add(end.stdout);
}

const outputs = new Set<string>();
const hugePages = { ...process.env, GLIBC_TUNABLES: "glibc.malloc.hugetlb=1" };

for (let rep = 0; rep < reps; rep++) {
  reference("C reference");
  if (values["also-c-huge-pages"]) reference("C reference, huge pages", hugePages);
  for (const form of forms) {
    endToEnd(form, false);
    if (values["also-plain"]) endToEnd(form, true);
    const s = sample(form);
    const staged = timed("node", ["--import", "tsx", join(here, "stages.ts"), file(form)]);
    const result = JSON.parse(staged.stdout) as Record<string, number | string>;
    for (const k of [
      "readSeconds",
      "indexSeconds",
      "graphSeconds",
      "findSeconds",
      "totalSeconds",
    ]) {
      record(s, k, result[k] as number);
    }
    if (s.ids !== undefined && s.ids !== result.ids) agree = false;
    s.ids = result.ids as string;
  }
  log(`rep ${rep + 1}/${reps} done`);
}
if (outputs.size !== 1) agree = false;

const c = samples.get("C reference") as Sample;
const cCpu = median(c.cpu);
const cPeak = median(c.peak);
const s2 = (x: number) => x.toFixed(2);
const mib = (kib: number) => (kib / 1024).toFixed(0);
const out: string[] = [];
out.push(
  `network ${dir} (firms ${/n(\d+)/.exec(dir)?.[1] ?? "?"}), median of ${reps}, CPU seconds (user + sys)`,
);
out.push("");
out.push(
  "| form | file | read | index | search graph | find top 20 | end to end (CLI) | peak RSS (CLI) | CPU / C | RSS / C |",
);
out.push("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
out.push(
  `| C reference (TSV) | ${mib(statSync(join(dir, "trades.tsv")).size / 1024)} MiB | ${s2(median(c.stages.load))} | ${s2(median(c.stages.build))} | — | ${s2(median(c.stages.search))} | ${s2(cCpu)} | ${mib(cPeak)} MiB | 1 | 1 |`,
);
if (values["also-c-huge-pages"]) {
  const h = samples.get("C reference, huge pages") as Sample;
  out.push(
    `| C reference, huge pages | | ${s2(median(h.stages.load))} | ${s2(median(h.stages.build))} | — | ${s2(median(h.stages.search))} | ${s2(median(h.cpu))} | ${mib(median(h.peak))} MiB | ${(median(h.cpu) / cCpu).toFixed(2)} | ${(median(h.peak) / cPeak).toFixed(2)} |`,
  );
}
for (const name of [...samples.keys()].filter((key) => !key.startsWith("C reference"))) {
  const s = samples.get(name) as Sample;
  const form = name.split(" ")[0];
  const st = (k: string) => (s.stages[k] === undefined ? "" : s2(median(s.stages[k])));
  out.push(
    `| .${name} | ${mib(statSync(file(form)).size / 1024)} MiB | ${st("readSeconds")} | ${st("indexSeconds")} | ${st("graphSeconds")} | ${st("findSeconds")} | ${s2(median(s.cpu))} | ${mib(median(s.peak))} MiB | ${(median(s.cpu) / cCpu).toFixed(2)} | ${(median(s.peak) / cPeak).toFixed(2)} |`,
  );
}
out.push("");
out.push(agree ? "every form printed the same deals" : "THE FORMS DISAGREE on the deals");
process.stdout.write(`${out.join("\n")}\n`);
process.exit(agree ? 0 : 1);
