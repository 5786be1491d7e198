/**
 * Reading a ranked listing of deals written by `find` or `merge`, in either
 * form (`format/listing-json.ts`): `{"deals": [DEAL, …]}` or JSON Lines, told
 * apart by the first key of the first object. The file is read in chunks and
 * split into its DEAL texts by a small scanner that follows strings, escapes
 * and nesting (any layout: find's one DEAL a line, or pretty-printed), so a
 * listing of millions of deals streams in bounded memory and each text costs
 * time linear in its length.
 *
 * Of each DEAL only `id` and `score` are read, from the leading
 * `{"id":…,"kind":…,"feasible":…,"defensible":…,"score":…,` that `find`
 * writes (JSON.parse for any other layout, whose text is then written
 * compactly); the rest is passed on as it is.
 */
import { isUtf8 } from "node:buffer";
import { closeSync, openSync, readSync } from "node:fs";
import { ListingError } from "../economics/listing-error.js";

/** One DEAL of a listing file. */
export interface ListedDeal {
  readonly id: string;
  readonly score: number;
  /** The DEAL's JSON text (compact). */
  readonly text: string;
  /** The file and line it starts on, for messages: `FILE line N`. */
  readonly where: string;
}

/** Bytes read at a time. */
const chunkBytes = 1 << 20;

/**
 * The DEALs of a listing file, in file order, read lazily.
 *
 * @throws ListingError (while iterating) on text that is not a listing; the
 *   file system's error when the file cannot be read
 */
export function* readListing(path: string): Generator<ListedDeal, void, undefined> {
  const fd = openSync(path, "r");
  try {
    yield* listingDeals(fileText(fd, path), path);
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of an open file, decoded as UTF-8 chunk by chunk; bytes that are
 * not UTF-8 are an error. Each chunk is checked with `isUtf8` (a fast
 * validator) up to its last complete character, the rest carried over to the
 * next chunk, and decoded by `Buffer.toString` (one-byte strings for ASCII,
 * which is what a listing mostly is).
 */
function* fileText(fd: number, path: string): Generator<string, void, undefined> {
  const bytes = Buffer.allocUnsafe(chunkBytes + 4);
  let carried = 0;
  let offset = 0;
  for (;;) {
    const got = readSync(fd, bytes, carried, chunkBytes, null);
    const length = carried + got;
    const end = got === 0 ? length : completeUtf8(bytes, length);
    if (!isUtf8(bytes.subarray(0, end)) || (got === 0 && end < length))
      throw new ListingError([
        { path: `${path} bytes ${offset}..${offset + end}`, message: "invalid UTF-8" },
      ]);
    if (end > 0) yield bytes.toString("utf8", 0, end);
    if (got === 0) return;
    offset += end;
    carried = length - end;
    bytes.copyWithin(0, end, length);
  }
}

/** Where the last complete UTF-8 character of `bytes[0, length)` ends (a split one is left out). */
function completeUtf8(bytes: Uint8Array, length: number): number {
  for (let i = length - 1; i >= 0 && i >= length - 4; i--) {
    const byte = bytes[i];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const size = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i + size > length ? i : length;
  }
  return length;
}

/**
 * The DEALs of a listing given as text in chunks (split anywhere), in order.
 *
 * @param name the listing's name in messages
 * @throws ListingError (while iterating) on text that is not a listing
 */
export function* listingDeals(
  chunks: Iterable<string>,
  name: string,
): Generator<ListedDeal, void, undefined> {
  const splitter = new ListingSplitter(name);
  for (const chunk of chunks) {
    splitter.feed(chunk);
    for (const element of splitter.take())
      yield listedDeal(element.text, `${name} line ${element.line}`);
  }
  splitter.end();
}

/**
 * `{"id":"…","kind":"…","feasible":…,"defensible":…,"score":N,` as `find`
 * writes a DEAL (any flags between kind and score).
 */
const leading =
  /^\{"id":("(?:[^"\\]|\\.)*"),"kind":"[a-z]+"(?:,"[A-Za-z]+":(?:true|false|null))*,"score":(-?[0-9][0-9.eE+-]*|null),/;

/** The id and score of a DEAL text. */
function listedDeal(text: string, where: string): ListedDeal {
  const match = leading.exec(text);
  if (match !== null) {
    const id: unknown = JSON.parse(match[1]);
    const score = match[2] === "null" ? Number.NaN : Number(match[2]);
    if (typeof id === "string" && !Number.isNaN(score)) return { id, score, text, where };
  }
  let deal: unknown;
  try {
    deal = JSON.parse(text);
  } catch (error) {
    throw new ListingError([{ path: where, message: `not JSON: ${(error as Error).message}` }]);
  }
  const { id, score } = deal as { id?: unknown; score?: unknown };
  if (typeof id !== "string" || typeof score !== "number")
    throw new ListingError([
      { path: where, message: "a DEAL needs a string id and a number score" },
    ]);
  return { id, score, text: JSON.stringify(deal), where };
}

const quote = 0x22;
const newline = 0x0a;

/** A DEAL's text and the line it starts on. */
interface Element {
  readonly text: string;
  readonly line: number;
}

/**
 * Splits listing text, fed in chunks, into its DEAL texts: the objects at
 * depth 0 (JSON Lines), or the elements of the `deals` array of the one
 * object at depth 0 (the document form).
 */
class ListingSplitter {
  /** The line the scanner is on (1-based). */
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private form: "unknown" | "lines" | "document" = "unknown";
  /** Depth inside the `deals` array (2) while in it; -1 before it, -2 after. */
  private dealsDepth = -1;
  /** At depth 1, the next string is a key. */
  private expectKey = false;
  private readingKey = false;
  private key = "";
  private lastKey = "";
  private collecting = false;
  private elementDepth = 0;
  private elementLine = 0;
  private parts: string[] = [];
  private ready: Element[] = [];
  private topValues = 0;

  constructor(private readonly file: string) {}

  /** Scans one chunk of text. */
  feed(chunk: string): void {
    const n = chunk.length;
    let i = 0;
    let from = 0;
    let keyFrom = 0;
    let nextBackslash = -1;
    while (i < n) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        if (nextBackslash < i) {
          nextBackslash = chunk.indexOf("\\", i);
          if (nextBackslash < 0) nextBackslash = n;
        }
        const q = chunk.indexOf('"', i);
        const end = q < 0 ? n : q;
        if (nextBackslash < end) {
          i = nextBackslash + 1;
          this.escaped = true;
          continue;
        }
        if (this.readingKey) this.key += chunk.slice(keyFrom, end);
        if (q < 0) {
          i = n;
          keyFrom = 0;
          break;
        }
        this.inString = false;
        i = q + 1;
        if (this.readingKey) this.endKey();
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === quote) {
        this.inString = true;
        if (this.depth === this.dealsDepth && !this.collecting)
          this.fail("a DEAL must be an object");
        if (this.depth === 1 && this.expectKey) {
          this.readingKey = true;
          this.key = "";
          keyFrom = i + 1;
        }
      } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        if (this.depth === 0) {
          if (c !== 0x7b) this.fail('a listing is {"deals": [DEAL, …]} or one DEAL a line');
          if (this.form === "document") this.fail("more after the listing's closing }");
          this.topValues++;
          this.collecting = true;
          this.elementDepth = 0;
          this.elementLine = this.line;
          from = i;
        } else if (this.depth === this.dealsDepth && !this.collecting) {
          if (c !== 0x7b) this.fail("a DEAL must be an object");
          this.collecting = true;
          this.elementDepth = this.dealsDepth;
          this.elementLine = this.line;
          from = i;
        } else if (
          c === 0x5b &&
          this.depth === 1 &&
          this.form === "document" &&
          this.lastKey === "deals" &&
          this.dealsDepth === -1
        ) {
          this.dealsDepth = 2;
        }
        this.depth++;
        if (this.depth === 1) this.expectKey = true;
      } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
        this.depth--;
        if (this.depth < 0) this.fail(`an unmatched ${String.fromCharCode(c)}`);
        if (this.collecting && this.depth === this.elementDepth) {
          this.parts.push(chunk.slice(from, i + 1));
          this.collecting = false;
          this.ready.push({ text: this.parts.join(""), line: this.elementLine });
          this.parts = [];
        } else if (this.dealsDepth === 2 && this.depth === 1) {
          this.dealsDepth = -2;
        }
      } else if (c === 0x2c /* , */) {
        if (this.depth === 1) this.expectKey = true;
      } else if (c === 0x3a /* : */) {
        if (this.depth === 1) this.expectKey = false;
      } else if (c === newline) {
        this.line++;
      } else if (this.depth === this.dealsDepth && !this.collecting && c > 0x20) {
        this.fail("a DEAL must be an object");
      } else if (this.depth === 0 && c > 0x20) {
        this.fail('a listing is {"deals": [DEAL, …]} or one DEAL a line');
      }
      i++;
    }
    if (this.collecting) this.parts.push(chunk.slice(from));
  }

  /** The DEAL texts completed so far (each handed out once). */
  take(): Element[] {
    const ready = this.ready;
    this.ready = [];
    return ready;
  }

  /**
   * Checks that the text ended cleanly.
   *
   * @throws ListingError when it ends inside a value, or a document has no deals list
   */
  end(): void {
    if (this.depth !== 0 || this.inString) this.fail("the listing ends in the middle of a value");
    if (this.form === "document" && this.dealsDepth !== -2) this.fail('no "deals" list');
  }

  /** A key at depth 1 is complete: the first one tells the form. */
  private endKey(): void {
    this.readingKey = false;
    this.lastKey = this.key;
    if (this.form === "unknown" && this.topValues === 1) {
      if (this.key === "deals") {
        this.form = "document";
        this.collecting = false;
        this.parts = [];
      } else {
        this.form = "lines";
      }
    }
  }

  private fail(message: string): never {
    throw new ListingError([{ path: `${this.file} line ${this.line}`, message }]);
  }
}
