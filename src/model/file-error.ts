/**
 * A file-system problem with a path: a file that cannot be read or written,
 * a folder where a file was expected. Node's own errors carry `code` and
 * `path` too; this one is for the cases Node leaves without a path (a file
 * too large to read whole) and the library's own refusals. The CLI prints
 * any of them as one line with the path.
 */
export class FileError extends Error {
  override readonly name = "FileError";

  constructor(
    /** The file or folder concerned. */
    readonly path: string,
    /** An errno-style code: `EISDIR`, `EFBIG`, … */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What each file-system error code means, in a few words. */
const reasons: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of the path is not a folder",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EEXIST: "it exists already",
  ENOSPC: "no space left on the device",
  EROFS: "read-only file system",
  EMFILE: "too many open files",
  EBUSY: "the file is busy",
  EFBIG: "the file is too large",
  EIO: "input/output error",
};

/** A file-system error in a few words, with its code: "no such file or folder (ENOENT)". */
export function fileReason(error: NodeJS.ErrnoException): string {
  const code = error.code ?? "EIO";
  return `${reasons[code] ?? error.message.split("\n")[0]} (${code})`;
}
