/**
 * The worst rank key a threaded ranking of the best N deals keeps so far,
 * shared by its threads while they search. Each thread offers the key of
 * every deal its own best N take in; the shared memory keeps the best N keys
 * offered by any thread (a min-heap), so its worst is the N-th best key of
 * all deals found so far — the floor one thread searching alone would have
 * at that point, and higher than any one thread's own. Every thread reads
 * it before each deal and passes over what surely ranks below it. Each deal
 * is found by exactly one thread, so no key is offered twice; the floor only
 * rises, and a value read late is still a floor: the deals kept are the same
 * whatever the timing.
 *
 * Layout (one `SharedArrayBuffer`): the floor as float64 bits in a 64-bit
 * word read with `Atomics.load` (no thread sees a key half written), a lock
 * word, the heap's size, then the heap's N keys; the heap is changed only
 * under the lock (a spin lock: an offer holds it for O(log N) steps, and
 * offers are rare).
 */

/** The shared memory of a `SharedThreshold`. */
export type SharedThresholdMemory = SharedArrayBuffer;

const floorAt = 0; // BigInt64 word 0
const lockAt = 2; // Int32 word 2
const sizeAt = 3; // Int32 word 3
const keysAt = 2; // Float64 word 2 onwards

const bits = new BigInt64Array(1);
const value = new Float64Array(bits.buffer);

function toBits(key: number): bigint {
  value[0] = key;
  return bits[0];
}

function fromBits(word: bigint): number {
  bits[0] = word;
  return value[0];
}

/**
 * Shared memory for a `SharedThreshold` of the best `top` keys (no floor
 * yet: −Infinity).
 *
 * @example
 * const memory = sharedThresholdMemory(20);
 * new SharedThreshold(memory).offer(12.5); // any thread given `memory` can offer and read
 */
export function sharedThresholdMemory(top: number): SharedThresholdMemory {
  const memory = new SharedArrayBuffer(8 * (keysAt + Math.max(0, top)));
  new BigInt64Array(memory)[floorAt] = toBits(Number.NEGATIVE_INFINITY);
  return memory;
}

/** A threaded ranking's shared floor of rank keys (see the module's comment). */
export class SharedThreshold {
  private readonly floor: BigInt64Array;
  private readonly words: Int32Array;
  private readonly keys: Float64Array;
  private readonly top: number;

  constructor(memory: SharedThresholdMemory) {
    this.floor = new BigInt64Array(memory, 0, 1);
    this.words = new Int32Array(memory, 0, 2 * keysAt);
    this.keys = new Float64Array(memory, 8 * keysAt);
    this.top = this.keys.length;
  }

  /** The N-th best key offered by any thread (−Infinity until N were offered). */
  get value(): number {
    return fromBits(Atomics.load(this.floor, floorAt));
  }

  /** Offers the key of a deal a thread keeps; the floor rises when the key enters the best N. */
  offer(key: number): void {
    if (this.top === 0 || !(key > this.value)) return;
    const { words, keys, top } = this;
    while (Atomics.compareExchange(words, lockAt, 0, 1) !== 0);
    try {
      const size = words[sizeAt];
      if (size < top) {
        // Sift the new key up from the end.
        let at = size;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          if (keys[parent] <= key) break;
          keys[at] = keys[parent];
          at = parent;
        }
        keys[at] = key;
        words[sizeAt] = size + 1;
      } else if (key > keys[0]) {
        // Replace the worst and sift it down.
        let at = 0;
        for (;;) {
          const left = 2 * at + 1;
          if (left >= top) break;
          const right = left + 1;
          const child = right < top && keys[right] < keys[left] ? right : left;
          if (keys[child] >= key) break;
          keys[at] = keys[child];
          at = child;
        }
        keys[at] = key;
      } else return;
      if (words[sizeAt] === top) Atomics.store(this.floor, floorAt, toBits(keys[0]));
    } finally {
      Atomics.store(words, lockAt, 0);
    }
  }
}
