import type { Highs } from 'highs';
import { OFF, weekendOfDays, type RosterProblem } from '../domain/roster/roster-model.ts';
import { createColumnList } from './model-columns.ts';
import { solveLpOnce, type LinearModel } from './lp-bound.ts';

/**
 * Most patterns (`weekendPatternCount`, before the rest rule takes some out) for the weekend
 * relaxation: Instance 13 counts 83,367 (53,454 columns) and its LP solves in 1.3-3.7 s, 22
 * counts 137,071 (8-12 s); 23's 582,015 did not solve in 120 s and 24 counts 3.4 million.
 */
const MAX_PATTERNS = 400_000;

/** Each weekend's days, in order (one day where the horizon cuts a weekend). */
function weekendDays(problem: RosterProblem): number[][] {
  const groups: number[][] = [];
  weekendOfDays(problem).forEach((weekend, day) => {
    if (weekend >= 0) (groups[weekend] ??= []).push(day);
  });
  return groups.filter((group) => group.length > 0);
}

/** The shifts person `p` may work on `day` by their own rules (types allowed, leave). */
function optionsOn(problem: RosterProblem, p: number, day: number): number[] {
  const person = problem.people[p]!;
  if (person.daysOff.includes(day)) return [];
  return problem.shifts.flatMap((_, t) => ((person.maxShifts[t] ?? 0) > 0 ? [t] : []));
}

/** How many pattern columns the weekend relaxation of `problem` has. */
export function weekendPatternCount(problem: RosterProblem): number {
  let count = 0;
  for (const group of weekendDays(problem)) {
    for (let p = 0; p < problem.people.length; p++) {
      count += group.reduce((n, day) => n * (optionsOn(problem, p, day).length + 1), 1) - 1;
    }
  }
  return count;
}

/** Whether the weekend relaxation is worth building (see `MAX_PATTERNS`). */
export function weekendBoundApplies(problem: RosterProblem): boolean {
  const count = weekendPatternCount(problem);
  return count > 0 && count <= MAX_PATTERNS;
}

/**
 * The weekend relaxation's LP (issue 3, "gap reported"): only the weekends' days, with each
 * person's work on one weekend as a single column (a pattern: the shift or day off of each of
 * its days, meeting their types, leave, the succession rule within the weekend and a longest
 * run under two). A person takes at most one pattern a weekend and at most `maxWeekends`
 * patterns in all, and at most `maxShifts` of each shift over the weekends; the objective is
 * the cover and the wishes of the weekend days. Every roster restricted to its weekends is a
 * solution, and every other term of the objective is at least 0, so the LP's value is a lower
 * bound on the roster objective.
 *
 * Why patterns: the compact model lets a person work a fraction of each day of a weekend for
 * the same fraction of it, and its LP on Instance 13 is 521; with whole patterns the LP is
 * 1151. Without wishes it is 1100 (11 heads short), and the MIP proves that too: every
 * roster of Instance 13 leaves at least 11 heads short on its weekends, where the cover asks
 * 482 shifts of 250 weekends' work (docs/BENCHMARKS.md, session 35).
 */
export function buildWeekendRelaxation(problem: RosterProblem): LinearModel {
  const { shifts, people, cover } = problem;
  const T = shifts.length;
  const groups = weekendDays(problem);
  const weekendDaySet = new Set(groups.flat());

  // Wish cost of person p working shift t (or OFF) on a weekend day.
  const wishCost = new Map<number, number>();
  const wishKey = (p: number, day: number, t: number): number =>
    (p * problem.days + day) * (T + 1) + t + 1;
  const addWish = (p: number, day: number, t: number, weight: number): void => {
    const key = wishKey(p, day, t);
    wishCost.set(key, (wishCost.get(key) ?? 0) + weight);
  };
  for (const request of problem.onRequests) {
    if (!weekendDaySet.has(request.day)) continue;
    for (let t = OFF; t < T; t++) {
      if (t !== request.shift) addWish(request.person, request.day, t, request.weight);
    }
  }
  for (const request of problem.offRequests) {
    if (weekendDaySet.has(request.day)) {
      addWish(request.person, request.day, request.shift, request.weight);
    }
  }
  const costOf = (p: number, day: number, t: number): number =>
    wishCost.get(wishKey(p, day, t)) ?? 0;

  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const addRow = (lower: number, upper: number): number => {
    rowLower.push(lower);
    rowUpper.push(upper);
    return rowLower.length - 1;
  };
  const columns = createColumnList();
  const entries: [number, number][][] = [];
  const addCol = (cost: number, upper: number, integer: boolean, col: [number, number][]) => {
    columns.add(cost, 0, upper, integer);
    entries.push(col);
  };

  // Cover of each weekend day and shift: worked + short − extra = required.
  const coverRow = new Map<number, number>();
  for (const day of weekendDaySet) {
    for (let t = 0; t < T; t++) {
      const need = cover[day]?.[t];
      if (need === undefined) continue;
      const row = addRow(need.required, need.required);
      coverRow.set(day * T + t, row);
      addCol(need.underWeight, Infinity, false, [[row, 1]]);
      addCol(need.overWeight, Infinity, false, [[row, -1]]);
    }
  }

  let offset = 0;
  people.forEach((person, p) => {
    const weekendsRow = addRow(-Infinity, person.maxWeekends);
    const countRow = new Map<number, number>();
    shifts.forEach((_, t) => {
      const most = person.maxShifts[t] ?? 0;
      if (most > 0 && most < weekendDaySet.size) countRow.set(t, addRow(-Infinity, most));
    });
    for (const group of groups) {
      const oneRow = addRow(-Infinity, 1);
      // The all-off pattern is the slack of `oneRow`: its wish cost goes to the offset.
      const offCost = group.reduce((sum, day) => sum + costOf(p, day, OFF), 0);
      offset += offCost;
      const choices = group.map((day) => [OFF, ...optionsOn(problem, p, day)]);
      const pattern = new Array<number>(group.length).fill(OFF);
      // One column for the pattern as it stands (not the all-off one).
      const emit = (): void => {
        if (pattern.every((t) => t === OFF)) return;
        const col = new Map<number, number>([
          [weekendsRow, 1],
          [oneRow, 1],
        ]);
        let cost = -offCost;
        group.forEach((day, i) => {
          const t = pattern[i]!;
          cost += costOf(p, day, t);
          if (t === OFF) return;
          const row = coverRow.get(day * T + t);
          if (row !== undefined) col.set(row, 1);
          const count = countRow.get(t);
          if (count !== undefined) col.set(count, (col.get(count) ?? 0) + 1);
        });
        addCol(cost, 1, true, [...col]);
      };
      const visit = (i: number): void => {
        if (i === group.length) {
          emit();
          return;
        }
        for (const t of choices[i]!) {
          if (i > 0 && t !== OFF && pattern[i - 1] !== OFF) {
            if (shifts[pattern[i - 1]!]!.forbiddenNext.includes(t)) continue;
            if (person.maxConsecutiveShifts < 2) continue;
          }
          pattern[i] = t;
          visit(i + 1);
        }
        pattern[i] = OFF;
      };
      visit(0);
    }
  });

  // Built by columns, handed over by rows (CSR, as the roster MIP's): `lagrangianBound` reads
  // the rows.
  const numRows = rowLower.length;
  const numCols = entries.length;
  const rowCounts = new Int32Array(numRows + 1);
  for (const col of entries) for (const [row] of col) rowCounts[row + 1]!++;
  for (let r = 0; r < numRows; r++) rowCounts[r + 1]! += rowCounts[r]!;
  const starts = Int32Array.from(rowCounts);
  const fill = Int32Array.from(rowCounts.subarray(0, numRows));
  const indices = new Int32Array(starts[numRows]!);
  const values = new Float64Array(starts[numRows]!);
  entries.forEach((col, j) => {
    for (const [row, value] of col) {
      const k = fill[row]!++;
      indices[k] = j;
      values[k] = value;
    }
  });
  return {
    numCols,
    numRows,
    offset,
    colCost: Float64Array.from(columns.cost),
    colLower: Float64Array.from(columns.lower),
    colUpper: Float64Array.from(columns.upper),
    rowLower: Float64Array.from(rowLower),
    rowUpper: Float64Array.from(rowUpper),
    matrix: { format: 'csr', numRows, numCols, starts, indices, values },
    integrality: Int32Array.from(columns.integrality),
  };
}

/**
 * The weekend relaxation's bound (`buildWeekendRelaxation`), solved within the time limit;
 * 0 where it does not apply or proves nothing.
 */
export function solveWeekendBound(
  highs: Highs,
  problem: RosterProblem,
  options: { timeLimitSeconds: number },
): { bound: number; seconds: number } {
  const started = performance.now();
  const seconds = (): number => (performance.now() - started) / 1000;
  if (!weekendBoundApplies(problem)) return { bound: 0, seconds: seconds() };
  const model = buildWeekendRelaxation(problem);
  const left = options.timeLimitSeconds - seconds();
  if (left < 0.1) return { bound: 0, seconds: seconds() };
  // Simplex: exact multipliers. The interior point's, without crossover, proved nothing on
  // small degenerate models (0 where the LP is 10).
  const { bound } = solveLpOnce(highs, model, 'on', left, 'simplex');
  return { bound, seconds: seconds() };
}
