/**
 * The search benchmark on an anchors network (../shared/anchors/gen.py):
 *
 *   npx tsx bench/search/run.ts NETWORK_DIR K[,K…] [--reference CYCLES_OUTPUT]… [--reps 3]
 *       [--only global|initiators]
 *
 * Loads DIR/network.jsonl (or .json) once, then for each K times with
 * process.cpuUsage():
 * - initiators: the cycles and brokered deals around each initiator of the
 *   reference's `init` lines (the same 1000 firms as
 *   `/tmp/cycles … --initiators 1000 --print-initiators`), after one untimed
 *   warm-up pass; first on the search graph an initiator-only session gets
 *   (the index's firm order), and again on the BFS-ordered one after the
 *   global run;
 * - global: every cycle of 2..K firms, then every brokered deal, at least
 *   `--reps` times and 0.2 CPU s per phase (median and min reported).
 * Each `--reference` (the C reference's output with `--limits`, one per K, in
 * the order of the K list) checks the counts against its `deals_*` and its
 * per-initiator counts, and gives the CPU-time ratios. Parse, index and
 * search-graph build times are reported apart, never in the ratios.
 * One JSON line per K ends its block. Exit status 1 when a count differs.
 */
import { parseArgs } from "node:util";
import {
  benchGlobal,
  benchInitiators,
  type GlobalTimes,
  type InitiatorTimes,
  loadIndex,
  median,
  quantile,
  type Reference,
  readReference,
  timeSearchGraph,
} from "./harness.js";

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    reference: { type: "string", multiple: true },
    reps: { type: "string", default: "3" },
    only: { type: "string" },
  },
});
const [dir, kList] = positionals;
if (dir === undefined || kList === undefined) {
  process.stderr.write(
    "usage: npx tsx bench/search/run.ts NETWORK_DIR K[,K…] [--reference FILE]… [--reps N] [--only global|initiators]\n",
  );
  process.exit(2);
}
const ks = kList.split(",").map(Number);
const references = (flags.reference ?? []).map(readReference);
const out = (line: string) => process.stdout.write(`${line}\n`);
const fixed = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : "-");

const loaded = await loadIndex(dir);
const { index } = loaded;
out(`network ${loaded.file}`);
out(`firms ${index.firmCount} trades ${index.tradeCount} arcs ${index.arcCount}`);
out(`cpu_parse_s ${fixed(loaded.parseSeconds)} cpu_index_s ${fixed(loaded.indexSeconds)}`);
out(`index_bytes_per_trade ${fixed(loaded.indexBytes / index.tradeCount, 1)}`);

let allOk = true;

/** Times the initiators of the reference and prints the figures. */
function initiatorBlock(maxParties: number, reference: Reference, label: string): InitiatorTimes {
  const times = benchInitiators(index, maxParties, reference.initiators);
  const { cpuMicros, wallMicros } = times;
  out(`initiators (${label}) ${cpuMicros.length} mismatches ${times.mismatches.length}`);
  for (const line of times.mismatches.slice(0, 5)) out(`  ${line}`);
  if (times.mismatches.length > 0) allOk = false;
  out(
    `  cpu_us p50 ${fixed(quantile(cpuMicros, 0.5), 1)} p99 ${fixed(quantile(cpuMicros, 0.99), 1)}` +
      ` max ${fixed(Math.max(...cpuMicros), 1)} total_cpu_s ${fixed(times.totalCpuSeconds)}` +
      ` | wall_us p50 ${fixed(quantile(wallMicros, 0.5), 1)} p99 ${fixed(quantile(wallMicros, 0.99), 1)}`,
  );
  return times;
}

const summary = (times: InitiatorTimes | undefined) =>
  times === undefined
    ? undefined
    : {
        count: times.cpuMicros.length,
        cpu_us_p50: quantile(times.cpuMicros, 0.5),
        cpu_us_p99: quantile(times.cpuMicros, 0.99),
        cpu_us_max: Math.max(...times.cpuMicros),
        wall_us_p50: quantile(times.wallMicros, 0.5),
        total_cpu_s: times.totalCpuSeconds,
        mismatches: times.mismatches.length,
      };

for (const [at, maxParties] of ks.entries()) {
  const reference = references[at];
  let countsOk = true;
  out(`== K ${maxParties}`);
  let initiatorsIdentity: InitiatorTimes | undefined;
  let initiatorsBfs: InitiatorTimes | undefined;
  const runInitiators = flags.only !== "global" && reference !== undefined;
  if (runInitiators && at === 0) {
    const graph = timeSearchGraph(index, false);
    out(
      `cpu_search_graph_s ${fixed(graph.seconds)} (${graph.order} order, ${fixed(graph.bytes / index.arcCount, 1)} B/arc)`,
    );
    initiatorsIdentity = initiatorBlock(maxParties, reference, `${graph.order} order`);
  }
  let global: GlobalTimes | undefined;
  if (flags.only !== "initiators") {
    const graph = timeSearchGraph(index, true);
    out(
      `cpu_search_graph_s ${fixed(graph.seconds)} (${graph.order} order, ${fixed(graph.bytes / index.arcCount, 1)} B/arc)`,
    );
    global = benchGlobal(index, maxParties, Number(flags.reps));
    const check = (key: string, value: number) => {
      const expected = reference?.values.get(key);
      const ok = expected === undefined || expected === value;
      if (!ok) countsOk = false;
      out(
        `${key} ${value}${expected === undefined ? "" : ok ? " ok" : ` MISMATCH (reference ${expected})`}`,
      );
    };
    for (const [i, n] of global.counts.cycles.entries()) check(`deals_cycles_k${i + 2}`, n);
    check("deals_brokered", global.counts.brokered);
    out(`steps ${global.counts.steps}`);
    const line = (name: string, runs: number[], ref: number) => {
      const mid = median(runs);
      out(
        `${name} ${fixed(mid)} (min ${fixed(Math.min(...runs))}, runs ${runs.length})` +
          ` reference ${fixed(ref)} ratio ${fixed(mid / ref, 2)}`,
      );
      return mid;
    };
    const refCycles = reference?.values.get("cpu_cycles_s") ?? Number.NaN;
    const refBrokered = reference?.values.get("cpu_brokered_s") ?? Number.NaN;
    const cycles = line("cpu_cycles_s", global.cycleSeconds, refCycles);
    const brokered = line("cpu_brokered_s", global.brokeredSeconds, refBrokered);
    out(
      `cpu_global_s ${fixed(cycles + brokered)} reference ${fixed(refCycles + refBrokered)}` +
        ` ratio ${fixed((cycles + brokered) / (refCycles + refBrokered), 2)}`,
    );
  }
  if (runInitiators) {
    initiatorsBfs = initiatorBlock(maxParties, reference, "bfs order, after the global run");
    out(
      `  reference cpu_us p50 ${reference.values.get("initiator_us_p50")} p99 ${reference.values.get("initiator_us_p99")}` +
        ` max ${reference.values.get("initiator_us_max")} total_cpu_s ${reference.values.get("cpu_initiator_loop_s")}`,
    );
  }
  if (!countsOk) allOk = false;
  out(`counts ${reference === undefined ? "unchecked" : countsOk ? "ok" : "MISMATCH"}`);
  out(
    JSON.stringify({
      network: loaded.file,
      firms: index.firmCount,
      trades: index.tradeCount,
      arcs: index.arcCount,
      K: maxParties,
      cpu_parse_s: loaded.parseSeconds,
      cpu_index_s: loaded.indexSeconds,
      index_bytes: loaded.indexBytes,
      global,
      initiators_identity: summary(initiatorsIdentity),
      initiators_bfs: summary(initiatorsBfs),
      reference: reference === undefined ? undefined : Object.fromEntries(reference.values),
      counts_ok: reference === undefined ? null : countsOk,
    }),
  );
}
out(`peak_rss_mib ${fixed(process.resourceUsage().maxRSS / 1024, 0)}`);
process.exitCode = allOk ? 0 : 1;
