/**
 * Builds a `Network` record by record, checking SPEC §2 as it goes and
 * collecting every problem. The same builder serves the JSON document and the
 * streamed JSON Lines form; only the place names differ (`firms[3]` versus
 * `line 1203: firm`).
 */
import { type Issue, NetworkError } from "./errors.js";
import { fromZodIssues, joinPath, zodMessages } from "./issues.js";
import { isPlainValidFirm, isPlainValidRelation } from "./quick-validate.js";
import { firmSchema, headerSchema, relationSchema } from "./schema.js";
import type { Firm, Meta, Network, Relation } from "./types.js";

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

/** Collects firms and relations, validating each; `finish` checks what spans records. */
export class NetworkBuilder {
  private readonly issues: Issue[] = [];
  private readonly firms: Firm[] = [];
  private readonly relations: Relation[] = [];
  /** Each firm id with the number of the record that claimed it. */
  private readonly firmPlaces = new Map<string, number>();
  private readonly relationPlaces: number[] = [];
  private readonly relationKeys = new Set<string>();
  private currency: string | undefined;
  private meta: Meta | undefined;

  /** Records a problem at a place. */
  report(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** The root's `currency` and `meta` (or the JSON Lines header), given as one object. */
  header(raw: unknown, where: string): void {
    const parsed = headerSchema.safeParse(raw, zodMessages);
    if (!parsed.success) {
      this.issues.push(...fromZodIssues(where, parsed.error.issues));
      return;
    }
    this.currency = parsed.data.currency;
    this.meta = parsed.data.meta;
  }

  constructor(private readonly places: RecordPlaces = documentPlaces) {}

  /** The firm record numbered `n` (its index in `firms`, or its line). */
  firm(raw: unknown, n: number): void {
    if (isPlainValidFirm(raw)) {
      this.acceptFirm(raw as Firm, n);
      return;
    }
    const where = this.places.firm(n);
    const parsed = firmSchema.safeParse(raw, zodMessages);
    if (!parsed.success) {
      this.issues.push(...fromZodIssues(where, parsed.error.issues));
      // Still claim the id, so that relations naming it are not reported twice.
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === "string" && id !== "" && !this.firmPlaces.has(id))
        this.firmPlaces.set(id, n);
      return;
    }
    this.acceptFirm(parsed.data as Firm, n);
  }

  private acceptFirm(firm: Firm, n: number): void {
    const first = this.firmPlaces.get(firm.id);
    if (first !== undefined) {
      const where = this.places.firm(n);
      this.report(
        joinPath(where, "id"),
        `duplicate firm id "${firm.id}" (first at ${this.places.firm(first)})`,
      );
      return;
    }
    this.firmPlaces.set(firm.id, n);
    this.checkUniqueProducts(firm.offers, n, "offers");
    this.checkUniqueProducts(firm.needs, n, "needs");
    this.firms.push(firm);
  }

  /** The relation record numbered `n` (its index in `relations`, or its line). */
  relation(raw: unknown, n: number): void {
    let relation: Relation;
    if (isPlainValidRelation(raw)) {
      relation = raw as Relation;
    } else {
      const where = this.places.relation(n);
      const parsed = relationSchema.safeParse(raw, zodMessages);
      if (!parsed.success) {
        this.issues.push(...fromZodIssues(where, parsed.error.issues));
        return;
      }
      relation = parsed.data as Relation;
    }
    const key = `${relation.seller}\u0000${relation.buyer}\u0000${relation.product ?? ""}\u0000${relation.product === undefined ? 0 : 1}`;
    if (this.relationKeys.has(key)) {
      const what =
        relation.product === undefined ? "pair" : `pair and product "${relation.product}"`;
      this.report(
        this.places.relation(n),
        `duplicate relation for seller "${relation.seller}", buyer "${relation.buyer}" (same ${what})`,
      );
      return;
    }
    this.relationKeys.add(key);
    this.relations.push(relation);
    this.relationPlaces.push(n);
  }

  /** Checks what spans records and returns the network, or throws `NetworkError` with every issue. */
  finish(): Network {
    for (let i = 0; i < this.relations.length; i++) {
      const relation = this.relations[i]!;
      for (const side of ["seller", "buyer"] as const) {
        if (!this.firmPlaces.has(relation[side])) {
          const where = joinPath(this.places.relation(this.relationPlaces[i]!), side);
          this.report(where, `${side} "${relation[side]}" is not a firm of the network`);
        }
      }
    }
    if (this.issues.length > 0) throw new NetworkError(this.issues);
    const network: { -readonly [K in keyof Network]: Network[K] } = {
      firms: this.firms,
      relations: this.relations,
    };
    if (this.currency !== undefined) network.currency = this.currency;
    if (this.meta !== undefined) network.meta = this.meta;
    return network;
  }

  private checkUniqueProducts(
    items: readonly { readonly product: string }[] | undefined,
    n: number,
    field: "offers" | "needs",
  ): void {
    if (items === undefined || items.length < 2) return;
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.product)) {
        const where = joinPath(joinPath(joinPath(this.places.firm(n), field), index), "product");
        this.report(
          where,
          `a second ${field === "offers" ? "offer" : "need"} for product "${item.product}" (one per product per firm)`,
        );
      }
      seen.add(item.product);
    });
  }
}
