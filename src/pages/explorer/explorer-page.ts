/**
 * The explorer's page (`index.html`): its layout and styles, and the two
 * scripts beside it — the data (`network.js`) and the app (`explorer.js`,
 * the browser bundle of the library, sigma and graphology). Controls and the
 * list of deals on the left, the graph in the middle, the opened deal's sheet
 * on the right; the deal sheet's own styles are included, so an opened deal
 * looks as it does on `--format html`'s page.
 */
import { escapeHtml } from "../html.js";
import { sheetStyle } from "../sheet-style.js";

/** The files of an explorer folder. */
export const explorerFiles = {
  page: "index.html",
  data: "network.js",
  app: "explorer.js",
} as const;

/** The explorer's own styles (the sheet's come first). */
const explorerStyle = `
html, body { height: 100%; }
body { display: grid; grid-template-columns: minmax(300px, 380px) 1fr; grid-template-rows: auto minmax(0, 1fr); overflow: hidden; }
body > header { grid-column: 1 / -1; padding: 10px 20px; background: var(--paper); border-bottom: 1px solid var(--line); }
body > header h1 { font-size: 19px; margin: 0; }
body > header p { margin: 2px 0 0; color: var(--muted); font-size: 13px; }
#controls { overflow-y: auto; padding: 12px 16px 24px; border-right: 1px solid var(--line); background: var(--paper); }
#controls form { display: grid; grid-template-columns: auto 1fr; gap: 8px 10px; align-items: center; }
#controls label, #controls legend { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
#controls input, #controls select { font: inherit; font-size: 14px; padding: 4px 6px; border: 1px solid var(--line); border-radius: 6px; width: 100%; }
#controls fieldset { grid-column: 1 / -1; border: 0; padding: 0; margin: 0; display: flex; gap: 14px; align-items: center; flex-wrap: wrap; }
#controls fieldset label { text-transform: none; font-size: 14px; color: var(--ink); letter-spacing: 0; display: flex; gap: 4px; align-items: center; }
#controls fieldset input { width: auto; }
#firm-matches { grid-column: 1 / -1; margin: -4px 0 0; padding: 0; list-style: none; }
#firm-matches button { font: inherit; font-size: 13px; background: none; border: 0; color: var(--accent); cursor: pointer; padding: 2px 0; text-align: left; }
.hint { grid-column: 1 / -1; margin: 0; font-size: 12px; color: var(--muted); }
#status { margin: 14px 0 6px; font-size: 13px; color: var(--muted); }
#status.error { color: var(--bad); }
#deals { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
#deals button { display: block; width: 100%; text-align: left; font: inherit; font-size: 13.5px; background: var(--paper);
  border: 1px solid var(--line); border-radius: 8px; padding: 7px 10px; cursor: pointer; color: var(--ink); }
#deals button:hover { border-color: var(--accent); }
#deals button[aria-pressed="true"] { border-color: var(--accent); background: var(--accent-soft); box-shadow: inset 4px 0 0 var(--accent); }
#deals .rank { color: var(--muted); margin-right: 4px; }
#deals .names { display: block; font-weight: 600; }
#deals .money { display: block; color: var(--muted); font-variant-numeric: tabular-nums; }
#deals .badge { margin-left: 4px; }
main#stage { position: relative; min-width: 0; min-height: 0; max-width: none; margin: 0; padding: 0; }
#graph { position: absolute; inset: 0; background: #fbfcfd; }
#stage.sheet-open #graph { right: min(720px, 62%); }
#graph-note { position: absolute; left: 12px; bottom: 10px; margin: 0; font-size: 12px; color: var(--muted);
  background: rgba(255,255,255,.9); padding: 4px 8px; border-radius: 6px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin: 0 4px 0 10px; vertical-align: -1px; }
#sheet { position: absolute; top: 0; right: 0; bottom: 0; width: min(720px, 62%); overflow-y: auto; background: var(--ground);
  border-left: 1px solid var(--line); box-shadow: -6px 0 18px rgba(31,41,51,.12); padding: 0 16px 16px; }
#sheet[hidden] { display: none; }
#sheet .sheet-bar { position: sticky; top: 0; z-index: 1; display: flex; justify-content: flex-end; padding: 8px 0; background: var(--ground); }
#sheet .sheet-bar button { font: inherit; font-size: 13px; border: 1px solid var(--line); background: var(--paper); border-radius: 6px; padding: 3px 10px; cursor: pointer; }
#sheet section.deal { margin-top: 0; }
#sheet .deal-body { grid-template-columns: 1fr; }
#sheet figure.diagram { position: static; max-width: 560px; margin: 0 auto; }
`;

/** What the page says about its data. */
export interface ExplorerPageOptions {
  /** The page's title. */
  readonly title: string;
  /** A line under the title: the network, its size, how it was cut. */
  readonly subtitle: string;
}

/** The explorer's `index.html`. */
export function explorerPageHtml(options: ExplorerPageOptions): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reciprocal-deals explore">
<title>${escapeHtml(options.title)}</title>
<style>${sheetStyle}${explorerStyle}</style></head>
<body>
<header><h1>${escapeHtml(options.title)}</h1><p id="subtitle">${escapeHtml(options.subtitle)}</p></header>
<aside id="controls" aria-label="Search">
<form id="options" autocomplete="off">
  <label for="initiator">Initiator</label><input id="initiator" name="initiator" placeholder="firm id or name (none: every deal)">
  <ul id="firm-matches" aria-label="Matching firms"></ul>
  <label for="policy">Policy</label><select id="policy" name="policy"></select>
  <label for="objective">Objective</label><select id="objective" name="objective"></select>
  <label for="max-parties">Max parties</label><input id="max-parties" name="maxParties" type="number" min="2" value="3">
  <label for="competition">Competition</label><select id="competition" name="competition"></select>
  <fieldset><legend>Kinds</legend></fieldset>
  <label for="top">Top</label><input id="top" name="top" type="number" min="1" max="500" value="20">
  <p class="hint" id="cut-note"></p>
</form>
<p id="status" role="status" aria-live="polite">Loading the network…</p>
<ol id="deals" aria-label="Deals"></ol>
<noscript><p>The explorer runs the library in the page: it needs JavaScript.</p></noscript>
</aside>
<main id="stage">
<div id="graph" role="img" aria-label="The trade graph: firms as dots, potential trades as arrows"></div>
<p id="graph-note"></p>
<aside id="sheet" hidden aria-label="Deal sheet" tabindex="-1"><div class="sheet-bar"><button type="button" id="close-sheet">Close <kbd>Esc</kbd></button></div><div id="sheet-body"></div></aside>
</main>
<script src="network.js"></script>
<script src="explorer.js"></script>
</body></html>
`;
}
