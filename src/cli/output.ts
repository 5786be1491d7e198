/**
 * Writing results to stdout without holding them all in one string, and
 * honouring back-pressure, so that a million lines stream out in bounded memory.
 */
import type { Writable } from "node:stream";

/** Buffers text and writes it in large chunks, waiting when the stream is full. */
export class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly stream: Writable,
    private readonly chunkSize = 1 << 20,
  ) {}

  /** Appends text; flushes when the buffer is full. */
  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.chunkSize) await this.flush();
  }

  /** Writes what is buffered. */
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join("");
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => this.stream.once("drain", resolve));
    }
  }
}
