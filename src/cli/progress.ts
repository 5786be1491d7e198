/**
 * A progress line for long CLI runs: the stage, items done of total, the
 * share of the whole work done, rate, ETA and one custom counter ("deals
 * found"), drawn on stderr only when stderr is a terminal and only once the
 * run has lasted over a second; at most ten redraws a second; the line is
 * cleared when done (and, with `clearOnInterrupt`, on SIGINT, SIGTERM and
 * SIGHUP). Silent otherwise, so piped output and logs never see it.
 */
import { onInterrupt } from "./interrupts.js";
import type { CliIO } from "./io.js";

/** Options of `ProgressReporter`. */
export interface ProgressOptions {
  /** What is counted. @defaultValue "items" */
  readonly label?: string;
  /** Name of the custom counter passed as `extra` (e.g. "deals found"). @defaultValue "" (not shown) */
  readonly extraLabel?: string;
  /** Quiet period before the first draw, in ms. @defaultValue 1000 */
  readonly delayMs?: number;
  /** Least time between two draws, in ms. @defaultValue 100 */
  readonly intervalMs?: number;
  /** The clock, in ms (for tests). @defaultValue performance.now */
  readonly now?: () => number;
  /**
   * Clear the line when the process is interrupted. Only for work that awaits
   * I/O: a signal handler delays Ctrl-C until the event loop turns (see interrupts.ts).
   * @defaultValue false
   */
  readonly clearOnInterrupt?: boolean;
}

/** One look at the work: what `ProgressReporter.report` draws. */
export interface ProgressState {
  /** Items done (in the current stage). */
  readonly done: number;
  /** Items in all (in the current stage); omit or 0 when unknown. */
  readonly total?: number;
  /** The current stage, shown first (`cycle 1/2`). @defaultValue none */
  readonly stage?: string;
  /**
   * The share of the whole work done, 0..1, for the percentage and the ETA.
   * @defaultValue done / total (no percentage and no ETA without a total)
   */
  readonly fraction?: number;
  /** The custom counter. @defaultValue not shown */
  readonly extra?: number;
}

/** Defaults of `ProgressOptions`. */
export const defaultProgressOptions: Required<ProgressOptions> = {
  label: "items",
  extraLabel: "",
  delayMs: 1000,
  intervalMs: 100,
  now: () => performance.now(),
  clearOnInterrupt: false,
};

const clearLine = "\r\u001b[K";

/** Formats a count with thousands separators: 1234567 → "1,234,567". */
function count(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Formats seconds as "42s", "3m05s" or "1h02m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/**
 * Reports progress on stderr for runs that take a while.
 *
 * @example
 * const progress = new ProgressReporter(io, { label: "firms", extraLabel: "deals found" });
 * for (...) progress.update(done, total, deals);
 * progress.finish();
 */
export class ProgressReporter {
  private readonly options: Required<ProgressOptions>;
  private readonly start: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private finished = false;
  private forgetInterrupt: (() => void) | undefined;

  constructor(
    private readonly io: Pick<CliIO, "stderr" | "interactive">,
    options: ProgressOptions = {},
  ) {
    this.options = { ...defaultProgressOptions, ...options };
    this.start = this.options.now();
  }

  /**
   * Records progress: `done` items of `total` (omit or 0 when unknown), and the
   * custom counter. Cheap to call often: it draws at most every `intervalMs`.
   */
  update(done: number, total?: number, extra?: number): void {
    this.report({ done, total, extra });
  }

  /** Records progress with a stage and the share of the whole work done. */
  report(state: ProgressState): void {
    if (!this.io.interactive || this.finished) return;
    const now = this.options.now();
    const elapsed = now - this.start;
    if (elapsed <= this.options.delayMs || now - this.lastDraw < this.options.intervalMs) return;
    this.lastDraw = now;
    if (!this.drawn && this.options.clearOnInterrupt) {
      this.forgetInterrupt = onInterrupt(() => this.io.stderr.write(clearLine));
    }
    this.drawn = true;
    this.io.stderr.write(`${clearLine}${this.line(state, elapsed / 1000)}`);
  }

  /** Clears the line if one was drawn; later updates are ignored. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.forgetInterrupt?.();
    if (this.drawn) this.io.stderr.write(clearLine);
  }

  private line(state: ProgressState, seconds: number): string {
    const { label, extraLabel } = this.options;
    const { done, total, stage, extra } = state;
    const known = total !== undefined && total > 0;
    const parts: string[] = [];
    if (stage !== undefined) parts.push(stage);
    if (state.fraction === undefined) {
      // Items of a known total: the share done, the rate, and the ETA at that rate.
      parts.push(
        known
          ? `${label} ${count(done)}/${count(total)} (${percent(done / total)})`
          : `${label} ${count(done)}`,
      );
      parts.push(`${count(done / seconds)}/s`);
      if (known) parts.push(`ETA ${eta(done / total, seconds)}`);
    } else {
      // A stage of a larger work: its items, then the share of the whole and the ETA from it.
      parts.push(known ? `${label} ${count(done)}/${count(total)}` : `${label} ${count(done)}`);
      parts.push(`${percent(state.fraction)} done`, `ETA ${eta(state.fraction, seconds)}`);
    }
    if (extra !== undefined)
      parts.push(extraLabel === "" ? count(extra) : `${extraLabel} ${count(extra)}`);
    parts.push(formatDuration(seconds));
    return parts.join(" · ");
  }
}

/** Time left when `fraction` of the work took `seconds`, at the same pace. */
function eta(fraction: number, seconds: number): string {
  return formatDuration(fraction > 0 ? (seconds * (1 - fraction)) / fraction : Number.NaN);
}

/** A share as a percent, rounded down: whole percents from 10% on, one decimal below (`0.4%`), `<0.1%` above 0. */
function percent(fraction: number): string {
  const p = Math.min(100, Math.max(0, fraction * 100));
  if (p > 0 && p < 0.1) return "<0.1%";
  return p >= 10 ? `${Math.floor(p)}%` : `${Math.floor(p * 10) / 10}%`;
}
