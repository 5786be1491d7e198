/**
 * Writing results without holding them all in one string, and honouring
 * back-pressure, so that a million lines stream out in bounded memory. A
 * stream that fails (a full disk, a closed pipe) turns into a `CliOutputError`
 * at the next write, never a hang on a `drain` that will not come.
 */
import type { Writable } from "node:stream";
import { ioChunkBytes } from "../util/io-chunk.js";
import { Utf8Bytes } from "../util/utf8-bytes.js";
import { CliOutputError, errorCodeOf } from "./io.js";

/**
 * Resolves when `stream` drains; rejects with a `CliOutputError` naming
 * `target` when it fails or closes first.
 */
export function drained(stream: Writable, target: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: unknown) => {
      stream.off("drain", onDrain);
      stream.off("error", onError);
      stream.off("close", onClose);
      if (error === undefined) resolve();
      else reject(new CliOutputError(target, errorCodeOf(error)));
    };
    const onDrain = () => settle();
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(stream.errored ?? { code: "EPIPE" });
    stream.on("drain", onDrain);
    stream.on("error", onError);
    stream.on("close", onClose);
  });
}

/** Throws the stream's failure, if it has failed, as a `CliOutputError`. */
export function checkWritable(stream: Writable, target: string): void {
  if (stream.errored) throw new CliOutputError(target, errorCodeOf(stream.errored));
  if (stream.destroyed || stream.writableEnded) throw new CliOutputError(target, "EPIPE");
}

/**
 * Buffers text (or UTF-8 bytes, passed through as they are) and writes it in
 * large chunks, waiting when the stream is full. Text goes to UTF-8 bytes as
 * it comes (`Utf8Bytes`): a megabyte of texts kept as strings until the
 * chunk is written are ropes of many pieces that every young-generation GC
 * meanwhile copies.
 */
export class ChunkedWriter {
  private readonly pending: Utf8Bytes;

  constructor(
    private readonly stream: Writable,
    private readonly chunkSize = ioChunkBytes,
    /** What the stream is, for messages: `stdout` or a path. */
    private readonly target = "stdout",
  ) {
    this.pending = new Utf8Bytes(Math.min(chunkSize, ioChunkBytes));
  }

  /** Appends text or UTF-8 bytes; flushes when the buffer is full. */
  async write(text: string | Uint8Array): Promise<void> {
    if (typeof text !== "string" && text.length >= this.chunkSize) {
      // A large block of bytes (a batch written by a worker thread) goes out as it is.
      await this.flush();
      await this.send(text);
      return;
    }
    if (this.add(text)) await this.flush();
  }

  /**
   * Appends text or UTF-8 bytes without waiting, for many small texts (a
   * listing's DEALs: no promise per text).
   *
   * @returns true when the buffer is full: `flush()` before adding more
   */
  add(text: string | Uint8Array): boolean {
    if (typeof text === "string") this.pending.add(text);
    else this.pending.addBytes(text);
    return this.pending.byteLength >= this.chunkSize;
  }

  /** Writes what is buffered. */
  async flush(): Promise<void> {
    if (this.pending.byteLength > 0) await this.send(this.pending.take());
  }

  private async send(chunk: Uint8Array): Promise<void> {
    checkWritable(this.stream, this.target);
    if (!this.stream.write(chunk)) await drained(this.stream, this.target);
  }
}
