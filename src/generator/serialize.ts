/**
 * Generated records as text, piece by piece: the JSON Lines form (one record a
 * line) and the JSON document form (SPEC §2), never one giant string.
 *
 * Firms and relations are written by serializers that know the generator's
 * key order and produce exactly `JSON.stringify`'s bytes (numbers as
 * `String(number)`, strings quoted by `JSON.stringify`), faster than
 * `JSON.stringify` on these small objects: serialization is a large part of a
 * million-firm run.
 */
import type { NetworkFormat } from "../model/read-network.js";
import type { Firm, Need, Offer, Relation } from "../model/types.js";
import type { NetworkRecord } from "./network-records.js";

/** The network format written by `generate`. */
export type GeneratedFormat = NetworkFormat;

const quote = JSON.stringify as (value: string) => string;

function offersText(offers: readonly Offer[]): string {
  let text = "[";
  for (let i = 0; i < offers.length; i++) {
    const o = offers[i];
    if (o.meta !== undefined) text += `${i === 0 ? "" : ","}${JSON.stringify(o)}`;
    else {
      text += `${i === 0 ? "" : ","}{"product":${quote(o.product)},"price":${o.price},"cost":${o.cost},"capacity":${o.capacity}}`;
    }
  }
  return `${text}]`;
}

function needsText(needs: readonly Need[]): string {
  let text = "[";
  for (let i = 0; i < needs.length; i++) {
    const n = needs[i];
    if (n.meta !== undefined) {
      text += `${i === 0 ? "" : ","}${JSON.stringify(n)}`;
      continue;
    }
    text += `${i === 0 ? "" : ","}{"product":${quote(n.product)},"quantity":${n.quantity}`;
    if (n.referencePrice !== undefined) text += `,"referencePrice":${n.referencePrice}`;
    if (n.switchingCost !== undefined) text += `,"switchingCost":${n.switchingCost}`;
    if (n.incumbent !== undefined) text += `,"incumbent":${quote(n.incumbent)}`;
    if (n.incumbentFloor !== undefined) text += `,"incumbentFloor":${n.incumbentFloor}`;
    text += "}";
  }
  return `${text}]`;
}

/**
 * A generated firm as `JSON.stringify(firm)` writes it. Relies on the
 * generator's key order (id, name, industry, keyAccount, hurdle, maxDeals,
 * offers, needs; in a need: product, quantity, referencePrice, switchingCost,
 * incumbent, incumbentFloor); a firm with `meta` goes through `JSON.stringify`.
 */
export function firmText(firm: Firm): string {
  if (firm.meta !== undefined) return JSON.stringify(firm);
  let text = `{"id":${quote(firm.id)}`;
  if (firm.name !== undefined) text += `,"name":${quote(firm.name)}`;
  if (firm.industry !== undefined) text += `,"industry":${quote(firm.industry)}`;
  if (firm.keyAccount !== undefined) text += `,"keyAccount":${firm.keyAccount}`;
  if (firm.hurdle !== undefined) text += `,"hurdle":${firm.hurdle}`;
  if (firm.maxDeals !== undefined) text += `,"maxDeals":${firm.maxDeals}`;
  if (firm.offers !== undefined) text += `,"offers":${offersText(firm.offers)}`;
  if (firm.needs !== undefined) text += `,"needs":${needsText(firm.needs)}`;
  return `${text}}`;
}

/** A generated relation as `JSON.stringify(relation)` writes it (keys: seller, buyer, product, probability, blocked). */
export function relationText(relation: Relation): string {
  if (relation.meta !== undefined) return JSON.stringify(relation);
  let text = `{"seller":${quote(relation.seller)},"buyer":${quote(relation.buyer)}`;
  if (relation.product !== undefined) text += `,"product":${quote(relation.product)}`;
  if (relation.probability !== undefined) text += `,"probability":${relation.probability}`;
  if (relation.blocked !== undefined) text += `,"blocked":${relation.blocked}`;
  return `${text}}`;
}

/**
 * Turns records into text one record at a time: `text(record)` gives the
 * piece for that record (with whatever framing comes before it) and `end()`
 * the closing piece. JSON Lines: one record a line. JSON document:
 * `{"currency", "meta", "firms": [...], "relations": [...]}`, one firm or
 * relation a line; expects the header first, then firms, then relations.
 */
export class NetworkTextWriter {
  private section: "head" | "firms" | "relations" = "head";
  private count = 0;
  private opened = false;

  constructor(readonly format: GeneratedFormat) {}

  /** The text of one record. */
  text(record: NetworkRecord): string {
    if (this.format === "jsonl") {
      if ("firm" in record) return `{"firm":${firmText(record.firm)}}\n`;
      if ("relation" in record) return `{"relation":${relationText(record.relation)}}\n`;
      return `${JSON.stringify(record)}\n`;
    }
    if (!("firm" in record) && !("relation" in record)) {
      const head = JSON.stringify({ currency: record.currency, meta: record.meta });
      this.opened = true;
      return `${head.slice(0, -1)},`;
    }
    let frame = "";
    if (!this.opened) {
      frame = "{";
      this.opened = true;
    }
    const next = "firm" in record ? "firms" : "relations";
    if (this.section !== next) {
      if (this.section === "firms") frame += "\n],";
      if (next === "relations" && this.section === "head") frame += '"firms":[],';
      frame += `"${next}":[\n`;
      this.section = next;
      this.count = 0;
    }
    const text = "firm" in record ? firmText(record.firm) : relationText(record.relation);
    return this.count++ === 0 ? frame + text : `${frame},\n${text}`;
  }

  /** The closing text. */
  end(): string {
    if (this.format === "jsonl") return "";
    const open = this.opened ? "" : "{";
    if (this.section === "head") return `${open}"firms":[],"relations":[]}\n`;
    if (this.section === "firms") return '\n],"relations":[]}\n';
    return "\n]}\n";
  }
}

/** The text pieces of `records` in `format`. */
export function* networkText(
  records: Iterable<NetworkRecord>,
  format: GeneratedFormat,
): Generator<string, void, undefined> {
  const writer = new NetworkTextWriter(format);
  for (const record of records) yield writer.text(record);
  const end = writer.end();
  if (end !== "") yield end;
}

/** Lines of the JSON Lines form, each ending in `\n`. */
export function jsonLinesText(
  records: Iterable<NetworkRecord>,
): Generator<string, void, undefined> {
  return networkText(records, "jsonl");
}

/** Pieces of the JSON document form (see `NetworkTextWriter`). */
export function jsonDocumentText(
  records: Iterable<NetworkRecord>,
): Generator<string, void, undefined> {
  return networkText(records, "json");
}
