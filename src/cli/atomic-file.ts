/**
 * Writing a file so that it is never seen half-written (`--out FILE`): the
 * text goes to a new temporary file in FILE's folder, created with O_EXCL (a
 * name nobody else has, and never a symlink followed, so an existing
 * `FILE.part` or a link planted there is never touched), is flushed to disk
 * (fsync), takes the mode of the FILE it replaces, and is renamed over FILE
 * in one atomic step. Two runs writing one FILE at once each write their own
 * temporary file, and FILE ends as one of their complete outputs.
 *
 * FILE must be a regular file or absent: a FIFO, a device, a folder or a
 * socket is refused (a usage error), never replaced. A symlink to a regular
 * file is followed: the file it points to is replaced and the link kept. A
 * failure, or SIGINT, SIGTERM or SIGHUP, removes the temporary file.
 */
import { randomBytes } from "node:crypto";
import {
  close,
  constants,
  createWriteStream,
  fchmod,
  fstat,
  fsync,
  openSync,
  type Stats,
  unlinkSync,
} from "node:fs";
import { lstat, open, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Writable } from "node:stream";
import { promisify } from "node:util";
import { ioChunkBytes } from "../util/io-chunk.js";
import { onInterrupt } from "./interrupts.js";
import { CliOutputError, CliUsageError, errorCodeOf } from "./io.js";

/** What a non-regular file is, for the refusal. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

/** `stat` of a path, or undefined when there is nothing there. */
async function statOrNone(
  path: string,
  how: typeof stat | typeof lstat,
): Promise<Stats | undefined> {
  try {
    return await how(path);
  } catch (error) {
    if (errorCodeOf(error) === "ENOENT") return undefined;
    throw new CliOutputError(path, errorCodeOf(error));
  }
}

/** The file to replace (a symlink's target) and its stats, after the refusals. */
async function targetOf(path: string): Promise<{ target: string; existing: Stats | undefined }> {
  const link = await statOrNone(path, lstat);
  if (link === undefined) return { target: path, existing: undefined };
  const existing = await statOrNone(path, stat);
  if (existing === undefined)
    throw new CliUsageError(`refusing to write ${path}: it is a symbolic link to nothing`);
  if (!existing.isFile())
    throw new CliUsageError(`refusing to replace ${path}: it is ${kindOf(existing)}`);
  return { target: link.isSymbolicLink() ? await realpath(path) : path, existing };
}

/** The result of `writeFileAtomically`: the file written and its size. */
export interface WrittenFile {
  /** The file replaced or created (a symlink's target when FILE was a link). */
  readonly path: string;
  readonly bytes: number;
}

/**
 * Writes `path` through a temporary file, atomically: `write` gets the
 * temporary file's stream and resolves when it has written everything.
 *
 * @throws CliUsageError when `path` is not a regular file (nor absent);
 *   CliOutputError when the file cannot be written (the temporary file is removed)
 */
export async function writeFileAtomically(
  path: string,
  write: (stream: Writable) => Promise<void>,
): Promise<WrittenFile> {
  const { target, existing } = await targetOf(path);
  const temporary = join(
    dirname(target),
    `.${basename(target)}.${randomBytes(6).toString("hex")}.part`,
  );
  const mode = existing === undefined ? 0o666 : existing.mode & 0o7777;
  // The cleanup is registered first and the file created synchronously, so
  // that no signal can fall between the file's creation and its cleanup.
  const forget = onInterrupt(() => unlinkSync(temporary));
  let fd: number;
  try {
    fd = openSync(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      mode,
    );
  } catch (error) {
    forget();
    throw new CliOutputError(path, errorCodeOf(error));
  }
  const stream = createWriteStream("", { fd, autoClose: false, highWaterMark: ioChunkBytes });
  const failed = new Promise<never>((_, reject) => stream.once("error", reject));
  failed.catch(() => {});
  let open = true;
  try {
    if (existing !== undefined) await promisify(fchmod)(fd, mode); // the umask may have cleared bits
    await Promise.race([write(stream), failed]);
    await Promise.race([new Promise<void>((resolve) => stream.end(resolve)), failed]);
    await promisify(fsync)(fd);
    const { size } = await promisify(fstat)(fd);
    open = false;
    await promisify(close)(fd);
    await rename(temporary, target);
    await syncFolder(dirname(target));
    return { path: target, bytes: size };
  } catch (error) {
    stream.destroy();
    if (open) await promisify(close)(fd).catch(() => {});
    await unlink(temporary).catch(() => {});
    if (error instanceof CliOutputError || error instanceof CliUsageError) throw error;
    const code = errorCodeOf(error);
    if (code !== undefined) throw new CliOutputError(path, code);
    throw error;
  } finally {
    forget();
  }
}

/** Flushes a folder's entries to disk, so that the rename survives a crash (best effort). */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems cannot fsync a folder; the rename itself is still atomic.
  }
}
