/**
 * A child process for test/cli/bounded-memory.test.ts: runs `find NETWORK
 * ARGS…` in process with an interactive stderr (written to stdout, where the
 * test reads it), so the search draws its progress line and registers its
 * clearing as an interrupt cleanup; a signal must then reach the handler in
 * the middle of the search.
 */
import { enableInterruptCleanup } from "../../../src/cli/interrupts.js";
import { runCli } from "../../../src/cli/main.js";

enableInterruptCleanup();
const code = await runCli(["find", ...process.argv.slice(2)], {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stdout,
  interactive: true,
});
process.exitCode = code;
