/**
 * Cooperative slices: the long synchronous phases of the portfolio (building
 * the model, the reduction, the greedy, the bounds, the pricing searches) are
 * written as generators that `yield` at safe points, every thousand or so
 * inner steps. A driver runs them: {@link runSync} straight through (tests,
 * small inputs), {@link runWork} handing the thread back to the event loop
 * whenever a slice of {@link Pacer.sliceMs} has passed, so that timers fire
 * and an `AbortSignal` fired by a timer or an event is seen within a slice.
 *
 * Why generators rather than a worker for this part: the phases work on the
 * caller's `Deal` objects and on the trade index, which a worker would need
 * copied; a `yield` every ~1000 steps is cheap (with the slices, the kidney
 * instances run at 0.84–1.18× main's CPU: bench/RESULTS.md, "Portfolio at
 * marketplace scale"). HiGHS, which runs in one synchronous
 * call, is the part that goes to a worker thread (highs-worker.ts).
 */

/** A computation that pauses at safe points; its return value is the result. */
export type Work<T> = Generator<void, T, void>;

/** Runs `work` to the end without ever giving the thread away. */
export function runSync<T>(work: Work<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** When to hand the thread back to the event loop. */
export class Pacer {
  private last = performance.now();

  /** @param sliceMs the longest stretch of work between two visits of the event loop */
  constructor(readonly sliceMs = 20) {}

  /** A slice has run out. */
  due(): boolean {
    return performance.now() - this.last >= this.sliceMs;
  }

  /** Lets the event loop run (timers, I/O, abort listeners), then starts a new slice. */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}

/** Runs `work`, visiting the event loop whenever `pacer` says a slice is over. */
export async function runWork<T>(work: Work<T>, pacer: Pacer): Promise<T> {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (pacer.due()) await pacer.pause();
  }
}
