import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // fast-check: a fixed seed in CI makes a failure reproducible from the log.
    env: process.env.CI ? { FC_SEED: "20261128" } : {},
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
  },
});
