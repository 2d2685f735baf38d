import type { Highs } from 'highs';
import { OFF, weekendOfDays, type RosterProblem } from '../domain/roster/roster-model.ts';

/**
 * The counting relaxation of a roster problem, as arrays for HiGHS: the order of the days is
 * forgotten, and each person only chooses how many shifts of each type to work in each class
 * of days (days alike for the cover weights, the fairness terms and weekends). What remains of
 * the rules: at most one shift a day, max shifts per type, total minutes, the most days the
 * max-run rule and days off leave workable, and the weekend-day limit. Cover is counted per
 * class (never more than the day-by-day penalty), fairness exactly, and wishes that can never
 * be met are constants.
 *
 * Its optimum is a valid lower bound of the roster objective, and often a strong one where the
 * full MIP's LP is weak: fairness spreads (max − min) and the integer trade between shift
 * lengths and worked days (a person short of minutes on short shifts must work an extra day,
 * which overstaffs) are decided exactly here, in a tiny integer programme.
 */
export type CountModel = {
  numCols: number;
  numRows: number;
  offset: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  matrix: {
    format: 'csr';
    numRows: number;
    numCols: number;
    starts: Int32Array;
    indices: Int32Array;
    values: Float64Array;
  };
  integrality: Int32Array;
  /** Number of day classes used. */
  classes: number;
  /** Class of each day. */
  classOf: number[];
  /** `countCol[p][t][c]`: the column counting person p's shifts t in class c, or -1. */
  countCol: number[][][];
};

/** Most count variables (people × shifts × classes) before classes are merged coarser. */
const maxCountVariables = 60_000;

export function buildCountModel(problem: RosterProblem): CountModel {
  const { days, shifts, people } = problem;
  const T = shifts.length;
  const weekendOf = weekendOfDays(problem);

  // Classes of days: alike in fairness membership and weekend-ness (always), and in cover
  // (required heads and weights) when that stays small enough (a tighter bound).
  const memberKey = (d: number): string =>
    problem.fairness
      .map((term) => term.shifts.map((t) => (term.days.includes(d) ? `${t}` : '')).join('.'))
      .join('|') + (weekendOf[d]! >= 0 ? 'w' : '');
  const coverKey = (d: number): string =>
    (problem.cover[d] ?? []).map((c) => `${c.required}/${c.underWeight}/${c.overWeight}`).join(',');
  const classify = (key: (d: number) => string): number[] => {
    const ids = new Map<string, number>();
    return Array.from({ length: days }, (_, d) => {
      const k = key(d);
      let id = ids.get(k);
      if (id === undefined) {
        id = ids.size;
        ids.set(k, id);
      }
      return id;
    });
  };
  let classOf = classify((d) => `${memberKey(d)}#${coverKey(d)}`);
  let classCount = Math.max(0, ...classOf) + 1;
  if (people.length * T * classCount > maxCountVariables) {
    classOf = classify(memberKey);
    classCount = Math.max(0, ...classOf) + 1;
  }
  const daysOfClass: number[][] = Array.from({ length: classCount }, () => []);
  classOf.forEach((c, d) => daysOfClass[c]!.push(d));

  const colCost: number[] = [];
  const colLower: number[] = [];
  const colUpper: number[] = [];
  const integrality: number[] = [];
  const addCol = (cost: number, lower: number, upper: number, integer: boolean): number => {
    colCost.push(cost);
    colLower.push(lower);
    colUpper.push(upper);
    integrality.push(integer ? 1 : 0);
    return colCost.length - 1;
  };
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const addRow = (terms: [number, number][], lower: number, upper: number): void => {
    for (const [col, value] of terms) {
      indices.push(col);
      values.push(value);
    }
    starts.push(indices.length);
    rowLower.push(lower);
    rowUpper.push(upper);
  };

  const pinnedAt = new Map<number, number>();
  for (const pin of problem.pinned) pinnedAt.set(pin.person * days + pin.day, pin.shift);

  // n[p][t][c]: column index, or -1 when the person may not work t in c at all.
  const n: number[][][] = people.map((person, p) => {
    const off = new Set(person.daysOff);
    const open = new Array<number>(classCount).fill(0);
    const pinnedCount: number[][] = Array.from({ length: T }, () =>
      new Array<number>(classCount).fill(0),
    );
    for (let d = 0; d < days; d++) {
      const pin = pinnedAt.get(p * days + d);
      if (pin !== undefined && pin !== OFF && pin >= 0 && pin < T) {
        pinnedCount[pin]![classOf[d]!]!++;
      }
      if (off.has(d) || pin === OFF) continue;
      open[classOf[d]!]!++;
    }
    const cols = shifts.map((_, t) =>
      Array.from({ length: classCount }, (_, c) => {
        const upper = (person.maxShifts[t] ?? 0) > 0 ? open[c]! : 0;
        const lower = pinnedCount[t]![c]!;
        if (upper <= 0 && lower <= 0) return -1;
        return addCol(0, lower, Math.max(lower, upper), true);
      }),
    );
    // At most one shift a day in each class.
    for (let c = 0; c < classCount; c++) {
      const terms = cols.map((row) => row[c]!).filter((col) => col >= 0);
      if (terms.length > 1)
        addRow(
          terms.map((col) => [col, 1]),
          -Infinity,
          open[c]!,
        );
    }
    const all = (weight: (t: number, c: number) => number): [number, number][] =>
      cols.flatMap((row, t) =>
        row.flatMap((col, c): [number, number][] => (col >= 0 ? [[col, weight(t, c)]] : [])),
      );
    shifts.forEach((_, t) => {
      const limit = person.maxShifts[t] ?? 0;
      const terms = all((u) => (u === t ? 1 : 0)).filter(([, v]) => v !== 0);
      if (terms.length > 0 && limit < days) addRow(terms, -Infinity, limit);
    });
    addRow(
      all((t) => shifts[t]!.minutes),
      person.minTotalMinutes,
      person.maxTotalMinutes,
    );
    addRow(
      all(() => 1),
      -Infinity,
      mostWorkableDays(days, off, person.maxConsecutiveShifts),
    );
    const weekendTerms = all((_, c) => (weekendOf[daysOfClass[c]![0]!]! >= 0 ? 1 : 0)).filter(
      ([, v]) => v !== 0,
    );
    if (weekendTerms.length > 0) addRow(weekendTerms, -Infinity, 2 * person.maxWeekends);
    return cols;
  });

  // Cover per shift and class, with the class's smallest weights.
  for (let t = 0; t < T; t++) {
    for (let c = 0; c < classCount; c++) {
      let required = 0;
      let under = Infinity;
      let over = Infinity;
      for (const d of daysOfClass[c]!) {
        const need = problem.cover[d]?.[t];
        required += need?.required ?? 0;
        under = Math.min(under, need?.underWeight ?? 0);
        over = Math.min(over, need?.overWeight ?? 0);
      }
      const terms: [number, number][] = [];
      for (let p = 0; p < people.length; p++) {
        const col = n[p]![t]![c]!;
        if (col >= 0) terms.push([col, 1]);
      }
      const underCol = addCol(under, 0, Math.max(0, required), false);
      const overCol = addCol(over, 0, Infinity, false);
      addRow([...terms, [underCol, 1], [overCol, -1]], required, required);
    }
  }

  // Fairness exactly: weight × (high − low) over each person's count in the term.
  for (const term of problem.fairness) {
    if (term.weight <= 0 || people.length === 0) continue;
    const termDays = new Set(term.days.filter((d) => d >= 0 && d < days));
    const termShifts = new Set(term.shifts);
    // Classes are alike in membership, so a class is wholly in or out of the term.
    const inClass = daysOfClass.map((list) => list.length > 0 && termDays.has(list[0]!));
    const high = addCol(term.weight, 0, Infinity, true);
    const low = addCol(-term.weight, 0, Infinity, true);
    for (let p = 0; p < people.length; p++) {
      const terms: [number, number][] = [];
      for (const t of termShifts) {
        for (let c = 0; c < classCount; c++) {
          const col = n[p]![t]?.[c] ?? -1;
          if (col >= 0 && inClass[c] === true) terms.push([col, -1]);
        }
      }
      addRow([[high, 1], ...terms], 0, Infinity);
      addRow([[low, 1], ...terms], -Infinity, 0);
    }
  }

  // On-requests that no roster can meet (day off, pinned elsewhere, shift never allowed).
  let offset = 0;
  for (const request of problem.onRequests) {
    const person = people[request.person];
    const pin = pinnedAt.get(request.person * days + request.day);
    const impossible =
      person === undefined ||
      person.daysOff.includes(request.day) ||
      (person.maxShifts[request.shift] ?? 0) <= 0 ||
      (pin !== undefined && pin !== request.shift);
    if (impossible) offset += request.weight;
  }
  for (const request of problem.offRequests) {
    if (pinnedAt.get(request.person * days + request.day) === request.shift)
      offset += request.weight;
  }

  const numCols = colCost.length;
  const numRows = rowLower.length;
  return {
    numCols,
    numRows,
    offset,
    colCost: Float64Array.from(colCost),
    colLower: Float64Array.from(colLower),
    colUpper: Float64Array.from(colUpper),
    rowLower: Float64Array.from(rowLower),
    rowUpper: Float64Array.from(rowUpper),
    matrix: {
      format: 'csr',
      numRows,
      numCols,
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
    integrality: Int32Array.from(integrality),
    classes: classCount,
    classOf,
    countCol: n,
  };
}

/**
 * Most days a person can work with runs of at most `maxRun` days and the given days off:
 * working every open day and resting only when the run is full is optimal (exchange argument).
 */
function mostWorkableDays(days: number, off: ReadonlySet<number>, maxRun: number): number {
  let total = 0;
  let run = 0;
  for (let d = 0; d < days; d++) {
    if (off.has(d) || run >= maxRun) {
      run = 0;
      continue;
    }
    run++;
    total++;
  }
  return total;
}

/**
 * A proven lower bound on the objective of every roster of `problem` (ROSTER-1), from the
 * counting relaxation ({@link buildCountModel}) solved by HiGHS within the time limit: its
 * optimum when proven, else its dual bound. 0 when nothing is proven in time.
 */
export function countLowerBound(
  highs: Highs,
  problem: RosterProblem,
  options: { timeLimitSeconds: number },
): number {
  const model = buildCountModel(problem);
  const instance = highs.createModel(model);
  try {
    instance.options.set({
      output_flag: false,
      time_limit: Math.max(0.05, options.timeLimitSeconds),
      mip_rel_gap: 0,
      mip_abs_gap: 0.999,
    });
    const result = instance.run();
    const statuses = highs.constants.modelStatus;
    if (result.modelStatus === statuses.infeasible) return Infinity;
    if (result.modelStatus === statuses.optimal) {
      return Math.max(0, roundUp(instance.getObjectiveValue()));
    }
    const dual = instance.info.get('mip_dual_bound');
    if (typeof dual === 'number' && Number.isFinite(dual)) return Math.max(0, roundUp(dual));
    return 0;
  } finally {
    instance.dispose();
  }
}

function roundUp(value: number): number {
  return Math.ceil(value - 1e-6);
}
