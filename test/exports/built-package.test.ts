/**
 * The built package (dist/, made by `npm test`'s build step) imports as ESM and
 * as CJS through its `exports` map, and the CLI runs from its bin.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const example = join(root, "examples", "bank-telecom", "network.json");

describe("the built package", () => {
  it("was built (npm test builds before it tests)", () => {
    expect(existsSync(join(root, "dist", "index.js"))).toBe(true);
  });

  it("imports as ESM by its name", async () => {
    const script = `import * as m from "reciprocal-deals"; import * as t from "reciprocal-deals/testing";
      const n = m.parseNetwork(JSON.parse(process.argv[1]));
      console.log(JSON.stringify({ trades: [...m.potentialTrades(n)].length, testing: typeof t }));`;
    const out = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", script, readFileSync(example, "utf8")],
      { cwd: root },
    );
    expect(JSON.parse(String(out))).toEqual({ trades: 2, testing: "object" });
  });

  it("requires as CJS by its name", () => {
    const require = createRequire(join(root, "package.json"));
    const m = require("reciprocal-deals");
    const network = m.parseNetwork(JSON.parse(readFileSync(example, "utf8")));
    expect([...m.potentialTrades(network)]).toHaveLength(2);
    expect(() => m.parseNetwork({})).toThrow(m.NetworkError);
  });

  it("gives Node the file readers through the main entry and reciprocal-deals/node, as ESM and CJS", () => {
    const names = ["readNetwork", "readNetworkLines", "writeNetwork", "readNetworkTables"];
    const script = `import * as m from "reciprocal-deals"; import * as n from "reciprocal-deals/node";
      const names = ${JSON.stringify(names)};
      console.log(JSON.stringify([names.map((k) => typeof m[k]), names.map((k) => typeof n[k]), m.findDeals === n.findDeals]));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: root,
    });
    const functions = names.map(() => "function");
    expect(JSON.parse(String(out))).toEqual([functions, functions, true]);
    const require = createRequire(join(root, "package.json"));
    expect(names.map((k) => typeof require("reciprocal-deals")[k])).toEqual(functions);
    expect(typeof require("reciprocal-deals/node").readNetwork).toBe("function");
  });

  it("keeps the low-level pieces in reciprocal-deals/advanced, not in the main entry", () => {
    const script = `import * as m from "reciprocal-deals"; import * as a from "reciprocal-deals/advanced";
      const names = ["TradeIndex", "tradeIndexOf", "DealCursor", "dealId"];
      const n = m.parseNetwork(JSON.parse(process.argv[1]));
      console.log(JSON.stringify({ advanced: names.map((k) => typeof a[k]), main: names.filter((k) => k in m),
        trades: a.tradeIndexOf(n).tradeCount }));`;
    const out = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", script, readFileSync(example, "utf8")],
      { cwd: root },
    );
    expect(JSON.parse(String(out))).toEqual({
      advanced: ["function", "function", "function", "function"],
      main: [],
      trades: 2,
    });
    const require = createRequire(join(root, "package.json"));
    expect(typeof require("reciprocal-deals/advanced").DealCursor).toBe("function");
  });

  it("exports from reciprocal-deals/testing every value of the kit, as ESM and as CJS", async () => {
    const kit = Object.keys(await import("../../src/testing/index.js")).sort();
    const script = `const t = await import("reciprocal-deals/testing"); console.log(JSON.stringify(Object.keys(t).sort()));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: root,
    });
    expect(JSON.parse(String(out))).toEqual(kit);
    const require = createRequire(join(root, "package.json"));
    expect(Object.keys(require("reciprocal-deals/testing")).sort()).toEqual(kit);
  });

  it("ships no source maps and no CommonJS CLI", () => {
    const files = String(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: root }));
    const paths: string[] = JSON.parse(files)[0].files.map((file: { path: string }) => file.path);
    expect(paths.filter((path) => path.endsWith(".map") || path === "dist/cli/main.cjs")).toEqual(
      [],
    );
    expect(paths).toContain("LICENSE");
    expect(paths).toContain("CHANGELOG.md");
  });

  it("runs the CLI from its bin", () => {
    const out = execFileSync(process.execPath, [
      join(root, pkg.bin["reciprocal-deals"]),
      "trades",
      example,
    ]);
    expect(String(out).trim().split("\n")).toHaveLength(2);
  });

  it("runs the built worker threads: 2 threads list what one lists, from a worker that links no zod", () => {
    const dir = mkdtempSync(join(tmpdir(), "rd-worker-"));
    const cli = join(root, pkg.bin["reciprocal-deals"]);
    const network = join(dir, "network.jsonl");
    execFileSync(process.execPath, [
      cli,
      "generate",
      "--firms",
      "300",
      "--seed",
      "3",
      "--out",
      network,
    ]);
    const listing = (threads: string, ...more: string[]) =>
      String(
        execFileSync(
          process.execPath,
          [
            cli,
            "find",
            network,
            "--max-parties",
            "4",
            "--format",
            "json",
            "--threads",
            threads,
            ...more,
          ],
          { maxBuffer: 1 << 28 },
        ),
      );
    // Every deal (the threads search, price and write the JSON) and the best 10 (the shared floor).
    for (const more of [["--all"], ["--top", "10"]]) {
      const one = listing("1", ...more);
      expect(JSON.parse(one).deals.length).toBeGreaterThan(more[0] === "--all" ? 100 : 9);
      expect(listing("2", ...more)).toBe(one);
    }
    for (const file of ["deal-worker.js", "deal-worker.cjs"]) {
      const code = readFileSync(join(root, "dist", file), "utf8");
      expect(code).not.toMatch(/from ['"]zod['"]|require\(['"]zod['"]\)|from ['"]\.\/chunk-/);
    }
  });

  it("has the CLI load zod only for a record the fast paths leave to it", () => {
    // A loader hook that writes every module URL the process loads to stderr.
    const dir = mkdtempSync(join(tmpdir(), "rd-zod-"));
    writeFileSync(
      join(dir, "hooks.mjs"),
      'export async function load(url, context, next) { process.stderr.write("LOADED " + url + "\\n"); return next(url, context); }',
    );
    writeFileSync(
      join(dir, "register.mjs"),
      `import { register } from "node:module"; register(${JSON.stringify(pathToFileURL(join(dir, "hooks.mjs")).href)});`,
    );
    const invalid = join(dir, "invalid.json");
    writeFileSync(
      invalid,
      JSON.stringify({
        firms: [{ id: "a", offers: [{ product: "p", price: -1, cost: 0, capacity: 1 }] }],
      }),
    );
    const run = (network: string) =>
      spawnSync(
        process.execPath,
        [
          "--import",
          join(dir, "register.mjs"),
          join(root, pkg.bin["reciprocal-deals"]),
          "find",
          network,
        ],
        { encoding: "utf8" },
      );
    const loadsZod = (stderr: string) => /LOADED \S*\/node_modules\/zod\//.test(stderr);
    const valid = run(example);
    expect(valid.status).toBe(0);
    expect(loadsZod(valid.stderr)).toBe(false);
    const bad = run(invalid);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("price must be > 0 → at firms[0].offers[0].price");
    expect(loadsZod(bad.stderr)).toBe(true);
  });
});
