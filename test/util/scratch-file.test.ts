import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ScratchFile } from "../../src/util/scratch-file.js";

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
