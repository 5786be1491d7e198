/**
 * The time budget and abort signal of one selection, checked by every phase
 * and loop, with the pacing of the cooperative slices (work.ts) that lets a
 * signal fired by a timer be seen while the work runs.
 */
import { Pacer } from "./work.js";

/** A wall-clock deadline plus an optional abort signal. */
export class Deadline {
  /** performance.now() at which the time runs out (Infinity without a limit). */
  readonly end: number;

  constructor(
    /** The budget this deadline was made with (ms). */
    readonly timeLimitMs: number,
    readonly signal?: AbortSignal,
    /** The slices shared by every deadline derived from this one. */
    readonly pacer: Pacer = new Pacer(),
    end?: number,
  ) {
    this.end = end ?? performance.now() + Math.max(0, timeLimitMs);
  }

  /** The signal fired. */
  get aborted(): boolean {
    return this.signal?.aborted === true;
  }

  /** The time ran out or the signal fired. */
  expired(): boolean {
    return this.aborted || performance.now() >= this.end;
  }

  /** Milliseconds left (Infinity without a limit, 0 once expired). */
  remainingMs(): number {
    if (this.aborted) return 0;
    return Math.max(0, this.end - performance.now());
  }

  /** How a run cut short by this deadline ends: `aborted` when the signal fired, else `timedout`. */
  get cutShort(): "aborted" | "timedout" {
    return this.aborted ? "aborted" : "timedout";
  }

  /**
   * The short extra time for finishing touches once this deadline has passed
   * (a bound, a last greedy fill): 5% of the limit plus 20 ms, at most 100 ms,
   * from now or from the end, whichever is later; none once the signal fired.
   */
  grace(): Deadline {
    const ms = Math.min(100, 0.05 * this.timeLimitMs + 20);
    return new Deadline(ms, this.signal, this.pacer, Math.max(performance.now(), this.end) + ms);
  }

  /**
   * A deadline that ends earlier: after `share` of the time left (at least
   * `minimumMs`, never past this one), with the same signal and slices.
   */
  part(share: number, minimumMs = 0): Deadline {
    const left = this.remainingMs();
    if (!Number.isFinite(left)) return this;
    const ms = Math.min(left, Math.max(minimumMs, share * left));
    return new Deadline(ms, this.signal, this.pacer, performance.now() + ms);
  }
}
