/**
 * The HiGHS worker thread started ahead of a solve (`warmHighsWorker`, while
 * the candidates are searched) must never keep a process alive: a
 * selection that needs no LP (a few cycles, enumerated) leaves it unused, and
 * the process must still end when its work does.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");

describe("the warmed HiGHS worker", () => {
  it("lets the process exit when no solve uses it", () => {
    const folder = mkdtempSync(join(tmpdir(), "rd-highs-"));
    try {
      const module = pathToFileURL(join(root, "src", "portfolio", "highs-worker.ts")).href;
      const script = join(folder, "warm.mts");
      writeFileSync(
        script,
        [
          `import { warmHighsWorker } from ${JSON.stringify(module)};`,
          "warmHighsWorker();",
          'process.stdout.write("warmed");',
        ].join("\n"),
      );
      // A worker that kept the process alive would run into the timeout (ETIMEDOUT).
      const out = execFileSync(process.execPath, ["--import", "tsx", script], {
        cwd: root,
        timeout: 30_000,
      });
      expect(String(out)).toBe("warmed");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
