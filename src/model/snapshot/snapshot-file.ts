/**
 * The snapshot container (SPEC §2 `.rdsnap`): named typed arrays in one file,
 * laid out so that reading is one large read and a view per array.
 *
 *     offset 0   "RDSNAP\r\n"                 magic (the CR LF catches text-mode copies)
 *            8   u32 format version            (`snapshotVersion`)
 *           12   u32 bytes of the metadata JSON
 *           16   f64 bytes of the whole file   (a shorter file is truncated)
 *           24   u32 CRC-32 of the metadata JSON and its padding
 *           28   u32 CRC-32 of bytes 0..27
 *           32   the metadata JSON (UTF-8): `{library, sections, …parts}`
 *                then zero bytes up to a multiple of 8: the data start
 *         data   each section's bytes, 8-byte aligned
 *
 * Every section is listed in the metadata as `{name, type, offset, length,
 * crc}` (offset from the data start, length in elements, CRC-32 of its
 * bytes and the zero bytes padding them to a multiple of 8: every byte of
 * the file is under a checksum). All numbers are little-endian, the order of every machine Node runs
 * on in practice (a big-endian machine is refused). A snapshot is checked
 * whole when it is opened: the magic, the version, the length and every
 * checksum; anything wrong is a `NetworkError` at `$` that says what. Its
 * sections are then read one by one as they are first used.
 *
 * The parts that use the container (`network-sections.ts`, the trade index,
 * the search graph) name their sections `part.array` and keep their own
 * small headers in the metadata under their part's name.
 */
import { closeSync, fstatSync, openSync, read, readSync, type Stats } from "node:fs";
import { open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { crc32 } from "../../util/crc32.js";
import { NetworkError } from "../errors.js";
import { FileError, fileReason } from "../file-error.js";

/** The format version this library writes and reads. */
export const snapshotVersion = 1;

const magic = Uint8Array.from("RDSNAP\r\n", (c) => c.charCodeAt(0));
const headerBytes = 32;

/** The typed arrays a section can hold, by the name the metadata gives them. */
const kinds = {
  i32: Int32Array,
  u32: Uint32Array,
  u16: Uint16Array,
  u8: Uint8Array,
  f64: Float64Array,
} as const;

/** A section's element type. */
export type SectionType = keyof typeof kinds;

/** The arrays a section can hold. */
export type SectionArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

/** The array type of a section type. */
type ArrayOf<K extends SectionType> = {
  i32: Int32Array;
  u32: Uint32Array;
  u16: Uint16Array;
  u8: Uint8Array;
  f64: Float64Array;
}[K];

/** A section as the metadata lists it. */
interface SectionEntry {
  readonly name: string;
  readonly type: SectionType;
  /** Bytes from the data start. */
  readonly offset: number;
  /** Elements. */
  readonly length: number;
  readonly crc: number;
}

/** The element type of an array. */
function typeOf(array: SectionArray): SectionType {
  if (array instanceof Int32Array) return "i32";
  if (array instanceof Uint32Array) return "u32";
  if (array instanceof Uint16Array) return "u16";
  if (array instanceof Float64Array) return "f64";
  return "u8";
}

const align = (n: number) => Math.ceil(n / 8) * 8;

const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function damaged(where: string, what: string): NetworkError {
  return new NetworkError([{ path: "$", message: `${where}: ${what}` }]);
}

/** The error for a section whose bytes fail its checksum. */
function failsChecksum(where: string, section: string): NetworkError {
  return damaged(where, `damaged: section "${section}" fails its checksum`);
}

/** Reads `length` elements of a section's type at a byte position of the file. */
type SectionLoader = (type: SectionType, byteStart: number, length: number) => SectionArray;

/** Where a section lies: its element type, its first byte in the file, its length in elements. */
interface SectionPlace {
  readonly type: SectionType;
  readonly byteStart: number;
  readonly length: number;
}

/** A section being read ahead: its array, and the reads of its pieces in order. */
export interface SectionRead {
  readonly array: SectionArray;
  /** Each piece's bytes (a view of `array`) and the read that fills them. */
  readonly pieces: readonly { readonly bytes: Uint8Array; readonly read: Promise<void> }[];
}

/**
 * Starts reading several sections at once, in pieces read in parallel (every
 * read queued before it returns); `done` settles once every piece has.
 */
type SectionPrefetcher = (places: readonly SectionPlace[]) => {
  readonly reads: readonly SectionRead[];
  readonly done: Promise<void>;
};

/**
 * An opened, checked snapshot: its metadata and its sections. A section is
 * read when it is first asked for (one read into a buffer of its own) and
 * kept; a snapshot opened from bytes in memory gives views of them.
 */
export class SnapshotFile {
  private readonly entries = new Map<string, SectionEntry>();
  private readonly loaded = new Map<string, SectionArray>();
  /** Sections being read ahead (`prefetch`), each with the read that brings it. */
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    /** Names the input in messages (the path). */
    private readonly where: string,
    /** Where the sections start in the file. */
    private readonly dataStart: number,
    /** The metadata (the parts' headers). */
    readonly meta: Readonly<Record<string, unknown>>,
    sections: readonly SectionEntry[],
    private readonly load: SectionLoader,
    /** Reads sections ahead in parallel; none for a snapshot in memory (its sections are views). */
    private readonly prefetcher?: SectionPrefetcher,
  ) {
    for (const entry of sections) this.entries.set(entry.name, entry);
  }

  /**
   * Reads the named sections now, before they are asked for, in pieces read
   * in parallel on libuv's threads (the calling thread is free meanwhile: to
   * compute, or to wait). Sections read already, being read, or absent are
   * skipped; a section asked for (`section`) before this settles is read
   * then, as always. Nothing to do for a snapshot in memory.
   *
   * @example
   * ```ts
   * const reading = file.prefetch(["index.tradeOffer", "index.tradeNeed"]);
   * work(); // meanwhile
   * await reading;
   * ```
   */
  async prefetch(names: readonly string[]): Promise<void> {
    await Promise.all(this.startReads(names).waits);
  }

  /**
   * Queues the reads of `prefetch` and returns at once: the reads it
   * started, by section name, and every read to wait for (those it started
   * and those under way already). For the opener, which checks the sections
   * read ahead from their own bytes.
   *
   * @internal
   */
  startReads(names: readonly string[]): {
    readonly started: ReadonlyMap<string, SectionRead>;
    readonly waits: readonly Promise<void>[];
  } {
    const started = new Map<string, SectionRead>();
    const prefetcher = this.prefetcher;
    if (prefetcher === undefined) return { started, waits: [] };
    // Sections another prefetch is reading: wait for that read.
    const waits = [...new Set(names.flatMap((n) => this.pending.get(n) ?? []))];
    const wanted = [
      ...new Set(
        names.filter((n) => this.entries.has(n) && !this.loaded.has(n) && !this.pending.has(n)),
      ),
    ];
    if (wanted.length === 0) return { started, waits };
    const { reads, done } = prefetcher(
      wanted.map((name) => {
        const entry = this.entry(name);
        return { type: entry.type, byteStart: this.dataStart + entry.offset, length: entry.length };
      }),
    );
    const reading = done
      .then(() => {
        wanted.forEach((name, i) => {
          if (!this.loaded.has(name)) this.loaded.set(name, reads[i].array);
        });
      })
      .finally(() => {
        for (const name of wanted) this.pending.delete(name);
      });
    // A failed read is the error of whoever waits for it (the opener need not).
    reading.catch(() => {});
    wanted.forEach((name, i) => {
      this.pending.set(name, reading);
      started.set(name, reads[i]);
    });
    waits.push(reading);
    return { started, waits };
  }

  /** Whether the snapshot has a section of that name. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The section of that name (read on first use, then kept). */
  section(name: string): SectionArray {
    let array = this.loaded.get(name);
    if (array !== undefined) return array;
    const entry = this.entry(name);
    array = this.load(entry.type, this.dataStart + entry.offset, entry.length);
    this.loaded.set(name, array);
    return array;
  }

  /**
   * Elements `start .. end-1` of a section: a view when the section is read
   * already, else those elements alone, read now (a record or two of a
   * column, without reading the column).
   */
  slice(name: string, start: number, end: number): SectionArray {
    const array = this.loaded.get(name);
    if (array !== undefined) return array.subarray(start, end);
    const entry = this.entry(name);
    if (!(start >= 0 && start <= end && end <= entry.length)) {
      throw damaged(this.where, `damaged: elements ${start}..${end} lie outside "${name}"`);
    }
    const size = kinds[entry.type].BYTES_PER_ELEMENT;
    return this.load(entry.type, this.dataStart + entry.offset + size * start, end - start);
  }

  /** The length of a section, in elements. */
  lengthOf(name: string): number {
    return this.entry(name).length;
  }

  private entry(name: string): SectionEntry {
    const entry = this.entries.get(name);
    if (entry === undefined) throw damaged(this.where, `damaged: it has no section "${name}"`);
    return entry;
  }

  /** A section that must be of one element type. */
  typed<K extends SectionType>(name: string, type: K): ArrayOf<K> {
    const entry = this.entries.get(name);
    if (entry !== undefined && entry.type !== type) {
      throw damaged(this.where, `damaged: section "${name}" holds ${entry.type}, not ${type}`);
    }
    return this.section(name) as ArrayOf<K>;
  }
}

/** What the header says, once checked. */
interface Header {
  readonly metaLength: number;
  readonly dataStart: number;
}

/** Checks the first 32 bytes of a snapshot of `size` bytes. */
function checkHeader(head: Uint8Array, size: number, where: string): Header {
  if (!littleEndian) throw damaged(where, "snapshots are read on little-endian machines only");
  const isMagic = head.length >= magic.length && magic.every((b, i) => head[i] === b);
  if (!isMagic) {
    throw damaged(where, "not a snapshot (.rdsnap) file: it does not start with RDSNAP");
  }
  if (head.length < headerBytes) {
    throw damaged(where, `truncated: ${size} bytes, not even a header`);
  }
  const view = new DataView(head.buffer, head.byteOffset, headerBytes);
  if (crc32(head.subarray(0, 28)) !== view.getUint32(28, true)) {
    throw damaged(where, "damaged: the header fails its checksum");
  }
  const version = view.getUint32(8, true);
  if (version !== snapshotVersion) {
    throw damaged(
      where,
      `snapshot format version ${version}; this version of reciprocal-deals reads version ${snapshotVersion}: convert the network again`,
    );
  }
  const fileLength = view.getFloat64(16, true);
  if (size !== fileLength) {
    throw damaged(
      where,
      size < fileLength
        ? `truncated: ${size} bytes of ${fileLength}`
        : `damaged: ${size - fileLength} bytes after its end`,
    );
  }
  const metaLength = view.getUint32(12, true);
  return { metaLength, dataStart: align(headerBytes + metaLength) };
}

/** Checks and parses the metadata JSON (`crc` from the header). */
function checkMeta(
  padded: Uint8Array,
  metaLength: number,
  crc: number,
  size: number,
  dataStart: number,
  where: string,
): { sections: SectionEntry[] } & Record<string, unknown> {
  if (crc32(padded) !== crc) throw damaged(where, "damaged: the metadata fails its checksum");
  let meta: { sections: SectionEntry[] } & Record<string, unknown>;
  try {
    meta = JSON.parse(new TextDecoder().decode(padded.subarray(0, metaLength)));
  } catch {
    throw damaged(where, "damaged: its metadata is not JSON");
  }
  if (!Array.isArray(meta?.sections)) {
    throw damaged(where, "damaged: its metadata lists no sections");
  }
  for (const entry of meta.sections) {
    const kind = Object.hasOwn(kinds, entry?.type) ? kinds[entry.type] : undefined;
    const start = dataStart + entry?.offset;
    const end = start + (kind?.BYTES_PER_ELEMENT ?? 0) * entry?.length;
    if (
      kind === undefined ||
      !Number.isSafeInteger(entry.offset) ||
      !Number.isSafeInteger(entry.length) ||
      entry.offset < 0 ||
      entry.length < 0 ||
      start % 8 !== 0 ||
      end > size
    ) {
      throw damaged(where, `damaged: section "${String(entry?.name)}" lies outside the file`);
    }
  }
  return meta;
}

/** The byte range of each section with its padding (what its checksum covers), in file order. */
function ranges(meta: { sections: SectionEntry[] }, dataStart: number) {
  return meta.sections
    .map((entry) => ({
      entry,
      start: dataStart + entry.offset,
      length: align(kinds[entry.type].BYTES_PER_ELEMENT * entry.length),
    }))
    .sort((a, b) => a.start - b.start);
}

/**
 * Opens a snapshot from its bytes in memory (the whole file), checking
 * everything; its sections are views of `bytes`.
 *
 * @param where - names the input in messages
 * @throws NetworkError for bytes that are no snapshot, of another version, truncated or damaged
 */
export function openSnapshot(bytes: Uint8Array, where = "snapshot"): SnapshotFile {
  const { metaLength, dataStart } = checkHeader(
    bytes.subarray(0, headerBytes),
    bytes.length,
    where,
  );
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerBytes);
  const padded = bytes.subarray(headerBytes, dataStart);
  const crc = view.getUint32(24, true);
  const meta = checkMeta(padded, metaLength, crc, bytes.length, dataStart, where);
  for (const { entry, start, length } of ranges(meta, dataStart)) {
    if (crc32(bytes.subarray(start, start + length)) !== entry.crc) {
      throw failsChecksum(where, entry.name);
    }
  }
  return new SnapshotFile(where, dataStart, meta, meta.sections, (type, start, length) => {
    return new kinds[type](bytes.buffer as ArrayBuffer, bytes.byteOffset + start, length);
  });
}

/** Reads `into.length` bytes of the file at `position`, all of them. */
function readFully(fd: number, into: Uint8Array, position: number): void {
  let at = 0;
  while (at < into.length) {
    const read = readSync(fd, into, at, into.length - at, position + at);
    if (read === 0) throw new Error("unexpected end of file");
    at += read;
  }
}

/** Bytes read at a time while checking sections. */
const chunkBytes = 1 << 22;

/** A section's bytes with their padding in the file: what its checksum covers. */
type SectionRange = ReturnType<typeof ranges>[number];

/** Checks a section's checksum by reading it from the file through `chunk`. */
function checkThroughFile(fd: number, range: SectionRange, chunk: Uint8Array, path: string): void {
  const { entry, start, length } = range;
  let crc = 0;
  for (let done = 0; done < length; done += chunkBytes) {
    const part = chunk.subarray(0, Math.min(chunkBytes, length - done));
    readFully(fd, part, start + done);
    crc = crc32(part, crc);
  }
  if (crc !== entry.crc) throw failsChecksum(path, entry.name);
}

/**
 * Checks a section being read ahead from its own bytes, piece by piece as
 * they arrive, and its padding from the file: the bytes checked are the
 * bytes used, read once. False when a piece's read failed (the section is
 * then checked through the file, and read again when it is used).
 */
async function checkReadAhead(
  fd: number,
  range: SectionRange,
  read: SectionRead,
  path: string,
): Promise<boolean> {
  let crc = 0;
  for (const piece of read.pieces) {
    try {
      await piece.read;
    } catch {
      return false;
    }
    crc = crc32(piece.bytes, crc);
  }
  const padding = new Uint8Array(range.length - read.array.byteLength);
  readFully(fd, padding, range.start + read.array.byteLength);
  if (crc32(padding, crc) !== range.entry.crc) throw failsChecksum(path, range.entry.name);
  return true;
}

/**
 * Opens the snapshot file at `path`, checking everything: the header, the
 * metadata, and every section's checksum. The sections of `readAhead` are
 * read meanwhile (in parallel pieces on libuv's threads) each into a buffer
 * of its own, and checked from it as its pieces arrive; every other section
 * is checked by reading it through a small buffer, then read again, into a
 * buffer of its own, when it is first asked for (so memory holds only what a
 * command uses); a file replaced or rewritten since is refused then. The
 * buffers are `SharedArrayBuffer`s, which worker threads can view.
 *
 * `prefetchPieceBytes` sets the size of the parallel reads of `prefetch`
 * (8 MiB; smaller in tests, to cut sections into many pieces).
 *
 * @throws NetworkError for a file that is no snapshot, of another version, truncated or damaged
 */
export async function readSnapshotFile(
  path: string,
  {
    prefetchPieceBytes = 1 << 23,
    readAhead,
  }: {
    readonly prefetchPieceBytes?: number;
    /** Sections to read (`prefetch`) while the checksums are checked, and check from their bytes. */
    readonly readAhead?: (file: SnapshotFile) => readonly string[];
  } = {},
): Promise<SnapshotFile> {
  const fd = openSync(path, "r");
  try {
    const info = fstatSync(fd);
    const identity = `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}`;
    const head = new Uint8Array(Math.min(headerBytes, info.size));
    readFully(fd, head, 0);
    const header = checkHeader(head, info.size, path);
    const dataStart = header.dataStart;
    const padded = new Uint8Array(Math.min(dataStart, info.size) - headerBytes);
    readFully(fd, padded, headerBytes);
    const crc = new DataView(head.buffer).getUint32(24, true);
    const meta = checkMeta(padded, header.metaLength, crc, info.size, dataStart, path);
    const file = new SnapshotFile(
      path,
      dataStart,
      meta,
      meta.sections,
      sectionLoader(path, identity),
      sectionPrefetcher(path, identity, prefetchPieceBytes),
    );
    // Nothing reads the sections before this returns: nothing unchecked is used.
    const { started: ahead, waits } =
      readAhead === undefined
        ? { started: new Map<string, SectionRead>(), waits: [] }
        : file.startReads(readAhead(file));
    const chunk = new Uint8Array(chunkBytes);
    // The other sections first (this thread reads them while libuv's read ahead).
    const later: SectionRange[] = [];
    for (const range of ranges(meta, dataStart)) {
      if (ahead.has(range.entry.name)) later.push(range);
      else checkThroughFile(fd, range, chunk, path);
    }
    for (const range of later) {
      const read = ahead.get(range.entry.name) as SectionRead;
      if (!(await checkReadAhead(fd, range, read, path))) checkThroughFile(fd, range, chunk, path);
    }
    // The sections read ahead are the file's once this returns (a read that failed: read on use).
    await Promise.allSettled(waits);
    return file;
  } finally {
    closeSync(fd);
  }
}

/** The error to give unless the file at `path` is still the one of `identity` (dev, inode, size, mtime). */
function changedSince(path: string, identity: string, info: Stats): NetworkError | undefined {
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}` === identity
    ? undefined
    : damaged(path, "the file changed since it was opened: read it again");
}

/**
 * Reads a section (or a slice of one) of the file at `path` into a buffer of
 * its own, once sure it is the same file. The file stays open for the rest
 * of the event loop's turn: a deal's records are hundreds of slices read at
 * once (an open, a check and a close each cost as much as the read).
 */
function sectionLoader(path: string, identity: string): SectionLoader {
  let kept: number | undefined;
  return (type, start, length) => {
    if (kept === undefined) {
      const fd = openSync(path, "r");
      const changed = changedSince(path, identity, fstatSync(fd));
      if (changed !== undefined) {
        closeSync(fd);
        throw changed;
      }
      kept = fd;
      setImmediate(() => {
        kept = undefined;
        closeSync(fd);
      }).unref();
    }
    const array = sharedSection(type, length);
    readFully(kept, new Uint8Array(array.buffer), start);
    return array;
  };
}

/**
 * Reads sections of the file at `path` in pieces of `pieceBytes`, every piece
 * queued on libuv's threads before this returns (the file is opened at once).
 */
function sectionPrefetcher(path: string, identity: string, pieceBytes: number): SectionPrefetcher {
  return (places) => {
    let fd: number;
    try {
      fd = openSync(path, "r");
    } catch (error) {
      return failedReads(places, error);
    }
    const changed = changedSince(path, identity, fstatSync(fd));
    if (changed !== undefined) {
      closeSync(fd);
      return failedReads(places, changed);
    }
    const reads = places.map(({ type, length, byteStart }) => {
      const array = sharedSection(type, length);
      const bytes = new Uint8Array(array.buffer);
      const pieces: { bytes: Uint8Array; read: Promise<void> }[] = [];
      for (let at = 0; at < bytes.length; at += pieceBytes) {
        const piece = bytes.subarray(at, Math.min(bytes.length, at + pieceBytes));
        pieces.push({ bytes: piece, read: readPiece(fd, piece, byteStart + at) });
      }
      return { array, pieces };
    });
    // All settle before the file is closed, even when one fails.
    const done = Promise.allSettled(reads.flatMap((r) => r.pieces.map((p) => p.read))).then(
      (settled) => {
        closeSync(fd);
        for (const read of settled) if (read.status === "rejected") throw read.reason;
      },
    );
    return { reads, done };
  };
}

/** Reads of sections that cannot start: each piece's read fails with `error`. */
function failedReads(
  places: readonly SectionPlace[],
  error: unknown,
): ReturnType<SectionPrefetcher> {
  const failed = Promise.reject(error);
  failed.catch(() => {});
  const reads = places.map(({ type }) => ({
    array: sharedSection(type, 0),
    pieces: [{ bytes: new Uint8Array(0), read: failed }],
  }));
  return { reads, done: failed };
}

/**
 * A section's array in a buffer of its own: shared memory, so that worker
 * threads search the very same arrays (no copy per thread).
 */
function sharedSection(type: SectionType, length: number): SectionArray {
  const kind = kinds[type];
  const buffer = new SharedArrayBuffer(kind.BYTES_PER_ELEMENT * length) as ArrayBufferLike;
  return new kind(buffer as ArrayBuffer, 0, length);
}

/** Reads `into.length` bytes of the file at `position`, all of them, asynchronously. */
/** Reads all of `into` from `fd` at `position` on libuv's threads (the first read is queued at once). */
function readPiece(fd: number, into: Uint8Array, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const from = (at: number) =>
      read(fd, into, at, into.length - at, position + at, (error, bytesRead) => {
        if (error !== null) reject(error);
        else if (bytesRead === 0) reject(new Error("unexpected end of file"));
        else if (at + bytesRead < into.length) from(at + bytesRead);
        else resolve();
      });
    from(0);
  });
}

/** A section to write: its name and its array. */
export interface SectionData {
  readonly name: string;
  readonly array: SectionArray;
}

/**
 * Writes a snapshot: the sections in the order given, with `meta` (the
 * parts' headers) beside the section list. Written to a new file beside
 * `path` and renamed over it once complete and flushed, so that `path` is
 * never half-written.
 */
export async function writeSnapshotFile(
  path: string,
  meta: Readonly<Record<string, unknown>>,
  sections: readonly SectionData[],
): Promise<void> {
  const entries: SectionEntry[] = [];
  const zeros = new Uint8Array(8);
  let offset = 0;
  for (const { name, array } of sections) {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    const pad = align(bytes.length) - bytes.length;
    const crc = crc32(zeros.subarray(0, pad), crc32(bytes));
    entries.push({ name, type: typeOf(array), offset, length: array.length, crc });
    offset = align(offset + array.byteLength);
  }
  const metaBytes = new TextEncoder().encode(JSON.stringify({ ...meta, sections: entries }));
  const dataStart = align(headerBytes + metaBytes.length);
  const header = new Uint8Array(dataStart);
  const view = new DataView(header.buffer);
  header.set(magic, 0);
  view.setUint32(8, snapshotVersion, true);
  view.setUint32(12, metaBytes.length, true);
  view.setFloat64(16, dataStart + offset, true);
  header.set(metaBytes, headerBytes);
  view.setUint32(24, crc32(header.subarray(headerBytes)), true);
  view.setUint32(28, crc32(header.subarray(0, 28)), true);
  await writeAtomically(path, async (handle) => {
    let at = 0;
    await handle.write(header, 0, header.length, at);
    at += header.length;
    for (const { array } of sections) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let done = 0; done < bytes.length; ) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, at + done);
        done += bytesWritten;
      }
      at += bytes.length;
      const pad = align(at) - at;
      if (pad > 0) await handle.write(zeros, 0, pad, at);
      at += pad;
    }
  });
}

/** An open file handle. */
type Handle = Awaited<ReturnType<typeof open>>;

/**
 * Writes a file through a new file beside it (created exclusively), flushed
 * and renamed over `path`; the new file is removed on any failure. A `path`
 * that exists and is not a regular file (a folder, a device, a pipe) is
 * refused; the mode of one that is is kept.
 */
export async function writeAtomically(
  path: string,
  write: (handle: Handle) => Promise<void>,
): Promise<void> {
  let mode = 0o666;
  let existed = false;
  try {
    const existing = await stat(path);
    if (!existing.isFile()) {
      throw new FileError(
        path,
        "EEXIST",
        `cannot write ${path}: it exists and is not a regular file`,
      );
    }
    mode = existing.mode & 0o7777;
    existed = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.part`,
  );
  const handle = await open(temporary, "wx", mode).catch((error: NodeJS.ErrnoException) => {
    throw new FileError(path, error.code ?? "EIO", `cannot write ${path}: ${fileReason(error)}`);
  });
  try {
    if (existed) await handle.chmod(mode);
    await write(handle);
    await handle.sync();
    await handle.close();
    await rename(temporary, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    const { code } = error as NodeJS.ErrnoException;
    if (typeof code === "string" && !(error instanceof FileError)) {
      throw new FileError(
        path,
        code,
        `cannot write ${path}: ${fileReason(error as NodeJS.ErrnoException)}`,
      );
    }
    throw error;
  }
}
