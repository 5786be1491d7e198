/**
 * UTF-8 bytes built text by text: each text is encoded as it comes, into one
 * buffer that grows as needed and is reused after each `take`. Holding many
 * texts as strings until the end costs more than their bytes: a text built
 * by concatenation is a rope of many pieces, and every young-generation GC
 * meanwhile copies each piece.
 *
 * @example
 * const bytes = new Utf8Bytes();
 * bytes.add("{\"deals\": ");
 * bytes.add("[]}");
 * bytes.take(); // the 14 bytes, in an array of their own
 */
export class Utf8Bytes {
  private buffer: Buffer;
  private length = 0;

  constructor(initialBytes = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  /** Bytes added since the last `take`. */
  get byteLength(): number {
    return this.length;
  }

  /** Appends a text's UTF-8 bytes. */
  add(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    this.makeRoom(3 * text.length);
    this.length += this.buffer.write(text, this.length, "utf8");
  }

  /** Appends bytes (UTF-8 already). */
  addBytes(bytes: Uint8Array): void {
    this.makeRoom(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  private makeRoom(more: number): void {
    const room = this.length + more;
    if (room > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(room, 2 * this.buffer.length));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
  }

  /** The bytes added since the last `take`, in an array of their own; starts again empty. */
  take(): Uint8Array {
    return this.takePieces(Number.POSITIVE_INFINITY)[0] ?? new Uint8Array(0);
  }

  /**
   * The bytes added since the last `take`, in arrays of their own of at most
   * `pieceBytes` each (the last may be shorter; none when nothing was added;
   * a piece may end inside a character: the pieces are meant to be written
   * one after the other); starts again empty.
   *
   * @param spare buffers to write pieces into (each used if large enough,
   *   taken off the list) before new ones are made
   * @example
   * bytes.add("abcde");
   * bytes.takePieces(2); // "ab", "cd", "e"
   */
  takePieces(pieceBytes: number, spare: ArrayBuffer[] = []): Uint8Array[] {
    const pieces: Uint8Array[] = [];
    for (let at = 0; at < this.length; ) {
      const end = Math.min(this.length, at + pieceBytes);
      const reused = spare.findIndex((buffer) => buffer.byteLength >= end - at);
      const piece =
        reused < 0
          ? new Uint8Array(end - at)
          : new Uint8Array(spare.splice(reused, 1)[0], 0, end - at);
      piece.set(this.buffer.subarray(at, end));
      pieces.push(piece);
      at = end;
    }
    this.length = 0;
    return pieces;
  }
}
