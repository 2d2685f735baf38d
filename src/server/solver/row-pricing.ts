import { OFF, weekendOfDays, type RosterProblem } from '../domain/roster/roster-model.ts';

/**
 * The cheapest row of one person under per-cell costs, by dynamic programming over the days
 * (a resource-constrained shortest path, the usual pricing of rostering column generation).
 * Each label is a partial row up to a day; labels alike in what the rest of the row depends
 * on (the last shift, the length of the current run of work or days off, whether that run
 * began on day 0, the minutes worked) keep only those not dominated in cost, weekends worked
 * and shift counts. It meets exactly the hard rules of the evaluator for one person: days
 * off, pinned cells, successions, shift-type counts, total minutes, run lengths (runs
 * touching an edge of the horizon exempt from the minimums) and weekends.
 *
 * Exact, and far faster than a one-person HiGHS MIP for short horizons with few shift types;
 * `maxLabels` bounds its work, and it answers `'too-large'` beyond that so the caller can
 * fall back to the MIP.
 */
export type CheapestRow = { row: number[]; cost: number } | 'infeasible' | 'too-large';

type Label = {
  cost: number;
  weekends: number;
  /** Counts of the shift types with a binding limit (see `limited`), or null when none. */
  counts: Int16Array | null;
  previous: Label | null;
  /** The cell of this label's day. */
  shift: number;
};

export function cheapestRow(
  problem: RosterProblem,
  person: number,
  /** Cost of working shift `t` on day `d`: `cellCost[d * shifts + t]`. OFF costs nothing. */
  cellCost: ArrayLike<number>,
  options: {
    maxLabels?: number;
    /**
     * A row known to meet the person's rules (the caller's best so far). Partial rows that
     * cannot beat its cost even at the cheapest cells left are dropped; when nothing beats
     * it, it is the answer. The result stays exact.
     */
    incumbent?: number[];
    /**
     * Keep at most this many labels per state (the cheapest): a heuristic, far faster when
     * the shift counts and weekends leave many labels undominated. The row found still meets
     * every rule, but it may not be the cheapest.
     */
    beamWidth?: number;
  } = {},
): CheapestRow {
  const { days, shifts } = problem;
  const T = shifts.length;
  const who = problem.people[person]!;
  const maxLabels = options.maxLabels ?? 2_000_000;
  const beamWidth = options.beamWidth;
  const weekendOf = weekendOfDays(problem);

  // What each day allows: the pinned value, OFF on a day off, else OFF or an allowed shift.
  const pinnedAt = new Map<number, number>();
  for (const pin of problem.pinned) if (pin.person === person) pinnedAt.set(pin.day, pin.shift);
  const dayOff = new Set(who.daysOff);
  const allowed: number[] = [];
  for (let t = 0; t < T; t++) if ((who.maxShifts[t] ?? 0) > 0) allowed.push(t);
  const choicesOf = (d: number): number[] => {
    const pinned = pinnedAt.get(d);
    if (pinned !== undefined) return pinned !== OFF && dayOff.has(d) ? [] : [pinned];
    if (dayOff.has(d)) return [OFF];
    return [OFF, ...allowed];
  };

  // Shift types whose limit can bind get a count in the label: not those the person can
  // work no more often than the limit anyway (days they may work it, capped by the most
  // shifts their minutes allow).
  const occurring = new Set([...allowed, ...[...pinnedAt.values()].filter((t) => t !== OFF)]);
  const shortest = Math.min(...[...occurring].map((t) => shifts[t]!.minutes), Infinity);
  const mostShifts = Math.min(
    days,
    Number.isFinite(shortest) && shortest > 0 ? Math.floor(who.maxTotalMinutes / shortest) : days,
  );
  const limited = new Int32Array(T).fill(-1);
  const limits: number[] = [];
  for (let t = 0; t < T; t++) {
    const limit = who.maxShifts[t] ?? 0;
    let possible = 0;
    for (let d = 0; d < days; d++) if (choicesOf(d).includes(t)) possible++;
    if (Math.min(possible, mostShifts) > limit) {
      limited[t] = limits.length;
      limits.push(limit);
    }
  }
  const longest = Math.max(0, ...allowed.map((t) => shifts[t]!.minutes));
  const workCap = Math.max(who.maxConsecutiveShifts, who.minConsecutiveShifts, 1);
  const offCap = Math.max(who.minConsecutiveDaysOff, 1);

  // A bound on the cost of any row's rest from day d with at most k more shifts (the most
  // the minutes left allow), every other rule forgotten: the k cheapest days' cheapest
  // shifts, plus the pinned shifts' costs. `restBound[d * (K + 1) + k]`.
  const K = mostShifts;
  const restBound = new Float64Array((days + 1) * (K + 1));
  for (let d = days - 1; d >= 0; d--) {
    const choices = choicesOf(d);
    let forced = 0;
    let gain = 0;
    if (choices.length === 1 && choices[0] !== OFF) forced = cellCost[d * T + choices[0]!] ?? 0;
    else for (const c of choices) if (c !== OFF) gain = Math.min(gain, cellCost[d * T + c] ?? 0);
    for (let k = 0; k <= K; k++) {
      const skip = restBound[(d + 1) * (K + 1) + k]!;
      const take = k > 0 ? restBound[(d + 1) * (K + 1) + k - 1]! + gain : skip;
      restBound[d * (K + 1) + k] = forced + Math.min(skip, take);
    }
  }
  const restOf = (d: number, minutes: number): number => {
    const k = Number.isFinite(shortest)
      ? Math.max(0, Math.min(K, Math.floor((who.maxTotalMinutes - minutes) / shortest)))
      : 0;
    return restBound[d * (K + 1) + k]!;
  };
  let ceiling = Infinity;
  if (options.incumbent !== undefined) {
    ceiling = 0;
    options.incumbent.forEach((c, d) => {
      if (c !== OFF) ceiling += cellCost[d * T + c] ?? 0;
    });
  }

  // Labels of the current day by state key: last shift, run, from-start flag, minutes.
  let current = new Map<number, Label[]>();
  let labelCount = 0;
  const keyOf = (last: number, run: number, fromStart: boolean, minutes: number): number =>
    (((last + 1) * (workCap + offCap + 1) + run) * 2 + (fromStart ? 1 : 0)) * 1_000_003 + minutes;
  /** Adds `label` under `key` unless a label there dominates it; drops those it dominates. */
  const offerLabel = (into: Map<number, Label[]>, key: number, label: Label): void => {
    const list = into.get(key);
    if (list === undefined) {
      into.set(key, [label]);
      labelCount++;
      return;
    }
    for (const other of list) if (dominates(other, label)) return;
    let kept = 0;
    for (const other of list) if (!dominates(label, other)) list[kept++] = other;
    list.length = kept;
    list.push(label);
    labelCount++;
    if (beamWidth !== undefined && list.length > beamWidth) {
      let worst = 0;
      for (let i = 1; i < list.length; i++) if (list[i]!.cost > list[worst]!.cost) worst = i;
      list.splice(worst, 1);
    }
  };
  type State = { last: number; run: number; fromStart: boolean; minutes: number };
  const stateOf = new Map<number, State>();

  for (let d = 0; d < days; d++) {
    const next = new Map<number, Label[]>();
    const choices = choicesOf(d);
    const remainingAfter = days - d - 1;
    const extend = (from: Label | null, state: State | null): void => {
      for (const c of choices) {
        let run: number;
        let fromStart: boolean;
        let minutes = state?.minutes ?? 0;
        let weekends = from?.weekends ?? 0;
        let counts = from?.counts ?? null;
        const lastWorked = state !== null && state.last !== OFF;
        if (c !== OFF) {
          if (state === null) {
            run = 1;
            fromStart = true;
          } else if (lastWorked) {
            if (shifts[state.last]!.forbiddenNext.includes(c)) continue;
            run = state.run + 1;
            fromStart = state.fromStart;
          } else {
            // A run of days off ends: it must be long enough unless it began on day 0.
            if (!state.fromStart && state.run < who.minConsecutiveDaysOff) continue;
            run = 1;
            fromStart = false;
          }
          if (run > who.maxConsecutiveShifts) continue;
          run = Math.min(run, workCap);
          minutes += shifts[c]!.minutes;
          if (minutes > who.maxTotalMinutes) continue;
          const weekend = weekendOf[d] ?? -1;
          if (weekend >= 0 && !(d > 0 && weekendOf[d - 1] === weekend && lastWorked)) {
            weekends++;
            if (weekends > who.maxWeekends) continue;
          }
          const slot = limited[c]!;
          if (slot >= 0) {
            const updated: Int16Array =
              counts === null ? new Int16Array(limits.length) : counts.slice();
            updated[slot]!++;
            if (updated[slot]! > limits[slot]!) continue;
            counts = updated;
          } else if (counts === null && limits.length > 0) {
            counts = new Int16Array(limits.length);
          }
        } else {
          if (state === null) {
            run = 1;
            fromStart = true;
          } else if (lastWorked) {
            // A run of work ends: it must be long enough unless it began on day 0.
            if (!state.fromStart && state.run < who.minConsecutiveShifts) continue;
            run = 1;
            fromStart = false;
          } else {
            run = Math.min(state.run + 1, offCap);
            fromStart = state.fromStart;
          }
          if (counts === null && limits.length > 0) counts = new Int16Array(limits.length);
        }
        // Too few minutes even if every day left were worked at the longest shift.
        if (minutes + remainingAfter * longest < who.minTotalMinutes) continue;
        const cost = (from?.cost ?? 0) + (c === OFF ? 0 : (cellCost[d * T + c] ?? 0));
        if (cost + restOf(d + 1, minutes) >= ceiling - 1e-9) continue;
        const runKey = c === OFF ? workCap + run : run;
        const key = keyOf(c, runKey, fromStart, minutes);
        if (!stateOf.has(key)) stateOf.set(key, { last: c, run, fromStart, minutes });
        offerLabel(next, key, { cost, weekends, counts, previous: from, shift: c });
      }
    };
    if (d === 0) extend(null, null);
    else {
      for (const [key, list] of current) {
        const state = stateOf.get(key)!;
        for (const label of list) extend(label, state);
      }
    }
    if (labelCount > maxLabels) return 'too-large';
    current = next;
  }

  let best: Label | undefined;
  for (const [key, list] of current) {
    if (stateOf.get(key)!.minutes < who.minTotalMinutes) continue;
    for (const label of list) if (best === undefined || label.cost < best.cost) best = label;
  }
  if (best === undefined) {
    return options.incumbent !== undefined && Number.isFinite(ceiling)
      ? { row: [...options.incumbent], cost: ceiling }
      : 'infeasible';
  }
  const row = new Array<number>(days).fill(OFF);
  let label: Label | null = best;
  for (let d = days - 1; d >= 0 && label !== null; d--) {
    row[d] = label.shift;
    label = label.previous;
  }
  return { row, cost: best.cost };
}

/** `a` is no worse than `b` in cost, weekends worked and every limited shift count. */
function dominates(a: Label, b: Label): boolean {
  if (a.cost > b.cost || a.weekends > b.weekends) return false;
  if (a.counts !== null && b.counts !== null) {
    for (let i = 0; i < a.counts.length; i++) if (a.counts[i]! > b.counts[i]!) return false;
  }
  return true;
}
