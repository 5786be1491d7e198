import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  openScratch,
  ScratchFile,
  ScratchMemory,
  type ScratchStore,
} from "../../src/util/scratch-file.js";

describe("ScratchFile", () => {
  const folders: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), "scratch-test-"));
    folders.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("reads back what was appended, by position", () => {
    const file = new ScratchFile(folder());
    const a = Uint8Array.from([1, 2, 3, 4]);
    const b = Uint8Array.from([9, 8, 7]);
    expect(file.append(a)).toBe(0);
    expect(file.append(b, 2)).toBe(4);
    expect(file.size).toBe(6);
    const into = new Uint8Array(8);
    expect(file.read(into, 2, 8)).toBe(4);
    expect([...into.subarray(0, 4)]).toEqual([3, 4, 9, 8]);
    file.close();
    file.close();
  });

  it("leaves nothing in its folder, even while open", () => {
    const dir = folder();
    const file = new ScratchFile(dir);
    file.append(new Uint8Array(1 << 16));
    expect(readdirSync(dir)).toEqual([]);
    file.close();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("ScratchMemory and ScratchFile, against the concatenation of what was appended", () => {
  const appends = fc.array(fc.uint8Array({ maxLength: 70_000 }), { maxLength: 6 });
  const stores: [string, () => ScratchStore][] = [
    ["ScratchMemory", () => new ScratchMemory()],
    ["ScratchFile", () => new ScratchFile()],
  ];
  for (const [name, make] of stores) {
    it(`${name} returns each append's position and reads any range back`, () => {
      fc.assert(
        fc.property(appends, fc.nat(), fc.nat({ max: 80_000 }), (chunks, from, length) => {
          const store = make();
          try {
            const whole = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
            let at = 0;
            for (const chunk of chunks) {
              expect(store.append(chunk)).toBe(at);
              whole.set(chunk, at);
              at += chunk.length;
            }
            expect(store.size).toBe(whole.length);
            const position = whole.length === 0 ? 0 : from % (whole.length + 1);
            const into = new Uint8Array(length);
            const got = store.read(into, position, length);
            const expected = whole.subarray(position, position + length);
            expect(got).toBe(expected.length);
            expect(into.subarray(0, got)).toEqual(expected);
          } finally {
            store.close();
          }
        }),
        { numRuns: 40 },
      );
    });
  }

  it("openScratch gives a file under Node", () => {
    const store = openScratch();
    expect(store).toBeInstanceOf(ScratchFile);
    store.close();
  });
});
