/**
 * The reference implementation of SPEC §5's pricing: each policy as its short
 * sequence of LPs, solved with javascript-lp-solver, for any set of trades.
 *
 * Variables: one discount d_e ∈ [0, m_e] per trade whose discount is not fixed
 * (and the level t in the fair policy's first stage, as t0 + τ with τ ≥ 0 and
 * t0 = min_v a_v, a level reached with no discounts: the solver mishandles
 * free variables, declaring some such LPs infeasible). Party v's row:
 * Σ d received − Σ d given (− t) ≥ ℓ_v − a_v, with a_v its net before chosen
 * discounts minus its hurdle. Each stage keeps the optimum of the stages before
 * it as a constraint, loosened by 1e-11 · scale so rounding cannot make it
 * infeasible. Money is scaled so the largest amount is 10⁶ (the solver rounds
 * its answers to 1e-9 and its pivot tolerances are absolute).
 *
 * Stages, as in SPEC §5 (ℓ = min(0, t*) lowers every hurdle of a deal feasible
 * only within the tolerance, exactly as price-fast.ts does):
 * - always first: t* = max t with every x_v ≥ t; feasible iff t* ≥ −1e-9 · scale;
 * - `fair` (or any infeasible deal): min Σd with x ≥ t*; then max net_i;
 * - `initiator`: max net_i with the others at x ≥ ℓ; then min Σd;
 * - `minimal`: min Σd with x ≥ ℓ; then max net_i.
 * The solver's outcome is data: a stage that is not optimal stops the sequence
 * and its status is returned.
 */
import solver, { type Model as LpModel } from "javascript-lp-solver";
import type { Policy } from "./deal.js";
import type { DealEconomy } from "./deal-economy.js";
import { feasibilityTolerance } from "./price-fast.js";

/**
 * How an LP pricing ended: `optimal` (the economy holds the discounts, nets,
 * feasibility and fair level), `infeasible` or `unbounded` (a stage's LP had no
 * optimum: never expected, since every stage is feasible and bounded by
 * construction; the economy's results are unspecified), `failed` (the solver
 * returned something malformed).
 */
export type LpStatus = "optimal" | "infeasible" | "unbounded" | "failed";

/** Scaled money: the largest amount of the deal becomes this. */
const scaleTarget = 1e6;
/** Loosening of a kept optimum, relative to the deal's scale. */
const keepTolerance = 1e-11;

interface Stage {
  /** `level`: max t; `discount`: min Σd; `net`: max net of `party`; `linear`: min or max Σ coefficients · d. */
  readonly goal: "level" | "discount" | "net" | "linear";
  readonly party: number;
  /** For `linear`: the coefficient of each trade's discount, and the sense. */
  readonly coefficients?: Float64Array;
  readonly sense?: "min" | "max";
  /** Lower bound on each party's slack, unscaled (−Infinity: none). */
  readonly lower: Float64Array;
  /** Upper bound on Σ chosen d, unscaled (Infinity: none). */
  readonly maxDiscount: number;
}

interface StageOutcome {
  readonly status: LpStatus;
  /** Chosen discounts (unscaled), per trade; fixed ones are 0 here. */
  readonly d: Float64Array;
  /** The level t (only for `level`). */
  readonly level: number;
}

type Coefficients = Record<string, number>;

/** Builds and solves one stage. */
function solveStage(economy: DealEconomy, stage: Stage): StageOutcome {
  const { partyCount: k, tradeCount: n } = economy;
  const sigma = economy.scale > 0 ? scaleTarget / economy.scale : 1;
  const d = new Float64Array(n);
  const constraints: Record<string, { min?: number; max?: number }> = {};
  const variables: Record<string, Coefficients> = {};
  const rowUsed = new Uint8Array(k);
  const free = (j: number) => Number.isNaN(economy.fixedDiscount[j]);
  for (let j = 0; j < n; j++) {
    if (!free(j)) continue;
    const column: Coefficients = { [`u${j}`]: 1 };
    constraints[`u${j}`] = { max: economy.margin[j] * sigma };
    const s = economy.seller[j];
    const b = economy.buyer[j];
    column[`x${s}`] = -1;
    column[`x${b}`] = 1;
    rowUsed[s] = 1;
    rowUsed[b] = 1;
    if (stage.maxDiscount !== Number.POSITIVE_INFINITY) column.sum = 1;
    if (stage.goal === "discount") column.goal = 1;
    if (stage.goal === "net") column.goal = s === stage.party ? -1 : b === stage.party ? 1 : 0;
    if (stage.goal === "linear") column.goal = stage.coefficients?.[j] ?? 0;
    variables[`d${j}`] = column;
  }
  if (stage.maxDiscount !== Number.POSITIVE_INFINITY) {
    constraints.sum = { max: stage.maxDiscount * sigma };
  }
  if (stage.goal === "level") {
    const column: Coefficients = { goal: 1 };
    for (let v = 0; v < k; v++) column[`x${v}`] = -1;
    variables.t = column;
    rowUsed.fill(1);
  }
  // The level is t = τ + t0 with τ ≥ 0 and t0 = min_v a_v, a level reached
  // with no discounts (the solver mishandles free variables).
  let t0 = 0;
  if (stage.goal === "level") {
    t0 = Number.POSITIVE_INFINITY;
    for (let v = 0; v < k; v++) t0 = Math.min(t0, economy.base[v] - economy.hurdle[v]);
  }
  for (let v = 0; v < k; v++) {
    const lower = stage.lower[v] + t0;
    if (lower === Number.NEGATIVE_INFINITY) continue;
    const rhs = (lower - (economy.base[v] - economy.hurdle[v])) * sigma;
    if (rowUsed[v]) constraints[`x${v}`] = { min: rhs };
    else if (rhs > 1e-9) return { status: "infeasible", d, level: 0 };
  }
  const model: LpModel = {
    optimize: "goal",
    opType:
      stage.goal === "discount" ? "min" : stage.goal === "linear" ? (stage.sense ?? "max") : "max",
    constraints,
    variables,
  };
  if (Object.keys(variables).length === 0) return { status: "optimal", d, level: 0 };
  const result: unknown = solver.Solve(model);
  if (typeof result !== "object" || result === null) return { status: "failed", d, level: 0 };
  const record = result as Record<string, unknown>;
  if (typeof record.feasible !== "boolean") return { status: "failed", d, level: 0 };
  if (!record.feasible) return { status: "infeasible", d, level: 0 };
  if (record.bounded === false) return { status: "unbounded", d, level: 0 };
  const read = (name: string): number | undefined => {
    const value = record[name];
    if (value === undefined) return 0;
    return typeof value === "number" && Number.isFinite(value) ? value / sigma : undefined;
  };
  for (let j = 0; j < n; j++) {
    if (!free(j)) continue;
    const value = read(`d${j}`);
    if (value === undefined) return { status: "failed", d, level: 0 };
    d[j] = Math.min(Math.max(value, 0), economy.margin[j]);
  }
  const tau = stage.goal === "level" ? read("t") : 0;
  if (tau === undefined) return { status: "failed", d, level: 0 };
  return { status: "optimal", d, level: tau + t0 };
}

/** Net of party v given chosen discounts (fixed ones are in the base). */
function slackOf(economy: DealEconomy, d: Float64Array, v: number): number {
  let x = economy.base[v] - economy.hurdle[v];
  for (let j = 0; j < economy.tradeCount; j++) {
    if (economy.seller[j] === v) x -= d[j];
    else if (economy.buyer[j] === v) x += d[j];
  }
  return x;
}

function sum(d: Float64Array): number {
  let total = 0;
  for (const x of d) total += x;
  return total;
}

/**
 * Prices a loaded deal (any layout) under `policy` with the LP sequence;
 * on `optimal` sets the economy's `discount`, `net`, `feasible` and `fairLevel`.
 */
export function priceByLp(economy: DealEconomy, policy: Policy): LpStatus {
  const k = economy.partyCount;
  const keep = keepTolerance * economy.scale;
  const lower = (value: number, except = -1, exceptValue = Number.NEGATIVE_INFINITY) => {
    const bounds = new Float64Array(k).fill(value);
    if (except >= 0) bounds[except] = exceptValue;
    return bounds;
  };
  const first = solveStage(economy, {
    goal: "level",
    party: -1,
    lower: lower(0),
    maxDiscount: Number.POSITIVE_INFINITY,
  });
  if (first.status !== "optimal") return first.status;
  const level = first.level;
  const feasible = level >= -feasibilityTolerance * economy.scale;
  const i = economy.initiatorParty;
  const floor = Math.min(0, level) - keep;
  let last: StageOutcome;
  if (!feasible || policy === "fair" || policy === "minimal") {
    const bound = !feasible || policy === "fair" ? level - keep : floor;
    const least = solveStage(economy, {
      goal: "discount",
      party: -1,
      lower: lower(bound),
      maxDiscount: Number.POSITIVE_INFINITY,
    });
    last = least;
    if (least.status === "optimal" && i >= 0) {
      last = solveStage(economy, {
        goal: "net",
        party: i,
        lower: lower(bound),
        maxDiscount: sum(least.d) + keep,
      });
    }
  } else if (i < 0) {
    last = solveStage(economy, {
      goal: "discount",
      party: -1,
      lower: lower(floor),
      maxDiscount: Number.POSITIVE_INFINITY,
    });
  } else {
    const best = solveStage(economy, {
      goal: "net",
      party: i,
      lower: lower(floor, i),
      maxDiscount: Number.POSITIVE_INFINITY,
    });
    last = best;
    if (best.status === "optimal") {
      last = solveStage(economy, {
        goal: "discount",
        party: -1,
        lower: lower(floor, i, slackOf(economy, best.d, i) - keep),
        maxDiscount: Number.POSITIVE_INFINITY,
      });
    }
  }
  if (last.status !== "optimal") return last.status;
  economy.feasible = feasible;
  economy.fairLevel = level;
  for (let j = 0; j < economy.tradeCount; j++) {
    const fixed = economy.fixedDiscount[j];
    economy.discount[j] = Number.isNaN(fixed) ? last.d[j] : fixed;
  }
  economy.computeNets();
  return "optimal";
}

/**
 * The negotiation room of a priced, feasible deal by LP (any layout; the
 * reference for deal-room.ts): for each trade the least and most discount,
 * for each party the least and most net, over the discounts that give every
 * party slack ≥ min(0, fair level) (loosened by the kept-optimum tolerance).
 * Sets the economy's `discountMin/Max` and `netMin/Max` on `optimal`.
 */
export function roomByLp(economy: DealEconomy): LpStatus {
  const { partyCount: k, tradeCount: n } = economy;
  const floor = Math.min(0, economy.fairLevel) - keepTolerance * economy.scale;
  const lower = new Float64Array(k).fill(floor);
  const extreme = (coefficients: Float64Array, sense: "min" | "max"): number | LpStatus => {
    const outcome = solveStage(economy, {
      goal: "linear",
      party: -1,
      lower,
      maxDiscount: Number.POSITIVE_INFINITY,
      coefficients,
      sense,
    });
    if (outcome.status !== "optimal") return outcome.status;
    let value = 0;
    for (let j = 0; j < n; j++) value += coefficients[j] * outcome.d[j];
    return value;
  };
  const coefficients = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const fixed = economy.fixedDiscount[j];
    if (!Number.isNaN(fixed)) {
      economy.discountMin[j] = fixed;
      economy.discountMax[j] = fixed;
      continue;
    }
    coefficients.fill(0);
    coefficients[j] = 1;
    const least = extreme(coefficients, "min");
    const most = extreme(coefficients, "max");
    if (typeof least !== "number") return least;
    if (typeof most !== "number") return most;
    economy.discountMin[j] = least;
    economy.discountMax[j] = most;
  }
  for (let v = 0; v < k; v++) {
    for (let j = 0; j < n; j++) {
      coefficients[j] = economy.buyer[j] === v ? 1 : economy.seller[j] === v ? -1 : 0;
    }
    const least = extreme(coefficients, "min");
    const most = extreme(coefficients, "max");
    if (typeof least !== "number") return least;
    if (typeof most !== "number") return most;
    economy.netMin[v] = economy.base[v] + least;
    economy.netMax[v] = economy.base[v] + most;
  }
  return "optimal";
}
