/**
 * Diagrams of a deal list: Graphviz DOT and Mermaid flowcharts. Firms are
 * nodes (keyed `f0`, `f1`, … in order of appearance, labelled by name with
 * the id where it differs); each deal's trades are edges labelled with the
 * product and the deal's rank, so overlapping deals stay readable; an
 * infeasible deal's edges are dashed. Control characters in labels are
 * written as visible escapes (`\n`), so no label spans lines.
 */
import type { Deal } from "../../economics/deal.js";
import { visibleText } from "./escape.js";
import type { NetworkLabels } from "./firm-labels.js";

/** Node keys `f0`, `f1`, … for firms in order of appearance; `declare` is called for each new one. */
function nodeKeys(declare: (key: string, firm: string) => void): (firm: string) => string {
  const keys = new Map<string, string>();
  return (firm) => {
    let key = keys.get(firm);
    if (key === undefined) {
      key = `f${keys.size}`;
      keys.set(firm, key);
      declare(key, firm);
    }
    return key;
  };
}

/** A DOT string: quotes and backslashes escaped, control characters visible. */
const dotString = (text: string) =>
  `"${visibleText(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** Graphviz DOT: `digraph deals { f0 [label="…"]; f0 -> f1 [label="x #1"]; … }`. */
export function dealsToDot(deals: Iterable<Deal>, labels: NetworkLabels): string {
  const lines = ["digraph deals {", "  rankdir=LR;", "  node [shape=box, style=rounded];"];
  const edges: string[] = [];
  const node = nodeKeys((key, firm) =>
    lines.push(`  ${key} [label=${dotString(labels.firm(firm))}];`),
  );
  let rank = 0;
  for (const deal of deals) {
    rank++;
    for (const party of deal.parties) node(party.firm);
    const style = deal.feasible ? "" : ", style=dashed";
    for (const t of deal.trades) {
      edges.push(
        `  ${node(t.seller)} -> ${node(t.buyer)} [label=${dotString(`${t.product} #${rank}`)}${style}];`,
      );
    }
  }
  return `${[...lines, ...edges, "}"].join("\n")}\n`;
}

/**
 * A Mermaid label: control characters visible, and `"`, `#`, `<`, `>` as
 * Mermaid entity codes, so the text can neither end the label nor be read as markup.
 */
const mermaidText = (text: string) =>
  visibleText(text).replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`);

/** Mermaid: `flowchart LR` with firm nodes `f0["Special Steel Co (steel)"]` and labelled edges. */
export function dealsToMermaid(deals: Iterable<Deal>, labels: NetworkLabels): string {
  const lines = ["flowchart LR"];
  const node = nodeKeys((key, firm) => lines.push(`  ${key}["${mermaidText(labels.firm(firm))}"]`));
  let rank = 0;
  for (const deal of deals) {
    rank++;
    const arrow = deal.feasible ? "-->" : "-.->";
    for (const t of deal.trades) {
      const from = node(t.seller);
      const to = node(t.buyer);
      lines.push(`  ${from} ${arrow}|"${mermaidText(t.product)} #${rank}"| ${to}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
