/**
 * The explorer (`explore`) in a real browser, for the three seed stories and
 * a generated 10,000-firm network (its initiator's neighbourhood, and the
 * whole network): the deals the page finds, prices and ranks in the browser
 * are `find --format json`'s with the same flags, deal for deal and figure
 * for figure, also after the controls change the policy, objective, max
 * parties or competition; the list names the parties; a click on a deal
 * marks its button, draws its firms and trades in the deal's colour on the
 * graph (counted in the screenshot's pixels) and opens its sheet with a room
 * bar per party; no console errors. Screenshots go to test-output/pages/.
 *
 * `npm test` builds the package first: `explore` copies dist/explorer/explorer.js.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { DealJson } from "../../src/economics/deal-json.js";
import { runCliCaptured } from "../cli/run-cli.js";
import {
  countColour,
  fileUrl,
  sameFigures,
  screenshotFolder,
  seedStories,
  useBrowser,
} from "../helpers/browser.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";

const root = join(__dirname, "..", "..");
const dir = temporaryFolder("rd-explorer-");
const open = useBrowser();

/** The deal's colour on the graph (explorer-app.ts's `colours.deal`, #d9480f). */
const dealColour = [0xd9, 0x48, 0x0f] as const;

/** The CLI's output for `args`, which must succeed. */
async function cli(args: string[]): Promise<string> {
  const result = await runCliCaptured(args);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/** `find --room --format json`'s deals for a network and flags. */
async function cliDeals(network: string, flags: readonly string[]): Promise<DealJson[]> {
  const out = await cli(["find", network, ...flags, "--room", "--format", "json"]);
  return (JSON.parse(out) as { deals: DealJson[] }).deals;
}

/** The deals the page lists now. */
function pageDeals(page: Page): Promise<DealJson[]> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { reciprocalDealsExplorerState: { deals: DealJson[] } })
        .reciprocalDealsExplorerState.deals,
  );
}

/** How many searches the page has listed. */
function searches(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { reciprocalDealsExplorerState: { searches: number } })
        .reciprocalDealsExplorerState.searches,
  );
}

/** Sets a control and waits for the list that follows. */
async function setControl(page: Page, selector: string, value: string): Promise<void> {
  const before = await searches(page);
  const control = page.locator(selector);
  if ((await control.evaluate((e) => e.tagName)) === "SELECT") await control.selectOption(value);
  else {
    await control.fill(value);
    await control.dispatchEvent("change");
  }
  await page.waitForFunction(
    (n) =>
      (globalThis as unknown as { reciprocalDealsExplorerState: { searches: number } })
        .reciprocalDealsExplorerState.searches > n,
    before,
  );
}

/** Writes the explorer for `network` and opens it, the graph drawn. */
async function explore(network: string, flags: readonly string[], name: string) {
  const out = join(dir, name);
  const written = await runCliCaptured(["explore", network, ...flags, "--out", out]);
  expect(written.code, written.stderr).toBe(0);
  const watched = await open({ width: 1400, height: 900 });
  await watched.page.goto(fileUrl(join(out, "index.html")));
  await watched.page.waitForSelector("body[data-ready]");
  return watched;
}

/** The graph's area without its legend (whose swatch has the deal's colour). */
async function graphArea(page: Page) {
  const box = await page.locator("#graph").boundingBox();
  if (box === null) throw new Error("no #graph");
  return { x: box.x, y: box.y, width: box.width, height: box.height - 60 };
}

/** Clicks deal `rank` (1-based) and checks what the page shows for it. */
async function clickDeal(page: Page, deal: DealJson, rank: number): Promise<void> {
  const area = await graphArea(page);
  const before = await countColour(page, area, dealColour);
  await page
    .locator("#deals button")
    .nth(rank - 1)
    .click();
  await page.waitForSelector("#sheet:not([hidden])");
  await page.waitForTimeout(600); // the camera's move to the deal (400 ms)
  expect(
    await page
      .locator("#deals button")
      .nth(rank - 1)
      .getAttribute("aria-pressed"),
  ).toBe("true");
  expect(await page.locator('#deals button[aria-pressed="true"]').count()).toBe(1);
  const state = await page.evaluate(() => {
    const graph = document.getElementById("graph");
    return {
      highlighted: (
        globalThis as unknown as { reciprocalDealsExplorerState: { highlighted: string } }
      ).reciprocalDealsExplorerState.highlighted,
      firms: JSON.parse(graph?.dataset.highlightedFirms ?? "[]") as string[],
      trades: JSON.parse(graph?.dataset.highlightedTrades ?? "[]") as string[],
    };
  });
  expect(state.highlighted).toBe(deal.id);
  expect([...state.firms].sort()).toEqual(deal.parties.map((p) => p.firm).sort());
  expect(state.trades).toHaveLength(deal.trades.length);
  const sheet = page.locator(`#sheet section[data-deal-id="${deal.id.replace(/["\\]/g, "\\$&")}"]`);
  expect(await sheet.count()).toBe(1);
  expect(await sheet.locator(".room-bar").count()).toBe(deal.parties.length);
  // Drawn: the deal's firms and trades in its colour, none of it before the click.
  const after = await countColour(page, await graphArea(page), dealColour);
  expect(before).toBeLessThan(20);
  expect(after).toBeGreaterThan(200);
}

describe("the explorer in chromium", () => {
  for (const story of seedStories) {
    it(`finds ${story.name}'s deals in the page as the CLI does, and shows a clicked one`, async () => {
      const network = join(root, "examples", story.name, "network.json");
      const { page, errors } = await explore(network, story.flags, story.name);
      const deals = await cliDeals(network, story.flags);
      expect(deals.length).toBeGreaterThan(0);
      expect(sameFigures(await pageDeals(page), deals)).toEqual([]);
      const names = JSON.parse(readFileSync(network, "utf8")).firms as {
        id: string;
        name?: string;
      }[];
      const listed = await page.locator("#deals button .names").allTextContents();
      expect(listed).toHaveLength(deals.length);
      deals.forEach((deal, i) => {
        for (const party of deal.parties) {
          const firm = names.find((f) => f.id === party.firm);
          expect(listed[i]).toContain(firm?.name ?? party.firm);
        }
      });
      await clickDeal(page, deals[0], 1);
      await page.screenshot({ path: join(screenshotFolder, `explorer-${story.name}.png`) });
      // The controls: the list follows them, as the CLI's flags.
      await setControl(page, "#policy", "fair");
      expect(
        sameFigures(
          await pageDeals(page),
          await cliDeals(network, [...story.flags, "--policy", "fair"]),
        ),
      ).toEqual([]);
      await setControl(page, "#competition", "counter");
      const counter = [...story.flags, "--policy", "fair", "--competition", "counter"];
      expect(sameFigures(await pageDeals(page), await cliDeals(network, counter))).toEqual([]);
      await setControl(page, "#max-parties", "2");
      const two = [...counter, "--max-parties", "2"];
      expect(sameFigures(await pageDeals(page), await cliDeals(network, two))).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  describe("a generated network of 10,000 firms", () => {
    const network = join(dir, "n10k.json");
    let initiator = "";

    beforeAll(async () => {
      await cli(["generate", "--firms", "10000", "--seed", "1", "--out", network]);
      const [best] = await cliDeals(network, ["--top", "1"]);
      initiator = best?.parties[0]?.firm ?? "";
    });

    it("lists an initiator's deals from its neighbourhood as the CLI does from the whole network", async () => {
      const flags = ["--initiator", initiator];
      const { page, errors } = await explore(network, flags, "n10k-initiator");
      const deals = await cliDeals(network, flags);
      expect(deals.length).toBeGreaterThan(1);
      expect(sameFigures(await pageDeals(page), deals)).toEqual([]);
      await clickDeal(page, deals[1], 2);
      await page.screenshot({ path: join(screenshotFolder, "explorer-n10k-initiator.png") });
      await setControl(page, "#objective", "surplus");
      expect(
        sameFigures(
          await pageDeals(page),
          await cliDeals(network, [...flags, "--objective", "surplus"]),
        ),
      ).toEqual([]);
      expect(errors).toEqual([]);
    });

    it("lists the whole network's deals as the CLI does, and an initiator's once one is picked", async () => {
      const { page, errors } = await explore(network, [], "n10k-whole");
      expect(sameFigures(await pageDeals(page), await cliDeals(network, []))).toEqual([]);
      await page.screenshot({ path: join(screenshotFolder, "explorer-n10k-whole.png") });
      await setControl(page, "#initiator", initiator);
      expect(
        sameFigures(await pageDeals(page), await cliDeals(network, ["--initiator", initiator])),
      ).toEqual([]);
      expect(errors).toEqual([]);
    });
  });
});
