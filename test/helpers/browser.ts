/**
 * A real browser for the page tests: Debian's chromium (`/usr/bin/chromium`,
 * or `CHROMIUM_PATH`), driven by playwright-core, which downloads no browser.
 * `.ci/run` installs chromium when it is missing. Each page records its
 * console errors and uncaught exceptions (a test requires none), and
 * screenshots go to `test-output/pages/` (git-ignored).
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

/** Where the page tests save their screenshots. */
export const screenshotFolder = join(__dirname, "..", "..", "test-output", "pages");

/** The chromium the tests drive. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The seed stories of examples/ and the flags their READMEs use. */
export const seedStories = [
  { name: "steel-valves", flags: ["--initiator", "steel"] },
  { name: "bank-telecom", flags: [] },
  { name: "timber-loop", flags: [] },
] as const;

/** A page and what went wrong in it. */
export interface WatchedPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions, in order. */
  readonly errors: string[];
}

/**
 * Launches one headless chromium for a test file (closed after its tests)
 * and returns a function that opens a watched page in it.
 */
export function useBrowser(): (viewport?: {
  width: number;
  height: number;
}) => Promise<WatchedPage> {
  let browser: Browser | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    if (!existsSync(chromiumPath))
      throw new Error(
        `no chromium at ${chromiumPath}: install it (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`,
      );
    mkdirSync(screenshotFolder, { recursive: true });
    // --no-sandbox: CI containers run as root, where chromium's sandbox cannot start.
    browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return async (viewport = { width: 1280, height: 900 }) => {
    if (browser === undefined) throw new Error("the browser did not start");
    const page = await browser.newPage({ viewport });
    pages.push(page);
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
    return { page, errors };
  };
}

/** A path as a file: URL (pages are opened from disk, as a user opens them). */
export function fileUrl(path: string): string {
  return `file://${path}`;
}

/**
 * How many pixels of a region of the page are within `tolerance` of a
 * colour: the region's screenshot decoded by the page itself (no image
 * library), so a test can see a highlight that is drawn in WebGL.
 */
export async function countColour(
  page: Page,
  clip: { x: number; y: number; width: number; height: number },
  rgb: readonly [number, number, number],
  tolerance = 40,
): Promise<number> {
  const png = await page.screenshot({ clip });
  return page.evaluate(
    async ({ data, rgb, tolerance }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext("2d");
      if (context === null) return -1;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      let count = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const d =
          Math.abs(pixels[i] - rgb[0]) +
          Math.abs(pixels[i + 1] - rgb[1]) +
          Math.abs(pixels[i + 2] - rgb[2]);
        if (d <= tolerance) count++;
      }
      return count;
    },
    { data: png.toString("base64"), rgb, tolerance },
  );
}

/** Whether two JSON values are equal, numbers to 10 significant digits (the CLI writes 12). */
export function sameFigures(a: unknown, b: unknown, path = "$"): string[] {
  if (typeof a === "number" && typeof b === "number") {
    const close = Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(a), Math.abs(b));
    return close ? [] : [`${path}: ${a} vs ${b}`];
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: ${a.length} items vs ${b.length}`];
    return a.flatMap((x, i) => sameFigures(x, b[i], `${path}[${i}]`));
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) =>
      sameFigures(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
      ),
    );
  }
  return a === b ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}
