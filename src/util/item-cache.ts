/**
 * Items numbered `0..length-1`, each made on first use and kept: in a `Map`
 * while few are kept, in an array of `length` slots once many are. A
 * million-slot array costs 8 MB however few items it holds (a `find --top
 * 20` at a million firms builds a few hundred firm records and ids); a Map
 * entry costs a few times an array slot, so past `length / 16` items the
 * array is the smaller and the faster.
 *
 * @example
 * const squares = new ItemCache(1_000_000, (i) => i * i);
 * squares.get(12); // 144, made now
 * squares.get(12); // 144, kept
 */
export class ItemCache<T> {
  private map: Map<number, T> | undefined = new Map();
  private slots: (T | undefined)[] | undefined;

  /** `make(i)` makes item `i` (never undefined). */
  constructor(
    readonly length: number,
    private readonly make: (i: number) => T,
  ) {}

  /** Item `i`, made the first time it is asked for. */
  get(i: number): T {
    const slots = this.slots;
    if (slots !== undefined) {
      let item = slots[i];
      if (item === undefined) {
        item = this.make(i);
        slots[i] = item;
      }
      return item;
    }
    const map = this.map as Map<number, T>;
    let item = map.get(i);
    if (item === undefined) {
      item = this.make(i);
      map.set(i, item);
      if (map.size > 64 && map.size > this.length >>> 4) this.toSlots(map);
    }
    return item;
  }

  /** Moves the items into an array of `length` slots. */
  private toSlots(map: Map<number, T>): void {
    const slots = new Array<T | undefined>(this.length);
    for (const [i, item] of map) slots[i] = item;
    this.slots = slots;
    this.map = undefined;
  }
}
