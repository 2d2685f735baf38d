import {
  OFF,
  weekendCount,
  weekendOfDays,
  type RosterProblem,
} from '../domain/roster/roster-model.ts';
import { coverRowsOf, wishCostsOf } from './column-generation.ts';
import { roundUpBound } from './highs-runner.ts';
import { relaxedRow } from './row-pricing.ts';

/**
 * A lower bound for the problems too large for the LP relaxation and for column generation
 * (the year-long Instances 23 and 24; issue 3: "gap reported"), by Lagrangian relaxation
 * and subgradient optimisation, without HiGHS:
 *
 * - the **cover** rows are moved into the objective with a price per (day, shift), as in
 *   column generation's bound (column-generation.ts);
 * - so are each person's **total minutes** (both limits), **shift-type counts** and
 *   **weekends**, with a multiplier of their own;
 * - what is left falls apart by person: the cheapest row with the successions, runs, days
 *   off and pinned cells kept exactly (`relaxedRow` in row-pricing.ts, a shortest path
 *   whose states hold no minutes, so it stays small over a year).
 *
 * For any multipliers of the right sign the sum is a valid lower bound on the roster
 * objective (Lagrangian duality; e.g. Wolsey, Integer Programming, §10.2). The multipliers
 * are improved by subgradient steps of Polyak's length towards a guess above the bound, or
 * the best known roster when that is higher, halving the step when the bound stalls. The
 * fairness spreads are left out: they are never negative, so the bound stays valid.
 */
export type SubgradientOutcome = {
  /** Best proven lower bound (rounded up); 0 when nothing was proven. */
  bound: number;
  iterations: number;
  seconds: number;
};

export type SubgradientOptions = {
  /** `performance.now()` value by which it ends. */
  deadline: number;
  /**
   * The best roster's objective known now, if any: the steps aim at it when it is above
   * their own guess, and the bound ends on reaching it.
   */
  target?: () => number | undefined;
  onBound?: (bound: number) => void;
  shouldStop?: () => boolean;
  /** Most iterations (default: as many as the time allows). */
  maxIterations?: number;
};

/** The step factor at which the bound is taken as converged. */
const SMALLEST_STEP = 1e-6;

export function solveSubgradientBound(
  problem: RosterProblem,
  options: SubgradientOptions,
): SubgradientOutcome {
  const started = performance.now();
  const { days, people, shifts } = problem;
  const T = shifts.length;
  const P = people.length;
  const wishes = wishCostsOf(problem);
  const { coverRow, coverCells } = coverRowsOf(problem);
  const C = coverCells.length;
  const weekendOf = weekendOfDays(problem);
  const weekends = weekendCount(problem);
  const outcome: SubgradientOutcome = { bound: 0, iterations: 0, seconds: 0 };
  const finish = (): SubgradientOutcome => {
    outcome.seconds = (performance.now() - started) / 1000;
    return outcome;
  };

  // Each person's minutes are counted in units of their longest shift, so that their
  // subgradients are of the same size as the cover's (shifts) and one step suits both.
  const scale = people.map((who) => {
    const longest = Math.max(
      0,
      ...shifts.map((s, t) => ((who.maxShifts[t] ?? 0) > 0 ? s.minutes : 0)),
    );
    return longest > 0 ? longest : 1;
  });
  const limitsCount = (p: number, t: number): boolean => {
    const limit = people[p]!.maxShifts[t] ?? 0;
    return limit > 0 && limit < days;
  };
  const weekendsLimited = people.map((who) => who.maxWeekends < weekends);

  // Multipliers: cover prices, then per person the minutes (above the maximum, below the
  // minimum), the shift-type counts and the weekends. All but the prices are non-negative;
  // a price may not fall below minus the cover's over weight (its surplus would be free).
  const price = new Float64Array(C);
  const overMinutes = new Float64Array(P);
  const underMinutes = new Float64Array(P);
  const countPrice = new Float64Array(P * T);
  const weekendPrice = new Float64Array(P);
  // Their subgradients at the current multipliers.
  const gPrice = new Float64Array(C);
  const gOver = new Float64Array(P);
  const gUnder = new Float64Array(P);
  const gCount = new Float64Array(P * T);
  const gWeekend = new Float64Array(P);

  // The multipliers are kept in boxes, so that a step too long cannot throw them far off. Any
  // multipliers of the right sign give a valid bound, so the boxes cannot make it wrong; they
  // are chosen to hold an optimum: a cover price above its under weight only lowers the bound
  // (its shortfall is then bought whole), and a multiplier of one shift (minutes in units of
  // the longest shift, counts; a weekend is at most two) is taken to be worth no more than
  // twice the most a shift can gain. Instance 21 without a roster to aim at: 16,157 in 30 s
  // against 13,718 without the boxes. They do not stop Instance 24's first steps from
  // overshooting (its bound stays at the first iteration's, 2802).
  let perShiftCap = 0;
  for (const cell of coverCells) perShiftCap = Math.max(perShiftCap, cell.under, cell.over);
  let dearestWish = 0;
  for (const weight of wishes.coefficient) dearestWish = Math.max(dearestWish, Math.abs(weight));
  perShiftCap = (perShiftCap + dearestWish) * 2;
  const zero = (): number => 0;
  const shiftCap = (): number => perShiftCap;
  /** Each kind of multiplier with its subgradient and its box. */
  const blocks: {
    at: Float64Array;
    g: Float64Array;
    floor: (i: number) => number;
    ceiling: (i: number) => number;
  }[] = [
    {
      at: price,
      g: gPrice,
      floor: (r) => -coverCells[r]!.over,
      ceiling: (r) => coverCells[r]!.under,
    },
    { at: overMinutes, g: gOver, floor: zero, ceiling: shiftCap },
    { at: underMinutes, g: gUnder, floor: zero, ceiling: shiftCap },
    { at: countPrice, g: gCount, floor: zero, ceiling: shiftCap },
    { at: weekendPrice, g: gWeekend, floor: zero, ceiling: () => 2 * perShiftCap },
  ];
  const cellCost = new Float64Array(days * T);
  // The steps aim part of the way to the cost of leaving every cover short (no roster may
  // reach it, but it sets the scale of the objective), or at the best roster if it is dearer.
  // Aiming at a good roster below that guess stalls the bound (session 17, best roster as
  // target against this: Instance 13 in 12 s 262 against 572, 21 in 60 s 17,458 against
  // 21,039, 22 in 60 s 17,264 against 27,852).
  let idle = 0;
  for (let p = 0; p < P; p++) idle += wishes.constant[p]!;
  for (const cell of coverCells) idle += cell.under * Math.max(0, cell.required);
  const counts = new Int32Array(T);
  let step = 2;
  let best = -Infinity;
  let sinceBetter = 0;
  // The step is halved after as many iterations without a better bound as leave about 20
  // halvings for the iterations left (by the iteration limit, or by the time an iteration
  // takes), within [10, 300]: Instance 8 gains to the end with 300 (1270 in 10 s against
  // 1074 with 20), and Instance 21, at 30 iterations a second, with 50.
  const stallLimit = (): number => {
    let left: number;
    if (options.maxIterations !== undefined) left = options.maxIterations - outcome.iterations;
    else {
      const perIteration = (performance.now() - started) / Math.max(1, outcome.iterations);
      left = (options.deadline - performance.now()) / perIteration;
    }
    return Math.max(10, Math.min(300, Math.round(left / 20)));
  };
  while (performance.now() < options.deadline && options.shouldStop?.() !== true) {
    if (options.maxIterations !== undefined && outcome.iterations >= options.maxIterations) break;
    // The Lagrangian function and its subgradient at the current multipliers.
    let value = 0;
    for (let r = 0; r < C; r++) {
      const cell = coverCells[r]!;
      const pi = price[r]!;
      const required = Math.max(0, cell.required);
      // The under slack (at most the requirement) is taken whole when the price exceeds its weight.
      const shortTaken = pi > cell.under;
      value += pi * cell.required + (shortTaken ? (cell.under - pi) * required : 0);
      gPrice[r] = cell.required - (shortTaken ? required : 0);
    }
    for (let p = 0; p < P; p++) {
      const who = people[p]!;
      const perMinute = (overMinutes[p]! - underMinutes[p]!) / scale[p]!;
      for (let d = 0; d < days; d++) {
        for (let t = 0; t < T; t++) {
          const r = coverRow[d * T + t]!;
          cellCost[d * T + t] =
            wishes.coefficient[(p * days + d) * T + t]! -
            (r >= 0 ? price[r]! : 0) +
            perMinute * shifts[t]!.minutes +
            countPrice[p * T + t]!;
        }
      }
      const found = relaxedRow(problem, p, cellCost, weekendPrice[p]!);
      // Too large, or no row at all (the solver's explanation names the rules): no bound.
      if (typeof found === 'string') return finish();
      value +=
        wishes.constant[p]! +
        found.cost -
        (overMinutes[p]! * who.maxTotalMinutes) / scale[p]! +
        (underMinutes[p]! * who.minTotalMinutes) / scale[p]! -
        weekendPrice[p]! * who.maxWeekends;
      counts.fill(0);
      let minutes = 0;
      let weekendsWorked = 0;
      found.row.forEach((c, d) => {
        if (c === OFF) return;
        counts[c]!++;
        minutes += shifts[c]!.minutes;
        const r = coverRow[d * T + c]!;
        if (r >= 0) gPrice[r]! -= 1;
        const w = weekendOf[d]!;
        if (w >= 0 && !(d > 0 && weekendOf[d - 1] === w && found.row[d - 1] !== OFF)) {
          weekendsWorked++;
        }
      });
      gOver[p] = (minutes - who.maxTotalMinutes) / scale[p]!;
      gUnder[p] = (who.minTotalMinutes - minutes) / scale[p]!;
      for (let t = 0; t < T; t++) {
        const limited = limitsCount(p, t);
        if (limited) value -= countPrice[p * T + t]! * (who.maxShifts[t] ?? 0);
        gCount[p * T + t] = limited ? counts[t]! - (who.maxShifts[t] ?? 0) : 0;
      }
      gWeekend[p] = weekendsLimited[p] ? weekendsWorked - who.maxWeekends : 0;
    }
    outcome.iterations++;

    if (value > best + 1e-9) {
      best = value;
      sinceBetter = 0;
      const rounded = Math.max(0, roundUpBound(value - 1e-6 * (C + P)));
      if (rounded > outcome.bound) {
        outcome.bound = rounded;
        options.onBound?.(rounded);
      }
    } else if (++sinceBetter >= stallLimit()) {
      step /= 2;
      sinceBetter = 0;
      if (step < SMALLEST_STEP) break;
    }

    // Polyak's step towards the target, along the subgradient projected onto the boxes.
    let norm = 0;
    for (const { at, g, floor, ceiling } of blocks) {
      for (let i = 0; i < g.length; i++) {
        if ((at[i]! <= floor(i) && g[i]! < 0) || (at[i]! >= ceiling(i) && g[i]! > 0)) g[i] = 0;
        norm += g[i]! * g[i]!;
      }
    }
    // Every relaxed rule is met with no slack to price: the bound is the relaxation's optimum.
    if (norm < 1e-12) break;
    const known = options.target?.();
    const target = Math.max(
      known ?? -Infinity,
      best + Math.max(1, Math.abs(best) * 0.05, (idle - best) * 0.25),
    );
    if (known !== undefined && roundUpBound(best - 1e-6 * (C + P)) >= known) break;
    const length = (step * (target - value)) / norm;
    for (const { at, g, floor, ceiling } of blocks) {
      for (let i = 0; i < at.length; i++) {
        at[i] = Math.min(ceiling(i), Math.max(floor(i), at[i]! + length * g[i]!));
      }
    }
  }
  return finish();
}
