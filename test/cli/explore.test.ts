/**
 * `explore` writes the explorer's three files (the page last), ships the
 * initiator's neighbourhood (or the whole network) as the data script, and
 * refuses usage mistakes with exit 2 before writing anything. `npm test`
 * builds first: `explore` copies dist/explorer/explorer.js.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { neighbourhoodOf } from "../../src/interop/neighbourhood.js";
import { parseNetwork } from "../../src/model/parse-network.js";
import type { ExplorerData } from "../../src/pages/explorer/explorer-data.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";
import { runCliCaptured } from "./run-cli.js";

const root = join(__dirname, "..", "..");
const steel = join(root, "examples", "steel-valves", "network.json");
const dir = temporaryFolder("rd-explore-");

/** The data a written network.js sets, read as the page reads it. */
function shippedData(folder: string): ExplorerData {
  const realm: Record<string, unknown> = {};
  realm.globalThis = realm;
  runInNewContext(readFileSync(join(folder, "network.js"), "utf8"), realm);
  return realm.reciprocalDealsExplorer as ExplorerData;
}

describe("explore", () => {
  it("writes the page, the app and the initiator's neighbourhood", async () => {
    const out = join(dir, "steel");
    const result = await runCliCaptured([
      "explore",
      steel,
      "--initiator",
      "steel",
      "--hops",
      "1",
      "--out",
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^explore: wrote .*index\.html \(3 firms within 1 trade of Special Steel Co, 3 potential trades\)/,
    );
    expect(readdirSync(out).sort()).toEqual(["explorer.js", "index.html", "network.js"]);
    const page = readFileSync(join(out, "index.html"), "utf8");
    expect(page).toContain('<script src="network.js"></script>');
    expect(page).toContain('<script src="explorer.js"></script>');
    expect(page).toContain("<title>Deals of Special Steel Co</title>");
    expect(readFileSync(join(out, "explorer.js"))).toEqual(
      readFileSync(join(root, "dist", "explorer", "explorer.js")),
    );
    const data = shippedData(out);
    const network = parseNetwork(JSON.parse(readFileSync(steel, "utf8")));
    expect(data.initiator).toBe("steel");
    expect(data.hops).toBe(1);
    expect(data.firmsInSource).toBe(3);
    expect(parseNetwork(data.network)).toEqual(neighbourhoodOf(network, "steel", { hops: 1 }));
  });

  it("ships the whole network without an initiator", async () => {
    const out = join(dir, "timber");
    const timber = join(root, "examples", "timber-loop", "network.json");
    const result = await runCliCaptured(["explore", timber, "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    const data = shippedData(out);
    expect(data.initiator).toBeNull();
    expect(data.hops).toBeNull();
    expect(parseNetwork(data.network)).toEqual(
      parseNetwork(JSON.parse(readFileSync(timber, "utf8"))),
    );
  });

  it.each([
    [["explore"], /one NETWORK argument/],
    [["explore", steel, "--hops", "2"], /--hops needs --initiator/],
    [["explore", steel, "--initiator", "nobody"], /unknown initiator: nobody/],
    [["explore", steel, "--initiator", "steel", "--hops", "0"], /hops/],
  ])("refuses %j with exit 2", async (argv, message) => {
    const out = join(dir, "refused");
    const result = await runCliCaptured([...argv, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses an --out that is a file", async () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    const result = await runCliCaptured(["explore", steel, "--out", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not a folder/);
    expect(readFileSync(file, "utf8")).toBe("x");
  });

  it("has help that states its defaults", async () => {
    const result = await runCliCaptured(["explore", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/default\s+3\)/);
    expect(result.stdout).toMatch(/default explorer\)/);
  });
});
