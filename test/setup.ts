import fc from "fast-check";
import { afterEach, beforeEach, vi } from "vitest";

// A fixed seed in CI (FC_SEED); fast-check prints the seed of any failure.
if (process.env.FC_SEED) fc.configureGlobal({ seed: Number(process.env.FC_SEED) });

// Stray console output is a defect: fail the test that printed.
const methods = ["log", "info", "warn", "error", "debug"] as const;
beforeEach(() => {
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      throw new Error(`stray console.${method}: ${args.map(String).join(" ")}`);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});
