/**
 * The time budget and abort signal of one `selectPortfolio` call, checked by
 * every phase and loop.
 */

/** A wall-clock deadline plus an optional abort signal. */
export class Deadline {
  private readonly end: number;

  constructor(
    timeLimitMs: number,
    readonly signal?: AbortSignal,
  ) {
    this.end = performance.now() + Math.max(0, timeLimitMs);
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
}
