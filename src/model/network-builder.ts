/**
 * Builds a `Network` record by record, checking SPEC §2 as it goes and
 * collecting every problem. The same builder serves the JSON document and the
 * streamed JSON Lines form; only the place names differ (`firms[3]` versus
 * `line 1203: firm`).
 *
 * A record the fast paths of `quick-validate.ts` are unsure of goes to zod
 * (`networkSchemas()`); while the schemas are not loaded that throws
 * `SchemasNotLoaded` before the record changes anything, so the caller can
 * load them and hand the same record again (`schemas-on-demand.ts`).
 */
import { type Issue, NetworkError } from "./errors.js";
import { fromZodIssues, joinPath, zodMessages } from "./issues.js";
import { NetworkColumns } from "./network-columns.js";
import { networkOf } from "./network-view.js";
import { isPlainValidFirm, isPlainValidHeader, isPlainValidRelation } from "./quick-validate.js";
import { repeatedRelations } from "./repeated-relations.js";
import { networkSchemas } from "./schemas-on-demand.js";
import type { RecordScan } from "./text/record-scanner.js";
import type { Firm, Network, Relation } from "./types.js";

/** How places are named: `firms[3]` in a document, `line 12: firm` in JSON Lines. */
export interface RecordPlaces {
  /** The path of the firm record numbered `n` (array index or line). */
  firm(n: number): string;
  /** The path of the relation record numbered `n`. */
  relation(n: number): string;
}

/** Places in a JSON document. */
export const documentPlaces: RecordPlaces = {
  firm: (n) => `firms[${n}]`,
  relation: (n) => `relations[${n}]`,
};

/** Places in JSON Lines, by line number. */
export const linePlaces: RecordPlaces = {
  firm: (n) => `line ${n}: firm`,
  relation: (n) => `line ${n}: relation`,
};

/**
 * The places in `product[first..end)` whose product number an earlier place
 * has: pairwise for the few items a firm lists as a rule, with a set beyond.
 */
function repeatedProducts(product: Int32Array, first: number, end: number): number[] {
  const repeats: number[] = [];
  if (end - first <= 16) {
    for (let i = first + 1; i < end; i++) {
      for (let j = first; j < i; j++) {
        if (product[j] === product[i]) {
          repeats.push(i);
          break;
        }
      }
    }
    return repeats;
  }
  const seen = new Set<number>();
  for (let i = first; i < end; i++) {
    if (seen.has(product[i])) repeats.push(i);
    seen.add(product[i]);
  }
  return repeats;
}

/** Collects firms and relations, validating each; `finish` checks what spans records. */
export class NetworkBuilder {
  private readonly issues: Issue[] = [];
  /**
   * The accepted records as columns: the network's store. Its `firms`
   * numbers each claimed firm id by its claim (a place in `firmNumbers`),
   * which is its position in `network.firms` when every firm is valid (else
   * `finish` throws).
   */
  readonly columns: NetworkColumns;
  /** The number of the record behind each claim. */
  private readonly firmNumbers: number[] = [];
  private readonly relationPlaces: number[] = [];

  /** Records a problem at a place. */
  report(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** The root's `currency` and `meta` (or the JSON Lines header), given as one object. */
  header(raw: unknown, where: string): void {
    let header = raw as { currency?: string; meta?: Record<string, unknown> };
    if (!isPlainValidHeader(raw)) {
      const parsed = networkSchemas().headerSchema.safeParse(raw, zodMessages);
      if (!parsed.success) {
        this.issues.push(...fromZodIssues(where, parsed.error.issues));
        return;
      }
      header = parsed.data;
    }
    this.columns.currency = header.currency;
    this.columns.meta = header.meta;
  }

  /** `expected` firms and relations, when known, are made room for at once. */
  constructor(
    private readonly places: RecordPlaces = documentPlaces,
    expected: { readonly firms: number; readonly relations: number } = { firms: 0, relations: 0 },
  ) {
    this.columns = new NetworkColumns(expected.firms, expected.relations);
  }

  /** The firm record numbered `n` (its index in `firms`, or its line). */
  firm(raw: unknown, n: number): void {
    if (isPlainValidFirm(raw)) {
      this.acceptFirm(raw as Firm, n);
      return;
    }
    const parsed = networkSchemas().firmSchema.safeParse(raw, zodMessages);
    const where = this.places.firm(n);
    if (!parsed.success) {
      this.issues.push(...fromZodIssues(where, parsed.error.issues));
      // Still claim the id, so that relations naming it are not reported twice.
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === "string" && id !== "" && this.columns.firms.find(id) < 0) this.claim(id, n);
      return;
    }
    this.acceptFirm(parsed.data as Firm, n);
  }

  /** The firm record numbered `n` that the scanner holds (valid as far as one record goes). */
  scannedFirm(scan: RecordScan, n: number): void {
    const claims = this.columns.firms;
    const before = claims.size;
    const claim = claims.internBytes(scan.bytes, scan.idStart, scan.idEnd);
    const id = claims.get(claim);
    if (claim < before) {
      this.reportDuplicate(id, claim, n);
      return;
    }
    this.firmNumbers.push(n);
    this.columns.addScannedFirm(scan, id);
    this.checkUniqueProducts(n, "offers");
    this.checkUniqueProducts(n, "needs");
  }

  /** The relation record numbered `n` that the scanner holds. */
  scannedRelation(scan: RecordScan, n: number): void {
    this.columns.addScannedRelation(scan);
    this.relationPlaces.push(n);
  }

  /** Numbers `id` for the record numbered `n`; returns its earlier claim, or −1 when new. */
  private claim(id: string, n: number): number {
    const claims = this.columns.firms;
    const before = claims.size;
    const claim = claims.intern(id);
    if (claim < before) return claim;
    this.firmNumbers.push(n);
    return -1;
  }

  private acceptFirm(firm: Firm, n: number): void {
    const first = this.claim(firm.id, n);
    if (first >= 0) {
      this.reportDuplicate(firm.id, first, n);
      return;
    }
    this.columns.addFirm(firm);
    this.checkUniqueProducts(n, "offers");
    this.checkUniqueProducts(n, "needs");
  }

  private reportDuplicate(id: string, first: number, n: number): void {
    this.report(
      joinPath(this.places.firm(n), "id"),
      `duplicate firm id "${id}" (first at ${this.places.firm(this.firmNumbers[first])})`,
    );
  }

  /** The relation record numbered `n` (its index in `relations`, or its line). */
  relation(raw: unknown, n: number): void {
    let relation: Relation;
    if (isPlainValidRelation(raw)) {
      relation = raw as Relation;
    } else {
      const parsed = networkSchemas().relationSchema.safeParse(raw, zodMessages);
      const where = this.places.relation(n);
      if (!parsed.success) {
        this.issues.push(...fromZodIssues(where, parsed.error.issues));
        return;
      }
      relation = parsed.data as Relation;
    }
    this.columns.addRelation(relation);
    this.relationPlaces.push(n);
  }

  /** Checks what spans records and returns the network, or throws `NetworkError` with every issue. */
  finish(): Network {
    const { columns } = this;
    for (const unknown of columns.resolve()) {
      const where = this.places.relation(this.relationPlaces[unknown.at]);
      for (const side of ["seller", "buyer"] as const) {
        if (columns.firms.find(unknown[side]) < 0) {
          this.report(
            joinPath(where, side),
            `${side} "${unknown[side]}" is not a firm of the network`,
          );
        }
      }
    }
    const gathered = columns.columns();
    for (const i of repeatedRelations(gathered)) this.reportRepeat(i);
    if (this.issues.length > 0) throw new NetworkError(this.issues);
    // The labels are only read from now on: their hash table goes (8 MB at a million firms).
    columns.labels.dropLookup();
    return networkOf(gathered);
  }

  private reportRepeat(i: number): void {
    const { seller, buyer, product } = this.columns.relationIds(i);
    const what = product === undefined ? "pair" : `pair and product "${product}"`;
    this.report(
      this.places.relation(this.relationPlaces[i]),
      `duplicate relation for seller "${seller}", buyer "${buyer}" (same ${what})`,
    );
  }

  /**
   * Reports each offer (or need) of the firm last added (record `n`) whose
   * product an earlier one of the same firm already has.
   */
  private checkUniqueProducts(n: number, field: "offers" | "needs"): void {
    const { columns } = this;
    const [first, end] = columns.span(field, columns.firmCount - 1);
    const product = (field === "offers" ? columns.offerProduct : columns.needProduct).values;
    for (const i of repeatedProducts(product, first, end)) {
      const where = joinPath(joinPath(joinPath(this.places.firm(n), field), i - first), "product");
      const id = this.columns.products.get(product[i]);
      this.report(
        where,
        `a second ${field === "offers" ? "offer" : "need"} for product "${id}" (one per product per firm)`,
      );
    }
  }
}
