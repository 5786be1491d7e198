/**
 * `reciprocal-deals explore NETWORK [--initiator ID] [--hops H] [--out DIR]`:
 * writes a static page that runs the library in the browser (SPEC §8): DIR/
 * index.html, explorer.js (the app, built with the package into
 * dist/explorer/ and copied) and network.js (the network). With an
 * initiator, the network is cut to the firms within H trades of it
 * (`neighbourhoodOf`), which holds every deal of up to H + 1 parties that it
 * is in, so a million-firm network stays viewable; without, the whole
 * network goes, up to `explorerFirmLimit` firms.
 */
import { mkdir, readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { defaultNeighbourhoodOptions, neighbourhoodOf } from "../../interop/neighbourhood.js";
import { inputFormats } from "../../model/read-network.js";
import type { Network } from "../../model/types.js";
import {
  type ExplorerData,
  explorerDataScript,
  networkDocument,
} from "../../pages/explorer/explorer-data.js";
import { explorerFiles, explorerPageHtml } from "../../pages/explorer/explorer-page.js";
import { labelsOf } from "../../proposal/firm-labels.js";
import { maxPartiesLimit } from "../../search/kinds.js";
import { tradeIndexOf } from "../../trade-index/trade-index.js";
import { formatNumber } from "../../util/number-format.js";
import { integerFlag, parseFlags } from "../args.js";
import { writeFileAtomically } from "../atomic-file.js";
import { inputFlags, loadNetwork } from "../input.js";
import { type CliIO, CliUsageError, exitStatusHelp } from "../io.js";

/** The most firms `explore` ships without an initiator (a browser draws and searches them in seconds). */
export const explorerFirmLimit = 25_000;

/** The folder `explore` writes by default. */
export const defaultExploreFolder = "explorer";

/** Help text of `explore`. */
export const exploreHelp = `Usage: reciprocal-deals explore NETWORK [--initiator ID] [--hops H] [--out DIR]

Writes a page that finds, prices and ranks deals in the browser and draws the
trade graph: DIR/index.html, explorer.js and network.js. Open index.html in a
browser (no server needed). Change the policy, objective, max parties,
competition and kinds there; click a deal to see it on the graph and open its sheet.

  --initiator ID   the firm whose deals the page lists; the page holds only the
                   firms within H trades of it
  --hops H         with --initiator: how far the neighbourhood reaches (default
                   ${defaultNeighbourhoodOptions.hops}); every deal of up to H + 1 parties that ID is in is inside
  --out DIR        the folder to write (default ${defaultExploreFolder}); created when missing,
                   its three files replaced
  --input-format F ${inputFormats.join(" | ")}, for NETWORK = - (stdin; default json)

Without --initiator the whole network goes, up to ${formatNumber(explorerFirmLimit)} firms, and the page
lets you pick an initiator.

${exitStatusHelp}

Example:
  reciprocal-deals explore examples/steel-valves/network.json --initiator steel --out steel-explorer`;

/** The package's folder: the nearest one up from this module with its package.json. */
async function packageRoot(): Promise<string> {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const found = await stat(join(folder, "package.json")).then(
      () => true,
      () => false,
    );
    if (found) return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error("reciprocal-deals: cannot find the package's folder");
    folder = parent;
  }
}

/** The explorer app built with the package (dist/explorer/explorer.js). */
export async function explorerBundlePath(): Promise<string> {
  const path = join(await packageRoot(), "dist", "explorer", explorerFiles.app);
  const exists = await stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists) {
    throw new CliUsageError(
      `the explorer's app is missing (${path}): build the package first (npm run build)`,
    );
  }
  return path;
}

/** Runs `explore`. */
export async function runExplore(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    initiator: { type: "string" },
    hops: { type: "string" },
    out: { type: "string" },
    ...inputFlags,
  });
  if (values.help) {
    io.stdout.write(`${exploreHelp}\n`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new CliUsageError("explore takes one NETWORK argument (see --help)");
  const initiator = values.initiator;
  if (values.hops !== undefined && initiator === undefined)
    throw new CliUsageError("--hops needs --initiator (the neighbourhood is around it)");
  const hops = integerFlag(
    values.hops,
    "hops",
    defaultNeighbourhoodOptions.hops,
    1,
    maxPartiesLimit - 1,
  );
  const folder = values.out ?? defaultExploreFolder;
  const bundle = await explorerBundlePath();
  const source = positionals[0];
  const network = await loadNetwork(source, values["input-format"], io);
  const firmsInSource = network.firms.length;
  let shipped: Network = network;
  if (initiator !== undefined) {
    if (tradeIndexOf(network).firmIndex(initiator) < 0)
      throw new CliUsageError(`unknown initiator: ${initiator} is not a firm of ${source}`);
    shipped = neighbourhoodOf(network, initiator, { hops });
  } else if (firmsInSource > explorerFirmLimit) {
    throw new CliUsageError(
      `${source} has ${formatNumber(firmsInSource)} firms; the explorer takes at most ` +
        `${formatNumber(explorerFirmLimit)} without --initiator: name one to explore its neighbourhood`,
    );
  }
  const labels = labelsOf(network);
  const trades = tradeIndexOf(shipped).tradeCount;
  const firms = shipped.firms.length;
  const cut =
    initiator === undefined
      ? ""
      : ` within ${hops} trade${hops === 1 ? "" : "s"} of ${labels.name(initiator)}`;
  const data: ExplorerData = {
    network: networkDocument(shipped),
    initiator: initiator ?? null,
    hops: initiator === undefined ? null : hops,
    source,
    firmsInSource,
  };
  const page = explorerPageHtml({
    title: initiator === undefined ? "Deals explorer" : `Deals of ${labels.name(initiator)}`,
    subtitle:
      `${source} · ${formatNumber(firms)} firm${firms === 1 ? "" : "s"}${cut}` +
      `${firms < firmsInSource ? ` (of ${formatNumber(firmsInSource)})` : ""} · ${formatNumber(trades)} potential trades`,
  });

  const existing = await stat(folder).catch(() => undefined);
  if (existing !== undefined && !existing.isDirectory())
    throw new CliUsageError(`--out ${folder} is not a folder`);
  await mkdir(folder, { recursive: true });
  const content = (bytes: string | Buffer) => async (stream: Writable) => {
    await new Promise<void>((resolve, reject) =>
      stream.write(bytes, (error) => (error ? reject(error) : resolve())),
    );
  };
  // The data and the app first, the page last: a page is never there without its scripts.
  await writeFileAtomically(join(folder, explorerFiles.data), content(explorerDataScript(data)));
  await writeFileAtomically(join(folder, explorerFiles.app), content(await readFile(bundle)));
  await writeFileAtomically(join(folder, explorerFiles.page), content(page));
  io.stderr.write(
    `explore: wrote ${join(folder, explorerFiles.page)} (${formatNumber(firms)} firms${cut}, ` +
      `${formatNumber(trades)} potential trades); open it in a browser\n`,
  );
  return 0;
}
