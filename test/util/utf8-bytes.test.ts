import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Utf8Bytes } from "../../src/util/utf8-bytes.js";

describe("Utf8Bytes", () => {
  it("holds the UTF-8 of the texts added, however the buffer grows, and starts again after take", () => {
    // Any UTF-16 strings: non-ASCII, pairs and lone surrogates (which UTF-8 writes as U+FFFD).
    const texts = fc.array(fc.string({ unit: "binary" }), { maxLength: 20 });
    fc.assert(
      fc.property(texts, texts, fc.integer({ min: 1, max: 64 }), (first, second, initial) => {
        const bytes = new Utf8Bytes(initial);
        for (const text of first) bytes.add(text);
        expect(Buffer.from(bytes.take())).toEqual(Buffer.from(first.join(""), "utf8"));
        for (const text of second) bytes.add(text);
        const taken = bytes.take();
        expect(Buffer.from(taken)).toEqual(Buffer.from(second.join(""), "utf8"));
        expect(taken.byteLength).toBe(taken.buffer.byteLength); // an array of its own
        expect(bytes.take()).toHaveLength(0);
      }),
    );
  });

  it("appends bytes as they are between texts, and counts what it holds", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: "binary" }), fc.uint8Array({ maxLength: 40 }))),
        fc.integer({ min: 1, max: 32 }),
        (parts, initial) => {
          const bytes = new Utf8Bytes(initial);
          for (const part of parts) {
            if (typeof part === "string") bytes.add(part);
            else bytes.addBytes(part);
          }
          const expected = Buffer.concat(
            parts.map((part) => (typeof part === "string" ? Buffer.from(part, "utf8") : part)),
          );
          expect(bytes.byteLength).toBe(expected.length);
          expect(Buffer.from(bytes.take())).toEqual(expected);
          expect(bytes.byteLength).toBe(0);
        },
      ),
    );
  });

  it("writes a hand-checked text: é is 2 bytes, € 3, 😀 4", () => {
    const bytes = new Utf8Bytes(1);
    bytes.add("é");
    bytes.add("€😀");
    expect([...bytes.take()]).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  });

  it("gives its bytes in pieces of at most the size asked, each an array of its own, in order", () => {
    const texts = fc.array(fc.string({ unit: "binary" }), { maxLength: 20 });
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 40 }), (added, size) => {
        const bytes = new Utf8Bytes(8);
        for (const text of added) bytes.add(text);
        const whole = Buffer.from(added.join(""), "utf8");
        const pieces = bytes.takePieces(size);
        expect(pieces).toHaveLength(Math.ceil(whole.length / size));
        for (const piece of pieces) {
          expect(piece.byteLength).toBeGreaterThan(0);
          expect(piece.byteLength).toBeLessThanOrEqual(size);
          expect(piece.byteLength).toBe(piece.buffer.byteLength);
        }
        expect(Buffer.concat(pieces)).toEqual(whole);
        expect(bytes.takePieces(size)).toEqual([]);
      }),
    );
  });

  it("cuts pieces by bytes, inside a character too (by hand: € in pieces of 2)", () => {
    const bytes = new Utf8Bytes(1);
    bytes.add("a€");
    expect(bytes.takePieces(2).map((piece) => [...piece])).toEqual([
      [0x61, 0xe2],
      [0x82, 0xac],
    ]);
  });

  it("writes pieces into the spare buffers large enough, taking them off the list, then into new ones", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.integer({ min: 0, max: 80 }), { maxLength: 6 }),
        (content, pieceBytes, spareSizes) => {
          const bytes = new Utf8Bytes(8);
          bytes.addBytes(content);
          const spare = spareSizes.map((size) => new ArrayBuffer(size));
          const given = [...spare];
          const pieces = bytes.takePieces(pieceBytes, spare);
          expect(Buffer.concat(pieces)).toEqual(Buffer.from(content));
          for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(pieceBytes);
          // Each piece is a spare buffer taken off the list, or a new one of its own size.
          const used = pieces
            .map((piece) => piece.buffer)
            .filter((b) => given.includes(b as ArrayBuffer));
          expect(new Set(used).size).toBe(used.length);
          expect(spare.length).toBe(given.length - used.length);
          for (const buffer of used) expect(spare).not.toContain(buffer);
          for (const piece of pieces)
            if (!given.includes(piece.buffer as ArrayBuffer))
              expect(piece.buffer.byteLength).toBe(piece.length);
          // A spare buffer left over is one no piece fitted, or one not needed.
          const wanted = pieces.length;
          if (used.length < wanted)
            for (const buffer of spare) expect(buffer.byteLength).toBeLessThan(pieceBytes);
        },
      ),
    );
  });
});
