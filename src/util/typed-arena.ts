/**
 * Many typed arrays carved from one `ArrayBuffer`. With a million parsed firms
 * on the heap every separate large typed-array allocation can trigger a full
 * garbage collection (V8 counts their bytes as external memory and collects
 * after every few tens of megabytes; a full collection then marks the whole
 * heap of parsed objects, about a second at a million firms). One allocation
 * for all of them costs at most one.
 */

/** A typed-array constructor the arena can carve. */
export type ArenaKind =
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | Uint16ArrayConstructor
  | Uint8ArrayConstructor
  | Float64ArrayConstructor;

/** What to carve: a name → `[constructor, length]`. */
export type ArenaSpec = Record<string, readonly [ArenaKind, number]>;

/** The carved arrays, each typed by its constructor. */
export type ArenaArrays<S extends ArenaSpec> = { [K in keyof S]: InstanceType<S[K][0]> };

const align = (bytes: number) => Math.ceil(bytes / 8) * 8;

/** The bytes the arrays of `spec` take in one buffer. */
export function arenaBytes(spec: ArenaSpec): number {
  let bytes = 0;
  for (const name in spec) {
    const [kind, length] = spec[name];
    bytes += align(kind.BYTES_PER_ELEMENT * length);
  }
  return bytes;
}

/**
 * Carves every array of `spec` (each 8-byte aligned) from `buffer`, by
 * default a new zero-filled one of `arenaBytes(spec)`, and returns a view per
 * name. Arrays carved from a buffer given again overlay the earlier ones and
 * start with their leftovers, not zeros.
 *
 * @example
 * const { offsets, weight } = allocateArrays({ offsets: [Int32Array, n + 1], weight: [Float64Array, m] });
 */
export function allocateArrays<S extends ArenaSpec>(
  spec: S,
  buffer = new ArrayBuffer(arenaBytes(spec)),
): ArenaArrays<S> {
  const arrays: [string, ArrayBufferView][] = [];
  let offset = 0;
  for (const name in spec) {
    const [kind, length] = spec[name];
    arrays.push([name, new kind(buffer, offset, length)]);
    offset += align(kind.BYTES_PER_ELEMENT * length);
  }
  // Built at once, not key by key: V8 turns an object filled by keyed stores
  // into a hash table, and every read of an array then costs a lookup.
  return Object.fromEntries(arrays) as ArenaArrays<S>;
}

/**
 * A buffer for temporaries that can be handed back at once (`releaseScratch`)
 * rather than when the garbage collector gets to it: a million-firm build's
 * temporaries are a hundred megabytes or more, and the next build would
 * otherwise stack its own arrays on top of them.
 */
export function scratchBuffer(bytes: number): ArrayBuffer {
  const Resizable = ArrayBuffer as unknown as new (
    length: number,
    options: { maxByteLength: number },
  ) => ArrayBuffer;
  return new Resizable(bytes, { maxByteLength: bytes });
}

/** Gives a `scratchBuffer`'s memory back; every view of it is empty from now on. */
export function releaseScratch(buffer: ArrayBufferLike): void {
  const resizable = buffer as ArrayBuffer & { resizable?: boolean; resize?: (n: number) => void };
  if (resizable.resizable === true) resizable.resize?.(0);
}
