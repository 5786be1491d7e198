/**
 * The deal sheet's stylesheet, inlined in every page (no network access):
 * cards on screen, one deal a page when printed on A4 (the diagram beside
 * the parties, backgrounds kept so the room bars print), a visible focus
 * ring for keyboard use, and the diagrams' look (boxes, arrows, labels with
 * a white halo so they stay readable over a line). The explorer uses the same
 * rules for the sheet it opens.
 */
export const sheetStyle = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #cbd2d9; --paper: #fff; --ground: #f5f7fa;
  --accent: #2f6fbd; --accent-soft: #dbe8f8; --amber: #b7791f; --amber-soft: #fff4d6;
  --good: #23753f; --good-soft: #e3f4e8; --bad: #b42318; --bad-soft: #fdecea; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: var(--ink); background: var(--ground); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: 6px 10px; z-index: 2; }
.skip:focus { left: 8px; }
.page-head, main, .page-foot { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
.page-head { padding-top: 24px; }
.page-head h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
.context { margin: 0; color: var(--muted); }
.keys { margin: 6px 0 0; color: var(--muted); font-size: 13px; }
kbd { font: 12px ui-monospace, monospace; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; padding: 0 4px; background: var(--paper); }
.page-foot { color: var(--muted); font-size: 12px; padding-bottom: 24px; }
.panel, section.deal { background: var(--paper); border-radius: 12px; box-shadow: 0 1px 3px rgba(31,41,51,.12);
  padding: 20px 24px; margin: 20px 0; }
.panel h2 { font-size: 18px; margin: 0 0 10px; }
nav.deal-index ol { margin: 0; padding-left: 28px; }
nav.deal-index li { margin: 2px 0; }
nav.deal-index .score { color: var(--muted); font-variant-numeric: tabular-nums; }
section.deal:focus { outline: 3px solid var(--accent); outline-offset: 3px; }
.deal-head h2, .deal-head h3 { font-size: 20px; margin: 0 0 6px; }
.rank { color: var(--muted); font-weight: 500; }
.badges { margin: 0 0 10px; }
.badge { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 999px; padding: 1px 10px; }
.badge.good { background: var(--good-soft); color: var(--good); }
.badge.bad { background: var(--bad-soft); color: var(--bad); }
dl { margin: 0; }
dl.facts { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 0 0 8px; }
dl.facts dd, dl.figures dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
dt { font-size: 11.5px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.initiator-facts { padding: 8px 12px; background: var(--amber-soft); border-radius: 8px; }
.deal-id { margin: 0; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
.deal-id code { font-size: 11.5px; }
.deal-body { display: grid; grid-template-columns: minmax(300px, 5fr) minmax(320px, 6fr); gap: 24px; align-items: start; margin-top: 16px; }
figure.diagram { margin: 0; position: sticky; top: 12px; }
figure.diagram svg { display: block; width: 100%; height: auto; max-height: 560px; }
figcaption { font-size: 12px; color: var(--muted); text-align: center; margin-top: 4px; }
.parties { display: grid; gap: 14px; }
article.party { border: 1px solid var(--line); border-left: 5px solid var(--line); border-radius: 10px; padding: 12px 16px; }
article.party.initiator { border-left-color: var(--amber); background: linear-gradient(90deg, var(--amber-soft), var(--paper) 40%); }
article.party h3 { font-size: 16px; margin: 0 0 8px; }
article.party h4 { font-size: 11.5px; margin: 10px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.firm-id { font-weight: 400; color: var(--muted); font-size: 13px; }
.role { display: inline-block; font-size: 11px; font-weight: 600; color: var(--amber); border: 1px solid var(--amber);
  border-radius: 999px; padding: 0 8px; margin-left: 4px; vertical-align: 2px; }
dl.figures { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 4px 16px; }
.room-bar { position: relative; height: 16px; background: #e4e7eb; border-radius: 8px; margin: 4px 0 2px; }
.room-range { position: absolute; top: 0; bottom: 0; min-width: 4px; background: var(--accent); opacity: .55; border-radius: 8px; }
.room-point { position: absolute; top: -4px; bottom: -4px; width: 4px; margin-left: -2px; background: var(--ink); border-radius: 2px; }
.room-zero { position: absolute; top: -2px; bottom: -2px; width: 1px; background: var(--muted); }
dl.room-values { display: flex; justify-content: space-between; font-size: 12.5px; }
dl.room-values div:nth-child(2) { text-align: center; }
dl.room-values div:last-child { text-align: right; }
dl.room-values dd { margin: 0; font-variant-numeric: tabular-nums; }
dl.room-values div:nth-child(2) dd { font-weight: 700; }
.room-none { color: var(--bad); font-size: 13.5px; margin: 0 0 8px; }
.counter ul { margin: 0; padding-left: 18px; font-size: 13.5px; }
.verdict { margin: 4px 0 0; font-size: 13px; font-weight: 600; }
.verdict.good { color: var(--good); }
.verdict.bad { color: var(--bad); }
.pitch { margin: 10px 0 0; font-size: 13.5px; color: #3e4c59; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 18px; }
caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
th, td { padding: 4px 6px; border-bottom: 1px solid #e4e7eb; text-align: left; vertical-align: top; }
th { font-size: 11.5px; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
th { vertical-align: bottom; }
.table-wrap { overflow-x: auto; }
.verdict-panel.good { border-left: 6px solid var(--good); }
.verdict-panel.bad { border-left: 6px solid var(--bad); }
.violations code { font-weight: 600; }
.panel h3 { font-size: 15px; margin: 14px 0 4px; }
details.binding summary { cursor: pointer; }
details.binding summary h3 { display: inline; }
table.binding { width: auto; min-width: 50%; margin-top: 4px; }
.note { color: var(--muted); font-size: 13px; margin: 6px 0 0; }
.deal-diagram .firm rect { fill: var(--paper); stroke: #52606d; stroke-width: 1.5; }
.deal-diagram .firm.initiator rect { fill: var(--amber-soft); stroke: var(--amber); stroke-width: 3; }
.deal-diagram .firm.key-account rect { stroke-dasharray: none; }
.deal-diagram text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; text-anchor: middle; }
.deal-diagram .firm-name { font-size: 13.5px; font-weight: 650; fill: var(--ink); }
.deal-diagram .firm-id { font-size: 12px; fill: var(--muted); }
.deal-diagram .firm-roles { font-size: 11.5px; font-weight: 600; fill: var(--amber); }
.deal-diagram path.trade { fill: none; stroke: #3e4c59; stroke-width: 1.8; }
.deal-diagram.infeasible path.trade { stroke-dasharray: 6 4; }
.deal-diagram .arrowhead { fill: #3e4c59; }
.deal-diagram .trade-label { font-size: 12.5px; fill: var(--ink); paint-order: stroke; stroke: var(--paper); stroke-width: 4px; stroke-linejoin: round; }
.deal-diagram .trade-label .product { font-weight: 650; fill: var(--accent); }
@media (max-width: 900px) {
  .deal-body { grid-template-columns: 1fr; }
  figure.diagram { position: static; max-width: 560px; margin: 0 auto; }
  dl.figures { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
@page { size: A4; margin: 12mm; }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: var(--paper); font-size: 9.5pt; }
  .page-head, main, .page-foot { max-width: none; padding: 0; }
  .skip, .keys, nav.deal-index { display: none; }
  .panel, section.deal { box-shadow: none; border-radius: 0; padding: 0; margin: 0 0 8mm; }
  section.deal { break-before: page; }
  .deal-head h2, .deal-head h3 { font-size: 14pt; }
  .deal-body { grid-template-columns: 42% 1fr; gap: 5mm; }
  figure.diagram { position: static; }
  figure.diagram svg { max-height: 95mm; }
  article.party { break-inside: avoid; padding: 2mm 3mm; }
  .pitch, .counter ul { font-size: 8.5pt; }
  table { font-size: 7.5pt; }
  td, th { white-space: normal; }
  td.num { white-space: nowrap; }
  .table-wrap { overflow: visible; }
  th, td { padding: 1mm 1.5mm; }
  a { color: inherit; text-decoration: none; }
}
`;
