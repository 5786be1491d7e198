/**
 * Connectivity of a proposal's trades (SPEC §7 `disconnected`): the parties
 * split into groups that trade with each other, ignoring direction.
 */

/** A trade as connectivity sees it: seller and buyer as party numbers. */
export interface Arrow {
  readonly seller: number;
  readonly buyer: number;
}

/**
 * The parties `0..partyCount−1` split into connected groups by `arrows`,
 * groups in order of their smallest party, parties ascending within a group.
 * Party numbers in first-appearance order give groups in the order the
 * proposal names them.
 *
 * @example
 * connectedGroups(4, [{ seller: 0, buyer: 1 }, { seller: 2, buyer: 3 }]) // [[0, 1], [2, 3]]
 */
export function connectedGroups(partyCount: number, arrows: readonly Arrow[]): number[][] {
  const parent = Int32Array.from({ length: partyCount }, (_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root];
    while (parent[x] !== root) {
      const next = parent[x];
      parent[x] = root;
      x = next;
    }
    return root;
  };
  for (const { seller, buyer } of arrows) {
    const a = find(seller);
    const b = find(buyer);
    if (a < b) parent[b] = a;
    else if (b < a) parent[a] = b;
  }
  const groups = new Map<number, number[]>();
  for (let party = 0; party < partyCount; party++) {
    const root = find(party);
    const group = groups.get(root);
    if (group === undefined) groups.set(root, [party]);
    else group.push(party);
  }
  return [...groups.values()];
}
