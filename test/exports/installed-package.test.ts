/**
 * The package as a user gets it: packed (`npm pack`), installed from the
 * tarball in a temporary folder, and the README's API example (read out of
 * README.md, so that the two never drift) run there as an ES module and as
 * CommonJS and type-checked under `tsc --init`'s strict defaults. fast-check
 * is an optional peer dependency, so it is not installed there: the testing
 * kit must say so.
 *
 * The install is offline: the temporary project gets a lockfile made of the
 * repository's own entries for the runtime dependencies, so `npm ci
 * --offline` takes exactly the pinned versions from npm's cache, which the
 * repository's `npm ci` filled. (`npm install --offline TARBALL` does not
 * work: without a lockfile npm resolves the versions from package metadata
 * that `npm ci` does not cache.)
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");

type LockEntry = { readonly dev?: boolean; readonly devOptional?: boolean };

/** The README's API example and its `scoreDeal` snippet, which goes on from it. */
function readmeExample(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const api = /## The API\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  const score = /```ts\n(const deal = scoreDeal\([\s\S]*?)```/.exec(readme)?.[1];
  if (api === undefined || score === undefined)
    throw new Error("README.md: the API example or the scoreDeal snippet is missing");
  return `${api}\n${score}`;
}

/** The example as CommonJS: `require` for its import, its body in an async function. */
function asCommonJs(example: string): string {
  const body = example.replace(
    /^import \{([^}]*)\} from "([^"]+)";$/m,
    (_, names: string, from: string) => `const {${names}} = require("${from}");`,
  );
  return `(async () => {\n${body}\n})().catch((error) => {\n  console.error(error);\n  process.exit(1);\n});\n`;
}

function run(command: string, args: readonly string[], cwd: string): string {
  return String(execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] }));
}

/** What running `code` as a module of `kind` in `cwd` throws, as its message. */
function failureOf(cwd: string, kind: "esm" | "cjs", code: string): string {
  const args = kind === "esm" ? ["--input-type=module", "-e", code] : ["-e", code];
  try {
    run(process.execPath, args, cwd);
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr);
  }
  return "";
}

describe("the packed package, installed", () => {
  let dir = "";

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "rd-installed-"));
    const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir], root));
    const tarball = `file:${packed.filename}`;
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
    const packages: Record<string, unknown> = {
      "": { name: "readme-example", dependencies: { "reciprocal-deals": tarball } },
      "node_modules/reciprocal-deals": {
        version: pkg.version,
        resolved: tarball,
        dependencies: pkg.dependencies,
        peerDependencies: pkg.peerDependencies,
        peerDependenciesMeta: pkg.peerDependenciesMeta,
        bin: pkg.bin,
      },
    };
    for (const [path, entry] of Object.entries(lock.packages as Record<string, LockEntry>)) {
      if (path !== "" && !entry.dev && !entry.devOptional) packages[path] = entry;
    }
    const project = { name: "readme-example", private: true, type: "module" };
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ ...project, dependencies: { "reciprocal-deals": tarball } }),
    );
    writeFileSync(
      join(dir, "package-lock.json"),
      JSON.stringify({ name: project.name, lockfileVersion: 3, requires: true, packages }),
    );
    try {
      run("npm", ["ci", "--offline", "--no-audit", "--no-fund"], dir);
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr);
      throw new Error(`npm ci --offline failed (run npm ci in the repository first):\n${stderr}`);
    }
    const example = readmeExample();
    writeFileSync(join(dir, "example.mjs"), example);
    writeFileSync(join(dir, "example.cjs"), asCommonJs(example));
    writeFileSync(join(dir, "example.ts"), example);
  });

  afterAll(() => {
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  // The steel story's figures, worked out by hand in examples/steel-valves/README.md:
  // one brokered deal, steel's net 865,500; the portfolio is that deal, proved optimal.
  const expectOutput = (out: string) => {
    const lines = out.trim().split("\n");
    expect(lines.slice(0, 3).map((line) => line.split(" ")[0])).toEqual([
      "steel",
      "valveco",
      "developer",
    ]);
    expect(lines[3]).toMatch(/^optimal /);
    expect(lines[4]).toBe("brokered 865500");
  };

  it("runs the README's example as an ES module", () => {
    expectOutput(run(process.execPath, ["example.mjs"], dir));
  });

  it("runs the README's example as CommonJS", () => {
    expectOutput(run(process.execPath, ["example.cjs"], dir));
  });

  it("type-checks the README's example under tsc --init's strict defaults", () => {
    run(process.execPath, [tsc, "--init"], dir);
    const config = readFileSync(join(dir, "tsconfig.json"), "utf8");
    expect(config).toMatch(/"strict": true/);
    expect(config).toMatch(/"noUncheckedIndexedAccess": true/);
    let errors = "";
    try {
      run(process.execPath, [tsc, "--noEmit", "-p", "."], dir);
    } catch (error) {
      errors = String((error as { stdout?: Buffer }).stdout);
    }
    expect(errors).toBe("");
  });

  it("says that fast-check is missing when the testing kit is loaded without it", () => {
    expect(existsSync(join(dir, "node_modules", "fast-check"))).toBe(false);
    const message = "reciprocal-deals/testing needs fast-check (>= 4)";
    expect(failureOf(dir, "esm", 'await import("reciprocal-deals/testing");')).toContain(message);
    expect(failureOf(dir, "cjs", 'require("reciprocal-deals/testing");')).toContain(message);
  });
});
