import loadHighs, { type Highs, type ModelData } from 'highs';
import type { Roster } from '../domain/roster/roster-model.ts';
import type { LinearModel } from './lp-bound.ts';
import type { RosterMip } from './mip-model.ts';

let runtime: Promise<Highs> | undefined;

/**
 * The HiGHS WebAssembly runtime of this thread, loaded once (each worker has its own heap),
 * from `wasmModule` when the main thread compiled it already (worker-bundle.ts).
 */
export function loadHighsRuntime(wasmModule?: WebAssembly.Module): Promise<Highs> {
  runtime ??= loadHighs(wasmModule === undefined ? undefined : { wasmModule });
  return runtime;
}

export type MipOutcome = {
  status: 'optimal' | 'feasible' | 'infeasible' | 'unknown';
  /** Best roster found, if any. */
  roster: Roster | undefined;
  /** Its MIP objective, rounded (the cover and wish weights are integers). */
  objective: number | undefined;
  /** Proven lower bound on the objective of this (sub)problem, rounded up. */
  bound: number;
  seconds: number;
};

export type MipRunOptions = {
  timeLimitSeconds: number;
  start?: Roster;
  seed?: number;
  /** Stop within this much of the bound, in objective units (default: proven optimal). */
  absoluteGap?: number;
  /** Solve the LP relaxation only: a lower bound, no roster. */
  relaxation?: boolean;
  /** Called with each improving roster (objective rounded). */
  onImproving?: (roster: Roster, objective: number) => void;
  /** Called from time to time with the proven bound. */
  onBound?: (bound: number) => void;
  /** Polled during the solve; true stops it with the best roster so far. */
  shouldInterrupt?: () => boolean;
  /** Polled during the solve for a roster found elsewhere, handed to HiGHS as a candidate. */
  pollIncumbent?: () => Roster | undefined;
};

/**
 * Solves a roster MIP with HiGHS. Blocks the thread (run it in a worker). `mip_rel_gap` is
 * 0 so "optimal" means proven optimal; the model is always disposed, even on error.
 */
export function runRosterMip(highs: Highs, mip: RosterMip, options: MipRunOptions): MipOutcome {
  const started = performance.now();
  if (mip.brokenFixedRows > 0) {
    return {
      status: 'infeasible',
      roster: undefined,
      objective: undefined,
      bound: Infinity,
      seconds: 0,
    };
  }
  if (mip.numCols === 0) {
    // Nothing free (e.g. only days off in the window): the fixed cells are the answer, and
    // HiGHS reports an empty model as neither optimal nor infeasible.
    const objective = Math.round(mip.offset);
    return {
      status: 'optimal',
      roster: options.relaxation === true ? undefined : mip.decode([]),
      objective,
      bound: objective,
      seconds: (performance.now() - started) / 1000,
    };
  }
  const model = highs.createModel(modelDataOf(mip, { relaxation: options.relaxation === true }));
  try {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.05, options.timeLimitSeconds),
      mip_rel_gap: 0,
      // Integer objective: within 1 of the bound is optimal.
      mip_abs_gap: Math.max(0.999, options.absoluteGap ?? 0),
      random_seed: options.seed ?? 0,
    });
    if (options.start !== undefined && options.relaxation !== true) {
      model.setSolution(mip.encode(options.start));
    }
    const { callbackType } = highs.constants;
    let lastBound = -Infinity;
    const result = model.run({
      [callbackType.mipImprovingSolution](event) {
        const solution = event.data.mip_solution;
        const objective = event.data.objective_function_value;
        if (solution !== undefined && objective !== undefined) {
          options.onImproving?.(mip.decode(solution), Math.round(objective));
        }
      },
      [callbackType.mipInterrupt](event) {
        // The logging channel is silent with output off, so the bound is read here.
        const bound = event.data.mip_dual_bound;
        if (bound !== undefined && Number.isFinite(bound) && bound > lastBound) {
          lastBound = bound;
          options.onBound?.(roundUpBound(bound));
        }
        if (options.shouldInterrupt?.() === true) event.interrupt();
      },
      [callbackType.mipUserSolution](event) {
        const incumbent = options.pollIncumbent?.();
        if (incumbent === undefined) return;
        // Assignment columns only; HiGHS repairs (completes) the cover and weekend columns.
        event.setSolution(mip.encode(incumbent));
        event.repairSolution();
      },
      [callbackType.mipLogging](event) {
        const bound = event.data.mip_dual_bound;
        if (bound !== undefined && Number.isFinite(bound)) options.onBound?.(roundUpBound(bound));
      },
    });
    const statuses = highs.constants.modelStatus;
    const seconds = (performance.now() - started) / 1000;
    if (result.modelStatus === statuses.infeasible) {
      return {
        status: 'infeasible',
        roster: undefined,
        objective: undefined,
        bound: Infinity,
        seconds,
      };
    }
    const primal = model.info.get('primal_solution_status');
    const hasSolution = typeof primal === 'number' && primal >= 2;
    const objective = hasSolution ? Math.round(model.getObjectiveValue()) : undefined;
    // With a gap allowed, "optimal" only means "within the gap": not a proof.
    const optimal = result.modelStatus === statuses.optimal && (options.absoluteGap ?? 0) < 1;
    let bound = 0;
    if (options.relaxation === true) {
      bound = optimal ? roundUpBound(model.getObjectiveValue()) : 0;
    } else {
      const dual = model.info.get('mip_dual_bound');
      if (typeof dual === 'number' && Number.isFinite(dual)) bound = roundUpBound(dual);
      if (optimal && objective !== undefined) bound = objective;
    }
    const roster =
      hasSolution && options.relaxation !== true
        ? mip.decode(model.getSolution().colValue)
        : undefined;
    return {
      status: optimal && options.relaxation !== true ? 'optimal' : roster ? 'feasible' : 'unknown',
      roster,
      objective,
      bound,
      seconds,
    };
  } finally {
    model.dispose();
  }
}

/** Objective weights are integers, so any bound can be rounded up (less a tolerance). */
export function roundUpBound(value: number): number {
  return Math.ceil(value - 1e-6);
}

/** The HiGHS model of a roster MIP; `relaxation` leaves out integrality (its LP). */
export function modelDataOf(mip: LinearModel, options: { relaxation: boolean }): ModelData {
  return {
    numCols: mip.numCols,
    numRows: mip.numRows,
    offset: mip.offset,
    colCost: mip.colCost,
    colLower: mip.colLower,
    colUpper: mip.colUpper,
    rowLower: mip.rowLower,
    rowUpper: mip.rowUpper,
    matrix: mip.matrix,
    ...(options.relaxation || mip.integrality === undefined
      ? {}
      : { integrality: mip.integrality }),
  };
}
