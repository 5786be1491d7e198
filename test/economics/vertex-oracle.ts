/**
 * A brute-force oracle for SPEC §5's lexicographic LPs, independent of the
 * library: it lists every vertex of the discount polytope (every choice of as
 * many tight constraints as there are variables, solved by Gaussian
 * elimination, kept when it satisfies all constraints) and picks the best
 * vertex stage by stage. An LP over a pointed polyhedron with a finite optimum
 * attains it at a vertex, and so does each later stage on the optimal face.
 * Exponential: for deals of at most four trades.
 */
import type { DealNumbers } from "./deal-numbers.js";
import { pricedHurdles, tradeEnds } from "./deal-numbers.js";

type Row = { readonly a: readonly number[]; readonly b: number }; // a·x ≤ b

/** The unique values of a policy: the fair level, the least total discount, the initiator's net. */
export interface OracleValues {
  readonly level: number;
  readonly feasible: boolean;
  /** Σ of all discounts (fixed and chosen) at the policy's optimum. */
  readonly totalDiscount: number;
  /** The initiator's net at the policy's optimum (0 without one). */
  readonly initiatorNet: number;
}

function solve(matrix: number[][], rhs: number[]): number[] | undefined {
  const n = rhs.length;
  const m = matrix.map((row, i) => [...row, rhs[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-12) return undefined;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

function* subsets(n: number, k: number, start = 0, chosen: number[] = []): Generator<number[]> {
  if (chosen.length === k) {
    yield chosen;
    return;
  }
  for (let i = start; i <= n - (k - chosen.length); i++)
    yield* subsets(n, k, i + 1, [...chosen, i]);
}

/** The best value of `objective` (maximized) over the vertices of {x : rows}. */
function best(
  dimension: number,
  rows: readonly Row[],
  objective: readonly number[],
  tolerance: number,
): number {
  let top = Number.NEGATIVE_INFINITY;
  const value = (x: readonly number[]) => objective.reduce((s, c, i) => s + c * x[i], 0);
  const feasible = (x: readonly number[]) =>
    rows.every((row) => row.a.reduce((s, c, i) => s + c * x[i], 0) <= row.b + tolerance);
  if (dimension === 0) return feasible([]) ? 0 : top;
  for (const chosen of subsets(rows.length, dimension)) {
    const x = solve(
      chosen.map((r) => [...rows[r].a]),
      chosen.map((r) => rows[r].b),
    );
    if (x !== undefined && feasible(x)) top = Math.max(top, value(x));
  }
  return top;
}

/** The policy's unique values for a deal, by vertex enumeration. */
export function oracleValues(
  deal: DealNumbers,
  policy: "initiator" | "fair" | "minimal",
): OracleValues {
  const ends = tradeEnds(deal.kind, deal.parties);
  const free = ends.map((_, j) => j).filter((j) => deal.fixed[j] === null);
  const n = free.length;
  const scale = Math.max(0, ...deal.margins, ...deal.premiums.map(Math.abs), ...deal.hurdles);
  const tolerance = 1e-12 * Math.max(scale, 1e-300);
  // Slack of party v with no chosen discount: net with fixed discounts, less its hurdle.
  const base = deal.hurdles.map((h) => -h);
  let fixedTotal = 0;
  ends.forEach(([s, b], j) => {
    const d = deal.fixed[j] ?? 0;
    fixedTotal += d;
    base[s] += deal.margins[j] - d;
    base[b] += d - deal.premiums[j];
  });
  // Coefficients of party v's slack in the chosen discounts.
  const slackRow = (v: number) =>
    free.map((j) => (ends[j][1] === v ? 1 : 0) - (ends[j][0] === v ? 1 : 0));
  const boxRows = (dimension: number): Row[] =>
    free.flatMap((j, i) => {
      const unit = Array.from({ length: dimension }, (_, c) => (c === i ? 1 : 0));
      return [
        { a: unit.map((x) => -x), b: 0 },
        { a: unit, b: deal.margins[j] },
      ];
    });
  // Level: variables (d, t); slack_v − t ≥ 0.
  const levelRows: Row[] = [
    ...boxRows(n + 1),
    ...Array.from({ length: deal.parties }, (_, v) => ({
      a: [...slackRow(v).map((x) => -x), 1],
      b: base[v],
    })),
  ];
  const level = best(n + 1, levelRows, [...Array(n).fill(0), 1], tolerance);
  const feasible = level >= -1e-9 * scale;
  const floor = Math.min(0, level);
  const atLeast = (v: number, bound: number): Row => ({
    a: slackRow(v).map((x) => -x),
    b: base[v] - bound,
  });
  const sumRow = (bound: number): Row => ({ a: Array(n).fill(1), b: bound });
  const i = deal.initiator;
  const netCoefficients = i < 0 ? Array(n).fill(0) : slackRow(i);
  const netOffset = i < 0 ? 0 : base[i] + deal.hurdles[i];
  const keep = 1e-12 * scale;
  let rows = boxRows(n);
  let total: number;
  let net: number;
  const effective = feasible ? policy : "fair";
  if (effective === "fair" || effective === "minimal") {
    const bound = effective === "fair" ? level - keep : floor - keep;
    rows = [...rows, ...Array.from({ length: deal.parties }, (_, v) => atLeast(v, bound))];
    total = -best(n, rows, Array(n).fill(-1), tolerance);
    net = best(n, [...rows, sumRow(total + keep)], netCoefficients, tolerance);
  } else {
    const others = Array.from({ length: deal.parties }, (_, v) => v).filter((v) => v !== i);
    rows = [...rows, ...others.map((v) => atLeast(v, floor - keep))];
    net = best(n, rows, netCoefficients, tolerance);
    if (i >= 0) rows = [...rows, { a: netCoefficients.map((x) => -x), b: keep - net }];
    total = -best(n, rows, Array(n).fill(-1), tolerance);
  }
  return {
    level,
    feasible,
    totalDiscount: total + fixedTotal,
    initiatorNet: i < 0 ? 0 : netOffset + net,
  };
}

/** The negotiation room of a deal by vertex enumeration (null ranges when infeasible). */
export interface OracleRoom {
  readonly feasible: boolean;
  readonly discountRanges: readonly (readonly [number, number])[] | null;
  readonly netRanges: readonly (readonly [number, number])[] | null;
}

/**
 * SPEC §5's room: over F = {0 ≤ d ≤ m (given discounts fixed), every slack ≥
 * ℓ = min(0, fair level)}, the least and most of each discount and each net,
 * each found as the best vertex of F for that linear function. Hurdles are
 * the priced ones (raised by the exposure under the counter).
 */
export function oracleRoom(deal: DealNumbers): OracleRoom {
  const hurdles = pricedHurdles(deal);
  const ends = tradeEnds(deal.kind, deal.parties);
  const free = ends.map((_, j) => j).filter((j) => deal.fixed[j] === null);
  const n = free.length;
  const scale = Math.max(0, ...deal.margins, ...deal.premiums.map(Math.abs), ...hurdles);
  const tolerance = 1e-12 * Math.max(scale, 1e-300);
  const slackBase = hurdles.map((h) => -h);
  const netBase = Array<number>(deal.parties).fill(0);
  ends.forEach(([s, b], j) => {
    const d = deal.fixed[j] ?? 0;
    for (const base of [slackBase, netBase]) {
      base[s] += deal.margins[j] - d;
      base[b] += d - deal.premiums[j];
    }
  });
  const slackRow = (v: number) =>
    free.map((j) => (ends[j][1] === v ? 1 : 0) - (ends[j][0] === v ? 1 : 0));
  const box: Row[] = free.flatMap((j, i) => {
    const unit = Array.from({ length: n }, (_, c) => (c === i ? 1 : 0));
    return [
      { a: unit.map((x) => -x), b: 0 },
      { a: unit, b: deal.margins[j] },
    ];
  });
  const levelRows: Row[] = [
    ...box.map((row) => ({ a: [...row.a, 0], b: row.b })),
    ...Array.from({ length: deal.parties }, (_, v) => ({
      a: [...slackRow(v).map((x) => -x), 1],
      b: slackBase[v],
    })),
  ];
  const level = best(n + 1, levelRows, [...Array(n).fill(0), 1], tolerance);
  const feasible = level >= -1e-9 * scale;
  if (!feasible) return { feasible, discountRanges: null, netRanges: null };
  const floor = Math.min(0, level) - 1e-12 * scale;
  const rows: Row[] = [
    ...box,
    ...Array.from({ length: deal.parties }, (_, v) => ({
      a: slackRow(v).map((x) => -x),
      b: slackBase[v] - floor,
    })),
  ];
  const extremes = (coefficients: readonly number[]): readonly [number, number] => [
    -best(
      n,
      rows,
      coefficients.map((c) => -c),
      tolerance,
    ),
    best(n, rows, coefficients, tolerance),
  ];
  const discountRanges = ends.map((_, j): readonly [number, number] => {
    const fixed = deal.fixed[j];
    if (fixed !== null) return [fixed, fixed];
    return extremes(free.map((k) => (k === j ? 1 : 0)));
  });
  const netRanges = Array.from({ length: deal.parties }, (_, v): readonly [number, number] => {
    const [low, high] = extremes(slackRow(v));
    return [netBase[v] + low, netBase[v] + high];
  });
  return { feasible, discountRanges, netRanges };
}
