/**
 * The human format of a deal list: one readable line per deal and, with
 * `--explain`, the pitch to each party under it. Streams: a line at a time.
 */
import type { Deal } from "../../economics/deal.js";
import type { Network } from "../../model/types.js";
import { explainDeal, summarizeDeal } from "../../proposal/explain-deal.js";

/** One line per deal, ranked: `#1  cycle bank → telecom → bank: score …`. */
export function* dealTableLines(
  deals: Iterable<Deal>,
  explain: boolean,
  network?: Network,
): Generator<string> {
  let rank = 0;
  for (const deal of deals) {
    yield `#${++rank}  ${summarizeDeal(deal)}`;
    if (explain) {
      yield `    id: ${deal.id}`;
      for (const { label, sentences } of explainDeal(
        deal,
        network === undefined ? {} : { network },
      ))
        yield `    ${label}: ${sentences.join(" ")}`;
      yield "";
    }
  }
  if (rank === 0) yield "no deals found";
}
