/**
 * Timing by repetition: CPU time (`process.cpuUsage`, user + system, all
 * threads) and wall time per run, reported as medians, so that a shared and
 * noisy machine disturbs the figures as little as possible.
 */

/** The timing of one measured stage. */
export interface Timing {
  /** Runs measured. */
  readonly reps: number;
  /** Median CPU milliseconds per run. */
  readonly cpuMs: number;
  /** Median wall-clock milliseconds per run. */
  readonly wallMs: number;
  /** Fastest wall-clock run, in milliseconds. */
  readonly minWallMs: number;
}

/** How long to keep repeating. */
export interface MeasureOptions {
  /** Least runs. @defaultValue 3 */
  readonly minReps?: number;
  /** Most runs. @defaultValue 20 */
  readonly maxReps?: number;
  /** Keep repeating (past minReps) until this much wall time has passed, in ms. @defaultValue 1000 */
  readonly budgetMs?: number;
}

/** Defaults of `MeasureOptions`. */
export const defaultMeasureOptions: Required<MeasureOptions> = {
  minReps: 3,
  maxReps: 20,
  budgetMs: 1000,
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** CPU milliseconds used by the process so far (user + system). */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}

/** Runs `run` repeatedly and returns the median times. */
export async function measure(run: () => unknown, options: MeasureOptions = {}): Promise<Timing> {
  const { minReps, maxReps, budgetMs } = { ...defaultMeasureOptions, ...options };
  const cpu: number[] = [];
  const wall: number[] = [];
  const started = performance.now();
  while (cpu.length < maxReps && (cpu.length < minReps || performance.now() - started < budgetMs)) {
    collect();
    const c0 = cpuMs();
    const w0 = performance.now();
    const result = run();
    if (result instanceof Promise) await result;
    wall.push(performance.now() - w0);
    cpu.push(cpuMs() - c0);
  }
  return {
    reps: cpu.length,
    cpuMs: median(cpu),
    wallMs: median(wall),
    minWallMs: Math.min(...wall),
  };
}

/** Times one run of `run`, returning its value too (for stages too slow to repeat). */
export async function measureOnce<T>(
  run: () => T | Promise<T>,
): Promise<{ value: T; timing: Timing }> {
  collect();
  const c0 = cpuMs();
  const w0 = performance.now();
  const value = await run();
  const wallMs = performance.now() - w0;
  return { value, timing: { reps: 1, cpuMs: cpuMs() - c0, wallMs, minWallMs: wallMs } };
}
