/**
 * Writing a network in the text forms of SPEC §2, straight from its record
 * columns (no firm objects are built): the JSON document and JSON Lines,
 * each written to a new file beside the target and renamed over it when
 * complete. Reading the text back gives the same network: numbers are
 * written as `String(number)` (the shortest text that reads back to the same
 * double; −0 as `-0`), strings by `JSON.stringify`, and a field is written
 * exactly when the record states it.
 */

import { ioChunkBytes } from "../../util/io-chunk.js";
import { statedAt } from "../../util/typed-column.js";
import { firmFlag, type RecordColumns, relationFlag } from "../network-columns.js";
import { writeAtomically } from "../snapshot/snapshot-file.js";

const quote = JSON.stringify as (value: string) => string;

/** A number as JSON text that reads back to the same double. */
function num(x: number): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

/** The JSON text of the firm at position `r`. */
export function firmJson(c: RecordColumns, r: number): string {
  let text = `{"id":${quote(c.firms.get(r))}`;
  const name = c.firmName.get(r);
  if (name !== undefined) text += `,"name":${quote(name)}`;
  if (c.firmIndustry[r] >= 0) text += `,"industry":${quote(c.labels.get(c.firmIndustry[r]))}`;
  const flags = c.firmFlags[r];
  if ((flags & firmFlag.keyAccountStated) !== 0) {
    text += `,"keyAccount":${(flags & firmFlag.keyAccount) !== 0}`;
  }
  if (!Number.isNaN(c.firmHurdle[r])) text += `,"hurdle":${num(c.firmHurdle[r])}`;
  if (!Number.isNaN(c.firmMaxDeals[r])) text += `,"maxDeals":${num(c.firmMaxDeals[r])}`;
  if ((flags & firmFlag.offersStated) !== 0) {
    text += ',"offers":[';
    for (let o = c.offerStart[r]; o < c.offerStart[r + 1]; o++) {
      if (o > c.offerStart[r]) text += ",";
      text += `{"product":${quote(c.products.get(c.offerProduct[o]))},"price":${num(c.offerPrice[o])},"cost":${num(c.offerCost[o])},"capacity":${num(c.offerCapacity[o])}`;
      const meta = c.offerMeta.get(o);
      text += meta === undefined ? "}" : `,"meta":${JSON.stringify(meta)}}`;
    }
    text += "]";
  }
  if ((flags & firmFlag.needsStated) !== 0) {
    text += ',"needs":[';
    for (let n = c.needStart[r]; n < c.needStart[r + 1]; n++) {
      if (n > c.needStart[r]) text += ",";
      text += `{"product":${quote(c.products.get(c.needProduct[n]))},"quantity":${num(c.needQuantity[n])}`;
      if (!Number.isNaN(c.needReference[n])) text += `,"referencePrice":${num(c.needReference[n])}`;
      if (!Number.isNaN(c.needSwitching[n])) text += `,"switchingCost":${num(c.needSwitching[n])}`;
      if (c.needIncumbent[n] >= 0)
        text += `,"incumbent":${quote(c.labels.get(c.needIncumbent[n]))}`;
      const floor = statedAt(c.needFloor, n);
      if (!Number.isNaN(floor)) text += `,"incumbentFloor":${num(floor)}`;
      const meta = c.needMeta.get(n);
      text += meta === undefined ? "}" : `,"meta":${JSON.stringify(meta)}}`;
    }
    text += "]";
  }
  const meta = c.firmMeta.get(r);
  return meta === undefined ? `${text}}` : `${text},"meta":${JSON.stringify(meta)}}`;
}

/** The JSON text of relation `i`. */
export function relationJson(c: RecordColumns, i: number): string {
  let text = `{"seller":${quote(c.firms.get(c.relationSeller[i]))},"buyer":${quote(c.firms.get(c.relationBuyer[i]))}`;
  const p = c.relationProduct[i];
  if (p !== -1) {
    text += `,"product":${quote(p >= 0 ? c.products.get(p) : c.otherProducts.get(-2 - p))}`;
  }
  if (!Number.isNaN(c.relationProbability[i])) {
    text += `,"probability":${num(c.relationProbability[i])}`;
  }
  const flags = c.relationFlags[i];
  if ((flags & relationFlag.blockedStated) !== 0) {
    text += `,"blocked":${(flags & relationFlag.blocked) !== 0}`;
  }
  const meta = c.relationMeta.get(i);
  return meta === undefined ? `${text}}` : `${text},"meta":${JSON.stringify(meta)}}`;
}

/** The root's own fields as JSON members (`"currency":…,"meta":…`), or "". */
function rootFields(c: RecordColumns): string {
  const parts: string[] = [];
  if (c.currency !== undefined) parts.push(`"currency":${quote(c.currency)}`);
  if (c.meta !== undefined) parts.push(`"meta":${JSON.stringify(c.meta)}`);
  return parts.join(",");
}

/** The JSON document, piece by piece. */
export function* documentText(c: RecordColumns): Generator<string> {
  const root = rootFields(c);
  yield `{${root === "" ? "" : `${root},`}"firms":[`;
  const firms = c.firmFlags.length;
  for (let r = 0; r < firms; r++) yield `${r === 0 ? "\n" : ",\n"}${firmJson(c, r)}`;
  yield '],"relations":[';
  const relations = c.relationSeller.length;
  for (let i = 0; i < relations; i++) yield `${i === 0 ? "\n" : ",\n"}${relationJson(c, i)}`;
  yield "]}\n";
}

/**
 * JSON Lines, a line at a time: a header line when the network has a
 * currency or meta (or nothing at all: `{}` keeps an empty network from
 * being an empty file), then the firms, then the relations.
 */
export function* linesText(c: RecordColumns): Generator<string> {
  const root = rootFields(c);
  const firms = c.firmFlags.length;
  const relations = c.relationSeller.length;
  if (root !== "" || firms + relations === 0) yield `{${root}}\n`;
  for (let r = 0; r < firms; r++) yield `{"firm":${firmJson(c, r)}}\n`;
  for (let i = 0; i < relations; i++) yield `{"relation":${relationJson(c, i)}}\n`;
}

/** Writes text pieces to `path` (through a new file renamed over it), in ~1 MB writes. */
export async function writeTextFile(path: string, pieces: Iterable<string>): Promise<void> {
  const encoder = new TextEncoder();
  await writeAtomically(path, async (handle) => {
    let buffer: string[] = [];
    let size = 0;
    let at = 0;
    const flush = async () => {
      const bytes = encoder.encode(buffer.join(""));
      buffer = [];
      size = 0;
      for (let done = 0; done < bytes.length; ) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, at + done);
        done += bytesWritten;
      }
      at += bytes.length;
    };
    for (const piece of pieces) {
      buffer.push(piece);
      size += piece.length;
      if (size >= ioChunkBytes) await flush();
    }
    await flush();
  });
}
