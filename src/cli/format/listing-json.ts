/**
 * The two machine-readable forms of a ranked listing of deals, written from
 * each DEAL's JSON text (SPEC §8; a string, or its UTF-8 bytes as `merge`
 * passes them on), so that `find` and `merge` write them byte for byte alike:
 * - `json`: `{"deals": [DEAL, …]}` (SPEC §8), one DEAL a line, then any extra
 *   top-level fields (select's summary: objective, bound …);
 * - `jsonl` (JSON Lines): one DEAL a line and nothing else; an empty listing is
 *   an empty file. The form to stream, to split and to merge.
 */
import type { ChunkedWriter } from "../output.js";

/** The forms of a listing that `merge` reads and writes. */
export const listingFormats = ["json", "jsonl"] as const;
/** One of `listingFormats`. */
export type ListingFormat = (typeof listingFormats)[number];

/** Writes `{"deals": [ … ]}` around the DEAL texts, with `fields` (each `"key": value`) after the list. */
export async function writeJsonListing(
  out: ChunkedWriter,
  dealTexts: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  fields: Iterable<string> = [],
): Promise<void> {
  await out.write('{"deals": [');
  const count = await addEach(out, dealTexts, (text, i) => {
    out.add(i === 0 ? "\n  " : ",\n  ");
    return out.add(text);
  });
  await out.write(count === 0 ? "]" : "\n]");
  for (const field of fields) await out.write(`, ${field}`);
  await out.write("}\n");
}

/** What comes before and after each DEAL text in a listing's form (see `writeListingBatches`). */
export const dealSeparators = {
  json: { before: ",\n  ", after: "" },
  jsonl: { before: "", after: "\n" },
} as const satisfies Record<ListingFormat, { before: string; after: string }>;

/**
 * Writes a listing from batches of UTF-8 bytes, each DEAL text in them after
 * and before its form's `dealSeparators` (as worker threads write them): the
 * same bytes as `writeJsonListing` or `writeJsonLines`. Each batch is copied
 * out before the next is asked for, so its buffer may then be reused
 * (`jsonTexts(…, recycle)`).
 */
export async function writeListingBatches(
  out: ChunkedWriter,
  format: ListingFormat,
  batches: AsyncIterable<Uint8Array>,
): Promise<void> {
  if (format === "jsonl") {
    for await (const batch of batches) if (out.add(batch)) await out.flush();
    return;
  }
  await out.write('{"deals": [');
  let first = true;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    // The first DEAL follows the bracket without a comma.
    if (out.add(first ? batch.subarray(1) : batch)) await out.flush();
    first = false;
  }
  await out.write(first ? "]" : "\n]");
  await out.write("}\n");
}

/** Writes one DEAL text a line. */
export async function writeJsonLines(
  out: ChunkedWriter,
  dealTexts: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
): Promise<void> {
  await addEach(out, dealTexts, (text) => {
    out.add(text);
    return out.add("\n");
  });
}

/**
 * Puts each DEAL text into `out` with `put` (true: the buffer is full),
 * flushing as it fills: a sync iterable's texts go without a promise each.
 *
 * @returns how many texts there were
 */
async function addEach(
  out: ChunkedWriter,
  dealTexts: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  put: (text: string | Uint8Array, index: number) => boolean,
): Promise<number> {
  let count = 0;
  if (Symbol.iterator in dealTexts) {
    for (const text of dealTexts) if (put(text, count++)) await out.flush();
  } else {
    for await (const text of dealTexts) if (put(text, count++)) await out.flush();
  }
  return count;
}
