/** Streams of bytes cut at chosen places, for the readers' chunking tests. */
import { Readable } from "node:stream";

/** Bytes as a stream cut into chunks at the given sizes (repeating the last). */
export function chunked(bytes: Uint8Array, sizes: number[]): Readable {
  const chunks: Uint8Array[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[Math.min(k, sizes.length - 1)]);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(chunks);
}
