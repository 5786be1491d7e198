/**
 * The layer map of CONTRIBUTING.md, checked on every import in src/: a folder
 * imports only from itself and from the folders below it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const src = resolve(__dirname, "..", "..", "src");

/** What the layers on top (pages, cli) may import. */
const belowTheTop = [
  "proposal",
  "portfolio",
  "economics",
  "search",
  "trade-index",
  "model",
  "util",
  "interop",
  "index.ts",
];

/** Which folders (layers) each folder of src/ may import from, besides itself. */
const allowedImports: Readonly<Record<string, readonly string[]>> = {
  util: [],
  model: ["util"],
  "trade-index": ["model", "util"],
  search: ["trade-index", "model", "util"],
  economics: ["search", "trade-index", "model", "util"],
  portfolio: ["economics", "search", "trade-index", "model", "util"],
  proposal: ["economics", "search", "trade-index", "model", "util"],
  generator: ["model", "util"],
  interop: ["search", "trade-index", "model", "util"],
  // On top: the pages (deal sheet, explorer) use the layers below, the CLI every layer;
  // the testing kit only the public entry.
  pages: belowTheTop,
  cli: ["pages", ...belowTheTop, "generator", "advanced.ts"],
  testing: ["index.ts"],
};

/** Every .ts file under a folder. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The relative module specifiers a file imports or re-exports. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    specifiers.push(match[1]);
  }
  return specifiers;
}

/** The top-level folder (or entry file) of src/ a path is in. */
function layerOf(path: string): string {
  return relative(src, path).split(/[\\/]/)[0];
}

/** What is wrong with `file` importing `specifier`, or undefined when the map allows it. */
function breachOf(file: string, specifier: string): string | undefined {
  const from = layerOf(file);
  const allowed = allowedImports[from];
  if (allowed === undefined) return undefined; // the entry files may import anything
  const target = resolve(dirname(file), specifier).replace(/\.js$/, ".ts");
  const to = target.startsWith(src) ? layerOf(target) : "outside src";
  if (to === from || allowed.includes(to)) return undefined;
  // The CLI's --version reads package.json's version (inlined by the build).
  if (from === "cli" && specifier === "../../package.json") return undefined;
  return `${relative(src, file)} imports ${specifier} (${from} → ${to})`;
}

describe("the layer map", () => {
  it("names every folder of src/", () => {
    const folders = readdirSync(src, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders).toEqual(Object.keys(allowedImports).sort());
  });

  it("holds for every import in src/", () => {
    const breaches: string[] = [];
    for (const file of sourceFiles(src)) {
      for (const specifier of importsOf(file)) {
        const breach = breachOf(file, specifier);
        if (breach !== undefined) breaches.push(breach);
      }
    }
    expect(breaches).toEqual([]);
  });

  it("reports an import from a layer above, and accepts one from below", () => {
    const file = join(src, "model", "parse-network.ts");
    expect(breachOf(file, "../economics/deal.js")).toBe(
      "model/parse-network.ts imports ../economics/deal.js (model → economics)",
    );
    expect(breachOf(file, "../util/typed-column.js")).toBeUndefined();
    expect(breachOf(join(src, "testing", "deal-arb.ts"), "../search/kinds.js")).toBeDefined();
  });
});
