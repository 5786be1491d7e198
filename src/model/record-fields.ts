/**
 * The fields of each kind of record of SPEC §2 — their names, kinds and
 * whether they are required — as plain data, for the code that must know
 * them without loading zod: the fast validation paths (`quick-validate.ts`,
 * the JSON Lines scanner) and the columns of the tables form. The rules
 * themselves live in the zod schemas of `schema.ts`, which stay the single
 * definition of validity; a test derives these lists from the schemas'
 * shapes and fails when the two differ.
 *
 * Why not read them off the schemas: zod and the schemas take ~80 ms to load,
 * a third of a small `select`'s run, and every valid plain record gets by
 * without them (`schemas-on-demand.ts`).
 */

/**
 * The largest money amount a record may imply (price × capacity, reference
 * price × quantity, a switching cost, a hurdle): far beyond any real figure,
 * and small enough that the margins, premiums and surpluses of any deal (at
 * most 12 firms) stay finite. A price of 1e308 would make them Infinity and
 * NaN; it is rejected at its path.
 */
export const maxAmount = 1e300;

/** What a field holds: a scalar (a table cell), a list of records, or a `meta` object. */
export type FieldKind = "string" | "number" | "boolean" | "list" | "meta";

/** One field of a record, in the order the schema declares it. */
export interface RecordField {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
}

const required = (name: string, kind: FieldKind): RecordField => ({ name, kind, required: true });
const optional = (name: string, kind: FieldKind): RecordField => ({ name, kind, required: false });

/** The fields of each kind of record, in schema order. */
export const recordFields = {
  /** The root's own fields (the JSON Lines header line). */
  header: [optional("currency", "string"), optional("meta", "meta")],
  firm: [
    required("id", "string"),
    optional("name", "string"),
    optional("industry", "string"),
    optional("keyAccount", "boolean"),
    optional("hurdle", "number"),
    optional("maxDeals", "number"),
    optional("offers", "list"),
    optional("needs", "list"),
    optional("meta", "meta"),
  ],
  offer: [
    required("product", "string"),
    required("price", "number"),
    required("cost", "number"),
    required("capacity", "number"),
    optional("meta", "meta"),
  ],
  need: [
    required("product", "string"),
    required("quantity", "number"),
    optional("referencePrice", "number"),
    optional("switchingCost", "number"),
    optional("incumbent", "string"),
    optional("incumbentFloor", "number"),
    optional("meta", "meta"),
  ],
  relation: [
    required("seller", "string"),
    required("buyer", "string"),
    optional("product", "string"),
    optional("probability", "number"),
    optional("blocked", "boolean"),
    optional("meta", "meta"),
  ],
} as const satisfies Record<string, readonly RecordField[]>;

/** A kind of record. */
export type RecordKind = keyof typeof recordFields;

/** The field names of a kind of record, in schema order. */
export function fieldNames(kind: RecordKind): string[] {
  return recordFields[kind].map((field) => field.name);
}
