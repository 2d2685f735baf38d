import {
  OFF,
  weekendCount,
  weekendOfDays,
  type Roster,
  type RosterProblem,
} from '../domain/roster/roster-model.ts';
import type { HardRule } from '../domain/roster/roster-evaluator.ts';
import { createColumnList } from './model-columns.ts';

/**
 * Which part of the roster the MIP may change. Everything outside stays as in `current`.
 * Omitted fields mean "all": the full model (exact solve, lower bound).
 */
export type MipScope = {
  current?: Roster;
  people?: number[];
  firstDay?: number;
  lastDay?: number;
  /** Only these days of [firstDay, lastDay] are free (default: all of them). */
  freeDays?: number[];
  /** Hard rules left out (to find which rules conflict when no roster exists). */
  omitRules?: HardRule[];
  /** Leave out the objective: any roster meeting the rules will do. */
  feasibilityOnly?: boolean;
  /**
   * Tighter totals for the free people than their contracts (rolling-horizon construction:
   * a prorated share of the month so far). Each value is clamped to the contract.
   */
  totals?: { minMinutes: number; maxMinutes: number; share: number };
  /**
   * Free people whose free cells keep whether they are worked in `current`: only the shift
   * type of a worked cell may change. With every person in it this hands shifts of one type
   * from person to person across the whole horizon at once (the fairness spreads), which
   * smaller neighbourhoods cannot do one step at a time.
   */
  retypeOnly?: number[];
};

/** Arrays in the shape of HiGHS `ModelData` (minimisation), plus how to read a solution back. */
export type RosterMip = {
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
  /** Rows made only of fixed cells that those cells break: the model is infeasible if > 0. */
  brokenFixedRows: number;
  /** Number of assignment (x) columns; they come first. */
  assignmentCols: number;
  /** For assignment column `j`: person, day and shift, packed as three entries at `3j`. */
  cellOfCol: Int32Array;
  /** Reads a HiGHS column vector back into a roster (starting from `current`). */
  decode: (colValue: ArrayLike<number>) => Roster;
  /**
   * A sparse MIP start (`setSolution`) giving every assignment column its value in `roster`;
   * HiGHS completes the continuous columns itself.
   */
  encode: (roster: Roster) => { indices: Int32Array; values: Float64Array };
};

const INFINITY = Number.POSITIVE_INFINITY;

/**
 * Builds the integer programme of FORMAT.md §6 (run-start form for the min-run rules, which
 * gives a better LP bound) for the cells in `scope`; cells outside are constants moved into
 * the row bounds and objective offset, so the MIP objective equals the roster objective.
 * Built as arrays because HiGHS reads LP text outside its time limit (issue 3 notes).
 */
export function buildRosterMip(problem: RosterProblem, scope: MipScope = {}): RosterMip {
  const { days, shifts, people } = problem;
  const shiftCount = shifts.length;
  const current = scope.current ?? problem.people.map(() => new Array<number>(days).fill(OFF));
  const firstDay = Math.max(0, scope.firstDay ?? 0);
  const lastDay = Math.min(days - 1, scope.lastDay ?? days - 1);
  const freePeople = scope.people ?? people.map((_, p) => p);
  const isFreeDay = new Uint8Array(days);
  for (let d = firstDay; d <= lastDay; d++) isFreeDay[d] = scope.freeDays === undefined ? 1 : 0;
  for (const d of scope.freeDays ?? []) if (d >= firstDay && d <= lastDay) isFreeDay[d] = 1;
  const isFreePerson = new Uint8Array(people.length);
  for (const p of freePeople) isFreePerson[p] = 1;
  const isRetypeOnly = new Uint8Array(people.length);
  for (const p of scope.retypeOnly ?? []) isRetypeOnly[p] = 1;

  const omit = new Set(scope.omitRules ?? []);
  // Pinned cells and days off are never free: they are constants like the rest.
  const pinnedAt = new Map<number, number>();
  if (!omit.has('pinned')) {
    for (const pin of problem.pinned) pinnedAt.set(pin.person * days + pin.day, pin.shift);
  }

  const columns = createColumnList();
  const { cost: colCost, lower: colLower, upper: colUpper, integrality } = columns;
  const addCol = columns.add;
  const cellOfCol: number[] = [];

  // xCol[(p*days+d)*T+t]: column index, or -1 when the cell is a constant (see value()).
  const xCol = new Int32Array(people.length * days * shiftCount).fill(-1);
  for (const p of freePeople) {
    const person = people[p]!;
    const offDays = new Set(omit.has('day-off') ? [] : person.daysOff);
    for (let d = firstDay; d <= lastDay; d++) {
      if (isFreeDay[d] !== 1 || offDays.has(d) || pinnedAt.has(p * days + d)) continue;
      if (isRetypeOnly[p] === 1 && (current[p]?.[d] ?? OFF) === OFF) continue;
      for (let t = 0; t < shiftCount; t++) {
        if ((person.maxShifts[t] ?? 0) <= 0 && !omit.has('max-shifts')) continue;
        xCol[(p * days + d) * shiftCount + t] = addCol(0, 0, 1, true);
        cellOfCol.push(p, d, t);
      }
    }
  }
  const assignmentCols = colCost.length;
  let brokenFixedRows = 0;
  if (!omit.has('day-off')) {
    // A shift pinned on a day off: both are constants, no row would catch it.
    for (const [key, shift] of pinnedAt) {
      const p = Math.floor(key / days);
      if (shift !== OFF && isFreePerson[p] === 1 && people[p]!.daysOff.includes(key % days)) {
        brokenFixedRows++;
      }
    }
  }
  const isFreeCell = (p: number, d: number): boolean => isFreePerson[p] === 1 && isFreeDay[d] === 1;
  /** The constant value of x[p,d,t] for a cell that has no column. */
  const value = (p: number, d: number, t: number): number => {
    const pinned = pinnedAt.get(p * days + d);
    if (pinned !== undefined) return pinned === t ? 1 : 0;
    if (isFreeCell(p, d)) return 0; // free but impossible (day off, shift not allowed)
    return current[p]?.[d] === t ? 1 : 0;
  };

  let offset = 0;
  const rowStarts: number[] = [0];
  const rowIndices: number[] = [];
  const rowValues: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  let constant = 0;
  let rowStart = 0;
  const termX = (coef: number, p: number, d: number, t: number): void => {
    const col = xCol[(p * days + d) * shiftCount + t]!;
    if (col >= 0) {
      rowIndices.push(col);
      rowValues.push(coef);
    } else constant += coef * value(p, d, t);
  };
  const termW = (coef: number, p: number, d: number): void => {
    for (let t = 0; t < shiftCount; t++) termX(coef, p, d, t);
  };
  const termCol = (coef: number, col: number): void => {
    rowIndices.push(col);
    rowValues.push(coef);
  };
  /** Closes the row `lower ≤ terms ≤ upper`; a row with no free term is dropped. */
  const endRow = (lower: number, upper: number): void => {
    if (rowIndices.length === rowStart) {
      // Only constants: the fixed cells alone decide the row (e.g. a pinned shift the person
      // may never work). A broken one makes the model infeasible as it stands.
      if (constant < lower - 1e-9 || constant > upper + 1e-9) brokenFixedRows++;
      constant = 0;
      return;
    }
    rowLower.push(lower - constant);
    rowUpper.push(upper - constant);
    rowStarts.push(rowIndices.length);
    rowStart = rowIndices.length;
    constant = 0;
  };

  const weekendOf = weekendOfDays(problem);
  const weekends = weekendCount(problem);
  const daysOfWeekend: number[][] = Array.from({ length: weekends }, () => []);
  weekendOf.forEach((w, d) => {
    if (w >= 0) daysOfWeekend[w]!.push(d);
  });

  for (const p of freePeople) {
    const person = people[p]!;
    // Rows reaching further than this from the free days only hold constants.
    const reach =
      Math.max(
        person.maxConsecutiveShifts,
        person.minConsecutiveShifts,
        person.minConsecutiveDaysOff,
      ) + 2;
    const lo = Math.max(0, firstDay - reach);
    const hi = Math.min(days - 1, lastDay + reach);

    for (let d = firstDay; d <= lastDay; d++) {
      // (A day that is not free holds only constants: no row.)
      if (isFreeDay[d] !== 1) continue;
      termW(1, p, d);
      const keepWorked =
        isRetypeOnly[p] === 1 && (current[p]?.[d] ?? OFF) !== OFF && !pinnedAt.has(p * days + d);
      endRow(keepWorked ? 1 : -INFINITY, 1);
    }
    // Successions: t on d excludes its forbidden followers on d+1.
    for (let d = Math.max(0, firstDay - 1); d <= Math.min(days - 2, lastDay); d++) {
      if (omit.has('succession')) break;
      // (Neither day free: only constants, no row.)
      if (isFreeDay[d] !== 1 && isFreeDay[d + 1] !== 1) continue;
      for (let t = 0; t < shiftCount; t++) {
        const forbidden = [...new Set(shifts[t]!.forbiddenNext)];
        if (forbidden.length === 0) continue;
        termX(1, p, d, t);
        for (const u of forbidden) termX(1, p, d + 1, u);
        endRow(-INFINITY, 1);
      }
    }
    const totals = scope.totals;
    // A prorated cap never exceeds the contract, so the final totals stay within it.
    const prorate = (limit: number): number =>
      totals === undefined ? limit : Math.min(limit, Math.ceil(limit * totals.share) + 1);
    for (let t = 0; t < shiftCount; t++) {
      const limit = prorate(person.maxShifts[t] ?? 0);
      if (limit >= days || omit.has('max-shifts')) continue;
      for (let d = 0; d < days; d++) termX(1, p, d, t);
      endRow(-INFINITY, limit);
    }
    for (let d = 0; d < days; d++) {
      for (let t = 0; t < shiftCount; t++) termX(shifts[t]!.minutes, p, d, t);
    }
    endRow(
      omit.has('min-total-minutes')
        ? -INFINITY
        : Math.max(0, Math.min(person.minTotalMinutes, totals?.minMinutes ?? Infinity)),
      omit.has('max-total-minutes')
        ? INFINITY
        : Math.min(person.maxTotalMinutes, totals?.maxMinutes ?? Infinity),
    );

    // Whole shifts: the minute limits bound the number of shifts by the longest and the
    // shortest shift the person may work (a rounding the LP does not see by itself).
    const allowedMinutes = shifts
      .filter((_, t) => omit.has('max-shifts') || (person.maxShifts[t] ?? 0) > 0)
      .map((shift) => shift.minutes);
    if (allowedMinutes.length > 0 && Math.min(...allowedMinutes) > 0) {
      const lower = omit.has('min-total-minutes')
        ? 0
        : Math.max(0, Math.min(person.minTotalMinutes, totals?.minMinutes ?? Infinity));
      const upper = omit.has('max-total-minutes')
        ? INFINITY
        : Math.min(person.maxTotalMinutes, totals?.maxMinutes ?? Infinity);
      const fewest = Math.ceil(lower / Math.max(...allowedMinutes) - 1e-9);
      const most = Math.floor(upper / Math.min(...allowedMinutes) + 1e-9);
      if (fewest > 0 || most < days) {
        for (let d = 0; d < days; d++) termW(1, p, d);
        endRow(fewest, most);
      }
    }

    const g = person.maxConsecutiveShifts;
    for (let s = Math.max(0, lo - g); s + g <= Math.min(days - 1, hi + g); s++) {
      if (omit.has('max-consecutive-shifts')) break;
      for (let d = s; d <= s + g; d++) termW(1, p, d);
      endRow(-INFINITY, g);
    }
    for (let d = Math.max(1, lo); d <= hi; d++) {
      // A run of work starting on d (off on d-1) lasts minConsecutiveShifts days or to the end.
      const minRun = omit.has('min-consecutive-shifts') ? 0 : person.minConsecutiveShifts;
      const minOff = omit.has('min-consecutive-days-off') ? 0 : person.minConsecutiveDaysOff;
      for (let j = 1; j < minRun && d + j <= days - 1; j++) {
        termW(1, p, d);
        termW(-1, p, d - 1);
        termW(-1, p, d + j);
        endRow(-INFINITY, 0);
      }
      // A run of days off starting on d (worked d-1) lasts minConsecutiveDaysOff or to the end.
      for (let j = 1; j < minOff && d + j <= days - 1; j++) {
        termW(1, p, d - 1);
        termW(-1, p, d);
        termW(1, p, d + j);
        endRow(-INFINITY, 1);
      }
    }

    if (person.maxWeekends < weekends && !omit.has('max-weekends')) {
      // k[w] ≥ worked(d) for each weekend day; Σ k ≤ maxWeekends. Fully fixed weekends are
      // constants; a weekend already worked on a fixed day forces its k to 1.
      const kCol = new Map<number, number>();
      let fixedWorked = 0;
      for (let w = 0; w < weekends; w++) {
        const weekendDays = daysOfWeekend[w]!;
        const anyFree = weekendDays.some((d) => isFreeCell(p, d));
        const fixedOn = weekendDays.some((d) =>
          shifts.some((_, t) => xCol[(p * days + d) * shiftCount + t]! < 0 && value(p, d, t) > 0),
        );
        if (!anyFree) {
          if (fixedOn) fixedWorked++;
          continue;
        }
        const k = addCol(0, fixedOn ? 1 : 0, 1, false);
        kCol.set(w, k);
        for (const d of weekendDays) {
          termCol(1, k);
          termW(-1, p, d);
          endRow(0, INFINITY);
        }
      }
      for (const k of kCol.values()) termCol(1, k);
      endRow(-INFINITY, prorate(person.maxWeekends) - fixedWorked);
    }
  }

  // Wishes: an unmet on-request costs its weight, written as weight − weight·x.
  const xCost = new Map<number, number>();
  const addCost = (p: number, d: number, t: number, cost: number): void => {
    const col = xCol[(p * days + d) * shiftCount + t]!;
    if (col >= 0) xCost.set(col, (xCost.get(col) ?? 0) + cost);
    else offset += cost * value(p, d, t);
  };
  for (const request of problem.onRequests) {
    offset += request.weight;
    addCost(request.person, request.day, request.shift, -request.weight);
  }
  for (const request of problem.offRequests) {
    addCost(request.person, request.day, request.shift, request.weight);
  }
  for (const [col, cost] of xCost) colCost[col] = cost;
  if (scope.feasibilityOnly === true) colCost.fill(0);

  // Cover: Σ x + under − over = required; fixed days are constants of the offset.
  for (let d = 0; d < days; d++) {
    const freeDay = isFreeDay[d] === 1;
    for (let t = 0; t < shiftCount; t++) {
      const need = problem.cover[d]?.[t];
      if (need === undefined) continue;
      if (!freeDay) {
        let assigned = 0;
        for (let p = 0; p < people.length; p++) assigned += value(p, d, t);
        offset +=
          Math.max(0, need.required - assigned) * need.underWeight +
          Math.max(0, assigned - need.required) * need.overWeight;
        continue;
      }
      for (let p = 0; p < people.length; p++) termX(1, p, d, t);
      const under = addCol(need.underWeight, 0, Math.max(0, need.required), false);
      const over = addCol(need.overWeight, 0, INFINITY, false);
      termCol(1, under);
      termCol(-1, over);
      endRow(need.required, need.required);
    }
  }

  // Fairness: weight × (highest − lowest count) through two continuous columns.
  for (const term of problem.fairness) {
    if (term.weight <= 0) continue;
    const high = addCol(term.weight, 0, INFINITY, false);
    const low = addCol(-term.weight, 0, INFINITY, false);
    const termDays = [...new Set(term.days)].filter((d) => d >= 0 && d < days);
    const termShifts = [...new Set(term.shifts)];
    for (let p = 0; p < people.length; p++) {
      for (const bound of [high, low]) {
        termCol(1, bound);
        for (const d of termDays) for (const t of termShifts) termX(-1, p, d, t);
        if (bound === high) endRow(0, INFINITY);
        else endRow(-INFINITY, 0);
      }
    }
  }

  const numCols = colCost.length;
  const numRows = rowLower.length;
  const decode = (colValue: ArrayLike<number>): Roster => {
    const roster = current.map((row) => [...row]);
    for (let p = 0; p < people.length; p++) {
      if (isFreePerson[p] !== 1) continue;
      for (let d = firstDay; d <= lastDay; d++) {
        if (isFreeDay[d] !== 1) continue;
        const pinned = pinnedAt.get(p * days + d);
        roster[p]![d] = pinned ?? OFF;
      }
    }
    for (let j = 0; j < assignmentCols; j++) {
      if ((colValue[j] ?? 0) > 0.5)
        roster[cellOfCol[3 * j]!]![cellOfCol[3 * j + 1]!] = cellOfCol[3 * j + 2]!;
    }
    return roster;
  };
  const encode = (roster: Roster): { indices: Int32Array; values: Float64Array } => {
    const indices = new Int32Array(assignmentCols);
    const values = new Float64Array(assignmentCols);
    for (let j = 0; j < assignmentCols; j++) {
      indices[j] = j;
      values[j] =
        roster[cellOfCol[3 * j]!]?.[cellOfCol[3 * j + 1]!] === cellOfCol[3 * j + 2]! ? 1 : 0;
    }
    return { indices, values };
  };

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
      starts: Int32Array.from(rowStarts),
      indices: Int32Array.from(rowIndices),
      values: Float64Array.from(rowValues),
    },
    integrality: Int32Array.from(integrality),
    brokenFixedRows,
    assignmentCols,
    cellOfCol: Int32Array.from(cellOfCol),
    decode,
    encode,
  };
}
