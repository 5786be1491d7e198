/**
 * What one benchmark stage reports, and the context every stage runs in.
 */
import type { Network } from "../../src/index.js";
import type { BenchLibrary } from "./library.js";
import type { MeasureOptions, Timing } from "./measure.js";

/** Work counters reported beside a stage's times. */
export type Counters = Record<string, number | string | boolean>;

/** The outcome of one stage: validated and timed, skipped (with why), or failed (with why). */
export interface StageResult {
  /** parse, index, search, find, score, select, generate. */
  readonly stage: string;
  /** What exactly ran: `cycle k≤3`, `greedy`, … */
  readonly variant: string;
  readonly status: "ok" | "skipped" | "failed";
  readonly note?: string;
  readonly timing?: Timing;
  readonly counters: Counters;
}

/** What every stage of one network size gets. */
export interface StageContext {
  readonly library: BenchLibrary;
  readonly network: Network;
  readonly measure: MeasureOptions;
  /** Most deals one search stage lists before it stops (and is reported as stopped). */
  readonly dealCap: number;
  /** Most CPU time one search stage lists for, ms (then it stops, reported as stopped). */
  readonly searchLimitMs: number;
  /** Progress lines (stderr). */
  readonly log: (line: string) => void;
}

/** A skipped stage. */
export function skipped(stage: string, variant: string, note: string): StageResult {
  return { stage, variant, status: "skipped", note, counters: {} };
}

/** Runs a stage, turning a thrown error into a `failed` result. */
export async function guarded(
  stage: string,
  variant: string,
  log: (line: string) => void,
  run: () => Promise<StageResult>,
): Promise<StageResult> {
  log(`  ${stage} ${variant}`);
  try {
    const result = await run();
    if (result.status !== "ok") log(`    ${result.status}: ${result.note ?? ""}`);
    return result;
  } catch (error) {
    const note = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    log(`    failed: ${note}`);
    return { stage, variant, status: "failed", note, counters: {} };
  }
}

/** A failed-validation result: the result is not timed. */
export function invalid(
  stage: string,
  variant: string,
  problem: string,
  counters: Counters = {},
): StageResult {
  return { stage, variant, status: "failed", note: `validation: ${problem}`, counters };
}
