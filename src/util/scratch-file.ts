/**
 * An anonymous temporary file: created in a fresh private folder (mode 600),
 * then at once removed from the file system while it stays open, so that
 * nothing is left behind however the process ends (an error, a signal,
 * SIGKILL, a crash): the system frees its space when the descriptor is closed
 * or the process exits. Where a system cannot remove an open file, it is
 * removed on `close()` or when the process exits.
 */
import {
  closeSync,
  mkdtempSync,
  openSync,
  readSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Paths still to remove at exit (systems that cannot remove an open file). */
const leftovers = new Set<string>();
let exitHookInstalled = false;

function removeLeftovers(): void {
  for (const folder of leftovers) rmSync(folder, { recursive: true, force: true });
  leftovers.clear();
}

/** A temporary file written and read by position; gone once closed. */
export class ScratchFile {
  private fd: number;
  private folder: string | undefined;
  /** Bytes written so far (the next `append` goes here). */
  private end = 0;

  /**
   * @param directory where to create it
   * @throws the file system's error when the folder cannot be written
   */
  constructor(directory: string = tmpdir()) {
    const folder = mkdtempSync(join(directory, "reciprocal-deals-"));
    const path = join(folder, "scratch");
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
    closeSync(this.fd);
    this.fd = -1;
    if (this.folder !== undefined) {
      rmSync(this.folder, { recursive: true, force: true });
      leftovers.delete(this.folder);
      this.folder = undefined;
    }
  }
}
