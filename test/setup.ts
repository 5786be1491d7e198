import { afterEach, beforeEach, vi } from "vitest";

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
