/**
 * The main entry runs in browsers: bundled by esbuild for the browser (the
 * sources, and the built package as a bundler resolves it through the
 * `exports` map's `browser` condition), it imports no Node built-in, and the
 * bundle runs in a bare JavaScript realm (no `process`, `Buffer`, `require`)
 * and finds the steel story's deal. `highs` stays outside the bundles: the
 * exact portfolio solver loads it lazily, and its Emscripten loader imports
 * `node:module` only when it runs under Node (a web app's bundler keeps that
 * branch and serves `highs.wasm`).
 */
import { builtinModules, createRequire } from "node:module";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");
const builtins = new Set(builtinModules);

/** Whether `name` is an npm package the importer has (graphology's `events` is the npm polyfill, not Node's). */
function isInstalled(name: string, importer: string): boolean {
  try {
    createRequire(importer).resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/**
 * A plugin that records every import of a Node built-in with its importer:
 * `node:…`, or a built-in's bare name (`fs`) that no installed package answers.
 */
function nodeImports(found: string[]): Plugin {
  return {
    name: "node-imports",
    setup(bundle) {
      bundle.onResolve({ filter: /.*/ }, (args) => {
        const prefixed = args.path.startsWith("node:");
        const name = args.path.split("/")[0] ?? "";
        if (!prefixed && (!builtins.has(name) || isInstalled(name, args.importer)))
          return undefined;
        found.push(`${args.path} from ${args.importer.replace(`${root}/`, "")}`);
        return { path: args.path, external: true };
      });
    },
  };
}

/** Bundles `contents` (an ES module in the repository's root) for the browser, as one script. */
async function bundleForBrowser(contents: string) {
  const found: string[] = [];
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "library",
    write: false,
    logLevel: "silent",
    external: ["highs"],
    plugins: [nodeImports(found)],
  });
  return { found, code: result.outputFiles[0]?.text ?? "" };
}

/** The steel story of SPEC §1, as in the README's example. */
const steel = {
  currency: "CNY",
  firms: [
    {
      id: "steel",
      offers: [{ product: "special-steel", price: 5200, cost: 4300, capacity: 2000 }],
    },
    {
      id: "valveco",
      hurdle: 2000,
      offers: [{ product: "valve", price: 100, cost: 70, capacity: 5000 }],
      needs: [
        { product: "special-steel", quantity: 200, referencePrice: 5250, switchingCost: 5000 },
      ],
    },
    {
      id: "developer",
      keyAccount: true,
      needs: [
        { product: "special-steel", quantity: 1000, referencePrice: 5000, switchingCost: 20000 },
        { product: "valve", quantity: 300, referencePrice: 95, switchingCost: 2000 },
      ],
    },
  ],
  relations: [
    { seller: "steel", buyer: "developer", product: "special-steel", probability: 0.6 },
    { seller: "valveco", buyer: "developer", probability: 0.9 },
  ],
};

/** Runs a bundle in a fresh realm with only what every browser has, and returns the steel deal's kind and net. */
function runSteel(code: string): unknown {
  const script = `${code}
    const network = library.parseNetwork(JSON.parse(input));
    const [deal] = library.findDeals(network, { initiator: "steel" });
    JSON.stringify({ kind: deal.kind, net: deal.initiator.net, readNetwork: typeof library.readNetwork });`;
  // Web platform globals every browser and worker has; Node's own (process, Buffer, require) stay out.
  const web = { performance, TextEncoder, TextDecoder, URL, AbortController, AbortSignal };
  const realm = { ...web, setTimeout, clearTimeout, queueMicrotask, structuredClone };
  Object.assign(realm, { input: JSON.stringify(steel) });
  return JSON.parse(String(runInNewContext(script, realm)));
}

describe("the main entry in a browser", () => {
  it("bundles from the sources with no Node built-in, and runs without Node", async () => {
    const { found, code } = await bundleForBrowser('export * from "./src/index.ts";');
    expect(found).toEqual([]);
    // The steel story's deal, worked by hand in examples/steel-valves/README.md: steel nets 865,500.
    expect(runSteel(code)).toEqual({ kind: "brokered", net: 865500, readNetwork: "undefined" });
  });

  it("bundles from the built package by its name (the exports map's browser condition)", async () => {
    const { found, code } = await bundleForBrowser('export * from "reciprocal-deals";');
    expect(found).toEqual([]);
    expect(runSteel(code)).toEqual({ kind: "brokered", net: 865500, readNetwork: "undefined" });
  });

  it("finds the file readers of the Node entry missing (the check can fail)", async () => {
    const { found } = await bundleForBrowser('export * from "./src/node.ts";');
    expect(found.some((f) => f.startsWith("node:fs"))).toBe(true);
  });
});
