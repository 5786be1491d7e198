/**
 * The HiGHS backends (npm `highs`, HiGHS compiled to WebAssembly).
 *
 * - `highsWorkerBackend` runs every solve in a worker thread
 *   (highs-worker.ts), so the main thread stays free: an abort signal fired
 *   by a timer stops a solve within a few milliseconds, and a deadline holds
 *   even where HiGHS does not look at its own time limit (presolve).
 * - `highsInlineBackend` runs HiGHS on the calling thread (loaded once,
 *   lazily), with the deadline as HiGHS's `time_limit` and the signal checked
 *   at HiGHS's interrupt points, which see it only if something else set it
 *   during the solve; also for hosts without worker threads.
 * - `highsBackend` (the default) solves a model of at most
 *   `inlineColumnLimit` columns on the calling thread while no HiGHS worker
 *   has been started, and everything else (kept LPs always) in a worker: a
 *   small model's solve takes milliseconds, too short to hold up a time limit
 *   or an interrupt, and starting a worker (a Node environment, then HiGHS)
 *   cost the small kidney instances 30–90 ms more than loading HiGHS here
 *   (bench/RESULTS.md). Once a worker runs, HiGHS is not loaded twice.
 */
import type { Highs, HighsCallbackMap, Model, ModelStatusCode } from "highs";
import type { Deadline } from "./deadline.js";
import {
  type HighsAnswer,
  highsWorkerStarted,
  leaseHighsWorker,
  type PackedModel,
  releaseHighsWorker,
} from "./highs-worker.js";
import type {
  BackendStatus,
  ColumnBatch,
  IntegerResult,
  MasterLp,
  MasterMethod,
  MipBackend,
  RelaxationResult,
} from "./mip-backend.js";
import type { PackingModel } from "./packing-model.js";

let loading: Promise<Highs> | undefined;

/** The HiGHS runtime on this thread, loaded on first use (a failed load is retried next time). */
export function loadHighs(): Promise<Highs> {
  loading ??= import("highs")
    .then((module) => module.default())
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

function failure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A packing model as HiGHS data (columns bounded by 1 unless `unbounded`). */
function pack(model: PackingModel): PackedModel {
  return {
    numCols: model.columnCount,
    numRows: model.rowCount,
    colCost: model.value,
    colUpper: new Float64Array(model.columnCount).fill(1),
    rowUpper: model.capacity,
    starts: model.columnStarts,
    indices: model.columnRows,
    values: model.columnCoefficients,
  };
}

/** A worker's answer as a backend status. */
function statusFrom(answer: HighsAnswer, deadline: Deadline): BackendStatus {
  if (answer.status === "optimal") return "optimal";
  if (answer.status === "failed") return "failed";
  return deadline.cutShort;
}

function relaxationFrom(answer: HighsAnswer, deadline: Deadline): RelaxationResult {
  const status = statusFrom(answer, deadline);
  if (status !== "optimal") {
    return { status, ...(status === "failed" ? { message: answer.message ?? "LP failed" } : {}) };
  }
  return {
    status,
    ...(answer.primal === undefined ? {} : { primal: answer.primal }),
    ...(answer.rowDual === undefined ? {} : { rowDual: answer.rowDual }),
    ...(answer.iterations === undefined ? {} : { iterations: answer.iterations }),
  };
}

/** HiGHS in a worker thread leased per solve (per kept LP for a master). */
export const highsWorkerBackend: MipBackend = {
  name: "highs",

  async solveRelaxation(model: PackingModel, deadline: Deadline): Promise<RelaxationResult> {
    const worker = leaseHighsWorker();
    try {
      return relaxationFrom(await worker.run({ op: "lp", model: pack(model) }, deadline), deadline);
    } finally {
      releaseHighsWorker(worker);
    }
  },

  async solveInteger(
    model: PackingModel,
    start: Uint8Array | undefined,
    deadline: Deadline,
  ): Promise<IntegerResult> {
    const worker = leaseHighsWorker();
    try {
      const answer = await worker.run(
        {
          op: "mip",
          model: pack(model),
          ...(start === undefined ? {} : { start: Float64Array.from(start) }),
        },
        deadline,
      );
      const status = statusFrom(answer, deadline);
      return {
        status,
        ...(answer.primal === undefined ? {} : { primal: answer.primal }),
        bound: answer.bound ?? Number.POSITIVE_INFINITY,
        ...(answer.nodes === undefined ? {} : { nodes: answer.nodes }),
        ...(status === "failed" ? { message: answer.message ?? "MIP failed" } : {}),
      };
    } finally {
      releaseHighsWorker(worker);
    }
  },

  openMaster(): MasterLp {
    const worker = leaseHighsWorker();
    const session = worker.openSession();
    return {
      async solve(
        rows: Float64Array,
        columns: ColumnBatch,
        method: MasterMethod,
        deadline: Deadline,
      ) {
        const answer = await worker.run(
          {
            op: "master",
            session,
            interior: method === "interior",
            rows,
            columns: {
              cost: columns.value,
              starts: columns.starts,
              indices: columns.rows,
              values: columns.coefficients,
            },
          },
          deadline,
        );
        return relaxationFrom(answer, deadline);
      },
      close() {
        worker.closeSession(session);
        releaseHighsWorker(worker);
      },
    };
  },
};

function statusOf(highs: Highs, code: ModelStatusCode, deadline: Deadline): BackendStatus {
  const codes = highs.constants.modelStatus;
  if (code === codes.optimal || code === codes.empty) return "optimal";
  if (code === codes.timeLimit || code === codes.interrupted) return deadline.cutShort;
  return "failed";
}

function build(highs: Highs, model: PackedModel, integer: boolean): Model {
  return highs.createModel({
    numCols: model.numCols,
    numRows: model.numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: model.colCost,
    colLower: new Float64Array(model.numCols),
    colUpper: model.colUpper,
    rowLower: new Float64Array(model.numRows).fill(-highs.infinity),
    rowUpper: model.rowUpper,
    matrix: {
      format: "csc",
      numRows: model.numRows,
      numCols: model.numCols,
      starts: model.starts,
      indices: model.indices,
      values: model.values,
    },
    ...(integer
      ? { integrality: new Int32Array(model.numCols).fill(highs.constants.variableType.integer) }
      : {}),
  });
}

function configure(
  model: Model,
  deadline: Deadline,
  extra: Record<string, number | string | boolean>,
): void {
  const seconds = deadline.remainingMs() / 1000;
  model.zeroAllClocks();
  model.options.set({
    output_flag: false,
    ...(Number.isFinite(seconds) ? { time_limit: Math.max(seconds, 0.001) } : {}),
    ...extra,
  });
}

function interrupts(highs: Highs, deadline: Deadline): HighsCallbackMap | undefined {
  const signal = deadline.signal;
  if (signal === undefined) return undefined;
  const stop = (event: { interrupt(): void }): undefined => {
    if (signal.aborted) event.interrupt();
    return undefined;
  };
  const types = highs.constants.callbackType;
  return { [types.simplexInterrupt]: stop, [types.ipmInterrupt]: stop, [types.mipInterrupt]: stop };
}

function inlineRelaxation(highs: Highs, model: Model, deadline: Deadline): RelaxationResult {
  configure(model, deadline, {});
  const run = model.run(interrupts(highs, deadline));
  const status = statusOf(highs, run.modelStatus, deadline);
  if (status !== "optimal") return { status };
  const solution = model.getSolution();
  return {
    status,
    primal: solution.colValue,
    rowDual: solution.rowDual,
    iterations: Number(model.info.get("simplex_iteration_count")),
  };
}

/** HiGHS on the calling thread. */
export const highsInlineBackend: MipBackend = {
  name: "highs-inline",

  async solveRelaxation(packing: PackingModel, deadline: Deadline): Promise<RelaxationResult> {
    let model: Model | undefined;
    try {
      const highs = await loadHighs();
      model = build(highs, pack(packing), false);
      return inlineRelaxation(highs, model, deadline);
    } catch (error) {
      return { status: "failed", message: failure(error) };
    } finally {
      model?.dispose();
    }
  },

  async solveInteger(
    packing: PackingModel,
    start: Uint8Array | undefined,
    deadline: Deadline,
  ): Promise<IntegerResult> {
    let model: Model | undefined;
    try {
      const highs = await loadHighs();
      model = build(highs, pack(packing), true);
      configure(model, deadline, { mip_rel_gap: 1e-9 });
      if (start !== undefined) model.setSolution({ colValue: Float64Array.from(start) });
      const run = model.run(interrupts(highs, deadline));
      const status = statusOf(highs, run.modelStatus, deadline);
      const feasible = Number(model.info.get("primal_solution_status")) === 2;
      const dual = Number(model.info.get("mip_dual_bound"));
      return {
        status,
        ...(feasible ? { primal: model.getSolution().colValue } : {}),
        bound: Number.isFinite(dual) ? dual : Number.POSITIVE_INFINITY,
        nodes: Number(model.info.get("mip_node_count")),
      };
    } catch (error) {
      return { status: "failed", bound: Number.POSITIVE_INFINITY, message: failure(error) };
    } finally {
      model?.dispose();
    }
  },

  openMaster(): MasterLp {
    let model: Model | undefined;
    let rowCount = 0;
    let columnCount = 0;
    return {
      async solve(
        rows: Float64Array,
        columns: ColumnBatch,
        method: MasterMethod,
        deadline: Deadline,
      ) {
        try {
          const highs = await loadHighs();
          if (model === undefined) {
            model = build(
              highs,
              {
                numCols: 0,
                numRows: 0,
                colCost: new Float64Array(0),
                colUpper: new Float64Array(0),
                rowUpper: new Float64Array(0),
                starts: new Int32Array(1),
                indices: new Int32Array(0),
                values: new Float64Array(0),
              },
              false,
            );
          }
          if (rows.length > 0) {
            model.addRows({
              lower: new Float64Array(rows.length).fill(-highs.infinity),
              upper: rows,
              matrix: {
                format: "csr",
                numRows: rows.length,
                numCols: columnCount,
                starts: new Int32Array(rows.length + 1),
                indices: new Int32Array(0),
                values: new Float64Array(0),
              },
            });
            rowCount += rows.length;
          }
          const added = columns.value.length;
          if (added > 0) {
            model.addCols({
              cost: columns.value,
              lower: new Float64Array(added),
              upper: new Float64Array(added).fill(highs.infinity),
              matrix: {
                format: "csc",
                numRows: rowCount,
                numCols: added,
                starts: columns.starts,
                indices: columns.rows,
                values: columns.coefficients,
              },
            });
            columnCount += added;
          }
          if (method === "simplex") return inlineRelaxation(highs, model, deadline);
          // As in the worker: interior point without crossover, the simplex method if it fails.
          configure(model, deadline, { presolve: "off", solver: "ipm", run_crossover: "off" });
          const run = model.run(interrupts(highs, deadline));
          if (statusOf(highs, run.modelStatus, deadline) !== "failed") {
            const status = statusOf(highs, run.modelStatus, deadline);
            if (status !== "optimal") return { status };
            const solution = model.getSolution();
            return { status, primal: solution.colValue, rowDual: solution.rowDual };
          }
          return inlineRelaxation(highs, model, deadline);
        } catch (error) {
          return { status: "failed", message: failure(error) };
        }
      },
      close() {
        model?.dispose();
        model = undefined;
      },
    };
  },
};

/** The most columns a model may have to be solved on the calling thread (`highsBackend`). */
export const inlineColumnLimit = 2000;

/** Whether `highsBackend` solves `model` on the calling thread. */
function solvesInline(model: PackingModel): boolean {
  return model.columnCount <= inlineColumnLimit && !highsWorkerStarted();
}

/** HiGHS here for a small model while no worker runs, else in a worker (see the top of this file). */
export const highsBackend: MipBackend = {
  name: "highs",

  solveRelaxation(model: PackingModel, deadline: Deadline): Promise<RelaxationResult> {
    const backend = solvesInline(model) ? highsInlineBackend : highsWorkerBackend;
    return backend.solveRelaxation(model, deadline);
  },

  solveInteger(
    model: PackingModel,
    start: Uint8Array | undefined,
    deadline: Deadline,
  ): Promise<IntegerResult> {
    const backend = solvesInline(model) ? highsInlineBackend : highsWorkerBackend;
    return backend.solveInteger(model, start, deadline);
  },

  openMaster(): MasterLp {
    return highsWorkerBackend.openMaster();
  },
};
