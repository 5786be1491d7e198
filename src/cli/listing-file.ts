/**
 * Reading a ranked listing of deals written by `find` or `merge`, in either
 * form (`format/listing-json.ts`): `{"deals": [DEAL, …]}` or JSON Lines, told
 * apart by the first key of the first object. The file is read in chunks of
 * bytes (checked to be UTF-8) and split into its DEALs by a small scanner that
 * follows strings, escapes and nesting (any layout: find's one DEAL a line, or
 * pretty-printed), so a listing of millions of deals streams in bounded memory
 * and each DEAL costs time linear in its length. A DEAL stays bytes: it is
 * never decoded into a string and encoded again on its way through `merge`.
 *
 * Of each DEAL only `id` and `score` are read, from the leading
 * `{"id":…,"kind":…,"feasible":…,"defensible":…,"score":…,` that `find`
 * writes (JSON.parse for any other layout, whose text is then written
 * compactly); the rest is passed on as it is.
 */
import { isUtf8 } from "node:buffer";
import { closeSync, openSync, readSync } from "node:fs";
import { ListingError } from "../economics/listing-error.js";
import { ioChunkBytes } from "../util/io-chunk.js";

/** One DEAL of a listing file. */
export interface ListedDeal {
  readonly id: string;
  readonly score: number;
  /** The DEAL's JSON text, as UTF-8 bytes. */
  readonly bytes: Buffer;
  /** The file and line it starts on, for messages: `FILE line N`. */
  readonly where: string;
}

/**
 * The DEALs of a listing file, in file order, read lazily.
 *
 * @throws ListingError (while iterating) on text that is not a listing; the
 *   file system's error when the file cannot be read
 */
export function* readListing(path: string): Generator<ListedDeal, void, undefined> {
  const fd = openSync(path, "r");
  try {
    yield* listingDeals(fileBytes(fd, path), path);
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes of an open file, chunk by chunk, each checked to be UTF-8 with
 * `isUtf8` (a fast validator) up to its last complete character; a character
 * split by the chunk's end goes to the next chunk. Each chunk is a new buffer,
 * so DEALs may keep views of it.
 */
function* fileBytes(fd: number, path: string): Generator<Buffer, void, undefined> {
  let carried = Buffer.alloc(0);
  let offset = 0;
  for (;;) {
    const bytes = Buffer.allocUnsafe(ioChunkBytes + carried.length);
    carried.copy(bytes);
    const got = readSync(fd, bytes, carried.length, ioChunkBytes, null);
    const length = carried.length + got;
    const end = got === 0 ? length : completeUtf8(bytes, length);
    if (!isUtf8(bytes.subarray(0, end)) || (got === 0 && end < length))
      throw new ListingError([
        { path: `${path} bytes ${offset}..${offset + end}`, message: "invalid UTF-8" },
      ]);
    if (end > 0) yield bytes.subarray(0, end);
    if (got === 0) return;
    offset += end;
    carried = Buffer.from(bytes.subarray(end, length));
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
 * The DEALs of a listing given as UTF-8 bytes in chunks (split anywhere), in
 * order. The chunks must not change afterwards: DEALs may be views of them.
 *
 * @param name the listing's name in messages
 * @throws ListingError (while iterating) on text that is not a listing
 */
export function* listingDeals(
  chunks: Iterable<Uint8Array>,
  name: string,
): Generator<ListedDeal, void, undefined> {
  const splitter = new ListingSplitter(name);
  for (const chunk of chunks) {
    splitter.feed(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    for (const element of splitter.take())
      yield listedDeal(element.bytes, `${name} line ${element.line}`);
  }
  splitter.end();
}

/**
 * `{"id":"…","kind":"…","feasible":…,"defensible":…,"score":N,` as `find`
 * writes a DEAL (any flags between kind and score).
 */
const leading =
  /^\{"id":("(?:[^"\\]|\\.)*"),"kind":"[a-z]+"(?:,"[A-Za-z]+":(?:true|false|null))*,"score":(-?[0-9][0-9.eE+-]*|null),/;

/** Bytes of a DEAL read for its leading fields (as Latin-1: one character a byte). */
const headBytes = 1024;

/** `"score":` as bytes: where the leading fields end, found natively. */
const scoreKey = Buffer.from('"score":');

/** Bytes after `"score":` read for its number: more than any number `find` writes. */
const scoreBytes = 40;

/** The leading fields of a DEAL, or null: read from its first `headEnd` bytes. */
function leadingFields(bytes: Buffer, headEnd: number): RegExpExecArray | null {
  // Read as Latin-1, character i is byte i.
  return leading.exec(bytes.toString("latin1", 0, Math.min(bytes.length, headEnd)));
}

/** The id and score of a DEAL. */
function listedDeal(bytes: Buffer, where: string): ListedDeal {
  // Only up to the score where it is near the start (a string of a few
  // hundred bytes per DEAL, not of a kilobyte); then as far as ever.
  const scoreAt = bytes.indexOf(scoreKey);
  const near = scoreAt >= 0 && scoreAt + scoreKey.length + scoreBytes < headBytes;
  const match =
    (near ? leadingFields(bytes, scoreAt + scoreKey.length + scoreBytes) : null) ??
    leadingFields(bytes, headBytes);
  if (match !== null) {
    // The id's JSON string is decoded from its bytes as UTF-8.
    const idStart = '{"id":'.length;
    const id: unknown = JSON.parse(bytes.toString("utf8", idStart, idStart + match[1].length));
    const score = match[2] === "null" ? Number.NaN : Number(match[2]);
    if (typeof id === "string" && !Number.isNaN(score)) return { id, score, bytes, where };
  }
  let deal: unknown;
  try {
    deal = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new ListingError([{ path: where, message: `not JSON: ${(error as Error).message}` }]);
  }
  const { id, score } = deal as { id?: unknown; score?: unknown };
  if (typeof id !== "string" || typeof score !== "number")
    throw new ListingError([
      { path: where, message: "a DEAL needs a string id and a number score" },
    ]);
  return { id, score, bytes: Buffer.from(JSON.stringify(deal)), where };
}

const quote = 0x22;
const backslash = 0x5c;
const newline = 0x0a;

/** Bytes of a string looked at one by one before a native search for its end. */
const shortString = 32;

/** Bytes that neither end a string nor escape (1) or do (0). */
const stringPlain = bytesBut([quote, backslash]);

/** Bytes with no meaning inside a DEAL's nested values: all but strings, brackets and newlines. */
const nestedPlain = bytesBut([quote, 0x7b, 0x7d, 0x5b, 0x5d, newline]);

/** A table over the 256 byte values: 1 except at `special`. */
function bytesBut(special: readonly number[]): Uint8Array {
  const table = new Uint8Array(256).fill(1);
  for (const byte of special) table[byte] = 0;
  return table;
}

/** A DEAL's bytes and the line it starts on. */
interface Element {
  readonly bytes: Buffer;
  readonly line: number;
}

/**
 * Splits a listing's bytes, fed in chunks, into its DEALs: the objects at
 * depth 0 (JSON Lines), or the elements of the `deals` array of the one
 * object at depth 0 (the document form). Only ASCII bytes are structure in
 * UTF-8 (every byte of a multi-byte character is ≥ 0x80), so it scans bytes.
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
  private parts: Buffer[] = [];
  private ready: Element[] = [];
  private topValues = 0;

  constructor(private readonly file: string) {}

  /** Scans one chunk. */
  feed(chunk: Buffer): void {
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
        // Most strings are short (keys, firm ids): looked at byte by byte,
        // which costs less than a call into the native search; longer ones are
        // searched natively.
        let end = i;
        const shortEnd = Math.min(n, i + shortString);
        while (end < shortEnd && stringPlain[chunk[end]] === 1) end++;
        if (end === shortEnd && shortEnd < n) {
          if (nextBackslash < end) {
            nextBackslash = chunk.indexOf(backslash, end);
            if (nextBackslash < 0) nextBackslash = n;
          }
          const q = chunk.indexOf(quote, end);
          end = Math.min(q < 0 ? n : q, nextBackslash);
        }
        if (end < n && chunk[end] === backslash) {
          i = end + 1;
          this.escaped = true;
          continue;
        }
        if (this.readingKey) this.key += chunk.toString("latin1", keyFrom, end);
        if (end === n) {
          i = n;
          keyFrom = 0;
          break;
        }
        this.inString = false;
        i = end + 1;
        if (this.readingKey) this.endKey();
        continue;
      }
      // Inside a DEAL's nested values, only strings, brackets and lines count.
      if (this.collecting && this.depth > 1) {
        while (i < n && nestedPlain[chunk[i]] === 1) i++;
        if (i === n) break;
      }
      const c = chunk[i];
      if (c === quote) {
        this.inString = true;
        if (this.depth === this.dealsDepth && !this.collecting)
          this.fail("a DEAL must be an object");
        // The keys of the listing's top object tell its form (a DEAL's own keys, once the form is known as lines, do not).
        if (this.depth === 1 && this.expectKey && this.form !== "lines") {
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
          const last = chunk.subarray(from, i + 1);
          this.collecting = false;
          const bytes = this.parts.length === 0 ? last : Buffer.concat([...this.parts, last]);
          this.ready.push({ bytes, line: this.elementLine });
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
    if (this.collecting) this.parts.push(chunk.subarray(from));
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
