import {
  OFF,
  weekendCount,
  weekendOfDays,
  type Roster,
  type RosterProblem,
  type ShiftRequest,
} from '../domain/roster/roster-model.ts';

/** A small, seedable PRNG (mulberry32) so a run can be repeated with `--seed`. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Incremental state of a roster for the local search (ROSTER-1): cover counts, per-cell wish
 * costs and fairness counts are kept up to date, so a move is scored by its delta, and the
 * hard rules are re-checked only for the people a move touches. Every state the search
 * accepts meets all hard rules; the evaluator stays the judge of the final roster.
 */
export class SearchState {
  readonly problem: RosterProblem;
  readonly cells: Int16Array;
  readonly days: number;
  readonly shiftCount: number;
  readonly peopleCount: number;
  /** `cellCost[(p*days+d)*(T+1) + v+1]`: wish cost of value v (OFF = -1) in that cell. */
  private readonly cellCost: Float64Array;
  /** Whether value v may stand in cell (p,d) at all (day off, pinned, shift never allowed). */
  readonly allowed: Uint8Array;
  private readonly coverCount: Int32Array;
  private readonly coverRequired: Int32Array;
  private readonly coverUnder: Float64Array;
  private readonly coverOver: Float64Array;
  private readonly weekendOf: Int32Array;
  private readonly weekends: number;
  private readonly fairnessIn: Uint8Array[]; // per term: [d*T+t] counts
  private readonly fairnessCount: Int32Array[]; // per term: per person
  objective = 0;

  constructor(problem: RosterProblem, roster: Roster) {
    this.problem = problem;
    const { days, shifts, people } = problem;
    this.days = days;
    this.shiftCount = shifts.length;
    this.peopleCount = people.length;
    const T = shifts.length;
    this.cells = new Int16Array(people.length * days);
    people.forEach((_, p) => {
      for (let d = 0; d < days; d++) this.cells[p * days + d] = roster[p]?.[d] ?? OFF;
    });
    this.cellCost = new Float64Array(people.length * days * (T + 1));
    for (const r of problem.onRequests) {
      // Unmet unless exactly the wished shift: charge every other value.
      const base = (r.person * days + r.day) * (T + 1);
      for (let v = -1; v < T; v++) if (v !== r.shift) this.cellCost[base + v + 1]! += r.weight;
    }
    for (const r of problem.offRequests) {
      this.cellCost[(r.person * days + r.day) * (T + 1) + r.shift + 1]! += r.weight;
    }
    this.allowed = new Uint8Array(people.length * days * (T + 1)).fill(1);
    people.forEach((person, p) => {
      for (let t = 0; t < T; t++) {
        if ((person.maxShifts[t] ?? 0) > 0) continue;
        for (let d = 0; d < days; d++) this.allowed[(p * days + d) * (T + 1) + t + 1] = 0;
      }
      for (const d of person.daysOff) {
        for (let t = 0; t < T; t++) this.allowed[(p * days + d) * (T + 1) + t + 1] = 0;
      }
    });
    for (const pin of problem.pinned) {
      for (let v = -1; v < T; v++) {
        if (v !== pin.shift) this.allowed[(pin.person * days + pin.day) * (T + 1) + v + 1] = 0;
      }
    }
    this.coverCount = new Int32Array(days * T);
    this.coverRequired = new Int32Array(days * T);
    this.coverUnder = new Float64Array(days * T);
    this.coverOver = new Float64Array(days * T);
    for (let d = 0; d < days; d++) {
      for (let t = 0; t < T; t++) {
        const need = problem.cover[d]?.[t];
        this.coverRequired[d * T + t] = need?.required ?? 0;
        this.coverUnder[d * T + t] = need?.underWeight ?? 0;
        this.coverOver[d * T + t] = need?.overWeight ?? 0;
      }
    }
    this.weekendOf = Int32Array.from(weekendOfDays(problem));
    this.weekends = weekendCount(problem);
    this.fairnessIn = problem.fairness.map((term) => {
      const inside = new Uint8Array(days * T);
      for (const d of term.days) for (const t of term.shifts) inside[d * T + t] = 1;
      return inside;
    });
    this.fairnessCount = problem.fairness.map(() => new Int32Array(people.length));
    this.recompute();
  }

  /** Recomputes every cached figure from the cells (after a bulk change). */
  recompute(): void {
    const { days, shiftCount: T, peopleCount } = this;
    this.coverCount.fill(0);
    for (const counts of this.fairnessCount) counts.fill(0);
    let objective = 0;
    for (let p = 0; p < peopleCount; p++) {
      for (let d = 0; d < days; d++) {
        const v = this.cells[p * days + d]!;
        objective += this.cellCost[(p * days + d) * (T + 1) + v + 1]!;
        if (v === OFF) continue;
        this.coverCount[d * T + v]!++;
        this.fairnessIn.forEach((inside, k) => {
          if (inside[d * T + v] === 1) this.fairnessCount[k]![p]!++;
        });
      }
    }
    for (let i = 0; i < days * T; i++) objective += this.coverPenalty(i, this.coverCount[i]!);
    objective += this.fairnessPenalty();
    this.objective = objective;
  }

  cell(p: number, d: number): number {
    return this.cells[p * this.days + d]!;
  }

  /**
   * The `i`th wish, counting the problem's on-requests then its off-requests, whether it is a
   * wish to work, and whether the roster grants it.
   */
  wish(i: number): { wish: ShiftRequest; toWork: boolean; granted: boolean } {
    const on = this.problem.onRequests;
    const toWork = i < on.length;
    const wish = toWork ? on[i]! : this.problem.offRequests[i - on.length]!;
    const granted = (this.cell(wish.person, wish.day) === wish.shift) === toWork;
    return { wish, toWork, granted };
  }

  isAllowed(p: number, d: number, v: number): boolean {
    return this.allowed[(p * this.days + d) * (this.shiftCount + 1) + v + 1] === 1;
  }

  coverGap(d: number, t: number): number {
    const i = d * this.shiftCount + t;
    return this.coverRequired[i]! - this.coverCount[i]!;
  }

  private coverPenalty(i: number, count: number): number {
    const required = this.coverRequired[i]!;
    return count < required
      ? (required - count) * this.coverUnder[i]!
      : (count - required) * this.coverOver[i]!;
  }

  private fairnessPenalty(): number {
    let total = 0;
    this.problem.fairness.forEach((term, k) => {
      if (term.weight <= 0) return;
      const counts = this.fairnessCount[k]!;
      let high = -Infinity;
      let low = Infinity;
      for (const c of counts) {
        if (c > high) high = c;
        if (c < low) low = c;
      }
      if (counts.length > 0) total += term.weight * (high - low);
    });
    return total;
  }

  /**
   * Person `p`'s row as a linear cost with everyone else's rows as they are: writes into
   * `into[d * shifts + t]` what working shift t on day d would cost against that day off
   * (its wish cost less the day off's, plus the change in that cell's cover penalty), and
   * returns the row's cost with every day off. Exact without fairness spreads (the
   * objective is then linear in one person's cells), so the cheapest row under these costs
   * is the person's best row given the others (see `sweepRows` in roster-search.ts).
   */
  rowCosts(p: number, into: Float64Array): number {
    const { days, shiftCount: T } = this;
    let offCost = 0;
    for (let d = 0; d < days; d++) {
      const base = (p * days + d) * (T + 1) + 1;
      const own = this.cells[p * days + d]!;
      const off = this.cellCost[base + OFF]!;
      offCost += off;
      for (let t = 0; t < T; t++) {
        const i = d * T + t;
        // The cell's cover without this person's own shift.
        const others = this.coverCount[i]! - (own === t ? 1 : 0);
        into[i] =
          this.cellCost[base + t]! -
          off +
          this.coverPenalty(i, others + 1) -
          this.coverPenalty(i, others);
      }
    }
    return offCost;
  }

  /**
   * Sets cells and returns the objective delta. The caller undoes a rejected move by calling
   * it again with the old values (see {@link tryMove}).
   */
  setCells(changes: readonly Change[]): number {
    const { days, shiftCount: T } = this;
    let delta = 0;
    const hasFairness = this.fairnessIn.length > 0;
    const fairnessBefore = hasFairness ? this.fairnessPenalty() : 0;
    for (const change of changes) {
      const index = change.person * days + change.day;
      const old = this.cells[index]!;
      const value = change.value;
      if (old === value) continue;
      const costBase = index * (T + 1) + 1;
      delta += this.cellCost[costBase + value]! - this.cellCost[costBase + old]!;
      if (old !== OFF) {
        const i = change.day * T + old;
        const count = this.coverCount[i]!;
        delta += this.coverPenalty(i, count - 1) - this.coverPenalty(i, count);
        this.coverCount[i] = count - 1;
        if (hasFairness) {
          this.fairnessIn.forEach((inside, k) => {
            if (inside[i] === 1) this.fairnessCount[k]![change.person]!--;
          });
        }
      }
      if (value !== OFF) {
        const i = change.day * T + value;
        const count = this.coverCount[i]!;
        delta += this.coverPenalty(i, count + 1) - this.coverPenalty(i, count);
        this.coverCount[i] = count + 1;
        if (hasFairness) {
          this.fairnessIn.forEach((inside, k) => {
            if (inside[i] === 1) this.fairnessCount[k]![change.person]!++;
          });
        }
      }
      this.cells[index] = value;
    }
    if (hasFairness) delta += this.fairnessPenalty() - fairnessBefore;
    this.objective += delta;
    return delta;
  }

  /** Whether person p's row meets every hard rule (ROSTER-1), checked in one pass. */
  personFeasible(p: number): boolean {
    const { days, shiftCount: T, problem } = this;
    const person = problem.people[p]!;
    const shifts = problem.shifts;
    const base = p * days;
    const counts = new Int32Array(T);
    let minutes = 0;
    let run = 0; // current run of worked days
    let offRun = 0;
    let seenWork = false;
    let seenOff = false;
    let lastWeekend = -1;
    let weekendsWorked = 0;
    for (let d = 0; d < days; d++) {
      const v = this.cells[base + d]!;
      if (this.allowed[(base + d) * (T + 1) + v + 1] !== 1) return false;
      if (v !== OFF) {
        counts[v]!++;
        minutes += shifts[v]!.minutes;
        if (d > 0) {
          const prev = this.cells[base + d - 1]!;
          if (prev !== OFF && shifts[prev]!.forbiddenNext.includes(v)) return false;
        }
        // An off run bounded by work on both sides must be long enough.
        if (offRun > 0 && seenWork && offRun < person.minConsecutiveDaysOff) return false;
        offRun = 0;
        run++;
        if (run > person.maxConsecutiveShifts) return false;
        seenWork = true;
        const w = this.weekendOf[d]!;
        if (w >= 0 && w !== lastWeekend) {
          lastWeekend = w;
          weekendsWorked++;
        }
      } else {
        if (run > 0 && seenOff && run < person.minConsecutiveShifts) return false;
        run = 0;
        offRun++;
        seenOff = true;
      }
    }
    if (weekendsWorked > person.maxWeekends && person.maxWeekends < this.weekends) return false;
    if (minutes < person.minTotalMinutes || minutes > person.maxTotalMinutes) return false;
    for (let t = 0; t < T; t++) if (counts[t]! > (person.maxShifts[t] ?? 0)) return false;
    return true;
  }

  toRoster(): Roster {
    return Array.from({ length: this.peopleCount }, (_, p) =>
      Array.from(this.cells.subarray(p * this.days, (p + 1) * this.days)),
    );
  }

  /** Overwrites the cells with `roster` and recomputes. */
  load(roster: Roster): void {
    for (let p = 0; p < this.peopleCount; p++) {
      for (let d = 0; d < this.days; d++) this.cells[p * this.days + d] = roster[p]?.[d] ?? OFF;
    }
    this.recompute();
  }
}

export type Change = { person: number; day: number; value: number };

/**
 * Applies a move if it keeps the touched people feasible and `accept(delta)` agrees;
 * otherwise restores the cells. Returns the delta applied, or undefined when rejected.
 */
export function tryMove(
  state: SearchState,
  changes: Change[],
  accept: (delta: number) => boolean,
): number | undefined {
  const undo: Change[] = changes.map((c) => ({
    person: c.person,
    day: c.day,
    value: state.cell(c.person, c.day),
  }));
  const delta = state.setCells(changes);
  let ok = true;
  const touched = new Set(changes.map((c) => c.person));
  for (const p of touched) {
    if (!state.personFeasible(p)) {
      ok = false;
      break;
    }
  }
  if (ok && accept(delta)) return delta;
  state.setCells(undo.reverse());
  return undefined;
}

export type LocalSearchOptions = {
  random: () => number;
  /** Stop at this `performance.now()` instant. */
  deadline: number;
  /** Stop after this many moves without a new best. */
  maxIdleMoves: number;
  /** Starting temperature of the simulated annealing (objective units). */
  temperature?: number;
  onBest?: (roster: Roster, objective: number) => void;
  shouldStop?: () => boolean;
};

/**
 * Simulated annealing over feasible rosters: change a cell, swap a block of days between two
 * people, set a block of days for one person, swap two people's cells on two days far apart
 * to grant a wish, and moves aimed at an under- or over-covered day/shift (most of the
 * remaining gap on the benchmark is cover, NOTES.md). Returns the best roster seen, which is
 * the state's roster at the end.
 */
export function runLocalSearch(
  state: SearchState,
  options: LocalSearchOptions,
): { roster: Roster; objective: number; moves: number } {
  const { random } = options;
  const { days, shiftCount: T, peopleCount: P } = state;
  const pick = (n: number): number => Math.floor(random() * n);
  let best = state.objective;
  let bestRoster = state.toRoster();
  let idle = 0;
  let moves = 0;
  const startTemperature = options.temperature ?? 20;
  let temperature = startTemperature;
  const wishCount = state.problem.onRequests.length + state.problem.offRequests.length;
  const accept = (delta: number): boolean =>
    delta <= 0 || (temperature > 0.01 && random() < Math.exp(-delta / temperature));

  while (idle < options.maxIdleMoves) {
    if ((moves & 255) === 0) {
      if (performance.now() >= options.deadline || options.shouldStop?.() === true) break;
      temperature *= 0.995;
      if (temperature < 0.05) temperature = startTemperature * random();
    }
    moves++;
    const changes: Change[] = [];
    const kind = random();
    if (kind < 0.15) {
      // Change one cell.
      const p = pick(P);
      const d = pick(days);
      changes.push({ person: p, day: d, value: pick(T + 1) - 1 });
    } else if (kind < 0.35) {
      // Swap a block of 1–7 days between two people: cover stays as it is.
      if (P < 2) continue;
      const a = pick(P);
      let b = pick(P - 1);
      if (b >= a) b++;
      const length = 1 + pick(Math.min(7, days));
      const start = pick(days - length + 1);
      for (let d = start; d < start + length; d++) {
        changes.push({ person: a, day: d, value: state.cell(b, d) });
        changes.push({ person: b, day: d, value: state.cell(a, d) });
      }
    } else if (kind < 0.5) {
      // Exchange two blocks of days within one person's row: minutes and shift counts stay,
      // so the totals rules hold; shifting a run by a day or two is the common case.
      const p = pick(P);
      const length = 1 + pick(Math.min(4, days));
      const first = pick(days - length + 1);
      const second =
        random() < 0.6
          ? first + (random() < 0.5 ? -1 : 1) * (1 + pick(2))
          : pick(days - length + 1);
      if (second < 0 || second + length > days || second === first) continue;
      if (Math.abs(second - first) >= length) {
        for (let k = 0; k < length; k++) {
          changes.push({ person: p, day: second + k, value: state.cell(p, first + k) });
          changes.push({ person: p, day: first + k, value: state.cell(p, second + k) });
        }
      } else {
        // Overlapping blocks: rotate the span they cover, which moves the block by the offset.
        const lo = Math.min(first, second);
        const span: number[] = [];
        for (let d = lo; d <= Math.max(first, second) + length - 1; d++) {
          span.push(state.cell(p, d));
        }
        const offset = second - first;
        span.forEach((value, i) => {
          changes.push({ person: p, day: lo + ((i + offset + span.length) % span.length), value });
        });
      }
    } else if (kind < 0.62) {
      // Set a block of 2–5 days of one person to one value (a new run, or days off).
      const p = pick(P);
      const length = 2 + pick(Math.min(4, Math.max(1, days - 1)));
      const start = pick(Math.max(1, days - length + 1));
      const value = random() < 0.3 ? OFF : pick(T);
      for (let d = start; d < Math.min(days, start + length); d++) {
        changes.push({ person: p, day: d, value });
      }
    } else if (kind < 0.72 && wishCount > 0) {
      // Grant a wish by swapping two people's cells on the wished day and another day at
      // random: the person takes the wished cell from someone who has it, and the other day
      // gives back what granting it costs. Cover stays as it is; the two days are seldom next
      // to each other, which the block swap needs (Instance 13's gap is its wishes).
      const { wish, toWork, granted } = state.wish(pick(wishCount));
      if (granted) continue;
      const p = wish.person;
      const b = wish.day;
      const want = toWork ? wish.shift : OFF;
      const from = pick(P);
      let q = -1;
      for (let k = 0; k < P && q < 0; k++) {
        const c = (from + k) % P;
        if (c !== p && state.cell(c, b) === want) q = c;
      }
      const a = pick(days);
      if (q < 0 || a === b) continue;
      for (const d of [a, b]) {
        changes.push({ person: p, day: d, value: state.cell(q, d) });
        changes.push({ person: q, day: d, value: state.cell(p, d) });
      }
    } else {
      // Aim at cover: move someone's work onto an under-covered day/shift from a day where it
      // matters less, or take someone off an over-covered one.
      const d = pick(days);
      const t = pick(T);
      const gap = state.coverGap(d, t);
      if (gap === 0) continue;
      const p = pick(P);
      const current = state.cell(p, d);
      if (gap > 0 && current !== t) {
        changes.push({ person: p, day: d, value: t });
        const r = random();
        if (r < 0.4 && current === OFF) {
          // Give up one worked day elsewhere, to keep the minutes.
          const other = pick(days);
          if (other !== d && state.cell(p, other) !== OFF)
            changes.push({ person: p, day: other, value: OFF });
        } else if (r < 0.7) {
          // A single cell often breaks a run rule: extend to a neighbour or two.
          const extend = 1 + pick(2);
          const side = random() < 0.5 ? -1 : 1;
          for (let k = 1; k <= extend; k++) {
            const day = d + side * k;
            if (day >= 0 && day < days && state.cell(p, day) === OFF)
              changes.push({ person: p, day, value: t });
          }
        }
      } else if (gap < 0 && current === t) {
        changes.push({ person: p, day: d, value: random() < 0.5 ? OFF : pick(T) });
      } else continue;
    }
    const delta = tryMove(state, changes, accept);
    if (delta === undefined) {
      idle++;
      continue;
    }
    if (state.objective < best - 1e-9) {
      best = state.objective;
      bestRoster = state.toRoster();
      idle = 0;
      options.onBest?.(bestRoster, best);
    } else idle++;
  }
  state.load(bestRoster);
  return { roster: bestRoster, objective: best, moves };
}
