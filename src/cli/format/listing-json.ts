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
  dealTexts: Iterable<string | Uint8Array>,
  fields: Iterable<string> = [],
): Promise<void> {
  await out.write('{"deals": [');
  let count = 0;
  for (const text of dealTexts) {
    await out.write(count++ === 0 ? "\n  " : ",\n  ");
    await out.write(text);
  }
  await out.write(count === 0 ? "]" : "\n]");
  for (const field of fields) await out.write(`, ${field}`);
  await out.write("}\n");
}

/** Writes one DEAL text a line. */
export async function writeJsonLines(
  out: ChunkedWriter,
  dealTexts: Iterable<string | Uint8Array>,
): Promise<void> {
  for (const text of dealTexts) {
    await out.write(text);
    await out.write("\n");
  }
}
