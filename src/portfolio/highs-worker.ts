/**
 * HiGHS in a worker thread. HiGHS (WebAssembly) solves in one synchronous
 * call; on the main thread nothing else runs meanwhile, so an abort signal
 * fired by a timer or an event would only be seen when the solve ends. Here
 * each selection leases a worker of its own, and a solve it must stop is
 * stopped from the main thread, which stays free:
 *
 * 1. a stop flag in shared memory, read by HiGHS's interrupt callbacks
 *    (simplex, interior point, MIP), ends the solve with its best answer so
 *    far within a few milliseconds;
 * 2. if the solve does not answer within {@link stopGraceMs} (presolve has no
 *    callbacks), the worker is terminated, which ends it at once.
 *
 * The MIP reports each improving portfolio and, now and then, its bound as it
 * goes, so a terminated MIP still leaves its best portfolio behind. Idle
 * workers are kept (unreferenced, so they never hold the process open) for
 * the next selection: loading HiGHS takes ~150 ms, a request ~0.1 ms plus
 * copying the model.
 *
 * The worker's code is a string run with `eval: true`, so it needs no file of
 * its own in the build; it loads HiGHS from the path this module resolves.
 */
import type { Worker } from "node:worker_threads";
import { nodeBuiltin } from "../util/node-builtin.js";
import type { Deadline } from "./deadline.js";

/** How long a solve asked to stop may take to answer before its worker is terminated (ms). */
export const stopGraceMs = 40;

/** A 0/1 or LP model as the worker receives it (maximize, rows ≤ capacity, 0 ≤ x ≤ upper). */
export interface PackedModel {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  /** Column upper bounds; Infinity for none. */
  readonly colUpper: Float64Array;
  readonly rowUpper: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** Columns appended to a kept LP, over every row so far (CSC). */
export interface PackedColumns {
  readonly cost: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** What a request asks for. */
export type HighsRequest =
  | { readonly op: "lp"; readonly model: PackedModel }
  | { readonly op: "mip"; readonly model: PackedModel; readonly start?: Float64Array }
  | {
      readonly op: "master";
      readonly session: number;
      readonly rows: Float64Array;
      readonly columns: PackedColumns;
      readonly interior: boolean;
    };

/** How HiGHS ended, as the worker reports it. */
export interface HighsAnswer {
  /** `optimal`, `timedout`, `interrupted` (stopped on request), or `failed`. */
  readonly status: "optimal" | "timedout" | "interrupted" | "failed";
  readonly primal?: Float64Array;
  readonly rowDual?: Float64Array;
  readonly iterations?: number;
  /** MIP: its proved bound (maximize: upper). */
  readonly bound?: number;
  readonly nodes?: number;
  readonly message?: string;
}

/** Events a MIP reports while it runs. */
export interface MipProgress {
  /** An improving portfolio (x per column). */
  incumbent?(primal: Float64Array): void;
  /** The MIP's current proved bound. */
  bound?(value: number): void;
}

const workerSource = `
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const stop = new Int32Array(workerData.stop);
const loading = require(workerData.highsPath)();
const sessions = new Map();
// A kept LP (a session) re-solved after rows and columns are added: the
// slack basis and the kept basis are feasible, so primal simplex, no presolve.
const lpOptions = { presolve: "off", simplex_strategy: 4 };
// A packing LP solved once: HiGHS's defaults, as the inline backend and main
// (on the kidney LPs its vertex rounds to the optimum where primal simplex
// without presolve left a MIP to solve: 256 pairs, K = 3, 2.9 s CPU not 7.3 s).
const onceLpOptions = {};
// The master of column generation, when asked for: interior point without
// crossover, for central prices (column-generation.ts); else as lpOptions,
// warm-started from the kept basis.
const masterOptions = { presolve: "off", solver: "ipm", run_crossover: "off" };

function statusOf(highs, code) {
  const s = highs.constants.modelStatus;
  if (code === s.optimal || code === s.empty) return "optimal";
  if (code === s.timeLimit) return "timedout";
  if (code === s.interrupted) return "interrupted";
  return "failed";
}
function statusName(highs, code) {
  for (const [name, value] of Object.entries(highs.constants.modelStatus)) if (value === code) return name;
  return String(code);
}
function callbacks(highs, id, mip) {
  const types = highs.constants.callbackType;
  const check = (event) => { if (Atomics.load(stop, 0) !== 0) event.interrupt(); };
  const map = { [types.simplexInterrupt]: check, [types.ipmInterrupt]: check };
  let last = 0;
  map[types.mipInterrupt] = (event) => {
    check(event);
    const now = Date.now();
    const bound = event.data.mip_dual_bound;
    if (now - last > 100 && typeof bound === "number" && Number.isFinite(bound)) {
      last = now;
      parentPort.postMessage({ id, progress: bound });
    }
  };
  if (mip) {
    map[types.mipImprovingSolution] = (event) => {
      const x = event.data.mip_solution;
      if (x) parentPort.postMessage({ id, incumbent: x });
    };
  }
  return map;
}
function build(highs, m, integer) {
  const data = {
    numCols: m.numCols, numRows: m.numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: m.colCost, colLower: new Float64Array(m.numCols), colUpper: m.colUpper,
    rowLower: new Float64Array(m.numRows).fill(-highs.infinity), rowUpper: m.rowUpper,
    matrix: { format: "csc", numRows: m.numRows, numCols: m.numCols, starts: m.starts, indices: m.indices, values: m.values },
  };
  if (integer) data.integrality = new Int32Array(m.numCols).fill(highs.constants.variableType.integer);
  return highs.createModel(data);
}
function configure(model, timeLimit, extra) {
  model.zeroAllClocks();
  const options = Object.assign({ output_flag: false }, extra);
  if (timeLimit > 0) options.time_limit = timeLimit;
  model.options.set(options);
}
function lpAnswer(highs, model, run) {
  const status = statusOf(highs, run.modelStatus);
  if (status !== "optimal") return { status, message: statusName(highs, run.modelStatus) };
  const solution = model.getSolution();
  return { status, primal: solution.colValue, rowDual: solution.rowDual,
    iterations: Number(model.info.get("simplex_iteration_count")) };
}
function solve(highs, id, request, timeLimit) {
  if (request.op === "lp") {
    const model = build(highs, request.model, false);
    try {
      configure(model, timeLimit, onceLpOptions);
      return lpAnswer(highs, model, model.run(callbacks(highs, id, false)));
    } finally { model.dispose(); }
  }
  if (request.op === "mip") {
    const model = build(highs, request.model, true);
    try {
      configure(model, timeLimit, { mip_rel_gap: 1e-9 });
      if (request.start) model.setSolution({ colValue: request.start });
      const run = model.run(callbacks(highs, id, true));
      const status = statusOf(highs, run.modelStatus);
      const feasible = Number(model.info.get("primal_solution_status")) === 2;
      const bound = Number(model.info.get("mip_dual_bound"));
      return { status, primal: feasible ? model.getSolution().colValue : undefined,
        bound: Number.isFinite(bound) ? bound : Infinity,
        nodes: Number(model.info.get("mip_node_count")),
        message: status === "failed" ? statusName(highs, run.modelStatus) : undefined };
    } finally { model.dispose(); }
  }
  let session = sessions.get(request.session);
  if (session === undefined) {
    const empty = { numCols: 0, numRows: 0, colCost: new Float64Array(0), colUpper: new Float64Array(0),
      rowUpper: new Float64Array(0), starts: new Int32Array(1), indices: new Int32Array(0), values: new Float64Array(0) };
    session = { model: build(highs, empty, false), rows: 0, cols: 0 };
    sessions.set(request.session, session);
  }
  const model = session.model;
  const r = request.rows.length;
  if (r > 0) {
    model.addRows({ lower: new Float64Array(r).fill(-highs.infinity), upper: request.rows,
      matrix: { format: "csr", numRows: r, numCols: session.cols, starts: new Int32Array(r + 1), indices: new Int32Array(0), values: new Float64Array(0) } });
    session.rows += r;
  }
  const c = request.columns.cost.length;
  if (c > 0) {
    model.addCols({ cost: request.columns.cost, lower: new Float64Array(c), upper: new Float64Array(c).fill(highs.infinity),
      matrix: { format: "csc", numRows: session.rows, numCols: c, starts: request.columns.starts, indices: request.columns.indices, values: request.columns.values } });
    session.cols += c;
  }
  if (!request.interior) {
    configure(model, timeLimit, lpOptions);
    return lpAnswer(highs, model, model.run(callbacks(highs, id, false)));
  }
  configure(model, timeLimit, masterOptions);
  const answer = lpAnswer(highs, model, model.run(callbacks(highs, id, false)));
  if (answer.status !== "failed") return answer;
  // The interior point method gave up: the simplex method, from scratch.
  configure(model, timeLimit, lpOptions);
  return lpAnswer(highs, model, model.run(callbacks(highs, id, false)));
}
parentPort.on("message", (message) => {
  if (message.close !== undefined) {
    const session = sessions.get(message.close);
    if (session) { session.model.dispose(); sessions.delete(message.close); }
    return;
  }
  loading.then((highs) => {
    Atomics.store(stop, 0, 0);
    let answer;
    try { answer = solve(highs, message.id, message.request, message.timeLimit); }
    catch (error) { answer = { status: "failed", message: String(error && error.message || error) }; }
    parentPort.postMessage({ id: message.id, answer });
  }, (error) => {
    parentPort.postMessage({ id: message.id, answer: { status: "failed", message: "cannot load HiGHS: " + String(error && error.message || error) } });
  });
});
`;

/** Where the `highs` package's CommonJS build is, for the worker to load. */
function highsPath(): string {
  const module = nodeBuiltin<typeof import("node:module")>("node:module");
  if (module === undefined) throw new Error("HiGHS runs only under Node (a worker thread)");
  return module.createRequire(import.meta.url).resolve("highs");
}

/** Node's worker threads (asked for, not imported: the main entry bundles for browsers). */
function workerThreads(): typeof import("node:worker_threads") {
  const threads = nodeBuiltin<typeof import("node:worker_threads")>("node:worker_threads");
  if (threads === undefined) throw new Error("HiGHS runs only under Node (a worker thread)");
  return threads;
}

interface Pending {
  readonly resolve: (answer: HighsAnswer) => void;
  readonly progress: MipProgress | undefined;
  /** The latest improving MIP portfolio and bound, kept in case the worker must be terminated. */
  incumbent?: Float64Array;
  bound?: number;
}

/** One worker thread running HiGHS, used by one selection at a time. */
export class HighsWorker {
  private readonly worker: Worker;
  private readonly stop = new Int32Array(new SharedArrayBuffer(4));
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private nextSession = 1;
  private dead: string | undefined;

  constructor() {
    this.worker = new (workerThreads().Worker)(workerSource, {
      eval: true,
      workerData: { highsPath: highsPath(), stop: this.stop.buffer },
    });
    workersStarted++;
    this.worker.on("message", (message: WorkerMessage) => this.receive(message));
    this.worker.on("error", (error: Error) => this.fail(`HiGHS worker failed: ${error.message}`));
    this.worker.on("exit", (code) => this.fail(`HiGHS worker exited (code ${code})`));
    // After the listeners: listening for messages refs the worker's port again.
    this.worker.unref();
  }

  /** Whether the worker can still take requests. */
  get alive(): boolean {
    return this.dead === undefined;
  }

  /** A fresh id for an LP kept in the worker between `master` requests. */
  openSession(): number {
    return this.nextSession++;
  }

  /** Frees a kept LP. */
  closeSession(session: number): void {
    if (this.alive) this.worker.postMessage({ close: session });
  }

  /**
   * Runs one request within `deadline`: HiGHS gets the time left as its own
   * limit; when the deadline passes or its signal fires first, the solve is
   * asked to stop, and terminated (with this worker) if it does not answer
   * within {@link stopGraceMs}. A terminated MIP answers with the last
   * improving portfolio and bound it reported.
   */
  run(request: HighsRequest, deadline: Deadline, progress?: MipProgress): Promise<HighsAnswer> {
    if (this.dead !== undefined) return Promise.resolve({ status: "failed", message: this.dead });
    const id = this.nextId++;
    const seconds = deadline.remainingMs() / 1000;
    return new Promise<HighsAnswer>((resolve) => {
      let graceTimer: NodeJS.Timeout | undefined;
      let deadlineTimer: NodeJS.Timeout | undefined;
      const signal = deadline.signal;
      const finish = (answer: HighsAnswer): void => {
        clearTimeout(graceTimer);
        clearTimeout(deadlineTimer);
        signal?.removeEventListener("abort", halt);
        this.pending.delete(id);
        if (this.pending.size === 0) this.worker.unref();
        resolve(answer);
      };
      const halt = (): void => {
        if (graceTimer !== undefined || !this.pending.has(id)) return;
        Atomics.store(this.stop, 0, 1);
        graceTimer = setTimeout(() => {
          void this.worker.terminate();
          this.fail("HiGHS worker terminated: the solve did not stop in time");
        }, stopGraceMs);
      };
      this.pending.set(id, { resolve: finish, progress });
      this.worker.ref();
      if (signal?.aborted) {
        halt();
      } else {
        signal?.addEventListener("abort", halt, { once: true });
        const left = deadline.remainingMs();
        if (Number.isFinite(left)) deadlineTimer = setTimeout(halt, left + 5);
      }
      this.worker.postMessage({
        id,
        request,
        timeLimit: Number.isFinite(seconds) ? Math.max(seconds, 0.001) : 0,
      });
    });
  }

  /** Ends the worker (its kept LPs with it). */
  terminate(): void {
    if (this.dead === undefined) {
      this.dead = "HiGHS worker terminated";
      void this.worker.terminate();
    }
  }

  private receive(message: WorkerMessage): void {
    const entry = this.pending.get(message.id);
    if (entry === undefined) return;
    if (message.incumbent !== undefined) {
      entry.incumbent = message.incumbent;
      entry.progress?.incumbent?.(message.incumbent);
    } else if (message.progress !== undefined) {
      entry.bound = message.progress;
      entry.progress?.bound?.(message.progress);
    } else if (message.answer !== undefined) {
      entry.resolve(message.answer);
    }
  }

  /** Marks the worker dead and answers every pending request with what it has. */
  private fail(reason: string): void {
    if (this.dead === undefined) this.dead = reason;
    for (const entry of [...this.pending.values()]) {
      const stopped = Atomics.load(this.stop, 0) !== 0;
      entry.resolve({
        status: stopped ? "interrupted" : "failed",
        ...(entry.incumbent === undefined ? {} : { primal: entry.incumbent }),
        ...(entry.bound === undefined ? {} : { bound: entry.bound }),
        message: reason,
      });
    }
  }
}

interface WorkerMessage {
  readonly id: number;
  readonly answer?: HighsAnswer;
  readonly incumbent?: Float64Array;
  readonly progress?: number;
}

const idle: HighsWorker[] = [];

/** How many workers this process has started. */
let workersStarted = 0;

/** Whether this process has started a HiGHS worker (HiGHS is loaded there, or loading). */
export function highsWorkerStarted(): boolean {
  return workersStarted > 0;
}

/** A worker for one selection: an idle one, or a new one. Give it back with {@link releaseHighsWorker}. */
export function leaseHighsWorker(): HighsWorker {
  for (let worker = idle.pop(); worker !== undefined; worker = idle.pop()) {
    if (worker.alive) return worker;
  }
  return new HighsWorker();
}

/** Returns a worker to the pool (a dead one is dropped; at most two are kept). */
export function releaseHighsWorker(worker: HighsWorker): void {
  if (worker.alive && idle.length < 2) idle.push(worker);
  else worker.terminate();
}
