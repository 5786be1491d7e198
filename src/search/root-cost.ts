/**
 * An estimate of the work each root of a search over the whole network costs,
 * from degrees alone, in one pass over the arcs: what shards (and threads)
 * balance their slices of the roots by. Counting the roots would not do: the
 * cycle search from root r only visits search vertices above r, and a firm's
 * work grows with its neighbours' degrees.
 *
 * Per root r (out(v), in(v): v's out- and in-degree):
 * - every root: 1 + out(r) + in(r) (marking and unmarking its neighbourhood);
 * - cycles of up to K firms: Σ out(x) over successors x > r (the scans of the
 *   second level), times the mean number of upward arcs per vertex for each
 *   level beyond 4; from 4 parties on, plus Σ in(c) over predecessors c > r
 *   (stamping the firms two arcs before r);
 * - brokered triangles: Σ out(m) over every successor m (the scans for D);
 * - chains of up to K firms: Σ out(x) over every successor x, times the mean
 *   out-degree for each level beyond 3.
 * The figures are step counts up to a constant per kind; what matters is that
 * they rise and fall with the real work from root to root. The sums are done
 * in one fixed order in float64, so every process computes the same costs.
 *
 * The pass gathers from random places (a neighbour's degree per arc): ~0.15 s
 * at 1M firms. What only needs the whole search's size (whether threads pay)
 * takes every 16th root (`estimatedWork`).
 */
import type { DealKind } from "./kinds.js";
import type { SearchGraph } from "./search-graph.js";

/**
 * The estimated cost of each root (search vertex) of a search over the whole
 * network for the given kinds and most parties.
 *
 * @param every only every `every`-th root's cost (roots 0, every,
 *   2 · every, …; the others 0): a sample
 * @example
 * const costs = rootCosts(searchGraphOf(index, true), ["cycle", "brokered"], 4);
 */
export function rootCosts(
  graph: SearchGraph,
  kinds: readonly DealKind[],
  maxParties: number,
  every = 1,
): Float64Array {
  const { outOffsets, outTarget, inOffsets, inSource, vertexCount: n } = graph;
  const costs = new Float64Array(n);
  const cycles = kinds.includes("cycle");
  const brokered = kinds.includes("brokered") && maxParties >= 3;
  const chains = kinds.includes("chain") && maxParties >= 3;
  // Degrees first (one pass over the firms), so the sums below gather from
  // small arrays; the comparisons are branch-free ((a − b) >>> 31 is 1 when
  // a < b), since about half of them go each way.
  const outDegree = new Int32Array(n);
  const inDegree = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    outDegree[v] = outOffsets[v + 1] - outOffsets[v];
    inDegree[v] = inOffsets[v + 1] - inOffsets[v];
  }
  const meanOut = n > 0 ? outOffsets[n] / n : 0;
  const allDepth = (brokered ? 1 : 0) + (chains ? meanOut ** (maxParties - 3) : 0);
  const stamping = cycles && maxParties >= 4;
  // Levels of the cycle search beyond 4 scale the second level's sum by the
  // mean number of upward arcs per firm, known only after the pass: keep the
  // sums apart until then (only for 5 parties and more).
  const deep = cycles && maxParties >= 5;
  const forwardUps = deep ? new Float64Array(n) : undefined;
  const cycleLevel = cycles && maxParties >= 3 ? 1 : 0;
  let upward = 0;
  let sampled = 0;
  for (let r = 0; r < n; r += every) {
    sampled++;
    let forwardUp = 0;
    let forwardAll = 0;
    let up = 0;
    for (let p = outOffsets[r]; p < outOffsets[r + 1]; p++) {
      const x = outTarget[p];
      const out = outDegree[x];
      const above = (r - x) >>> 31;
      forwardAll += out;
      forwardUp += out & -above;
      up += above;
    }
    upward += up;
    let backUp = 0;
    if (stamping) {
      for (let i = inOffsets[r]; i < inOffsets[r + 1]; i++) {
        const c = inSource[i];
        backUp += inDegree[c] & -((r - c) >>> 31);
      }
    }
    costs[r] = 1 + outDegree[r] + inDegree[r] + backUp + forwardAll * allDepth;
    if (forwardUps === undefined) costs[r] += forwardUp * cycleLevel;
    else forwardUps[r] = forwardUp;
  }
  if (forwardUps !== undefined) {
    const cycleDepth = (upward / sampled) ** (maxParties - 4);
    for (let r = 0; r < n; r += every) costs[r] += forwardUps[r] * cycleDepth;
  }
  return costs;
}

/** Roots per root sampled by `estimatedWork`. */
export const workSampleStride = 16;

/**
 * The summed `rootCosts` of a search over the whole network, estimated from
 * every {@link workSampleStride}-th root: what deciding whether worker
 * threads pay needs, at a sixteenth of the pass.
 *
 * @example
 * // ≈ the sum of rootCosts(graph, ["cycle", "brokered"], 4):
 * estimatedWork(graph, ["cycle", "brokered"], 4)
 */
export function estimatedWork(
  graph: SearchGraph,
  kinds: readonly DealKind[],
  maxParties: number,
): number {
  const costs = rootCosts(graph, kinds, maxParties, workSampleStride);
  let sum = 0;
  for (let r = 0; r < costs.length; r += workSampleStride) sum += costs[r];
  return sum * workSampleStride;
}
