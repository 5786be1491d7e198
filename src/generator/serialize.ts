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
import type { Firm, Need, Offer, Relation } from "../model/types.js";
import type { NetworkRecord } from "./network-records.js";

/** The network format written by `generate`. */
export type GeneratedFormat = "json" | "jsonl";

const quote = JSON.stringify as (value: string) => string;

function offersText(offers: readonly Offer[]): string {
  let text = "[";
  for (let i = 0; i < offers.length; i++) {
    const o = offers[i]!;
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
    const n = needs[i]!;
    if (n.meta !== undefined) {
      text += `${i === 0 ? "" : ","}${JSON.stringify(n)}`;
      continue;
    }
    text += `${i === 0 ? "" : ","}{"product":${quote(n.product)},"quantity":${n.quantity}`;
    if (n.referencePrice !== undefined) text += `,"referencePrice":${n.referencePrice}`;
    if (n.switchingCost !== undefined) text += `,"switchingCost":${n.switchingCost}`;
    if (n.incumbent !== undefined) text += `,"incumbent":${quote(n.incumbent)}`;
    text += "}";
  }
  return `${text}]`;
}

/**
 * A generated firm as `JSON.stringify(firm)` writes it. Relies on the
 * generator's key order (id, name, industry, keyAccount, hurdle, maxDeals,
 * offers, needs; in a need: product, quantity, referencePrice, switchingCost,
 * incumbent); a firm with `meta` goes through `JSON.stringify`.
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

/** Lines of the JSON Lines form, each ending in `\n`. */
export function* jsonLinesText(
  records: Iterable<NetworkRecord>,
): Generator<string, void, undefined> {
  for (const record of records) {
    if ("firm" in record) yield `{"firm":${firmText(record.firm)}}\n`;
    else if ("relation" in record) yield `{"relation":${relationText(record.relation)}}\n`;
    else yield `${JSON.stringify(record)}\n`;
  }
}

/**
 * Pieces of the JSON document form: `{"currency", "meta", "firms": [...], "relations": [...]}`,
 * one firm or relation a line. Expects the header first, then firms, then relations.
 */
export function* jsonDocumentText(
  records: Iterable<NetworkRecord>,
): Generator<string, void, undefined> {
  let section: "head" | "firms" | "relations" = "head";
  let count = 0;
  let opened = false;
  for (const record of records) {
    if ("firm" in record || "relation" in record) {
      if (!opened) {
        yield "{";
        opened = true;
      }
      const next = "firm" in record ? "firms" : "relations";
      if (section !== next) {
        if (section === "firms") yield "\n],";
        if (next === "relations" && section === "head") yield '"firms":[],';
        yield `"${next}":[\n`;
        section = next;
        count = 0;
      }
      const text = "firm" in record ? firmText(record.firm) : relationText(record.relation);
      yield count++ === 0 ? text : `,\n${text}`;
    } else {
      const head = JSON.stringify({ currency: record.currency, meta: record.meta });
      yield `${head.slice(0, -1)},`;
      opened = true;
    }
  }
  if (!opened) yield "{";
  if (section === "head") yield '"firms":[],"relations":[]}\n';
  else if (section === "firms") yield '\n],"relations":[]}\n';
  else yield "\n]}\n";
}

/** The text pieces of `records` in `format`. */
export function networkText(
  records: Iterable<NetworkRecord>,
  format: GeneratedFormat,
): Generator<string, void, undefined> {
  return format === "jsonl" ? jsonLinesText(records) : jsonDocumentText(records);
}
