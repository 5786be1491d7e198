/**
 * The trade index in a snapshot (sections `index.*`, header under `index` in
 * the metadata), and back: each array of `index-layout.ts` at its exact
 * length, and the sorted firm and product ids as UTF-8 pools. Read back,
 * each array is a view of the file's buffer, made on first use.
 */
import type { SectionData, SectionType, SnapshotFile } from "../model/snapshot/snapshot-file.js";
import { snapshotOf } from "../model/snapshot/snapshot-of.js";
import type { Network } from "../model/types.js";
import { poolOf, stringsOf, Utf8Pool } from "../util/utf8-pool.js";
import { floorsSections } from "./incumbent-floors.js";
import {
  arrayShape,
  type IndexArrayName,
  type IndexHeader,
  indexArrayNames,
} from "./index-layout.js";
import { TradeIndex } from "./trade-index.js";
import { surplusSections } from "./trade-surplus.js";

/** The section type of an element type. */
function sectionType(kind: { readonly BYTES_PER_ELEMENT: number; name: string }): SectionType {
  if (kind.name === "Float64Array") return "f64";
  if (kind.name === "Uint8Array") return "u8";
  if (kind.name === "Uint16Array") return "u16";
  if (kind.name === "Uint32Array") return "u32";
  return "i32";
}

/** The snapshot section of an index array. */
function indexSection(name: IndexArrayName): string {
  return `index.${name}`;
}

/** The id pools an index stores. */
type IdPool = "firmIds" | "productIds";

/** The two sections of an id pool: its ids' UTF-8 bytes, and where each id ends. */
function idPoolSections(pool: IdPool): { readonly bytes: string; readonly ends: string } {
  return { bytes: `index.${pool}.bytes`, ends: `index.${pool}.ends` };
}

/**
 * The sections and the header of an index, with its per-need incumbent
 * floors (`floorsSections`) and its trades' surpluses (`surplusSections`).
 */
export function indexSections(index: TradeIndex): { meta: IndexHeader; sections: SectionData[] } {
  const sections: SectionData[] = [];
  for (const name of indexArrayNames)
    sections.push({ name: indexSection(name), array: index[name] });
  for (const [name, ids] of [
    ["firmIds", index.firmIds],
    ["productIds", index.productIds],
  ] as const) {
    const pool = poolOf({ size: ids.length, get: (i) => ids[i] });
    const names = idPoolSections(name);
    sections.push({ name: names.bytes, array: pool.bytesView() });
    sections.push({ name: names.ends, array: pool.endsView() });
  }
  sections.push(...floorsSections(index), ...surplusSections(index));
  const { header } = index;
  // The arrays are written at their lengths: no room beyond the counts.
  return { meta: { ...header, tradeRoom: header.tradeCount, arcRoom: header.arcCount }, sections };
}

/** Whether a snapshot holds an index. */
export function hasStoredIndex(file: SnapshotFile): boolean {
  return file.has(indexSection("tradeOffer")) && typeof file.meta.index === "object";
}

/** The index stored in a snapshot, for `network` (read from the same snapshot). */
export function indexFromSnapshot(network: Network, file: SnapshotFile): TradeIndex {
  const header = file.meta.index as IndexHeader;
  const ids = (pool: IdPool) => {
    const names = idPoolSections(pool);
    return stringsOf(Utf8Pool.of(file.typed(names.bytes, "u8"), file.typed(names.ends, "i32")));
  };
  return TradeIndex.fromArrays(network, {
    header,
    array: (name) => {
      const [kind] = arrayShape(header, name);
      return file.typed(indexSection(name), sectionType(kind)) as never;
    },
    firmIds: ids("firmIds"),
    productIds: ids("productIds"),
  });
}

/**
 * The index arrays that lead from a found deal's trades to the network's
 * records (`needRecordOf`, `TradeIndex.offerOf`, `needOf`): what showing a
 * few deals reads whole, besides the search's arrays.
 */
export const recordLookupArrays = [
  "firmRecord",
  "needRecord",
  "needProduct",
  "offerOffsets",
] as const satisfies readonly IndexArrayName[];

/**
 * The sections of the index a snapshot stores that hold its id pools, the
 * arrays `names`, and the `extra` sections (none when it stores no index).
 */
export function storedIndexSections(
  file: SnapshotFile,
  names: readonly IndexArrayName[],
  extra: readonly string[] = [],
): string[] {
  if (!hasStoredIndex(file)) return [];
  const pools = (["firmIds", "productIds"] as const).flatMap((pool) => {
    const sections = idPoolSections(pool);
    return [sections.bytes, sections.ends];
  });
  return [...pools, ...names.map(indexSection), ...extra];
}

/**
 * Reads ahead, in parallel, the id pools and the arrays `names` of the index
 * stored in the snapshot `network` was read from, and the `extra` sections
 * (`SnapshotFile.prefetch`; those being read are waited for); nothing for a
 * network that was not read from a snapshot.
 */
export function prefetchStoredIndex(
  network: Network,
  names: readonly IndexArrayName[],
  extra: readonly string[] = [],
): Promise<void> {
  const file = snapshotOf(network);
  if (file === undefined) return Promise.resolve();
  return file.prefetch(storedIndexSections(file, names, extra));
}
