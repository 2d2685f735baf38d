import type { Highs } from 'highs';
import {
  OFF,
  weekendCount,
  weekendOfDays,
  type RosterProblem,
} from '../domain/roster/roster-model.ts';
import { roundUpBound } from './highs-runner.ts';
import { createColumnList } from './model-columns.ts';
import type { FairnessBand } from './column-generation.ts';

/**
 * The counting relaxation of a roster problem: how many shifts of each type each person
 * works in each class of days (days alike for every fairness term, the weekend rule and the
 * cover weights), with the order of the days forgotten. Cover is summed over a class, each
 * person's limits (shift counts, minutes, weekends, runs) apply to their counts, and the
 * fairness spreads are taken over integer counts.
 *
 * Every roster gives counts that meet these rows at no more than its objective, so the
 * optimum of this small integer programme is a lower bound. It is much stronger than the LP
 * bound of the full MIP where the fairness spreads meet the minute limits (office months:
 * who works one shift more so that the evening shifts spread evenly is a question of whole
 * shifts), and it takes milliseconds.
 */
export type CountRelaxation = {
  /** Class of each day (index into `classes`). */
  classOfDay: number[];
  /** Days of each class. */
  classes: number[][];
  /** Proven lower bound on the objective of every roster meeting the hard rules. */
  bound: number;
  /** True when HiGHS proved the relaxation's optimum (`bound` is then its optimum). */
  optimal: boolean;
  /**
   * Counts of an optimal solution of the relaxation, `counts[person][shift][class]`, or
   * undefined when none was found in time or the counts are infeasible.
   */
  counts: number[][][] | undefined;
};

type CountModel = {
  numCols: number;
  colCost: number[];
  colLower: number[];
  colUpper: number[];
  integrality: number[];
  rows: { lower: number; upper: number; terms: [number, number][] }[];
  offset: number;
  /** Column of `counts[p][t][k]`, or -1 when the count is 0 for sure. */
  countCol: Int32Array;
  fairnessCols: { high: number; low: number }[];
  classOfDay: number[];
  classes: number[][];
};

const INFINITY = Number.POSITIVE_INFINITY;

/** Builds the counting relaxation as arrays (see {@link CountRelaxation}). */
export function buildCountModel(problem: RosterProblem): CountModel {
  const { days, shifts, people } = problem;
  const shiftCount = shifts.length;
  const weekendOf = weekendOfDays(problem);
  const weekends = weekendCount(problem);
  const termDays = problem.fairness.map((term) => new Set(term.days));
  const weekendRule = people.some((person) => person.maxWeekends < weekends);

  // Days alike in every respect the relaxation sees share a class.
  const classIndex = new Map<string, number>();
  const classes: number[][] = [];
  const classOfDay: number[] = [];
  for (let d = 0; d < days; d++) {
    const key = JSON.stringify([
      termDays.map((set) => set.has(d)),
      weekendRule && (weekendOf[d] ?? -1) >= 0,
      shifts.map((_, t) => {
        const need = problem.cover[d]?.[t];
        return need === undefined ? null : [need.underWeight, need.overWeight];
      }),
    ]);
    let k = classIndex.get(key);
    if (k === undefined) {
      k = classes.length;
      classIndex.set(key, k);
      classes.push([]);
    }
    classes[k]!.push(d);
    classOfDay.push(k);
  }
  const classCount = classes.length;

  const columns = createColumnList();
  const { cost: colCost, lower: colLower, upper: colUpper, integrality } = columns;
  const addCol = columns.add;
  const rows: CountModel['rows'] = [];
  let offset = 0;

  const pinnedAt = new Map<number, number>();
  for (const pin of problem.pinned) pinnedAt.set(pin.person * days + pin.day, pin.shift);
  /** Can person p work shift t on day d at all (day off, shift never allowed, pins)? */
  const possible = (p: number, d: number, t: number): boolean => {
    const person = people[p]!;
    if ((person.maxShifts[t] ?? 0) <= 0 || person.daysOff.includes(d)) return false;
    const pinned = pinnedAt.get(p * days + d);
    return pinned === undefined || pinned === t;
  };

  const countCol = new Int32Array(people.length * shiftCount * classCount).fill(-1);
  const at = (p: number, t: number, k: number): number => (p * shiftCount + t) * classCount + k;
  const signatures: string[] = [];
  people.forEach((person, p) => {
    const signature: string[] = [];
    const workable = new Array<number>(classCount).fill(0);
    for (let d = 0; d < days; d++) {
      if (shifts.some((_, t) => possible(p, d, t))) workable[classOfDay[d]!]!++;
    }
    for (let t = 0; t < shiftCount; t++) {
      for (let k = 0; k < classCount; k++) {
        let open = 0;
        let forced = 0;
        for (const d of classes[k]!) {
          if (possible(p, d, t)) open++;
          if (pinnedAt.get(p * days + d) === t && possible(p, d, t)) forced++;
        }
        signature.push(`${t}/${k}=[${forced},${open}]`);
        if (open === 0) continue;
        countCol[at(p, t, k)] = addCol(0, forced, open, true);
      }
    }
    const personRow = (
      lower: number,
      upper: number,
      coef: (t: number, k: number) => number,
    ): void => {
      const terms: [number, number][] = [];
      for (let t = 0; t < shiftCount; t++) {
        for (let k = 0; k < classCount; k++) {
          const col = countCol[at(p, t, k)]!;
          const c = coef(t, k);
          if (col >= 0 && c !== 0) terms.push([col, c]);
          if (col >= 0 && c !== 0) signature.push(`${t}/${k}:${c}`);
        }
      }
      signature.push(`[${lower},${upper}]`);
      rows.push({ lower, upper, terms });
    };
    // One shift a day.
    for (let k = 0; k < classCount; k++) personRow(0, workable[k]!, (_, kk) => (kk === k ? 1 : 0));
    for (let t = 0; t < shiftCount; t++) {
      personRow(0, person.maxShifts[t] ?? 0, (tt) => (tt === t ? 1 : 0));
    }
    personRow(person.minTotalMinutes, person.maxTotalMinutes, (t) => shifts[t]!.minutes);
    // No more than maxConsecutiveShifts worked in any maxConsecutiveShifts + 1 days.
    const g = person.maxConsecutiveShifts;
    personRow(0, days - Math.floor(days / (g + 1)), () => 1);
    if (weekendRule && person.maxWeekends < weekends) {
      const weekendDays = new Array<number>(weekends).fill(0);
      for (let d = 0; d < days; d++) {
        const w = weekendOf[d] ?? -1;
        if (w >= 0) weekendDays[w]!++;
      }
      const most = [...weekendDays]
        .sort((a, b) => b - a)
        .slice(0, Math.max(0, person.maxWeekends))
        .reduce((sum, n) => sum + n, 0);
      personRow(0, most, (_, k) => ((weekendOf[classes[k]![0]!] ?? -1) >= 0 ? 1 : 0));
    }
    signatures.push(signature.join(' '));
  });

  // People alike in every row above are interchangeable here (wishes are left out, below):
  // of two such people the earlier works at least as many shifts, which cuts the relaxation's
  // search by their permutations without losing any optimum.
  const previous = new Map<string, number>();
  signatures.forEach((signature, q) => {
    const p = previous.get(signature);
    previous.set(signature, q);
    if (p === undefined) return;
    const terms: [number, number][] = [];
    for (let j = 0; j < shiftCount * classCount; j++) {
      const a = countCol[p * shiftCount * classCount + j]!;
      const b = countCol[q * shiftCount * classCount + j]!;
      if (a >= 0) terms.push([a, 1]);
      if (b >= 0) terms.push([b, -1]);
    }
    rows.push({ lower: 0, upper: INFINITY, terms });
  });

  // Cover, summed over each class: shortfalls and surpluses of single days add up to at
  // least the class's net shortfall or surplus, at the class's (common) weights.
  for (let t = 0; t < shiftCount; t++) {
    for (let k = 0; k < classCount; k++) {
      const first = problem.cover[classes[k]![0]!]?.[t];
      if (first === undefined) continue;
      const required = classes[k]!.reduce(
        (sum, d) => sum + (problem.cover[d]?.[t]?.required ?? 0),
        0,
      );
      const terms: [number, number][] = [];
      for (let p = 0; p < people.length; p++) {
        const col = countCol[at(p, t, k)]!;
        if (col >= 0) terms.push([col, 1]);
      }
      terms.push([addCol(first.underWeight, 0, Math.max(0, required), false), 1]);
      terms.push([addCol(first.overWeight, 0, INFINITY, false), -1]);
      rows.push({ lower: required, upper: required, terms });
    }
  }

  const fairnessCols = problem.fairness.map((term, f) => {
    const weight = Math.max(0, term.weight);
    const high = addCol(weight, 0, days, true);
    const low = addCol(-weight, 0, days, true);
    const inTerm = (t: number, k: number): boolean =>
      term.shifts.includes(t) && termDays[f]!.has(classes[k]![0]!);
    people.forEach((_, p) => {
      const terms: [number, number][] = [];
      for (let t = 0; t < shiftCount; t++) {
        for (let k = 0; k < classCount; k++) {
          const col = countCol[at(p, t, k)]!;
          if (col >= 0 && inTerm(t, k)) terms.push([col, -1]);
        }
      }
      rows.push({ lower: 0, upper: INFINITY, terms: [[high, 1], ...terms] });
      rows.push({ lower: -INFINITY, upper: 0, terms: [[low, 1], ...terms] });
    });
    return { high, low };
  });

  // Wishes are left out (they would make every person unlike the others), except that each
  // wished cell costs at least its cheapest possible value: a wish no roster can meet, or an
  // on- and an off-wish on the same cell, cost something whatever the roster.
  const wishCost = new Map<number, Map<number, number>>();
  const addWish = (p: number, d: number, value: (v: number) => number): void => {
    const key = p * days + d;
    const costs = wishCost.get(key) ?? new Map<number, number>();
    wishCost.set(key, costs);
    for (let v = OFF; v < shiftCount; v++) costs.set(v, (costs.get(v) ?? 0) + value(v));
  };
  for (const r of problem.onRequests)
    addWish(r.person, r.day, (v) => (v === r.shift ? 0 : r.weight));
  for (const r of problem.offRequests)
    addWish(r.person, r.day, (v) => (v === r.shift ? r.weight : 0));
  for (const [key, costs] of wishCost) {
    const p = Math.floor(key / days);
    const d = key % days;
    const pinned = pinnedAt.get(key);
    let cheapest = Infinity;
    for (const [v, cost] of costs) {
      const allowed = v === OFF ? pinned === undefined || pinned === OFF : possible(p, d, v);
      if (allowed) cheapest = Math.min(cheapest, cost);
    }
    if (Number.isFinite(cheapest)) offset += cheapest;
  }

  return {
    numCols: colCost.length,
    colCost,
    colLower,
    colUpper,
    integrality,
    rows,
    offset,
    countCol,
    fairnessCols,
    classOfDay,
    classes,
  };
}

/**
 * Solves the counting relaxation with HiGHS within `timeLimitSeconds` (blocks the thread).
 *
 * Its LP bound is as weak as the full MIP's where it matters (a spread's highest count times
 * the number of people working an extra shift), and branching finds that slowly. So the
 * highest count of the heaviest fairness term is split by hand: one small MIP per value near
 * the LP's, one for the values below and one for the values above, each stopped as soon as
 * its bound reaches the best counts found. The bound is the least over the parts (a part
 * without counts adds nothing); a part out of time gives its dual bound, still valid.
 */
export function solveCountRelaxation(
  highs: Highs,
  problem: RosterProblem,
  options: { timeLimitSeconds: number },
): CountRelaxation {
  const started = performance.now();
  const left = (): number => options.timeLimitSeconds - (performance.now() - started) / 1000;
  const model = buildCountModel(problem);
  const result: CountRelaxation = {
    classOfDay: model.classOfDay,
    classes: model.classes,
    bound: 0,
    optimal: false,
    counts: undefined,
  };
  let best: { objective: number; colValue: ArrayLike<number> } | undefined;
  let bound: number;
  let optimal: boolean;
  const consider = (part: CountPart): void => {
    if (part.objective !== undefined && (best === undefined || part.objective < best.objective)) {
      best = { objective: part.objective, colValue: part.colValue! };
    }
  };

  const split = heaviestTerm(problem);
  if (split === undefined) {
    const whole = solveCountPart(highs, model, { timeLimitSeconds: left(), cutoff: Infinity });
    consider(whole);
    if (whole.infeasible) return { ...result, bound: Infinity, optimal: true };
    bound = whole.bound;
    optimal = whole.optimal;
  } else {
    // The LP's highest count of the heaviest term is where the parts start.
    const high = model.fairnessCols[split]!.high;
    const lp = solveCountPart(highs, model, {
      timeLimitSeconds: left() * 0.1,
      cutoff: Infinity,
      relaxation: true,
    });
    if (lp.infeasible) return { ...result, bound: Infinity, optimal: true };
    const centre = Math.min(problem.days, Math.max(0, Math.round(lp.colValue?.[high] ?? 0)));
    // The two values above it and that value first, from the top: the highest is the least
    // constrained, so it finds optimal counts soonest (seeds 1-5 of the office month: in
    // 0.05-0.3 s) and the cutoff then ends the next parts early; solved from the centre up,
    // the centre + 1 part had no cutoff and took ~1 s to prove its own optimum. Then all
    // values below at once: that part's bound is its LP's, far above the cutoff (cover is
    // short by whole evenings), and one run instead of one per value saves ~0.1 s each.
    // Then all higher values at once.
    const parts: [number, number][] = [];
    for (let h = Math.min(problem.days, centre + 2); h >= centre; h--) parts.push([h, h]);
    if (centre >= 1) parts.push([0, centre - 1]);
    if (centre + 3 <= problem.days) parts.push([centre + 3, problem.days]);
    const bounds: number[] = [];
    let allProven = true;
    for (const [index, [lower, upper]] of parts.entries()) {
      const part = solveCountPart(highs, model, {
        timeLimitSeconds: Math.max(0.02, left() / (parts.length - index)),
        cutoff: best?.objective ?? Infinity,
        fix: { col: high, lower, upper },
      });
      consider(part);
      bounds.push(part.infeasible ? Infinity : part.bound);
      if (!part.optimal && !part.infeasible) allProven = false;
    }
    // The parts cover every value of the highest count, so the least of their bounds holds
    // (a part stopped at the cutoff had a bound no lower than the best counts).
    bound = Math.min(best?.objective ?? Infinity, ...bounds);
    optimal = best !== undefined && (allProven || bound >= best.objective);
    if (best === undefined && bounds.every((b) => b === Infinity)) {
      return { ...result, bound: Infinity, optimal: true };
    }
  }
  if (best === undefined) return { ...result, bound, optimal: false };
  const colValue = best.colValue;
  const value = (col: number): number => (col < 0 ? 0 : Math.round(colValue[col] ?? 0));
  const shiftCount = problem.shifts.length;
  const classCount = model.classes.length;
  return {
    ...result,
    bound: optimal ? best.objective : bound,
    optimal,
    counts: problem.people.map((_, p) =>
      Array.from({ length: shiftCount }, (_, t) =>
        Array.from({ length: classCount }, (_, k) =>
          value(model.countCol[(p * shiftCount + t) * classCount + k]!),
        ),
      ),
    ),
  };
}

/** The fairness term whose spread weighs most (ties: the first), if any has a weight. */
export function heaviestTerm(problem: RosterProblem): number | undefined {
  let chosen: number | undefined;
  problem.fairness.forEach((term, f) => {
    if (term.weight > 0 && (chosen === undefined || term.weight > problem.fairness[chosen]!.weight))
      chosen = f;
  });
  return chosen;
}

/** What a part with no counts at all gives: nothing to find, and no bound against the rest. */
const INFEASIBLE_PART: CountPart = {
  infeasible: true,
  optimal: true,
  bound: Infinity,
  objective: undefined,
  colValue: undefined,
};

type CountPart = {
  infeasible: boolean;
  optimal: boolean;
  /** Proven lower bound of this part (rounded up). */
  bound: number;
  objective: number | undefined;
  colValue: ArrayLike<number> | undefined;
};

/** One HiGHS run of the count model, optionally with one column's bounds narrowed. */
function solveCountPart(
  highs: Highs,
  model: CountModel,
  options: {
    timeLimitSeconds: number;
    /** Stop once the bound reaches this: the part cannot beat counts found elsewhere. */
    cutoff: number;
    fix?: { col: number; lower: number; upper: number };
    /** The LP relaxation only (a bound and fractional counts). */
    relaxation?: boolean;
  },
): CountPart {
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of model.rows) {
    for (const [col, coef] of row.terms) {
      indices.push(col);
      values.push(coef);
    }
    starts.push(indices.length);
  }
  const colLower = Float64Array.from(model.colLower);
  const colUpper = Float64Array.from(model.colUpper);
  if (options.fix !== undefined) {
    colLower[options.fix.col] = Math.max(colLower[options.fix.col]!, options.fix.lower);
    colUpper[options.fix.col] = Math.min(colUpper[options.fix.col]!, options.fix.upper);
    if (colLower[options.fix.col]! > colUpper[options.fix.col]!) {
      return INFEASIBLE_PART;
    }
  }
  const numRows = model.rows.length;
  const highsModel = highs.createModel({
    numCols: model.numCols,
    numRows,
    offset: model.offset,
    colCost: Float64Array.from(model.colCost),
    colLower,
    colUpper,
    rowLower: Float64Array.from(model.rows.map((r) => r.lower)),
    rowUpper: Float64Array.from(model.rows.map((r) => r.upper)),
    matrix: {
      format: 'csr',
      numRows,
      numCols: model.numCols,
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
    ...(options.relaxation === true ? {} : { integrality: Int32Array.from(model.integrality) }),
  });
  try {
    highsModel.options.set({
      output_flag: false,
      time_limit: Math.max(0.02, options.timeLimitSeconds),
      mip_rel_gap: 0,
      mip_abs_gap: 0.999,
    });
    const result = highsModel.run({
      [highs.constants.callbackType.mipInterrupt](event) {
        const dual = event.data.mip_dual_bound;
        if (dual !== undefined && roundUpBound(dual) >= options.cutoff) event.interrupt();
      },
    });
    const statuses = highs.constants.modelStatus;
    if (result.modelStatus === statuses.infeasible) {
      return INFEASIBLE_PART;
    }
    const optimal = result.modelStatus === statuses.optimal;
    if (options.relaxation === true) {
      return {
        infeasible: false,
        optimal,
        bound: optimal ? roundUpBound(highsModel.getObjectiveValue()) : 0,
        objective: undefined,
        colValue: optimal ? highsModel.getSolution().colValue : undefined,
      };
    }
    const primal = highsModel.info.get('primal_solution_status');
    const hasSolution = typeof primal === 'number' && primal >= 2;
    const objective = hasSolution ? Math.round(highsModel.getObjectiveValue()) : undefined;
    const dual = highsModel.info.get('mip_dual_bound');
    let bound = typeof dual === 'number' && Number.isFinite(dual) ? roundUpBound(dual) : 0;
    if (optimal && objective !== undefined) bound = objective;
    return {
      infeasible: false,
      optimal,
      bound,
      objective,
      colValue: hasSolution ? highsModel.getSolution().colValue : undefined,
    };
  } finally {
    highsModel.dispose();
  }
}

/**
 * The fairness bands of the relaxation's counts (column-generation.ts `FairnessBand`): for
 * each term, the least and the most cells of it a person works in those counts. A roster
 * keeping them has spreads no wider than the relaxation's; undefined without counts.
 */
export function fairnessBandsOf(
  problem: RosterProblem,
  relaxation: CountRelaxation,
): FairnessBand[] | undefined {
  const { counts, classes } = relaxation;
  if (counts === undefined) return undefined;
  return problem.fairness.map((term) => {
    const termDays = new Set(term.days);
    // Every day of a class is in a term or none is (the classes are built so).
    const inTerm = classes.map((days) => days.length > 0 && termDays.has(days[0]!));
    const perPerson = counts.map((byShift) => {
      let count = 0;
      for (const t of new Set(term.shifts)) {
        byShift[t]?.forEach((n, k) => {
          if (inTerm[k] === true) count += n;
        });
      }
      return count;
    });
    return { lo: Math.min(...perPerson), hi: Math.max(...perPerson) };
  });
}
