/**
 * The search benchmark on an anchors network (../shared/anchors/gen.py):
 *
 *   npx tsx bench/search/run.ts NETWORK_DIR K [--reference CYCLES_OUTPUT] [--reps 3]
 *       [--only global|initiators]
 *
 * Loads DIR/network.jsonl (or .json), then times with process.cpuUsage():
 * - global: every cycle of 2..K firms, then every brokered deal, `--reps`
 *   times (median and min reported);
 * - initiators: the cycles and brokered deals around each initiator of the
 *   reference's `init` lines (the same 1000 firms as
 *   `/tmp/cycles … --initiators 1000 --print-initiators`), after one untimed
 *   warm-up pass.
 * With `--reference` (the C reference's output on the same network and K,
 * with `--limits`), the counts are checked against its `deals_*` and its
 * per-initiator counts, and the CPU-time ratios are printed. Parse, index and
 * search-graph build times are reported apart, never in the ratios.
 * The last line is one JSON object with every figure.
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
  readReference,
} from "./harness.js";

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    reference: { type: "string" },
    reps: { type: "string", default: "3" },
    only: { type: "string" },
  },
});
const [dir, kText] = positionals;
if (dir === undefined || kText === undefined) {
  process.stderr.write(
    "usage: npx tsx bench/search/run.ts NETWORK_DIR K [--reference FILE] [--reps N] [--only global|initiators]\n",
  );
  process.exit(2);
}
const maxParties = Number(kText);
const reference = flags.reference === undefined ? undefined : readReference(flags.reference);
const out = (line: string) => process.stdout.write(`${line}\n`);
const fixed = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : "-");

const loaded = await loadIndex(dir);
const { index } = loaded;
out(`network ${loaded.file}`);
out(`firms ${index.firmCount} trades ${index.tradeCount} arcs ${index.arcCount}`);
out(
  `cpu_parse_s ${fixed(loaded.parseSeconds)} cpu_index_s ${fixed(loaded.indexSeconds)}` +
    ` cpu_search_graph_s ${fixed(loaded.searchGraphSeconds)}`,
);
out(
  `index_bytes_per_trade ${fixed(loaded.indexBytes / index.tradeCount, 1)}` +
    ` search_graph_bytes_per_arc ${fixed(loaded.searchGraphBytes / index.arcCount, 1)}`,
);
out(`K ${maxParties}`);

let global: GlobalTimes | undefined;
let countsOk = true;
if (flags.only !== "initiators") {
  global = benchGlobal(index, maxParties, Number(flags.reps));
  const check = (key: string, value: number) => {
    const expected = reference?.values.get(key);
    const verdict =
      expected === undefined
        ? ""
        : expected === value
          ? " ok"
          : ` MISMATCH (reference ${expected})`;
    if (expected !== undefined && expected !== value) countsOk = false;
    out(`${key} ${value}${verdict}`);
  };
  for (const [i, n] of global.counts.cycles.entries()) check(`deals_cycles_k${i + 2}`, n);
  check("deals_brokered", global.counts.brokered);
  out(`steps ${global.counts.steps}`);
  const cycles = median(global.cycleSeconds);
  const brokered = median(global.brokeredSeconds);
  const refCycles = reference?.values.get("cpu_cycles_s") ?? Number.NaN;
  const refBrokered = reference?.values.get("cpu_brokered_s") ?? Number.NaN;
  out(
    `cpu_cycles_s ${fixed(cycles)} (min ${fixed(Math.min(...global.cycleSeconds))}, runs ${global.cycleSeconds.length})` +
      ` reference ${fixed(refCycles)} ratio ${fixed(cycles / refCycles, 2)}`,
  );
  out(
    `cpu_brokered_s ${fixed(brokered)} (min ${fixed(Math.min(...global.brokeredSeconds))}, runs ${global.brokeredSeconds.length})` +
      ` reference ${fixed(refBrokered)} ratio ${fixed(brokered / refBrokered, 2)}`,
  );
  out(
    `cpu_global_s ${fixed(cycles + brokered)} reference ${fixed(refCycles + refBrokered)}` +
      ` ratio ${fixed((cycles + brokered) / (refCycles + refBrokered), 2)}`,
  );
}

let initiators: InitiatorTimes | undefined;
if (flags.only !== "global" && reference !== undefined && reference.initiators.length > 0) {
  initiators = benchInitiators(index, maxParties, reference.initiators);
  const { cpuMicros, wallMicros } = initiators;
  out(`initiators ${reference.initiators.length} mismatches ${initiators.mismatches.length}`);
  for (const line of initiators.mismatches.slice(0, 5)) out(`  ${line}`);
  if (initiators.mismatches.length > 0) countsOk = false;
  out(
    `initiator_cpu_us_p50 ${fixed(quantile(cpuMicros, 0.5), 1)} p99 ${fixed(quantile(cpuMicros, 0.99), 1)}` +
      ` max ${fixed(Math.max(...cpuMicros), 1)} total_cpu_s ${fixed(initiators.totalCpuSeconds)}`,
  );
  out(
    `initiator_wall_us_p50 ${fixed(quantile(wallMicros, 0.5), 1)} p99 ${fixed(quantile(wallMicros, 0.99), 1)}` +
      ` max ${fixed(Math.max(...wallMicros), 1)}`,
  );
  out(
    `reference initiator_us_p50 ${reference.values.get("initiator_us_p50")} p99 ${reference.values.get("initiator_us_p99")}` +
      ` max ${reference.values.get("initiator_us_max")} cpu_initiator_loop_s ${reference.values.get("cpu_initiator_loop_s")}`,
  );
}

out(`counts ${reference === undefined ? "unchecked" : countsOk ? "ok" : "MISMATCH"}`);
out(`peak_rss_mib ${fixed(process.resourceUsage().maxRSS / 1024, 0)}`);
out(
  JSON.stringify({
    network: loaded.file,
    firms: index.firmCount,
    trades: index.tradeCount,
    arcs: index.arcCount,
    K: maxParties,
    cpu_parse_s: loaded.parseSeconds,
    cpu_index_s: loaded.indexSeconds,
    cpu_search_graph_s: loaded.searchGraphSeconds,
    index_bytes: loaded.indexBytes,
    search_graph_bytes: loaded.searchGraphBytes,
    global,
    initiators:
      initiators === undefined
        ? undefined
        : {
            count: initiators.cpuMicros.length,
            cpu_us_p50: quantile(initiators.cpuMicros, 0.5),
            cpu_us_p99: quantile(initiators.cpuMicros, 0.99),
            wall_us_p50: quantile(initiators.wallMicros, 0.5),
            total_cpu_s: initiators.totalCpuSeconds,
            mismatches: initiators.mismatches.length,
          },
    reference: reference === undefined ? undefined : Object.fromEntries(reference.values),
    counts_ok: reference === undefined ? null : countsOk,
    peak_rss_kib: process.resourceUsage().maxRSS,
  }),
);
process.exitCode = countsOk ? 0 : 1;
