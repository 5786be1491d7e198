/**
 * What the output changes of issues 12 and 16 cost, side by side in one run:
 *
 * - deal ids: `dealId` with SPEC v3's escapes (the escaped ids made once per
 *   index) against the plain join it replaced, over every deal of a network;
 * - JSON numbers: `jsonNumber` (12 significant digits) against `String` over
 *   every number of the deals, and `dealJsonText` per deal;
 * - the writers of `find`: table, CSV (wide and long) and JSON, deals per
 *   second of CPU time.
 *
 * Each result is checked before it is timed; times are CPU milliseconds
 * (process.cpuUsage), medians of 5 runs.
 *
 * Run: npx tsx bench/cli/output.bench.ts [network.json|.jsonl] (default: the
 * anchors' 10k-firm network, else a generated one).
 */
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { PassThrough } from "node:stream";
import { writeDeals } from "../../src/cli/format/write-deals.js";
import { dealJsonText } from "../../src/economics/deal-json.js";
import { findDeals } from "../../src/economics/find-deals.js";
import { generateNetwork } from "../../src/generator/generate-network.js";
import { readNetwork } from "../../src/model/read-network.js";
import { DealCursor } from "../../src/search/deal-cursor.js";
import { dealId } from "../../src/search/deal-id.js";
import type { DealKind } from "../../src/search/kinds.js";
import { type TradeIndex, tradeIndexOf } from "../../src/trade-index/trade-index.js";
import { jsonNumber } from "../../src/util/number-format.js";
import { measure } from "../lib/measure.js";

const file = process.argv[2] ?? "/tmp/anchors/n10000/network.json";

/** Median CPU ms of 5 runs of `run`. */
async function time(run: () => unknown): Promise<number> {
  return (await measure(run, { minReps: 5, maxReps: 5 })).cpuMs;
}

/** The id as it was built before SPEC v3 (no escapes): the reference. */
function plainDealId(index: TradeIndex, kind: DealKind, trades: ArrayLike<number>, size: number) {
  const { firmIds, productIds, offerFirm, offerProduct, needFirm, tradeOffer, tradeNeed } = index;
  let id = `${kind}:`;
  for (let i = 0; i < size; i++) {
    const t = trades[i];
    const offer = tradeOffer[t];
    if (i > 0) id += "|";
    id += `${firmIds[offerFirm[offer]]}>${firmIds[needFirm[tradeNeed[t]]]}:${productIds[offerProduct[offer]]}`;
  }
  return id;
}

/** Every deal of the index (cycles ≤ 3, brokered), as kinds and flat trade lists. */
function dealsOf(index: TradeIndex): { kinds: DealKind[]; trades: Int32Array[] } {
  const cursor = new DealCursor(index, {
    kinds: ["cycle", "brokered"],
    maxParties: 3,
    initiator: -1,
  });
  const kinds: DealKind[] = [];
  const trades: Int32Array[] = [];
  while (cursor.next()) {
    kinds.push(cursor.kind);
    trades.push(cursor.trades.slice(0, cursor.size));
  }
  return { kinds, trades };
}

async function main(): Promise<void> {
  const network = existsSync(file) ? await readNetwork(file) : generateNetwork({ firms: 10_000 });
  const index = tradeIndexOf(network);
  const { kinds, trades } = dealsOf(index);
  console.log(
    `# ${existsSync(file) ? file : "generated 10k"}: ${network.firms.length} firms, ` +
      `${trades.length} deals; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}, ` +
      `load ${loadavg()[0].toFixed(1)}, ${new Date().toISOString().slice(0, 10)}`,
  );

  // Deal ids: the same text where nothing needs escaping (checked), then timed side by side.
  for (let i = 0; i < trades.length; i++) {
    const t = trades[i];
    if (dealId(index, kinds[i], t, t.length) !== plainDealId(index, kinds[i], t, t.length))
      throw new Error("ids differ on a network without escapes");
  }
  const idsEscaped = await time(() => {
    for (let i = 0; i < trades.length; i++) dealId(index, kinds[i], trades[i], trades[i].length);
  });
  const idsPlain = await time(() => {
    for (let i = 0; i < trades.length; i++)
      plainDealId(index, kinds[i], trades[i], trades[i].length);
  });
  console.log(
    `ids: escaped ${idsEscaped.toFixed(1)} ms, plain ${idsPlain.toFixed(1)} ms ` +
      `(${(idsEscaped / idsPlain).toFixed(2)}×), ${trades.length} ids`,
  );

  // JSON numbers: every number of the deals through jsonNumber vs String.
  const deals = findDeals(network, { top: Number.POSITIVE_INFINITY });
  const numbers: number[] = [];
  for (const d of deals) {
    numbers.push(d.score, d.surplus, d.probability, d.expectedSurplus);
    for (const t of d.trades)
      numbers.push(t.quantity, t.unitPrice, t.margin, t.premium, t.probability, t.discount);
    for (const p of d.parties)
      numbers.push(p.marginGained, p.premiumPaid, p.discountGiven, p.discountReceived, p.net);
  }
  let sink = 0;
  const rounded = await time(() => {
    for (const x of numbers) sink += jsonNumber(x).length;
  });
  const plain = await time(() => {
    for (const x of numbers) sink += String(x).length;
  });
  const writer = await time(() => {
    for (const d of deals) sink += dealJsonText(d).length;
  });
  void sink;
  console.log(
    `json numbers: jsonNumber ${rounded.toFixed(1)} ms, String ${plain.toFixed(1)} ms over ` +
      `${numbers.length} numbers (${(((rounded - plain) / deals.length) * 1000).toFixed(2)} µs a deal); ` +
      `dealJsonText ${writer.toFixed(1)} ms for ${deals.length} deals ` +
      `(${((writer / deals.length) * 1000).toFixed(2)} µs a deal)`,
  );

  // The writers of find, to a sink that drops everything.
  for (const format of ["table", "csv", "json"] as const) {
    for (const explain of format === "json" ? [false] : [false, true]) {
      const ms = await time(async () => {
        const out = new PassThrough();
        out.resume();
        await writeDeals(out, format, { deals, network, objective: "expectedSurplus", explain });
      });
      console.log(
        `write ${format}${explain ? " --explain" : ""}: ${ms.toFixed(1)} ms, ` +
          `${Math.round(deals.length / (ms / 1000)).toLocaleString("en-US")} deals/s`,
      );
    }
  }
}

await main();
