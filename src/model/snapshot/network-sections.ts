/**
 * A network's record columns in a snapshot (sections `network.*`), and back:
 * typed columns as they are, strings as UTF-8 pools (`….bytes`, `….ends`),
 * `meta` objects as the JSON text of the records that have one
 * (`….metaRecords`, `….meta.bytes`, `….meta.ends`). Read back, every column
 * is a view of the file's buffer, made on first use: a command that never
 * builds a firm object never touches the names or the costs.
 */
import type { StringList } from "../../util/string-interner.js";
import { decodeUtf8 } from "../../util/string-interner.js";
import { type OptionalStrings, poolOf, stringsOf, Utf8Pool } from "../../util/utf8-pool.js";
import type { MetaList, RecordColumns } from "../network-columns.js";
import { firmAt, type RecordBuilder, relationAt } from "../network-view.js";
import type { Firm, Meta, Relation } from "../types.js";
import type { SectionArray, SectionData, SnapshotFile } from "./snapshot-file.js";

/** What the snapshot metadata keeps of the network part. */
interface NetworkPartMeta {
  readonly currency?: string;
  readonly meta?: Meta;
  readonly firmsInIdOrder: boolean;
}

/** The typed columns, by name. */
const typedColumns = [
  "firmIndustry",
  "firmFlags",
  "firmHurdle",
  "firmMaxDeals",
  "offerStart",
  "offerProduct",
  "offerPrice",
  "offerCost",
  "offerCapacity",
  "needStart",
  "needProduct",
  "needQuantity",
  "needReference",
  "needSwitching",
  "needIncumbent",
  "needFloor",
  "relationSeller",
  "relationBuyer",
  "relationProduct",
  "relationFlags",
  "relationProbability",
] as const;

/** The element type of each typed column. */
function typeOfColumn(name: (typeof typedColumns)[number]): "u8" | "f64" | "i32" {
  if (name === "firmFlags" || name === "relationFlags") return "u8";
  return /Hurdle|MaxDeals|Price|Cost|Capacity|Quantity|Reference|Switching|Floor|Probability/.test(
    name,
  )
    ? "f64"
    : "i32";
}

const stringLists = ["firms", "products", "otherProducts", "labels"] as const;
const metaLists = ["firmMeta", "offerMeta", "needMeta", "relationMeta"] as const;

/** How many records a meta list covers. */
function recordCount(columns: RecordColumns, name: (typeof metaLists)[number]): number {
  if (name === "firmMeta") return columns.firmFlags.length;
  if (name === "offerMeta") return columns.offerProduct.length;
  if (name === "needMeta") return columns.needProduct.length;
  return columns.relationSeller.length;
}

/** The sections and the metadata of a network's columns. */
export function networkSections(columns: RecordColumns): {
  meta: NetworkPartMeta;
  sections: SectionData[];
} {
  const sections: SectionData[] = [];
  const add = (name: string, array: SectionArray) =>
    sections.push({ name: `network.${name}`, array });
  const addPool = (name: string, pool: Utf8Pool) => {
    add(`${name}.bytes`, pool.bytesView());
    add(`${name}.ends`, pool.endsView());
  };
  for (const name of typedColumns) add(name, columns[name]);
  for (const name of stringLists) addPool(name, poolOf(columns[name]));
  addPool("firmName", columns.firmName instanceof Utf8Pool ? columns.firmName : copyPool(columns));
  for (const name of metaLists) {
    const list = columns[name];
    const records: number[] = [];
    const texts = new Utf8Pool();
    if (list.stated > 0) {
      const count = recordCount(columns, name);
      for (let i = 0; i < count; i++) {
        const meta = list.get(i);
        if (meta === undefined) continue;
        records.push(i);
        texts.push(JSON.stringify(meta));
      }
    }
    add(`${name}Records`, Int32Array.from(records));
    addPool(name, texts);
  }
  const meta: { -readonly [K in keyof NetworkPartMeta]: NetworkPartMeta[K] } = {
    firmsInIdOrder: columns.firmsInIdOrder,
  };
  if (columns.currency !== undefined) meta.currency = columns.currency;
  if (columns.meta !== undefined) meta.meta = columns.meta;
  return { meta, sections };
}

/** The firm names as a pool. */
function copyPool(columns: RecordColumns): Utf8Pool {
  const pool = new Utf8Pool(columns.firmFlags.length);
  for (let r = 0; r < columns.firmFlags.length; r++) pool.push(columns.firmName.get(r));
  return pool;
}

/** `meta` objects stored as JSON text for the records listed in `records` (ascending). */
class StoredMeta implements MetaList {
  constructor(
    private readonly records: Int32Array,
    private readonly texts: OptionalStrings,
  ) {}

  get stated(): number {
    return this.records.length;
  }

  get(i: number): Meta | undefined {
    const { records } = this;
    let lo = 0;
    let hi = records.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (records[mid] === i) return JSON.parse(this.texts.get(mid) as string) as Meta;
      if (records[mid] < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}

/** An object whose fields are computed on first read (then kept as plain values). */
function lazyFields<T extends object>(fields: { [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  for (const key of Object.keys(fields) as (keyof T & string)[]) {
    Object.defineProperty(out, key, {
      configurable: true,
      enumerable: true,
      get() {
        const value = fields[key]();
        Object.defineProperty(out, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return out;
}

/** The record columns of a snapshot, each a view of its section made on first use. */
export function columnsFromSnapshot(file: SnapshotFile): RecordColumns {
  const part = file.meta.network as NetworkPartMeta;
  const pool = (name: string) =>
    Utf8Pool.of(
      file.typed(`network.${name}.bytes`, "u8"),
      file.typed(`network.${name}.ends`, "i32"),
    );
  const strings =
    (name: string): (() => StringList) =>
    () =>
      stringsOf(pool(name));
  const metas =
    (name: string): (() => MetaList) =>
    () =>
      new StoredMeta(file.typed(`network.${name}Records`, "i32"), pool(name));
  const typed = Object.fromEntries(
    typedColumns.map((name) => [name, () => file.typed(`network.${name}`, typeOfColumn(name))]),
  );
  return lazyFields<RecordColumns>({
    currency: () => part.currency,
    meta: () => part.meta,
    firmsInIdOrder: () => part.firmsInIdOrder,
    firms: strings("firms"),
    products: strings("products"),
    otherProducts: strings("otherProducts"),
    labels: strings("labels"),
    firmName: () => pool("firmName"),
    firmMeta: metas("firmMeta"),
    offerMeta: metas("offerMeta"),
    needMeta: metas("needMeta"),
    relationMeta: metas("relationMeta"),
    ...(typed as { [K in (typeof typedColumns)[number]]: () => RecordColumns[K] }),
  });
}

/** The entries of a pool in a snapshot, each read alone (its two ends, then its bytes). */
class PoolEntries implements OptionalStrings {
  readonly size: number;

  constructor(
    private readonly file: SnapshotFile,
    private readonly name: string,
  ) {
    this.size = file.lengthOf(`${name}.ends`);
  }

  get(i: number): string | undefined {
    const ends = this.file.slice(`${this.name}.ends`, i === 0 ? 0 : i - 1, i + 1);
    const end = ends[ends.length - 1];
    if (end < 0) return undefined;
    const previous = i === 0 ? 0 : ends[0];
    const start = previous < 0 ? ~previous : previous;
    const bytes = this.file.slice(`${this.name}.bytes`, start, end) as Uint8Array;
    return decodeUtf8(bytes, 0, bytes.length);
  }
}

/** Records built one by one from a few elements of each column; past this many, from whole columns. */
const recordsAlone = 256;

/**
 * The sections a snapshot's firm record reads whole however few are built:
 * which offers, needs and firms carry `meta` (each list a few bytes per
 * record that has any).
 */
export const recordMetaSections = [
  "network.firmMetaRecords",
  "network.offerMetaRecords",
  "network.needMetaRecords",
] as const;

/**
 * How a snapshot's network builds its firms and relations: the first few
 * hundred (a deal's parties, a proposal's trades) from the few elements of
 * each column they need, read alone, so that a command that shows 20 deals
 * reads kilobytes of the records rather than every column; a walk over many
 * records reads the columns whole instead.
 */
export function snapshotRecords(file: SnapshotFile, columns: RecordColumns): RecordBuilder {
  let built = 0;
  const name = (column: string) => `network.${column}`;
  const slice = (column: string, start: number, end: number) =>
    file.slice(name(column), start, end);
  const entries = (pool: string) => new PoolEntries(file, name(pool));
  const ids = {
    firms: entries("firms"),
    products: entries("products"),
    others: entries("otherProducts"),
    labels: entries("labels"),
  };
  const list = (pool: PoolEntries) => ({
    size: pool.size,
    get: (i: number) => pool.get(i) as string,
  });
  const metas = (meta: string, offset: number): MetaList => {
    const stored = new StoredMeta(file.typed(`${name(meta)}Records`, "i32"), entries(meta));
    return { stated: stored.stated, get: (i) => stored.get(offset + i) };
  };
  // The columns a record reads, as windows starting at its first element.
  const shared = {
    currency: columns.currency,
    meta: columns.meta,
    firmsInIdOrder: columns.firmsInIdOrder,
    products: list(ids.products),
    otherProducts: list(ids.others),
    labels: list(ids.labels),
  };
  return {
    firmCount: file.lengthOf(name("firmFlags")),
    relationCount: file.lengthOf(name("relationSeller")),
    firm(r: number): Firm {
      if (++built > recordsAlone) return firmAt(columns, r);
      const [o0, o1] = slice("offerStart", r, r + 2);
      const [n0, n1] = slice("needStart", r, r + 2);
      const window = {
        ...shared,
        firms: { size: 1, get: () => ids.firms.get(r) as string },
        firmName: { size: 1, get: () => entries("firmName").get(r) },
        firmIndustry: slice("firmIndustry", r, r + 1),
        firmFlags: slice("firmFlags", r, r + 1),
        firmHurdle: slice("firmHurdle", r, r + 1),
        firmMaxDeals: slice("firmMaxDeals", r, r + 1),
        firmMeta: metas("firmMeta", r),
        offerStart: Int32Array.of(0, o1 - o0),
        offerProduct: slice("offerProduct", o0, o1),
        offerPrice: slice("offerPrice", o0, o1),
        offerCost: slice("offerCost", o0, o1),
        offerCapacity: slice("offerCapacity", o0, o1),
        offerMeta: metas("offerMeta", o0),
        needStart: Int32Array.of(0, n1 - n0),
        needProduct: slice("needProduct", n0, n1),
        needQuantity: slice("needQuantity", n0, n1),
        needReference: slice("needReference", n0, n1),
        needSwitching: slice("needSwitching", n0, n1),
        needIncumbent: slice("needIncumbent", n0, n1),
        // Empty when no need states a floor (OptionalNumbers).
        needFloor:
          file.lengthOf(name("needFloor")) === 0 ? new Float64Array(0) : slice("needFloor", n0, n1),
        needMeta: metas("needMeta", n0),
      };
      return firmAt(window as unknown as RecordColumns, 0);
    },
    relation(i: number): Relation {
      if (++built > recordsAlone) return relationAt(columns, i);
      const window = {
        ...shared,
        firms: list(ids.firms),
        relationSeller: slice("relationSeller", i, i + 1),
        relationBuyer: slice("relationBuyer", i, i + 1),
        relationProduct: slice("relationProduct", i, i + 1),
        relationFlags: slice("relationFlags", i, i + 1),
        relationProbability: slice("relationProbability", i, i + 1),
        relationMeta: metas("relationMeta", i),
      };
      return relationAt(window as unknown as RecordColumns, 0);
    },
  };
}
