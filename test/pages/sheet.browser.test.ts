/**
 * The deal sheet (`--format html`) in a real browser, for the three seed
 * stories of examples/: every deal of `find --format json` is on the page in
 * its order, each party named as in the network, with the JSON's figures
 * (net, room floor and ceiling) in its data and in the money people read,
 * a room bar whose point lies on its range, and a diagram with a node per
 * party and an arrow per trade; no console errors. Screenshots go to
 * test-output/pages/ (docs/images/ holds the ones the README shows).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DealJson } from "../../src/economics/deal-json.js";
import { formatMoney } from "../../src/util/number-format.js";
import { runCliCaptured } from "../cli/run-cli.js";
import {
  fileUrl,
  screenshotFolder,
  seedStories as stories,
  useBrowser,
} from "../helpers/browser.js";
import { temporaryFolder } from "../helpers/temporary-folder.js";

const root = join(__dirname, "..", "..");
const dir = temporaryFolder("rd-sheet-");
const open = useBrowser();

interface NetworkJson {
  readonly currency?: string;
  readonly firms: readonly { readonly id: string; readonly name?: string }[];
}

/** The CLI's output for `args`, which must succeed. */
async function cli(args: string[]): Promise<string> {
  const result = await runCliCaptured(args);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
}

describe("the deal sheet in chromium", () => {
  for (const story of stories) {
    it(`shows ${story.name}'s deals with the JSON's figures`, async () => {
      const networkPath = join(root, "examples", story.name, "network.json");
      const network = JSON.parse(readFileSync(networkPath, "utf8")) as NetworkJson;
      const names = new Map(network.firms.map((f) => [f.id, f.name ?? f.id]));
      const money = (x: number) => formatMoney(x, network.currency);
      const args = ["find", networkPath, ...story.flags];
      const { deals } = JSON.parse(await cli([...args, "--room", "--format", "json"])) as {
        deals: DealJson[];
      };
      expect(deals.length).toBeGreaterThan(0);
      const page = join(dir, `${story.name}.html`);
      writeFileSync(page, await cli([...args, "--format", "html"]));

      const { page: tab, errors } = await open({ width: 1100, height: 900 });
      await tab.goto(fileUrl(page));
      const shown = await tab.$$eval("section[data-deal-id]", (sections) =>
        sections.map((section) => ({
          id: section.getAttribute("data-deal-id"),
          title: section.querySelector("h2, h3")?.textContent ?? "",
          parties: [...section.querySelectorAll("article[data-firm]")].map((card) => ({
            firm: card.getAttribute("data-firm"),
            heading: card.querySelector("h3, h4")?.textContent ?? "",
            net: Number(card.querySelector('[data-field="net"]')?.getAttribute("data-value")),
            netText: card.querySelector('[data-field="net"]')?.textContent ?? "",
            premium: Number(
              card.querySelector('[data-field="premiumPaid"]')?.getAttribute("data-value"),
            ),
            premiumText: card.querySelector('[data-field="premiumPaid"]')?.textContent ?? "",
            premiumLabel:
              card.querySelector('[data-field="premiumPaid"]')?.previousElementSibling
                ?.textContent ?? "",
            floor: Number(card.querySelector(".room")?.getAttribute("data-floor")),
            ceiling: Number(card.querySelector(".room")?.getAttribute("data-ceiling")),
            floorText: card.querySelector('[data-field="roomFloor"]')?.textContent ?? "",
            ceilingText: card.querySelector('[data-field="roomCeiling"]')?.textContent ?? "",
          })),
          nodes: section.querySelectorAll("svg .firm").length,
          arrows: section.querySelectorAll("svg .trade").length,
        })),
      );
      expect(shown.map((s) => s.id)).toEqual(deals.map((d) => d.id));
      deals.forEach((deal, i) => {
        const section = shown[i];
        expect(section.nodes).toBe(deal.parties.length);
        expect(section.arrows).toBe(deal.trades.length);
        expect(section.parties.map((p) => p.firm)).toEqual(deal.parties.map((p) => p.firm));
        deal.parties.forEach((party, k) => {
          const card = section.parties[k];
          const name = names.get(party.firm) ?? party.firm;
          expect(section.title).toContain(name);
          expect(card.heading).toContain(name);
          expect(card.net).toBeCloseTo(party.net, 2);
          expect(card.netText).toBe(money(party.net));
          // A negative premium is read as what switching saves, never as a negative payment.
          expect(card.premium).toBeCloseTo(party.premiumPaid, 2);
          expect(card.premiumText).toBe(money(Math.abs(party.premiumPaid)));
          expect(card.premiumLabel).toBe(
            party.premiumPaid < 0 ? "switching saves" : "premium paid",
          );
          const [floor, ceiling] = party.netRange ?? [Number.NaN, Number.NaN];
          expect(card.floor).toBeCloseTo(floor, 2);
          expect(card.ceiling).toBeCloseTo(ceiling, 2);
          expect(card.floorText).toBe(money(floor));
          expect(card.ceilingText).toBe(money(ceiling));
        });
      });
      // Each room bar as drawn: the deal's point lies on the range, which lies in the bar.
      const bars = await tab.$$eval(".room-bar", (elements) =>
        elements.map((bar) => {
          const box = (selector: string) => bar.querySelector(selector)?.getBoundingClientRect();
          const whole = bar.getBoundingClientRect();
          const range = box(".room-range");
          const point = box(".room-point");
          return {
            whole: [whole.left, whole.right],
            range: range === undefined ? null : [range.left, range.right],
            point: point === undefined ? null : point.left + point.width / 2,
          };
        }),
      );
      expect(bars.length).toBe(deals.reduce((n, d) => n + d.parties.length, 0));
      for (const bar of bars) {
        const [left, right] = bar.range ?? [Number.NaN, Number.NaN];
        expect(left).toBeGreaterThanOrEqual(bar.whole[0] - 1);
        expect(right).toBeLessThanOrEqual(bar.whole[1] + 1);
        expect(bar.point).toBeGreaterThanOrEqual(left - 2);
        expect(bar.point).toBeLessThanOrEqual(right + 2);
      }
      // Every column of the trades table is named in words, every row fills each one, and
      // the table stays inside its deal's section at this width (no column cut off).
      const tables = await tab.$$eval("table.trades", (elements) =>
        elements.map((table) => ({
          headers: [...table.querySelectorAll("thead th")].map((th) => th.textContent ?? ""),
          widths: [...table.querySelectorAll("tbody tr")].map((tr) => tr.children.length),
          overflow:
            (table.parentElement?.scrollWidth ?? 0) - (table.parentElement?.clientWidth ?? 0),
        })),
      );
      expect(tables.length).toBe(deals.length);
      for (const table of tables) {
        expect(table.headers.every((header) => header.length > 1)).toBe(true);
        for (const width of table.widths) expect(width).toBe(table.headers.length);
        expect(table.overflow).toBeLessThanOrEqual(1);
      }
      await tab.screenshot({
        path: join(screenshotFolder, `sheet-${story.name}.png`),
        fullPage: true,
      });
      // The first deal alone: what docs/images/ holds for the README.
      await tab
        .locator("section[data-deal-id]")
        .first()
        .screenshot({ path: join(screenshotFolder, `sheet-${story.name}-deal.png`) });
      expect(errors).toEqual([]);
    });
  }

  it("shows select's portfolio summary above the chosen deals", async () => {
    const networkPath = join(root, "examples", "steel-valves", "network.json");
    const args = ["select", networkPath, "--initiator", "steel"];
    const json = JSON.parse(await cli([...args, "--format", "json"])) as {
      deals: DealJson[];
      status: string;
    };
    const page = join(dir, "select.html");
    writeFileSync(page, await cli([...args, "--format", "html"]));
    const { page: tab, errors } = await open();
    await tab.goto(fileUrl(page));
    const ids = await tab.$$eval("section[data-deal-id]", (s) =>
      s.map((e) => e.getAttribute("data-deal-id")),
    );
    expect(ids).toEqual(json.deals.map((d) => d.id));
    expect(await tab.textContent("body")).toContain(json.status);
    await tab.screenshot({
      path: join(screenshotFolder, "sheet-select-steel-valves.png"),
      fullPage: true,
    });
    expect(errors).toEqual([]);
  });
});
