/**
 * `reciprocal-deals trades NETWORK [--format tsv|json]`: the potential trades
 * (SPEC §3), sorted by seller, buyer, product, so other tools run on the same graph.
 */
import { networkFormats } from "../../model/read-network.js";
import { tradeIndexOf } from "../../trade-index/trade-index.js";
import { stringifyJson } from "../../util/number-format.js";
import { choiceFlag, parseFlags } from "../args.js";
import { tsvField } from "../format/escape.js";
import { inputFlags, loadNetwork } from "../input.js";
import { type CliIO, CliUsageError, exitStatusHelp } from "../io.js";
import { ChunkedWriter } from "../output.js";

/** The output formats of `trades`. */
export const tradeFormats = ["tsv", "json"] as const;

/** Help text of `trades`. */
export const tradesHelp = `Usage: reciprocal-deals trades NETWORK [--format ${tradeFormats.join("|")}] [--input-format json|jsonl|rdsnap]

Lists the potential trades (SPEC §3), one per line, sorted by seller, buyer, product.
  --format F          ${tradeFormats.join(" | ")} (default tsv)
                      tsv: seller, buyer, product, quantity, margin, premium, probability,
                      tab-separated, no header, numbers as JavaScript's String(number)
                      writes them; in ids, \\, tab, newline, carriage return and other
                      control characters are written \\\\, \\t, \\n, \\r and \\xHH, so every
                      trade is one line
                      json: {"trades": [{seller, buyer, product, quantity, margin, premium,
                      probability}]}, numbers with at most 12 significant digits
  --input-format F    ${networkFormats.join(" | ")}, for NETWORK = - (stdin; default json)
NETWORK is a .json, .jsonl or .ndjson file, or - for stdin.

${exitStatusHelp}`;

/** Runs `trades`. */
export async function runTrades(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, { format: { type: "string" }, ...inputFlags });
  if (values.help) {
    io.stdout.write(`${tradesHelp}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new CliUsageError("trades takes one NETWORK argument");
  const format = choiceFlag(values.format, "format", tradeFormats, "tsv");
  const network = await loadNetwork(positionals[0], values["input-format"], io);
  const index = tradeIndexOf(network);
  const out = new ChunkedWriter(io.stdout);
  const { firmIds, productIds } = index;
  if (format === "json") await out.write('{"trades": [');
  for (let t = 0; t < index.tradeCount; t++) {
    const seller = firmIds[index.tradeSeller(t)];
    const buyer = firmIds[index.tradeBuyer(t)];
    const product = productIds[index.tradeProduct(t)];
    const quantity = index.tradeQuantity(t);
    const margin = index.tradeMargin(t);
    const premium = index.tradePremium[t];
    const probability = index.tradeProbability(t);
    const line =
      format === "tsv"
        ? `${tsvField(seller)}\t${tsvField(buyer)}\t${tsvField(product)}\t${quantity}\t${margin}\t${premium}\t${probability}\n`
        : `${t === 0 ? "\n  " : ",\n  "}${stringifyJson({ seller, buyer, product, quantity, margin, premium, probability })}`;
    // Millions of lines: a promise only when the buffer is full.
    if (out.add(line)) await out.flush();
  }
  if (format === "json") await out.write(index.tradeCount === 0 ? "]}\n" : "\n]}\n");
  await out.flush();
  return 0;
}
