import { defineConfig, type Options } from "tsup";

/**
 * Two builds: ES modules (the library, the testing kit and the CLI, whose
 * bin is ESM) and CommonJS (the library and the kit; no CLI: nothing runs a
 * CommonJS bin). The kit is built as `testing/kit`; the entry
 * `testing/index` loads it at run time (`entry.ts` with `await import`,
 * `entry-cjs.ts` with `require`), turning a missing fast-check into a clear
 * error; its types are `src/testing/index.ts`'s.
 *
 * No source maps: they were 1.65 MB of the package's 2.4 MB unpacked and
 * point into `src/`, which is not shipped; the built code is not minified,
 * keeps its names, and reads well in a stack trace as it is.
 */
const common: Options = {
  target: "node20",
  platform: "node",
  splitting: true,
  sourcemap: false,
  clean: false,
  treeshake: true,
  // import.meta.url in the CommonJS build (the HiGHS worker resolves the `highs` package from it).
  shims: true,
  dts: {
    entry: {
      index: "src/index.ts",
      advanced: "src/advanced.ts",
      "testing/index": "src/testing/index.ts",
    },
  },
};

export default defineConfig([
  {
    ...common,
    format: ["esm"],
    entry: {
      index: "src/index.ts",
      advanced: "src/advanced.ts",
      "testing/index": "src/testing/entry.ts",
      "testing/kit": "src/testing/index.ts",
      "cli/main": "src/cli/main.ts",
    },
  },
  {
    ...common,
    format: ["cjs"],
    // entry-cjs.ts sets `module.exports`, on purpose, in a package of ES modules.
    esbuildOptions(options) {
      options.logOverride = { "commonjs-variable-in-esm": "silent" };
    },
    entry: {
      index: "src/index.ts",
      advanced: "src/advanced.ts",
      "testing/index": "src/testing/entry-cjs.ts",
      "testing/kit": "src/testing/index.ts",
    },
  },
]);
