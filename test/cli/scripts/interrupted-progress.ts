/**
 * A child process for test/cli/interrupts.test.ts: draws a progress line with
 * `clearOnInterrupt` (on stdout, where the test reads it), says "ready", and
 * waits; with the argument `released` it finishes the reporter first and then
 * spins synchronously, so a signal must stop it at once (no handler left).
 */
import { enableInterruptCleanup } from "../../../src/cli/interrupts.js";
import { ProgressReporter } from "../../../src/cli/progress.js";

enableInterruptCleanup();
let now = 0;
const progress = new ProgressReporter(
  { stderr: process.stdout, interactive: true },
  { label: "firms", clearOnInterrupt: true, now: () => now },
);
now = 5000;
progress.update(10, 100);
if (process.argv[2] === "released") {
  progress.finish();
  process.stdout.write("\nready\n", () => {
    const end = Date.now() + 60_000;
    while (Date.now() < end) {
      // Synchronous work: only the default action of a signal can stop it.
    }
  });
} else {
  process.stdout.write("\nready\n");
  setInterval(() => {}, 1000);
}
