/**
 * Diagrams of a deal list: Graphviz DOT and Mermaid flowcharts. Firms are
 * nodes; each deal's trades are edges labelled with the product and the deal's
 * rank, so overlapping deals stay readable.
 */
import type { Deal } from "../../economics/deal.js";

const quote = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** Graphviz DOT: `digraph deals { "a" -> "b" [label="x #1"]; … }`. */
export function dealsToDot(deals: readonly Deal[]): string {
  const lines = ["digraph deals {", "  rankdir=LR;", "  node [shape=box, style=rounded];"];
  const firms = new Set<string>();
  for (const deal of deals) for (const party of deal.parties) firms.add(party.firm);
  for (const firm of firms) lines.push(`  ${quote(firm)};`);
  deals.forEach((deal, i) => {
    for (const t of deal.trades) {
      const style = deal.feasible ? "" : ", style=dashed";
      lines.push(
        `  ${quote(t.seller)} -> ${quote(t.buyer)} [label=${quote(`${t.product} #${i + 1}`)}${style}];`,
      );
    }
  });
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/** Mermaid: `flowchart LR` with firm nodes `f0["steel"]` and labelled edges. */
export function dealsToMermaid(deals: readonly Deal[]): string {
  const lines = ["flowchart LR"];
  const node = new Map<string, string>();
  const nodeOf = (firm: string) => {
    let id = node.get(firm);
    if (id === undefined) {
      id = `f${node.size}`;
      node.set(firm, id);
      lines.push(`  ${id}["${firm.replace(/"/g, "#quot;")}"]`);
    }
    return id;
  };
  deals.forEach((deal, i) => {
    for (const t of deal.trades) {
      const from = nodeOf(t.seller);
      const to = nodeOf(t.buyer);
      const arrow = deal.feasible ? "-->" : "-.->";
      lines.push(`  ${from} ${arrow}|"${t.product.replace(/"/g, "#quot;")} #${i + 1}"| ${to}`);
    }
  });
  return `${lines.join("\n")}\n`;
}
