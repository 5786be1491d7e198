/**
 * Interrupts (issue 16): SIGINT, SIGTERM and SIGHUP run the registered
 * cleanups (here: clearing the progress line) and end the process as killed
 * by the signal; once nothing is registered, no handler is left, so a signal
 * stops synchronous work at once. Runs a small script under tsx as a child.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const script = join(__dirname, "scripts", "interrupted-progress.ts");

function runScript(argument: string, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, ["--import", "tsx", script, argument], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    if (stdout.includes("ready\n")) child.kill(signal);
  });
  return new Promise<{ signal: string | null; stdout: string }>((resolve) =>
    child.on("close", (_, killed) => resolve({ signal: killed, stdout })),
  );
}

describe("interrupts", () => {
  it.each(["SIGINT", "SIGTERM", "SIGHUP"] as const)(
    "%s clears the progress line, then ends the process by the signal",
    async (signal) => {
      const { signal: killed, stdout } = await runScript("drawn", signal);
      expect(killed).toBe(signal);
      // The line drawn, "ready", then the clearing written by the cleanup.
      expect(stdout).toBe("\r\u001b[Kfirms 10/100 (10%) · 2/s · ETA 45s · 5s\nready\n\r\u001b[K");
    },
  );

  it("leaves no handler once the cleanup is gone: a signal stops synchronous work", async () => {
    const { signal, stdout } = await runScript("released", "SIGINT");
    expect(signal).toBe("SIGINT");
    expect(stdout.endsWith("ready\n")).toBe(true);
  });
});
