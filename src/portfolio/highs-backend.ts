/**
 * The HiGHS backend (npm `highs`, HiGHS compiled to WebAssembly). The module
 * is loaded once, lazily, on the first exact solve; each solve builds a
 * persistent model from the packing model's CSC arrays, runs it with the
 * deadline as HiGHS's `time_limit` (and the abort signal checked at HiGHS's
 * interrupt points), and disposes it.
 */
import type { Highs, HighsCallbackMap, Model, ModelStatusCode } from "highs";
import type { Deadline } from "./deadline.js";
import type { BackendStatus, IntegerResult, MipBackend, RelaxationResult } from "./mip-backend.js";
import type { PackingModel } from "./packing-model.js";

let loading: Promise<Highs> | undefined;

/** The HiGHS runtime, loaded on first use (a failed load is retried next time). */
export function loadHighs(): Promise<Highs> {
  loading ??= import("highs")
    .then((module) => module.default())
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

function statusOf(highs: Highs, code: ModelStatusCode, deadline: Deadline): BackendStatus {
  const codes = highs.constants.modelStatus;
  if (code === codes.optimal || code === codes.empty) return "optimal";
  if (code === codes.timeLimit || code === codes.interrupted) {
    return deadline.aborted ? "aborted" : "timedout";
  }
  return "failed";
}

function build(highs: Highs, model: PackingModel, integer: boolean): Model {
  const n = model.columnCount;
  const m = model.rowCount;
  return highs.createModel({
    numCols: n,
    numRows: m,
    sense: highs.constants.objectiveSense.maximize,
    colCost: model.value,
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(1),
    rowLower: new Float64Array(m).fill(-highs.infinity),
    rowUpper: model.capacity,
    matrix: {
      format: "csc",
      numRows: m,
      numCols: n,
      starts: model.columnStarts,
      indices: model.columnRows,
      values: model.columnCoefficients,
    },
    ...(integer
      ? { integrality: new Int32Array(n).fill(highs.constants.variableType.integer) }
      : {}),
  });
}

function configure(
  model: Model,
  deadline: Deadline,
  extra: Record<string, number | string | boolean>,
): void {
  const seconds = deadline.remainingMs() / 1000;
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

function failure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The HiGHS backend. */
export const highsBackend: MipBackend = {
  name: "highs",

  async solveRelaxation(packing: PackingModel, deadline: Deadline): Promise<RelaxationResult> {
    let highs: Highs;
    try {
      highs = await loadHighs();
    } catch (error) {
      return { status: "failed", message: `cannot load HiGHS: ${failure(error)}` };
    }
    let model: Model | undefined;
    try {
      model = build(highs, packing, false);
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
    let highs: Highs;
    try {
      highs = await loadHighs();
    } catch (error) {
      return {
        status: "failed",
        bound: Number.POSITIVE_INFINITY,
        message: `cannot load HiGHS: ${failure(error)}`,
      };
    }
    let model: Model | undefined;
    try {
      model = build(highs, packing, true);
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
};
