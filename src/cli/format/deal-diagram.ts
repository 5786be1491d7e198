/**
 * Diagrams of a deal list: Graphviz DOT and Mermaid flowcharts, one cluster
 * (DOT `subgraph cluster_N`, Mermaid `subgraph`) per deal, titled with its
 * rank, kind and score. Inside, the deal's firms are nodes (keyed `dNfI`:
 * deal N's I-th firm, so a firm in several deals is drawn in each), labelled
 * by name with the id where it differs; its trades are edges labelled as on
 * the html sheet: product, quantity × unit price, discount. The initiator is
 * highlighted (filled, bold border); an infeasible deal's edges are dashed.
 * Control characters in labels are written as visible escapes (`\n`), so no
 * label spans lines of the file.
 */
import type { Deal } from "../../economics/deal.js";
import { tradeLabelLines } from "../../pages/deal-diagram-svg.js";
import type { NetworkLabels } from "../../proposal/firm-labels.js";
import { formatFixed } from "../../util/number-format.js";
import { visibleText } from "./escape.js";

/** The initiator's fill and border, in both formats. */
const initiatorFill = "#fff4d6";
const initiatorBorder = "#b7791f";

/** Node keys of one deal: `d1f0`, `d1f1`, … for its firms in order of appearance. */
function dealNodes(deal: Deal, rank: number): Map<string, string> {
  const keys = new Map<string, string>();
  for (const firm of [
    ...deal.parties.map((p) => p.firm),
    ...deal.trades.flatMap((t) => [t.seller, t.buyer]),
  ]) {
    if (!keys.has(firm)) keys.set(firm, `d${rank}f${keys.size}`);
  }
  return keys;
}

/** A cluster's title: `Deal 1: brokered, score 467,370.00` (`infeasible` when it is). */
function clusterTitle(deal: Deal, rank: number): string {
  return `Deal ${rank}: ${deal.kind}${deal.feasible ? "" : " (infeasible)"}, score ${formatFixed(deal.score)}`;
}

/** A DOT string's text: quotes and backslashes escaped, control characters visible. */
const dotText = (text: string) => visibleText(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"');

/** A DOT string of lines, joined by DOT's centred line break `\n`. */
const dotLines = (lines: readonly string[]) => `"${lines.map(dotText).join("\\n")}"`;

/** Graphviz DOT: `digraph deals { subgraph cluster_1 { label="…"; d1f0 [label="…"]; d1f0 -> d1f1 [label="…"]; } … }`. */
export function dealsToDot(deals: Iterable<Deal>, labels: NetworkLabels): string {
  const lines = ["digraph deals {", "  rankdir=LR;", "  node [shape=box, style=rounded];"];
  let rank = 0;
  for (const deal of deals) {
    rank++;
    const keys = dealNodes(deal, rank);
    lines.push(
      `  subgraph cluster_${rank} {`,
      `    label=${dotLines([clusterTitle(deal, rank)])};`,
    );
    for (const [firm, key] of keys) {
      const highlight =
        deal.initiator?.firm === firm
          ? `, style="rounded,filled,bold", fillcolor="${initiatorFill}", color="${initiatorBorder}", penwidth=2`
          : "";
      lines.push(`    ${key} [label=${dotLines([labels.firm(firm)])}${highlight}];`);
    }
    const style = deal.feasible ? "" : ", style=dashed";
    for (const t of deal.trades) {
      lines.push(
        `    ${keys.get(t.seller)} -> ${keys.get(t.buyer)} [label=${dotLines(tradeLabelLines(t))}${style}];`,
      );
    }
    lines.push("  }");
  }
  return `${[...lines, "}"].join("\n")}\n`;
}

/**
 * A Mermaid label: control characters visible, and `"`, `#`, `<`, `>` as
 * Mermaid entity codes, so the text can neither end the label nor be read as markup.
 */
const mermaidText = (text: string) =>
  visibleText(text).replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`);

/** Mermaid lines of a label, joined by `<br/>`. */
const mermaidLines = (lines: readonly string[]) => lines.map(mermaidText).join("<br/>");

/** Mermaid: `flowchart LR`, a `subgraph` per deal with its firm nodes and labelled trade edges. */
export function dealsToMermaid(deals: Iterable<Deal>, labels: NetworkLabels): string {
  const lines = ["flowchart LR"];
  const initiators: string[] = [];
  let rank = 0;
  for (const deal of deals) {
    rank++;
    const keys = dealNodes(deal, rank);
    lines.push(`  subgraph d${rank}["${mermaidText(clusterTitle(deal, rank))}"]`);
    for (const [firm, key] of keys) {
      lines.push(`    ${key}["${mermaidText(labels.firm(firm))}"]`);
      if (deal.initiator?.firm === firm) initiators.push(key);
    }
    const arrow = deal.feasible ? "-->" : "-.->";
    for (const t of deal.trades) {
      lines.push(
        `    ${keys.get(t.seller)} ${arrow}|"${mermaidLines(tradeLabelLines(t))}"| ${keys.get(t.buyer)}`,
      );
    }
    lines.push("  end");
  }
  if (initiators.length > 0) {
    lines.push(
      `  classDef initiator fill:${initiatorFill},stroke:${initiatorBorder},stroke-width:2px`,
      `  class ${initiators.join(",")} initiator`,
    );
  }
  return `${lines.join("\n")}\n`;
}
