import { dirname, join } from "node:path";
import type { Plugin } from "esbuild";
import { defineConfig, type Options } from "tsup";

/**
 * The main entry comes twice: `index` runs anywhere (no Node built-in; what
 * browsers, workers and edge runtimes get through the `exports` map), `node`
 * adds the file readers and writers (what Node gets, ESM and CommonJS).
 *
 * Three builds: ES modules (the library and the testing kit), the CLI (ESM,
 * on its own: see below) and CommonJS (the library and the kit; no CLI:
 * nothing runs a CommonJS bin). The kit is built as `testing/kit`; the entry
 * `testing/index` loads it at run time (`entry.ts` with `await import`,
 * `entry-cjs.ts` with `require`), turning a missing fast-check into a clear
 * error; its types are `src/testing/index.ts`'s.
 *
 * `deal-worker` is the entry of the worker threads of a threaded search
 * (`src/economics/deal-threads.ts` finds it beside the code that starts it),
 * built on its own (below).
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

/**
 * Swaps `schema-provider.ts` for `schema-provider-cli.ts`, which links no
 * schemas (`schemas-on-demand.ts` loads them when a record needs them): for
 * the CLI's build and the worker threads' entry.
 */
const cliSchemas: Plugin = {
  name: "cli-schemas",
  setup(build) {
    build.onResolve({ filter: /\/schema-provider\.js$/ }, (args) => ({
      path: join(dirname(args.importer), "schema-provider-cli.ts"),
    }));
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
    },
  },
  {
    // The worker threads' entry on its own, one file in each format: it parses
    // no record (its index comes from shared arrays), so it links no zod
    // schemas (loading zod cost each thread ~0.1-0.3 s as it started).
    ...common,
    format: ["esm", "cjs"],
    dts: false,
    splitting: false,
    entry: { "deal-worker": "src/economics/deal-worker.ts" },
    esbuildPlugins: [cliSchemas],
  },
  {
    // The CLI on its own: one build with its commands' lazily loaded code
    // splits into a few chunks; built with the library's six entries it was
    // cut into ~60 (the shared pieces of every combination of entries), each
    // a module to resolve, read and compile on every run (~20 ms of a 0.3 s
    // `select`). It shares no module state with the library's files.
    ...common,
    format: ["esm"],
    dts: false,
    entry: { "cli/main": "src/cli/main.ts" },
    // zod on demand: the CLI links no schemas and loads them when a record needs them.
    esbuildPlugins: [cliSchemas],
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
    },
  },
]);
