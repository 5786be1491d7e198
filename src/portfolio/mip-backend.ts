/**
 * The LP/MIP backend behind the exact solver: anything that can solve the
 * LP relaxation of a packing model (with row duals) and the 0/1 model itself
 * within a deadline, and keep an LP between solves for column generation.
 * `highsBackend` (HiGHS compiled to WebAssembly: a small model on the calling
 * thread, the rest in a worker thread) is the
 * default; tests may pass another.
 */
import type { Deadline } from "./deadline.js";
import type { PackingModel } from "./packing-model.js";

/** How a backend run ended. */
export type BackendStatus = "optimal" | "timedout" | "aborted" | "failed";

/** The LP relaxation (0 ≤ x ≤ 1) of a packing model. */
export interface RelaxationResult {
  readonly status: BackendStatus;
  /** x per column (when `optimal`). */
  readonly primal?: Float64Array;
  /** Row duals as the backend reports them (sign per its convention; callers use |y|-bounds). */
  readonly rowDual?: Float64Array;
  /** Simplex iterations or similar work counter. */
  readonly iterations?: number;
  /** What went wrong (when `failed`). */
  readonly message?: string;
}

/** The 0/1 model. */
export interface IntegerResult {
  readonly status: BackendStatus;
  /** x per column of the best portfolio found, if any. */
  readonly primal?: Float64Array;
  /** Proved upper bound on the model's optimum (Infinity when none). */
  readonly bound: number;
  /** Branch-and-bound nodes. */
  readonly nodes?: number;
  readonly message?: string;
}

/** Columns added to a kept LP: values and CSC entries over all its rows so far. */
export interface ColumnBatch {
  readonly value: Float64Array;
  readonly starts: Int32Array;
  readonly rows: Int32Array;
  readonly coefficients: Float64Array;
}

/** How a kept LP is solved: `interior` point without crossover, or `simplex`. */
export type MasterMethod = "interior" | "simplex";

/**
 * An LP kept between solves, grown by rows and columns: the restricted master
 * of column generation. Columns have no upper bound (every column the search
 * hands out is bounded by 1 through its rows).
 */
export interface MasterLp {
  /**
   * Appends rows (their capacities), then columns, and solves: by the
   * interior point method without crossover (central prices, from scratch)
   * or by the simplex method (warm-started from the last basis). The primal
   * covers every column so far, the duals every row so far.
   */
  solve(
    newRows: Float64Array,
    columns: ColumnBatch,
    method: MasterMethod,
    deadline: Deadline,
  ): Promise<RelaxationResult>;
  /** Frees the LP. */
  close(): void;
}

/** A solver the exact method can run the LP and the MIP on. */
export interface MipBackend {
  readonly name: string;
  /** Solves the LP relaxation (maximize, rows ≤ capacity, 0 ≤ x ≤ 1). */
  solveRelaxation(model: PackingModel, deadline: Deadline): Promise<RelaxationResult>;
  /** Solves the 0/1 model, starting from `start` when given (a feasible portfolio). */
  solveInteger(
    model: PackingModel,
    start: Uint8Array | undefined,
    deadline: Deadline,
  ): Promise<IntegerResult>;
  /** A new, empty kept LP. */
  openMaster(): MasterLp;
}
