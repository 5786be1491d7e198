/**
 * A HiGHS worker thread that sits idle (leased and given back without a
 * solve, as a selection that needs no LP may leave it) must never keep a
 * process alive: the process must end when its work does.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");

describe("an idle HiGHS worker", () => {
  it("lets the process exit", () => {
    const folder = mkdtempSync(join(tmpdir(), "rd-highs-"));
    try {
      const module = pathToFileURL(join(root, "src", "portfolio", "highs-worker.ts")).href;
      const script = join(folder, "idle.mts");
      writeFileSync(
        script,
        [
          `import { leaseHighsWorker, releaseHighsWorker } from ${JSON.stringify(module)};`,
          "releaseHighsWorker(leaseHighsWorker());",
          'process.stdout.write("idle");',
        ].join("\n"),
      );
      // A worker that kept the process alive would run into the timeout (ETIMEDOUT).
      const out = execFileSync(process.execPath, ["--import", "tsx", script], {
        cwd: root,
        timeout: 30_000,
      });
      expect(String(out)).toBe("idle");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
