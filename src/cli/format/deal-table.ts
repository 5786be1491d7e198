/**
 * The human formats of a deal list: a table (one readable line per deal) and,
 * with `--explain`, the pitch to each party under it.
 */
import type { Deal } from "../../economics/deal.js";
import { explainDeal, summarizeDeal } from "../../proposal/explain-deal.js";

/** One line per deal, ranked: `#1  cycle bank → telecom → bank: score …`. */
export function dealTableLines(deals: readonly Deal[], explain: boolean): string[] {
  if (deals.length === 0) return ["no deals found"];
  const width = String(deals.length).length;
  const lines: string[] = [];
  deals.forEach((deal, i) => {
    lines.push(`#${String(i + 1).padEnd(width)}  ${summarizeDeal(deal)}`);
    if (explain) {
      lines.push(`    id: ${deal.id}`);
      for (const { firm, sentences } of explainDeal(deal))
        lines.push(`    ${firm}: ${sentences.join(" ")}`);
      lines.push("");
    }
  });
  return lines;
}
