/**
 * The k-way merge of sorted sequences: a binary heap over the sources' next
 * items, so each item costs O(log k) and only k items are held at a time.
 */

/**
 * The items of every source in `compare` order, each source being in that
 * order already. Items that compare equal come in the order of their sources
 * (stable). Sources are read lazily, one item ahead.
 *
 * @example
 * [...mergeSorted([[1, 4][Symbol.iterator](), [2, 3][Symbol.iterator]()], (a, b) => a - b)] // [1, 2, 3, 4]
 */
export function* mergeSorted<T>(
  sources: readonly Iterator<T>[],
  compare: (a: T, b: T) => number,
): Generator<T, void, undefined> {
  const heads: T[] = [];
  const from: number[] = [];
  const before = (i: number, j: number) => {
    const c = compare(heads[i], heads[j]);
    return c < 0 || (c === 0 && from[i] < from[j]);
  };
  const swap = (i: number, j: number) => {
    [heads[i], heads[j]] = [heads[j], heads[i]];
    [from[i], from[j]] = [from[j], from[i]];
  };
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heads.length) return;
      const right = left + 1;
      const child = right < heads.length && before(right, left) ? right : left;
      if (!before(child, i)) return;
      swap(i, child);
      i = child;
    }
  };
  sources.forEach((source, s) => {
    const first = source.next();
    if (first.done === true) return;
    heads.push(first.value);
    from.push(s);
    for (let i = heads.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(i, parent)) break;
      swap(i, parent);
      i = parent;
    }
  });
  while (heads.length > 0) {
    yield heads[0];
    const next = sources[from[0]].next();
    if (next.done === true) {
      const last = heads.length - 1;
      heads[0] = heads[last];
      from[0] = from[last];
      heads.length = last;
      from.length = last;
      if (last === 0) return;
    } else {
      heads[0] = next.value;
    }
    down(0);
  }
}
