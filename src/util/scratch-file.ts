/**
 * An anonymous temporary file: created in a fresh private folder (mode 600),
 * then at once removed from the file system while it stays open, so that
 * nothing is left behind however the process ends (an error, a signal,
 * SIGKILL, a crash): the system frees its space when the descriptor is closed
 * or the process exits. Where a system cannot remove an open file, it is
 * removed on `close()` or when the process exits.
 *
 * Node's `fs`, `os` and `path` are taken through `nodeBuiltin`, not imported,
 * so that the search (which spills long listings here) runs in a browser:
 * there, `openScratch` gives a `ScratchMemory`, the same store in memory.
 */
import type * as Fs from "node:fs";
import type * as Os from "node:os";
import type * as Path from "node:path";
import { nodeBuiltin } from "./node-builtin.js";

/** A store written at its end and read by position; gone once closed. */
export interface ScratchStore {
  /** Bytes written so far. */
  readonly size: number;
  /** Appends `length` bytes of `data`; returns the position they were written at. */
  append(data: Uint8Array, length?: number): number;
  /** Reads up to `length` bytes at `position` into `into`; returns how many (fewer only at the end). */
  read(into: Uint8Array, position: number, length?: number): number;
  /** Frees the store; later calls do nothing. */
  close(): void;
}

/** Node's modules the file needs, or undefined outside Node. */
function fileSystem(): { fs: typeof Fs; os: typeof Os; path: typeof Path } | undefined {
  const fs = nodeBuiltin<typeof Fs>("node:fs");
  const os = nodeBuiltin<typeof Os>("node:os");
  const path = nodeBuiltin<typeof Path>("node:path");
  return fs === undefined || os === undefined || path === undefined ? undefined : { fs, os, path };
}

/**
 * A scratch file in `directory` (default: the system's temporary folder)
 * where there is a file system, else a scratch store in memory.
 *
 * @throws the file system's error when the folder cannot be written
 */
export function openScratch(directory?: string): ScratchStore {
  return fileSystem() === undefined ? new ScratchMemory() : new ScratchFile(directory);
}

/** A scratch store in memory (where there is no file system): one growing array. */
export class ScratchMemory implements ScratchStore {
  private bytes = new Uint8Array(1 << 16);
  private end = 0;

  get size(): number {
    return this.end;
  }

  append(data: Uint8Array, length: number = data.byteLength): number {
    const at = this.end;
    if (at + length > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(2 * this.bytes.length, at + length));
      bigger.set(this.bytes.subarray(0, at));
      this.bytes = bigger;
    }
    this.bytes.set(data.subarray(0, length), at);
    this.end += length;
    return at;
  }

  read(into: Uint8Array, position: number, length: number = into.byteLength): number {
    const got = Math.max(0, Math.min(length, this.end - position));
    into.set(this.bytes.subarray(position, position + got));
    return got;
  }

  close(): void {
    this.bytes = new Uint8Array(0);
    this.end = 0;
  }
}

/** Paths still to remove at exit (systems that cannot remove an open file). */
const leftovers = new Set<string>();
let exitHookInstalled = false;

function removeLeftovers(): void {
  for (const folder of leftovers) nodeFs().rmSync(folder, { recursive: true, force: true });
  leftovers.clear();
}

/** Node's `fs` (only a `ScratchFile`, made under Node, asks). */
function nodeFs(): typeof Fs {
  const found = fileSystem();
  if (found === undefined) throw new Error("a scratch file needs Node's file system");
  return found.fs;
}

/** A temporary file written and read by position; gone once closed. */
export class ScratchFile implements ScratchStore {
  private fd: number;
  private folder: string | undefined;
  /** Bytes written so far (the next `append` goes here). */
  private end = 0;

  /**
   * @param directory where to create it
   * @throws the file system's error when the folder cannot be written
   */
  constructor(directory?: string) {
    const node = fileSystem();
    if (node === undefined) throw new Error("a scratch file needs Node's file system");
    const { mkdtempSync, openSync, rmdirSync, unlinkSync } = node.fs;
    const folder = mkdtempSync(node.path.join(directory ?? node.os.tmpdir(), "reciprocal-deals-"));
    const path = node.path.join(folder, "scratch");
    try {
      this.fd = openSync(path, "wx+", 0o600);
    } catch (error) {
      rmdirSync(folder);
      throw error;
    }
    try {
      unlinkSync(path);
      rmdirSync(folder);
    } catch {
      this.folder = folder;
      leftovers.add(folder);
      if (!exitHookInstalled) {
        exitHookInstalled = true;
        process.once("exit", removeLeftovers);
      }
    }
  }

  /** Bytes written so far. */
  get size(): number {
    return this.end;
  }

  /**
   * Appends `length` bytes of `data` at the end of the file.
   *
   * @returns the position they were written at
   */
  append(data: Uint8Array, length: number = data.byteLength): number {
    const at = this.end;
    let done = 0;
    const { writeSync } = nodeFs();
    while (done < length) done += writeSync(this.fd, data, done, length - done, at + done);
    this.end += length;
    return at;
  }

  /**
   * Reads up to `length` bytes at `position` into `into`.
   *
   * @returns how many were read (fewer only at the end of the file)
   */
  read(into: Uint8Array, position: number, length: number = into.byteLength): number {
    const { readSync } = nodeFs();
    let done = 0;
    while (done < length) {
      const got = readSync(this.fd, into, done, length - done, position + done);
      if (got === 0) break;
      done += got;
    }
    return done;
  }

  /** Closes (and so frees) the file; later calls do nothing. */
  close(): void {
    if (this.fd < 0) return;
    const { closeSync, rmSync } = nodeFs();
    closeSync(this.fd);
    this.fd = -1;
    if (this.folder !== undefined) {
      rmSync(this.folder, { recursive: true, force: true });
      leftovers.delete(this.folder);
      this.folder = undefined;
    }
  }
}
