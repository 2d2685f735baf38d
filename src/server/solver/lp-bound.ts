import type { Highs } from 'highs';
import type { RosterProblem } from '../domain/roster/roster-model.ts';
import { modelDataOf, roundUpBound } from './highs-runner.ts';
import { buildRosterMip, type RosterMip } from './mip-model.ts';

/**
 * Reduced costs within this of zero count as zero where a column has no finite bound on that
 * side (the cover's slack columns): what an interior-point solve leaves there is rounding.
 */
const REDUCED_COST_TOLERANCE = 1e-7;

/** The arrays of a linear model that a bound reads: a roster MIP, or a relaxation of one. */
export type LinearModel = Pick<
  RosterMip,
  | 'numCols'
  | 'numRows'
  | 'offset'
  | 'colCost'
  | 'colLower'
  | 'colUpper'
  | 'rowLower'
  | 'rowUpper'
  | 'matrix'
> &
  Partial<Pick<RosterMip, 'integrality'>>;

/**
 * The Lagrangian bound of a MIP for the row multipliers `rowDual`: the rows are moved into
 * the objective with their multipliers, and every column then takes the bound that is best
 * for its reduced cost. It is a valid lower bound on the MIP (and its LP) for any
 * multipliers, so it does not depend on how exactly the LP was solved: an interior-point
 * solve stopped early, without crossover, still gives a sound bound (Lagrangian duality;
 * see e.g. Wolsey, Integer Programming, §10.2). Multipliers whose side of the row is
 * unbounded are taken as zero.
 */
export function lagrangianBound(mip: LinearModel, rowDual: ArrayLike<number>): number {
  const { starts, indices, values } = mip.matrix;
  const reduced = Float64Array.from(mip.colCost);
  let bound = mip.offset;
  for (let row = 0; row < mip.numRows; row++) {
    let y = rowDual[row] ?? 0;
    if (!Number.isFinite(y)) y = 0;
    // Minimisation: a positive multiplier prices the row's lower side, a negative its upper.
    const side = y > 0 ? mip.rowLower[row]! : y < 0 ? mip.rowUpper[row]! : 0;
    if (!Number.isFinite(side)) continue;
    if (y === 0) continue;
    bound += y * side;
    for (let k = starts[row]!; k < starts[row + 1]!; k++) reduced[indices[k]!]! -= y * values[k]!;
  }
  for (let col = 0; col < mip.numCols; col++) {
    const d = reduced[col]!;
    const value = d > 0 ? mip.colLower[col]! : d < 0 ? mip.colUpper[col]! : 0;
    if (Number.isFinite(value)) bound += d * value;
    else if (Math.abs(d) > REDUCED_COST_TOLERANCE) return -Infinity;
  }
  return bound;
}

/**
 * Most assignment variables for the LP relaxation: Instance 22 (108,568 of them, 2.3 M
 * nonzeros) needs 630 MB for it; Instance 23 (332,592) took 1.5 GB and proved nothing in
 * 200 s, so larger problems go without (subgradient-bound.ts bounds them).
 */
const MAX_LP_VARIABLES = 150_000;

/** The roster MIP's assignment variables: each person's allowed shifts on their working days. */
export function assignmentVariablesOf(problem: RosterProblem): number {
  return problem.people.reduce(
    (sum, person) =>
      sum + person.maxShifts.filter((m) => m > 0).length * (problem.days - person.daysOff.length),
    0,
  );
}

/** Whether the LP relaxation is worth trying (see `MAX_LP_VARIABLES`). */
export function lpBoundApplies(problem: RosterProblem): boolean {
  return assignmentVariablesOf(problem) <= MAX_LP_VARIABLES;
}

export type LpBoundOutcome = {
  /** Valid lower bound on the roster objective (rounded up); 0 when nothing was proven. */
  bound: number;
  /** Whether HiGHS reported the LP solved to optimality (the bound is then the LP's). */
  solved: boolean;
  seconds: number;
};

/**
 * A lower bound for problems too large for the whole-problem MIP (issue 3: "gap reported"):
 * the LP relaxation of the same model, solved by HiGHS's interior-point method without
 * crossover within `timeLimitSeconds`, and turned into a bound by `lagrangianBound` so that
 * an unfinished or inexact solve still proves what its multipliers prove.
 */
export function solveLpBound(
  highs: Highs,
  problem: RosterProblem,
  options: { timeLimitSeconds: number },
): LpBoundOutcome {
  const started = performance.now();
  const mip = buildRosterMip(problem);
  const seconds = (): number => (performance.now() - started) / 1000;
  if (mip.brokenFixedRows > 0) return { bound: 0, solved: false, seconds: seconds() };
  // Presolve first: it makes the interior-point solve several times faster (Instance 13:
  // 23 s against 86 s), but when IPX ends without a clean optimum its postsolved multipliers
  // can be unusable (Instance 20: a bound of −448 against an LP optimum of 4116). Then once
  // more without presolve, in the time left.
  let bound = 0;
  for (const presolve of ['on', 'off'] as const) {
    const timeLimitSeconds = options.timeLimitSeconds - seconds();
    if (timeLimitSeconds < 0.1) break;
    const pass = solveLpOnce(highs, mip, presolve, timeLimitSeconds);
    bound = Math.max(bound, pass.bound);
    if (pass.solved) return { bound, solved: true, seconds: seconds() };
  }
  return { bound, solved: false, seconds: seconds() };
}

/**
 * One solve of `mip`'s LP relaxation (interior point by default, without crossover) within
 * the time limit, turned into a sound bound by `lagrangianBound` (rounded up; 0 when the
 * multipliers prove nothing).
 */
export function solveLpOnce(
  highs: Highs,
  mip: LinearModel,
  presolve: 'on' | 'off',
  timeLimitSeconds: number,
  solver: 'ipm' | 'simplex' = 'ipm',
): Omit<LpBoundOutcome, 'seconds'> {
  const model = highs.createModel(modelDataOf(mip, { relaxation: true }));
  try {
    model.options.set({
      output_flag: false,
      time_limit: timeLimitSeconds,
      solver,
      run_crossover: 'off',
      presolve,
    });
    const result = model.run();
    const optimal = result.modelStatus === highs.constants.modelStatus.optimal;
    const dualStatus = model.info.get('dual_solution_status');
    if (typeof dualStatus !== 'number' || dualStatus < 1) return { bound: 0, solved: false };
    const value = lagrangianBound(mip, model.getSolution().rowDual);
    const bound = Number.isFinite(value) ? Math.max(0, roundUpBound(value)) : 0;
    // "Solved" only when the multipliers prove (nearly) the LP's own optimum.
    const lpValue = model.getObjectiveValue();
    const solved =
      optimal && bound >= roundUpBound(lpValue - Math.max(1, Math.abs(lpValue) * 1e-6));
    return { bound, solved };
  } finally {
    model.dispose();
  }
}
