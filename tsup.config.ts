import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    advanced: "src/advanced.ts",
    "testing/index": "src/testing/index.ts",
    "cli/main": "src/cli/main.ts",
  },
  format: ["esm", "cjs"],
  dts: {
    entry: {
      index: "src/index.ts",
      advanced: "src/advanced.ts",
      "testing/index": "src/testing/index.ts",
    },
  },
  target: "node20",
  platform: "node",
  splitting: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  // import.meta.url in the CommonJS build (the HiGHS worker resolves the `highs` package from it).
  shims: true,
});
