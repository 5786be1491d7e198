import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StringInterner } from "../../src/util/string-interner.js";

/** Strings over a few code units, surrogates included, so that repeats and prefixes are common. */
const text = fc
  .array(fc.constantFrom("a", "b", "é", "\uFF61", "\u{1F600}", "\uD800", ""), { maxLength: 4 })
  .map((parts) => parts.join(""));

describe("StringInterner", () => {
  it("numbers strings in first-seen order, as a Map would", () => {
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 60 }),
        fc.array(text, { maxLength: 20 }),
        (added, asked) => {
          const interner = new StringInterner();
          const oracle = new Map<string, number>();
          for (const s of added) {
            if (!oracle.has(s)) oracle.set(s, oracle.size);
            expect(interner.intern(s)).toBe(oracle.get(s));
          }
          expect(interner.size).toBe(oracle.size);
          expect(interner.strings).toEqual([...oracle.keys()]);
          for (const s of [...added, ...asked]) expect(interner.find(s)).toBe(oracle.get(s) ?? -1);
        },
      ),
    );
  });

  it("keeps every string through many table and pool growths", () => {
    const interner = new StringInterner();
    // 5,000 distinct ids of up to 12 characters: the table (1,024 slots) and the pool grow often.
    const ids = Array.from({ length: 5000 }, (_, i) => `firm-${(i * 7919) % 5000}`);
    for (let i = 0; i < ids.length; i++) expect(interner.intern(ids[i])).toBe(i);
    for (let i = 0; i < ids.length; i++) expect(interner.find(ids[i])).toBe(i);
    expect(interner.find("firm-5000")).toBe(-1);
    expect(interner.find("firm-")).toBe(-1);
  });

  it("compares by UTF-16 code units, as < does", () => {
    fc.assert(
      fc.property(fc.uniqueArray(text, { minLength: 2, maxLength: 30 }), (strings) => {
        const interner = new StringInterner();
        for (const s of strings) interner.intern(s);
        for (let a = 0; a < strings.length; a++) {
          for (let b = 0; b < strings.length; b++) {
            const x = strings[a];
            const y = strings[b];
            expect(Math.sign(interner.compare(a, b))).toBe(x < y ? -1 : x > y ? 1 : 0);
          }
        }
      }),
    );
  });

  it("orders a hand-picked pair the way UTF-16 does, not code points", () => {
    const interner = new StringInterner();
    // U+1F600 is the surrogate pair D83D DE00; D83D < FF61, so it sorts first in UTF-16.
    const emoji = interner.intern("\u{1F600}");
    const halfwidth = interner.intern("\uFF61");
    expect(interner.compare(emoji, halfwidth)).toBeLessThan(0);
    // A prefix sorts before the longer string.
    const ab = interner.intern("ab");
    const a = interner.intern("a");
    expect(interner.compare(a, ab)).toBeLessThan(0);
    expect(interner.compare(ab, ab)).toBe(0);
  });
});

describe("StringInterner.dropLookup", () => {
  it("keeps every string readable and refuses lookups", () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (texts) => {
        const interner = new StringInterner(0, false);
        const numbers = texts.map((text) => interner.intern(text));
        interner.dropLookup();
        expect(numbers.map((n) => interner.get(n))).toEqual(texts);
        expect(() => interner.find("x")).toThrow(/dropped/);
        expect(() => interner.internBytes(Uint8Array.of(120), 0, 1)).toThrow(/dropped/);
      }),
    );
  });
});

describe("StringInterner's pool", () => {
  it("gives back every string from one byte a code unit, and after widening to two", () => {
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 40 }),
        fc.array(fc.string(), { maxLength: 8 }),
        (narrow, any) => {
          const interner = new StringInterner(0, false);
          const oracle = new Map<string, number>();
          // Strings below 256 first (the one-byte pool), then any (a wide one widens it midway).
          for (const s of [
            ...narrow.filter((t) => [...t].every((c) => c.charCodeAt(0) < 256)),
            ...any,
            ...narrow,
          ]) {
            if (!oracle.has(s)) oracle.set(s, oracle.size);
            expect(interner.intern(s)).toBe(oracle.get(s));
          }
          for (const [s, n] of oracle) {
            expect(interner.get(n)).toBe(s);
            expect(interner.find(s)).toBe(n);
          }
        },
      ),
    );
  });
});
