/**
 * A progress line for long CLI runs: items done of total, rate, ETA and one
 * custom counter ("deals found"), drawn on stderr only when stderr is a
 * terminal and only once the run has lasted over a second; at most ten
 * redraws a second; the line is cleared when done. Silent otherwise, so
 * piped output and logs never see it.
 */
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
}

/** Defaults of `ProgressOptions`. */
export const defaultProgressOptions: Required<ProgressOptions> = {
  label: "items",
  extraLabel: "",
  delayMs: 1000,
  intervalMs: 100,
  now: () => performance.now(),
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
    if (!this.io.interactive || this.finished) return;
    const now = this.options.now();
    const elapsed = now - this.start;
    if (elapsed <= this.options.delayMs || now - this.lastDraw < this.options.intervalMs) return;
    this.lastDraw = now;
    this.drawn = true;
    this.io.stderr.write(`${clearLine}${this.line(done, total, extra, elapsed / 1000)}`);
  }

  /** Clears the line if one was drawn; later updates are ignored. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.drawn) this.io.stderr.write(clearLine);
  }

  private line(
    done: number,
    total: number | undefined,
    extra: number | undefined,
    seconds: number,
  ): string {
    const { label, extraLabel } = this.options;
    const rate = done / seconds;
    const parts: string[] = [];
    if (total !== undefined && total > 0) {
      const percent = Math.min(100, Math.floor((100 * done) / total));
      parts.push(`${label} ${count(done)}/${count(total)} (${percent}%)`);
    } else {
      parts.push(`${label} ${count(done)}`);
    }
    parts.push(`${count(rate)}/s`);
    if (total !== undefined && total > 0) {
      parts.push(rate > 0 ? `ETA ${formatDuration((total - done) / rate)}` : "ETA ?");
    }
    if (extra !== undefined)
      parts.push(extraLabel === "" ? count(extra) : `${extraLabel} ${count(extra)}`);
    parts.push(formatDuration(seconds));
    return parts.join(" · ");
  }
}
