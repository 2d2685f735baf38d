import { OFF, weekendOfDays, type RosterProblem } from '../domain/roster/roster-model.ts';

/**
 * The cheapest row of one person under per-cell costs, by dynamic programming over the days
 * (a resource-constrained shortest path, the usual pricing of rostering column generation).
 * It meets exactly the hard rules of the evaluator for one person: days off, pinned cells,
 * successions, shift-type counts, total minutes, run lengths (runs touching an edge of the
 * horizon exempt from the minimums) and weekends.
 *
 * A row's **state** after a day is what the rest of the row depends on, apart from counts:
 * the last day's shift (shifts with the same forbidden successors are one class), the length
 * of the current run of work or days off, whether that run began on day 0, and the minutes
 * worked. Over the states alone the problem is a plain shortest path, solved backwards once
 * per call: `completion[d][state]`, the least cost of the days from d on with every rule but
 * the shift counts and the weekends. It is
 *
 * - the **answer**, when its cheapest row also keeps the counts and weekends (usually);
 * - else a **bound** on the rest of every partial row, for labelling forwards with the
 *   resources that the cheapest row broke (decremental state-space relaxation): labels of
 *   one state keep only those not dominated in cost and the tracked resources, and a label
 *   that cannot beat the incumbent even at its completion's cost is dropped. The loop adds
 *   the resources each answer breaks until an answer keeps them all, so it stays exact.
 *
 * `maxLabels` bounds the work, and the answer is `'too-large'` beyond it (or when the state
 * table itself would be too large), so the caller can fall back to a one-person MIP.
 */
export type CheapestRow =
  | {
      row: number[];
      cost: number;
      /**
       * With `alternatives`: other rows the last labelling ended with, cheapest first, each
       * keeping every rule and count limit and cheaper than the ceiling (column generation
       * adds them too: fewer rounds).
       */
      more?: { row: number[]; cost: number }[];
    }
  | 'infeasible'
  | 'too-large';

/**
 * A count the row must keep beside the person's own rules: between `lo` and `hi` of the cells
 * marked in `cells[d * shifts + t]` (a fairness band, column-generation.ts).
 */
export type CountLimit = { cells: Uint8Array; lo: number; hi: number };

/** Most entries of one person's state tables (completion costs and transitions). */
const MAX_TABLE = 6_000_000;

/**
 * What does not change between calls for one person: the states, their transitions and the
 * states reachable after each day. Built once and kept with the problem.
 */
type Plan = {
  /** Day `d`'s possible cells: `OFF` or shift indices. */
  choices: number[][];
  /** `next[s * (T + 1) + c + 1]`: the state after cell `c` from state `s`; -1 breaks a rule. */
  next: Int32Array;
  /** The state before day 0. */
  start: number;
  /** Whether a state's minutes meet the person's minimum (a row may end there). */
  canEnd: Uint8Array;
  /** Whether a state's last day was worked (for the weekend count). */
  worked: Uint8Array;
  /** `reachable[d]`: the states possible before day `d` (after day d − 1). */
  reachable: Int32Array[];
  stateCount: number;
  /** Shift types whose limit can bind (see below) and their limits. */
  limitedTypes: number[];
  limits: number[];
  /** Whether the weekends can bind (the person may work more weekends than allowed). */
  weekendsBind: boolean;
  /** Each day's weekend (`weekendOfDays`), -1 on weekdays. */
  weekendOf: number[];
  /** Whether day `d` is the first day of its weekend in the horizon. */
  entersWeekend: Uint8Array;
};

/** Plans with the minutes in the state (exact), and without them (`relaxedRow`). */
const plans = {
  exact: new WeakMap<RosterProblem, (Plan | 'too-large' | undefined)[]>(),
  withoutMinutes: new WeakMap<RosterProblem, (Plan | 'too-large' | undefined)[]>(),
};

function planOf(problem: RosterProblem, person: number, withMinutes = true): Plan | 'too-large' {
  const cache = withMinutes ? plans.exact : plans.withoutMinutes;
  let perPerson = cache.get(problem);
  if (perPerson === undefined) {
    perPerson = new Array<Plan | 'too-large' | undefined>(problem.people.length);
    cache.set(problem, perPerson);
  }
  let plan = perPerson[person];
  if (plan === undefined) {
    plan = buildPlan(problem, person, withMinutes);
    perPerson[person] = plan;
  }
  return plan;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Whether the row pricing's state tables fit for every person (`MAX_TABLE` entries): true for
 * the benchmark's instances of up to 42 days, false for the half-year and year-long ones,
 * whose pricing would fall back to one-person MIPs throughout.
 */
export function fitsRowPricing(problem: RosterProblem): boolean {
  return problem.people.every((_, person) => stateSpaceOf(problem, person).tableSize <= MAX_TABLE);
}

/**
 * One person's days, minute units and state space (see the module comment); without the
 * minutes (`withMinutes` false) the states keep only the last shift and the run.
 */
function stateSpaceOf(problem: RosterProblem, person: number, withMinutes = true) {
  const { days, shifts } = problem;
  const T = shifts.length;
  const who = problem.people[person]!;

  // What each day allows: the pinned value, OFF on a day off, else OFF or an allowed shift.
  const pinnedAt = new Map<number, number>();
  for (const pin of problem.pinned) if (pin.person === person) pinnedAt.set(pin.day, pin.shift);
  const dayOff = new Set(who.daysOff);
  const allowed: number[] = [];
  for (let t = 0; t < T; t++) if ((who.maxShifts[t] ?? 0) > 0) allowed.push(t);
  const choices: number[][] = [];
  for (let d = 0; d < days; d++) {
    const pinned = pinnedAt.get(d);
    if (pinned !== undefined) choices.push(pinned !== OFF && dayOff.has(d) ? [] : [pinned]);
    else if (dayOff.has(d)) choices.push([OFF]);
    else choices.push([OFF, ...allowed]);
  }

  // Minutes in units of their greatest common divisor, up to the person's maximum.
  const occurring = [...new Set(choices.flat())].filter((t) => t !== OFF);
  let unit = 0;
  for (const t of occurring) unit = gcd(unit, Math.max(0, Math.round(shifts[t]!.minutes)));
  if (unit === 0 || !withMinutes) unit = 1;
  const M = withMinutes ? Math.max(0, Math.floor(who.maxTotalMinutes / unit)) : 0;

  // Classes of the last shift: OFF is 0; shifts with the same forbidden successors share one.
  const classOf = new Int32Array(T);
  const classKeys = new Map<string, number>();
  const forbiddenOfClass: Uint8Array[] = [new Uint8Array(T)];
  for (let t = 0; t < T; t++) {
    const key = [...new Set(shifts[t]!.forbiddenNext)].sort((a, b) => a - b).join(',');
    let cls = classKeys.get(key);
    if (cls === undefined) {
      cls = forbiddenOfClass.length;
      classKeys.set(key, cls);
      const forbidden = new Uint8Array(T);
      for (const u of shifts[t]!.forbiddenNext) forbidden[u] = 1;
      forbiddenOfClass.push(forbidden);
    }
    classOf[t] = cls;
  }
  const workCap = Math.max(who.maxConsecutiveShifts, who.minConsecutiveShifts, 1);
  const offCap = Math.max(who.minConsecutiveDaysOff, 1);
  // Run keys: 1..workCap for work runs, workCap + 1..workCap + offCap for runs of days off.
  const R = workCap + offCap + 1;
  const stateCount = forbiddenOfClass.length * R * 2 * (M + 1) + 1;
  const tableSize = stateCount * Math.max(T + 1, days + 1);
  return {
    choices,
    occurring,
    unit,
    M,
    classOf,
    forbiddenOfClass,
    workCap,
    offCap,
    R,
    stateCount,
    tableSize,
  };
}

function buildPlan(
  problem: RosterProblem,
  person: number,
  withMinutes: boolean,
): Plan | 'too-large' {
  const { days, shifts } = problem;
  const T = shifts.length;
  const who = problem.people[person]!;
  const space = stateSpaceOf(problem, person, withMinutes);
  if (space.tableSize > MAX_TABLE) return 'too-large';
  const { choices, occurring, unit, M, classOf, forbiddenOfClass, workCap, offCap, R } = space;
  const { stateCount } = space;
  const unitsOf = shifts.map((shift) => (withMinutes ? Math.round(shift.minutes) / unit : 0));

  // Shift types whose limit can bind: not those the person can work no more often than the
  // limit anyway (days they may work it, capped by the most shifts their minutes allow).
  const shortest = Math.min(...occurring.map((t) => shifts[t]!.minutes), Infinity);
  const mostShifts = Math.min(
    days,
    Number.isFinite(shortest) && shortest > 0 ? Math.floor(who.maxTotalMinutes / shortest) : days,
  );
  const limitedTypes: number[] = [];
  const limits: number[] = [];
  for (let t = 0; t < T; t++) {
    const limit = who.maxShifts[t] ?? 0;
    const possible = choices.filter((list) => list.includes(t)).length;
    if (Math.min(possible, mostShifts) > limit) {
      limitedTypes.push(t);
      limits.push(limit);
    }
  }
  const weekendOf = weekendOfDays(problem);
  const weekendCount = new Set(weekendOf.filter((w) => w >= 0)).size;
  const weekendsBind = Math.min(weekendCount, mostShifts) > who.maxWeekends;

  const encode = (cls: number, run: number, fromStart: number, minutes: number): number =>
    ((cls * R + run) * 2 + fromStart) * (M + 1) + minutes;
  const start = stateCount - 1;

  const next = new Int32Array(stateCount * (T + 1)).fill(-1);
  const canEnd = new Uint8Array(stateCount);
  const worked = new Uint8Array(stateCount);
  for (let s = 0; s < stateCount; s++) {
    const isStart = s === start;
    const minutes = isStart ? 0 : s % (M + 1);
    const rest = isStart ? 0 : Math.floor(s / (M + 1));
    const fromStart = rest % 2 === 1;
    const runKey = Math.floor(rest / 2) % R;
    const cls = Math.floor(rest / 2 / R);
    const lastWorked = !isStart && cls > 0;
    const run = lastWorked ? runKey : runKey - workCap;
    canEnd[s] = !withMinutes || minutes * unit >= who.minTotalMinutes ? 1 : 0;
    worked[s] = lastWorked ? 1 : 0;
    // The same succession, run and minute rules as the evaluator (see the module comment).
    for (let c = OFF; c < T; c++) {
      const working = c !== OFF;
      let length: number;
      let from: number;
      if (isStart) {
        length = 1;
        from = 1;
      } else if (lastWorked === working) {
        // The run goes on.
        if (working && forbiddenOfClass[cls]![c] === 1) continue;
        length = run + 1;
        from = fromStart ? 1 : 0;
      } else {
        // A run ends: it must be long enough unless it began on day 0.
        const shortest = lastWorked ? who.minConsecutiveShifts : who.minConsecutiveDaysOff;
        if (!fromStart && run < shortest) continue;
        length = 1;
        from = 0;
      }
      let to: number;
      if (working) {
        if (length > who.maxConsecutiveShifts) continue;
        const total = minutes + unitsOf[c]!;
        if (total > M) continue;
        to = encode(classOf[c]!, Math.min(length, workCap), from, total);
      } else {
        to = encode(0, workCap + Math.min(length, offCap), from, minutes);
      }
      next[s * (T + 1) + c + 1] = to;
    }
  }

  // The states possible before each day, forwards from the start.
  const reachable: Int32Array[] = [Int32Array.of(start)];
  const seen = new Uint8Array(stateCount);
  for (let d = 0; d < days; d++) {
    const found: number[] = [];
    for (const s of reachable[d]!) {
      for (const c of choices[d]!) {
        const to = next[s * (T + 1) + c + 1]!;
        if (to >= 0 && seen[to] === 0) {
          seen[to] = 1;
          found.push(to);
        }
      }
    }
    for (const s of found) seen[s] = 0;
    reachable.push(Int32Array.from(found));
  }
  return {
    choices,
    next,
    start,
    canEnd,
    worked,
    reachable,
    stateCount,
    limitedTypes,
    limits,
    weekendsBind,
    weekendOf,
    entersWeekend: Uint8Array.from(weekendOf, (w, d) =>
      w >= 0 && !(d > 0 && weekendOf[d - 1] === w) ? 1 : 0,
    ),
  };
}

/**
 * The least cost of the days from `d` on from every state, backwards (`completion[d *
 * stateCount + s]`, Infinity where no row can go on): over the states alone, so with every
 * rule of the plan but the shift counts and the weekends. `weekendCharge` is added for each
 * weekend worked (0 in the exact pricing, which tracks the weekends by labels instead).
 */
function completionCosts(
  plan: Plan,
  days: number,
  T: number,
  stepCost: Float64Array,
  weekendCharge: number,
): Float64Array {
  const { stateCount, choices, next, reachable } = plan;
  const T1 = T + 1;
  // Only the entries of reachable states are written, and only those are read (here and by
  // the labelling): the buffer is reused from call to call.
  const completion = completionBuffer((days + 1) * stateCount);
  for (const s of reachable[days]!) {
    completion[days * stateCount + s] = plan.canEnd[s] === 1 ? 0 : Infinity;
  }
  for (let d = days - 1; d >= 0; d--) {
    const here = d * stateCount;
    const after = (d + 1) * stateCount;
    const list = choices[d]!;
    const choiceCount = list.length;
    const dayCost = d * T1 + 1;
    const charging = weekendCharge !== 0 && plan.weekendOf[d]! >= 0;
    for (const s of reachable[d]!) {
      let best = Infinity;
      const charge = charging && (plan.entersWeekend[d] === 1 || plan.worked[s] === 0);
      const row = s * T1 + 1;
      for (let j = 0; j < choiceCount; j++) {
        const c = list[j]!;
        const to = next[row + c]!;
        if (to < 0) continue;
        let value = stepCost[dayCost + c]! + completion[after + to]!;
        if (charge && c !== OFF) value += weekendCharge;
        if (value < best) best = value;
      }
      completion[here + s] = best;
    }
  }
  return completion;
}

/** The completion table's memory, kept between calls (one call at a time per thread). */
let completionMemory = new Float64Array(0);
function completionBuffer(size: number): Float64Array {
  if (completionMemory.length < size) completionMemory = new Float64Array(size);
  return completionMemory;
}

/**
 * Each day's cost of each choice, `[d * (T + 1) + c + 1]` (OFF, `c` = -1, costs nothing):
 * the cell costs laid out for the inner loops.
 */
function stepCostsOf(cellCost: ArrayLike<number>, days: number, T: number): Float64Array {
  const T1 = T + 1;
  const stepCost = new Float64Array(days * T1);
  for (let d = 0; d < days; d++) {
    for (let t = 0; t < T; t++) stepCost[d * T1 + t + 1] = cellCost[d * T + t] ?? 0;
  }
  return stepCost;
}

/** The row that follows the completion costs forwards from the start (see above). */
function cheapestByCompletion(
  plan: Plan,
  completion: Float64Array,
  days: number,
  T: number,
  stepCost: Float64Array,
  weekendCharge: number,
): number[] {
  const { stateCount, choices, next } = plan;
  const T1 = T + 1;
  const row: number[] = [];
  let s = plan.start;
  for (let d = 0; d < days; d++) {
    const target = completion[d * stateCount + s]!;
    const charge =
      weekendCharge !== 0 &&
      plan.weekendOf[d]! >= 0 &&
      (plan.entersWeekend[d] === 1 || plan.worked[s] === 0);
    let chosen = -2;
    let to = -1;
    for (const c of choices[d]!) {
      to = next[s * T1 + c + 1]!;
      if (to < 0) continue;
      const cost = stepCost[d * T1 + c + 1]! + (charge && c !== OFF ? weekendCharge : 0);
      if (cost + completion[(d + 1) * stateCount + to]! <= target + 1e-9) {
        chosen = c;
        break;
      }
    }
    row.push(chosen);
    s = to;
  }
  return row;
}

/**
 * The cheapest row of one person with every rule of the exact pricing but the total minutes,
 * the shift-type counts and the weekends, plus `weekendCharge` for each weekend worked: the
 * subproblem of a Lagrangian bound that prices those three by multipliers instead
 * (subgradient-bound.ts). Its states keep no minutes, so it fits the year-long instances.
 */
export function relaxedRow(
  problem: RosterProblem,
  person: number,
  cellCost: ArrayLike<number>,
  weekendCharge: number,
): { row: number[]; cost: number } | 'infeasible' | 'too-large' {
  const plan = planOf(problem, person, false);
  if (plan === 'too-large') return 'too-large';
  const T = problem.shifts.length;
  const stepCost = stepCostsOf(cellCost, problem.days, T);
  const completion = completionCosts(plan, problem.days, T, stepCost, weekendCharge);
  const cost = completion[plan.start]!;
  if (!Number.isFinite(cost)) return 'infeasible';
  return {
    row: cheapestByCompletion(plan, completion, problem.days, T, stepCost, weekendCharge),
    cost,
  };
}

export function cheapestRow(
  problem: RosterProblem,
  person: number,
  /** Cost of working shift `t` on day `d`: `cellCost[d * shifts + t]`. OFF costs nothing. */
  cellCost: ArrayLike<number>,
  options: {
    maxLabels?: number;
    /**
     * A row known to meet the person's rules (the caller's best so far). Partial rows that
     * cannot beat its cost even at their cheapest completion are dropped; when nothing beats
     * it, it is the answer. The result stays exact.
     */
    incumbent?: number[];
    /**
     * Keep at most this many labels per state (the cheapest): a heuristic, far faster when
     * the shift counts and weekends leave many labels undominated. The row found still meets
     * every rule, but it may not be the cheapest.
     */
    beamWidth?: number;
    /**
     * Only rows cheaper than this are of interest (a master's convexity price: no other row
     * has a negative reduced cost). With none below it, the answer is the incumbent (dearer)
     * or `'infeasible'`, which then means only "none cheaper"; never pass it where the least
     * cost itself is needed (a bound).
     */
    ceiling?: number;
    /** Counts every row must keep (tracked as resources when a row breaks them). */
    countLimits?: CountLimit[];
    /** Also return up to this many other rows of the labelling (`more`), if it labels. */
    alternatives?: number;
  } = {},
): CheapestRow {
  const countLimits = options.countLimits ?? [];
  const planned = planOf(problem, person);
  if (planned === 'too-large') return 'too-large';
  const plan: Plan = planned;
  const { days } = problem;
  const T = problem.shifts.length;
  const T1 = T + 1;
  const maxLabels = options.maxLabels ?? 2_000_000;
  const who = problem.people[person]!;
  const { weekendOf } = plan;
  const stepCost = stepCostsOf(cellCost, days, T);
  const costOf = (d: number, c: number): number => stepCost[d * T1 + c + 1]!;
  const completion = completionCosts(plan, days, T, stepCost, 0);

  /** How many cells of each count limit a row works. */
  const limitCounts = (row: number[]): number[] =>
    countLimits.map((limit) => {
      let count = 0;
      row.forEach((c, d) => {
        if (c !== OFF && limit.cells[d * T + c] === 1) count++;
      });
      return count;
    });
  const keepsLimits = (row: number[]): boolean =>
    limitCounts(row).every((n, j) => n >= countLimits[j]!.lo && n <= countLimits[j]!.hi);
  // The caller's row bounds the search only if it keeps the count limits too.
  const incumbent =
    options.incumbent !== undefined && keepsLimits(options.incumbent)
      ? options.incumbent
      : undefined;

  let incumbentCost = Infinity;
  if (incumbent !== undefined) {
    incumbentCost = 0;
    incumbent.forEach((c, d) => {
      incumbentCost += costOf(d, c);
    });
  }
  const ceiling = Math.min(incumbentCost, options.ceiling ?? Infinity);
  const incumbentAnswer = (): CheapestRow =>
    incumbent !== undefined && Number.isFinite(incumbentCost)
      ? { row: [...incumbent], cost: incumbentCost }
      : 'infeasible';
  if (!(completion[plan.start]! < ceiling - 1e-9)) return incumbentAnswer();

  /**
   * The resources a row breaks: indices into `limitedTypes`, -1 for the weekends and
   * `-2 - j` for count limit j.
   */
  const broken = (row: number[]): number[] => {
    const result: number[] = [];
    limitCounts(row).forEach((n, j) => {
      if (n < countLimits[j]!.lo || n > countLimits[j]!.hi) result.push(-2 - j);
    });
    const counts = new Int32Array(T);
    for (const c of row) if (c !== OFF) counts[c]!++;
    plan.limitedTypes.forEach((t, i) => {
      if (counts[t]! > plan.limits[i]!) result.push(i);
    });
    if (plan.weekendsBind) {
      const worked = new Set<number>();
      row.forEach((c, d) => {
        if (c !== OFF && weekendOf[d]! >= 0) worked.add(weekendOf[d]!);
      });
      if (worked.size > who.maxWeekends) result.push(-1);
    }
    return result;
  };

  // The cheapest row over the states alone: follow the completion costs forwards.
  const relaxed = cheapestByCompletion(plan, completion, days, T, stepCost, 0);
  let tracked = broken(relaxed);
  if (tracked.length === 0) return { row: relaxed, cost: completion[plan.start]! };

  // Labelling forwards with the resources broken so far, until an answer breaks none.
  let labelsMade = 0;
  for (;;) {
    const answer = label(tracked, maxLabels - labelsMade);
    if (answer === 'too-large') return 'too-large';
    labelsMade += answer.labels;
    if (answer.row === undefined) return incumbentAnswer();
    const more = broken(answer.row).filter((r) => !tracked.includes(r));
    if (more.length === 0) {
      // The other rows keep the tracked resources; the untracked ones are checked here.
      const others = answer.others.filter((other) => broken(other.row).length === 0);
      return { row: answer.row, cost: answer.cost, ...(others.length > 0 ? { more: others } : {}) };
    }
    tracked = [...tracked, ...more];
  }

  /**
   * Forward labelling with the resources `tracked` (shift-count slots, -1 the weekends):
   * the cheapest row under the ceiling that keeps them, or none.
   */
  function label(tracked: number[], budget: number): Labelled | 'too-large' {
    const slots = tracked.filter((r) => r >= 0);
    const limits = tracked.filter((r) => r <= -2).map((r) => countLimits[-2 - r]!);
    return labelForwards({
      plan,
      days,
      T,
      stepCost,
      completion,
      ceiling,
      budget,
      beamWidth: options.beamWidth ?? 0,
      alternatives: options.alternatives ?? 0,
      slotTypes: slots.map((slot) => plan.limitedTypes[slot]!),
      slotCaps: slots.map((slot) => plan.limits[slot]!),
      limits,
      maxWeekends: tracked.includes(-1) ? who.maxWeekends : -1,
    });
  }
}

/** What one forward labelling found (`labelForwards`). */
type Labelled = {
  row: number[] | undefined;
  cost: number;
  labels: number;
  others: { row: number[]; cost: number }[];
};

/**
 * The label store, kept between calls (one call at a time per thread, as the completion
 * table), so that a labelling does not allocate and grow its arrays again each time.
 */
const store = {
  capacity: 0,
  cost: new Float64Array(0),
  resources: new Int16Array(0),
  parent: new Int32Array(0),
  cell: new Int8Array(0),
  state: new Int32Array(0),
  alive: new Uint8Array(0),
  nextInState: new Int32Array(0),
  head: new Int32Array(0),
};

/**
 * Makes room in the store for `capacity` labels (at least doubling when it grows) and for
 * `width` resources a label over the whole store, keeping its contents. A labelling fills
 * the store up to its capacity before it grows it, so the resources must cover all of it at
 * that labelling's width, not only `capacity` labels: a store grown by a narrow labelling is
 * widened for a wider one.
 */
export function reserveLabels(capacity: number, width: number): void {
  const widen = <A extends Float64Array | Int16Array | Int32Array | Int8Array | Uint8Array>(
    old: A,
    wider: A,
  ): A => {
    wider.set(old.subarray(0, Math.min(old.length, wider.length)));
    return wider;
  };
  if (store.capacity < capacity) {
    const size = Math.max(capacity, store.capacity * 2, 1024);
    store.cost = widen(store.cost, new Float64Array(size));
    store.parent = widen(store.parent, new Int32Array(size));
    store.cell = widen(store.cell, new Int8Array(size));
    store.state = widen(store.state, new Int32Array(size));
    store.alive = widen(store.alive, new Uint8Array(size));
    store.nextInState = widen(store.nextInState, new Int32Array(size));
    store.capacity = size;
  }
  if (store.resources.length < store.capacity * width) {
    store.resources = widen(
      store.resources,
      new Int16Array(store.capacity * Math.max(1, width, 4)),
    );
  }
}

/** Whether the label store holds `width` resources for every label it has room for. */
export function labelStoreCovers(width: number): boolean {
  return store.resources.length >= store.capacity * width;
}

/**
 * Forward labelling over the days (`cheapestRow`'s loop): from the start state, each label
 * is extended by every choice of the next day; a label goes when its cost plus the
 * completion's cannot beat the ceiling, when it breaks a tracked resource, or when another
 * label of its state costs no more and uses no more of any resource (with `beamWidth`, also
 * when its state already keeps that many cheaper labels). Everything the loop reads is a
 * local: the inner loop runs some 10<sup>8</sup> times a root on Instance 15.
 */
function labelForwards(input: {
  plan: Plan;
  days: number;
  T: number;
  stepCost: Float64Array;
  completion: Float64Array;
  ceiling: number;
  budget: number;
  /** 0: no beam. */
  beamWidth: number;
  alternatives: number;
  /** Tracked shift types and their caps. */
  slotTypes: number[];
  slotCaps: number[];
  limits: CountLimit[];
  /** The weekends' cap when they are tracked, else -1. */
  maxWeekends: number;
}): Labelled | 'too-large' {
  const { plan, days, T, stepCost, completion, budget, beamWidth } = input;
  const { choices, next, stateCount, weekendOf } = plan;
  const worked = plan.worked;
  const bar = input.ceiling - 1e-9;
  const T1 = T + 1;
  const limits = input.limits;
  const limitCells = limits.map((limit) => limit.cells);
  const trackWeekends = input.maxWeekends >= 0;
  // Resources: the slots, then the count limits, then the weekends (the last).
  const S = input.slotTypes.length;
  const LC = limits.length;
  const L = S + LC + (trackWeekends ? 1 : 0);
  const W = Math.max(1, L);
  // Resource index of each shift type (-1 when not tracked); the weekends are the last.
  const resourceOf = new Int32Array(T).fill(-1);
  const capOf = new Int32Array(W);
  input.slotTypes.forEach((t, i) => {
    resourceOf[t] = i;
    capOf[i] = input.slotCaps[i]!;
  });
  if (trackWeekends) capOf[L - 1] = input.maxWeekends;
  // A count limit with a floor: a label dominates another only at the same count (more is
  // nearer the floor, less is further from the cap).
  const exact = new Uint8Array(W);
  for (let j = 0; j < LC; j++) {
    capOf[S + j] = limits[j]!.hi;
    exact[S + j] = limits[j]!.lo > 0 ? 1 : 0;
  }
  const anyExact = exact.includes(1);

  reserveLabels(1024, W);
  let capacity = store.capacity;
  let cost = store.cost;
  let resources = store.resources;
  let parent = store.parent;
  let cell = store.cell;
  let state = store.state;
  let alive = store.alive;
  let nextInState = store.nextInState;
  if (store.head.length < stateCount) store.head = new Int32Array(stateCount);
  const head = store.head;
  head.fill(-1, 0, stateCount);
  // The root: the state before day 0, no resources used.
  state[0] = plan.start;
  alive[0] = 1;
  parent[0] = -1;
  for (let i = 0; i < W; i++) resources[i] = 0;
  let count = 1;
  let dayFrom = 0;
  const scratch = new Int16Array(W);
  const touched = new Int32Array(stateCount);
  for (let d = 0; d < days; d++) {
    const dayTo = count;
    let touchedCount = 0;
    const after = (d + 1) * stateCount;
    const weekend = weekendOf[d]!;
    const continuesWeekend = d > 0 && weekendOf[d - 1] === weekend;
    const list = choices[d]!;
    const choiceCount = list.length;
    const dayCost = d * T1 + 1;
    const limitOffset = d * T;
    for (let from = dayFrom; from < dayTo; from++) {
      if (alive[from] === 0) continue;
      const s = state[from]!;
      const fromCost = cost[from]!;
      const fromBase = from * L;
      for (let j = 0; j < choiceCount; j++) {
        const c = list[j]!;
        const to = next[s * T1 + c + 1]!;
        if (to < 0) continue;
        const total = fromCost + stepCost[dayCost + c]!;
        if (total + completion[after + to]! >= bar) continue;
        // The tracked resources after this cell.
        let ok = true;
        for (let i = 0; i < L; i++) scratch[i] = resources[fromBase + i]!;
        if (c !== OFF) {
          const r = resourceOf[c]!;
          if (r >= 0 && ++scratch[r]! > capOf[r]!) ok = false;
          for (let k = 0; k < LC; k++) {
            if (limitCells[k]![limitOffset + c] === 1 && ++scratch[S + k]! > capOf[S + k]!) {
              ok = false;
            }
          }
          if (
            trackWeekends &&
            weekend >= 0 &&
            !(continuesWeekend && worked[s] === 1) &&
            ++scratch[L - 1]! > capOf[L - 1]!
          ) {
            ok = false;
          }
        }
        if (!ok) continue;
        // Dominance among the labels of the same state; dead labels leave the list.
        let dominated = false;
        let kept = 0;
        let worst = -1;
        let previous = -1;
        for (let other = head[to]!; other >= 0; other = nextInState[other]!) {
          if (alive[other] === 1) {
            const otherCost = cost[other]!;
            const otherBase = other * L;
            if (otherCost <= total) {
              // Does the other use no more of any resource than this one?
              let noMore = true;
              for (let i = 0; i < L; i++) {
                const held = resources[otherBase + i]!;
                if (held > scratch[i]! || (anyExact && exact[i] === 1 && held !== scratch[i])) {
                  noMore = false;
                  break;
                }
              }
              if (noMore) {
                dominated = true;
                break;
              }
            }
            let dominates = total <= otherCost;
            if (dominates) {
              // Does this one use no more of any resource than the other?
              for (let i = 0; i < L; i++) {
                const held = resources[otherBase + i]!;
                if (scratch[i]! > held || (anyExact && exact[i] === 1 && scratch[i] !== held)) {
                  dominates = false;
                  break;
                }
              }
            }
            if (!dominates) {
              kept++;
              if (worst < 0 || otherCost > cost[worst]!) worst = other;
              previous = other;
              continue;
            }
          }
          alive[other] = 0;
          if (previous < 0) head[to] = nextInState[other]!;
          else nextInState[previous] = nextInState[other]!;
        }
        if (dominated) continue;
        if (beamWidth > 0 && kept >= beamWidth) {
          if (cost[worst]! <= total) continue;
          alive[worst] = 0;
        }
        if (count === capacity) {
          reserveLabels(capacity * 2, W);
          capacity = store.capacity;
          cost = store.cost;
          resources = store.resources;
          parent = store.parent;
          cell = store.cell;
          state = store.state;
          alive = store.alive;
          nextInState = store.nextInState;
        }
        const id = count++;
        cost[id] = total;
        const idBase = id * L;
        for (let i = 0; i < L; i++) resources[idBase + i] = scratch[i]!;
        parent[id] = from;
        cell[id] = c;
        state[id] = to;
        alive[id] = 1;
        if (head[to]! < 0) touched[touchedCount++] = to;
        nextInState[id] = head[to]!;
        head[to] = id;
        if (count > budget) return 'too-large';
      }
    }
    for (let k = 0; k < touchedCount; k++) head[touched[k]!] = -1;
    dayFrom = dayTo;
  }
  // The cheapest finished labels that keep the floors: the answer and `alternatives` more.
  const wanted = 1 + input.alternatives;
  const ends: number[] = [];
  for (let id = dayFrom; id < count; id++) {
    if (alive[id] === 0) continue;
    if (ends.length === wanted && cost[id]! >= cost[ends[wanted - 1]!]!) continue;
    if (limits.some((limit, j) => resources[id * L + S + j]! < limit.lo)) continue;
    let at = ends.length;
    while (at > 0 && cost[ends[at - 1]!]! > cost[id]!) at--;
    ends.splice(at, 0, id);
    if (ends.length > wanted) ends.pop();
  }
  if (ends.length === 0) return { row: undefined, cost: Infinity, labels: count, others: [] };
  const rowOf = (end: number): number[] => {
    const row = new Array<number>(days).fill(OFF);
    for (let id = end, d = days - 1; d >= 0; d--, id = parent[id]!) row[d] = cell[id]!;
    return row;
  };
  return {
    row: rowOf(ends[0]!),
    cost: cost[ends[0]!]!,
    labels: count,
    others: ends.slice(1).map((id) => ({ row: rowOf(id), cost: cost[id]! })),
  };
}
