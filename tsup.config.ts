import { defineConfig, type Options } from "tsup";

/**
 * The main entry comes twice: `index` runs anywhere (no Node built-in; what
 * browsers, workers and edge runtimes get through the `exports` map), `node`
 * adds the file readers and writers (what Node gets, ESM and CommonJS).
 *
 * Two builds: ES modules (the library, the testing kit and the CLI, whose
 * bin is ESM) and CommonJS (the library and the kit; no CLI: nothing runs a
 * CommonJS bin). The kit is built as `testing/kit`; the entry
 * `testing/index` loads it at run time (`entry.ts` with `await import`,
 * `entry-cjs.ts` with `require`), turning a missing fast-check into a clear
 * error; its types are `src/testing/index.ts`'s.
 *
 * `deal-worker` is the entry of the worker threads of a threaded search
 * (`src/economics/deal-threads.ts` finds it beside the code that starts it).
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
      node: "src/node.ts",
      advanced: "src/advanced.ts",
      "testing/index": "src/testing/index.ts",
    },
  },
};

/**
 * The explorer's app (`reciprocal-deals explore`): one minified browser
 * script with the library, graphology, graphology-traversal and sigma inside,
 * built with the package and shipped in `dist/explorer/`, so that `explore`
 * only copies it (an installed package has no bundler and no sources).
 */
const explorer: Options = {
  entry: { "explorer/explorer": "src/pages/explorer/explorer-app.ts" },
  format: ["iife"],
  platform: "browser",
  target: "es2020",
  minify: true,
  noExternal: [/./],
  splitting: false,
  sourcemap: false,
  clean: false,
  dts: false,
  outExtension: () => ({ js: ".js" }),
  esbuildOptions(options) {
    options.define = { ...options.define, "process.env.NODE_ENV": '"production"' };
  },
};

export default defineConfig([
  explorer,
  {
    ...common,
    format: ["esm"],
    entry: {
      index: "src/index.ts",
      node: "src/node.ts",
      advanced: "src/advanced.ts",
      "testing/index": "src/testing/entry.ts",
      "testing/kit": "src/testing/index.ts",
      "cli/main": "src/cli/main.ts",
      "deal-worker": "src/economics/deal-worker.ts",
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
      node: "src/node.ts",
      advanced: "src/advanced.ts",
      "testing/index": "src/testing/entry-cjs.ts",
      "testing/kit": "src/testing/index.ts",
      "deal-worker": "src/economics/deal-worker.ts",
    },
  },
]);
