/**
 * How soon the explorer shows an initiator's deals on a 10,000-firm network
 * (issue 13: within 2 s of load in headless chromium). Generates the network
 * (the library's generator, seed 1), picks the initiator of the best global
 * deal, writes `explore --initiator` (its 3-hop neighbourhood) and `explore`
 * (the whole network), then loads each page N times in Debian's chromium
 * (a new page each time, the files read from disk) and reads the page's own
 * `performance.now()` marks — milliseconds since navigation started: the
 * data script parsed, the deals listed (searched, priced, ranked and put in
 * the DOM), the list painted (the next animation frame), the graph drawn.
 * Prints the medians and every run; wall times, so quote the medians.
 *
 *     npm run build && npx tsx bench/pages/explorer-load.ts [--runs 7] [--firms 10000]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    firms: { type: "string", default: "10000" },
    chromium: { type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
  },
});
const runs = Number(values.runs);
const firms = Number(values.firms);
const root = resolve(import.meta.dirname, "..", "..");
const cli = join(root, "dist", "cli", "main.js");
const dir = mkdtempSync(join(tmpdir(), "rd-explorer-bench-"));

const run = (args: string[]) =>
  String(execFileSync(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] }));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

try {
  const network = join(dir, "network.json");
  run(["generate", "--firms", String(firms), "--seed", "1", "--out", network]);
  const best = JSON.parse(run(["find", network, "--top", "1", "--format", "json"])).deals[0];
  const initiator: string = best.parties[0].firm;
  const pages = [
    {
      name: `initiator ${initiator}, 3 hops`,
      out: join(dir, "initiator"),
      flags: ["--initiator", initiator],
    },
    { name: "whole network", out: join(dir, "whole"), flags: [] },
  ];
  const browser = await chromium.launch({
    executablePath: values.chromium,
    args: ["--no-sandbox"],
  });
  console.log(
    `# explorer load: ${firms.toLocaleString("en-US")} generated firms (seed 1), ${runs} loads each`,
  );
  console.log(
    `# ${new Date().toISOString()} · Node ${process.version} · ${browser.version()} headless · ${cpus().length}× ${cpus()[0]?.model ?? "?"}`,
  );
  for (const page of pages) {
    run(["explore", network, ...page.flags, "--out", page.out]);
    const size = statSync(join(page.out, "network.js")).size;
    const marks: Record<string, number[]> = { parsed: [], listed: [], painted: [], drawn: [] };
    let deals = 0;
    for (let i = 0; i < runs; i++) {
      const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await tab.goto(`file://${join(page.out, "index.html")}`);
      await tab.waitForSelector("body[data-ready]", { timeout: 120_000 });
      const got = await tab.evaluate(
        () =>
          new Promise<{ timings: Record<string, number>; deals: number }>((done) => {
            const state = (
              globalThis as unknown as {
                reciprocalDealsExplorerState: { timings: Record<string, number>; deals: unknown[] };
              }
            ).reciprocalDealsExplorerState;
            requestAnimationFrame(() =>
              done({ timings: state.timings, deals: state.deals.length }),
            );
          }),
      );
      const t = got.timings;
      marks.parsed.push(t.parsed);
      marks.listed.push(t.listed);
      marks.painted.push(t.painted ?? Number.NaN);
      marks.drawn.push(t.drawn);
      deals = got.deals;
      await tab.close();
    }
    const fmt = (xs: number[]) => `${Math.round(median(xs))} ms`;
    console.log(
      `\n${page.name}: network.js ${(size / 1e6).toFixed(1)} MB, ${deals} deals listed\n` +
        `  median since navigation start: parsed ${fmt(marks.parsed)}, listed ${fmt(marks.listed)}, ` +
        `painted ${fmt(marks.painted)}, graph drawn ${fmt(marks.drawn)}\n` +
        `  listed, every run: ${marks.listed.map((x) => Math.round(x)).join(", ")} ms`,
    );
  }
  await browser.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
