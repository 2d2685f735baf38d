import type { Highs } from 'highs';
import { OFF, type Roster, type RosterProblem } from '../domain/roster/roster-model.ts';
import { runRosterMip } from './highs-runner.ts';
import { greedyRoster } from './greedy-construction.ts';
import { columnGenerationApplies, hasFairness } from './column-generation.ts';
import { createRandom, runLocalSearch, SearchState, type Change } from './local-search.ts';
import { buildRosterMip, type MipScope } from './mip-model.ts';
import { cheapestRow, fitsRowPricing } from './row-pricing.ts';

export type SearchCallbacks = {
  /** A better roster (its objective by the search's own incremental count). */
  onSolution: (roster: Roster, objective: number) => void;
  /** A roster found elsewhere (the other worker), if better than ours; polled between phases. */
  pollIncumbent: () => { roster: Roster; objective: number } | undefined;
  shouldStop: () => boolean;
};

/**
 * Builds a roster that meets the hard rules. A plain-TypeScript greedy row search
 * ({@link greedyRoster}) goes first: milliseconds on any instance. When one HiGHS MIP per
 * person (and four weeks) fits in a fraction of the time, those MIPs then build every row
 * again, filling what the others left uncovered (NOTES.md: the start roster matters most),
 * and the better of the two starts is kept; otherwise only the people the greedy could not
 * place get a MIP row. Every HiGHS run is bounded by `deadline`. Returns the people no row was
 * found for within the time (their rows stay off).
 */
export function constructRoster(
  highs: Highs,
  problem: RosterProblem,
  options: { deadline: number; seed: number },
): { roster: Roster; unfinished: number[]; fallbacks: number; greedy: boolean } {
  const greedy = greedyRoster(problem, { seed: options.seed, deadline: options.deadline });
  if (rowSweepsApply(problem)) {
    // Each person's cheapest row given the rows before, then sweeps to a standstill: seconds
    // where a MIP per person takes half a minute (Instance 13).
    const state = new SearchState(problem, pinsOnly(problem));
    sweepRows(problem, state, {
      deadline: performance.now() + (options.deadline - performance.now()) * 0.5,
      random: createRandom(options.seed * 613 + 3),
    });
    const swept = state.toRoster();
    if (swept.every((_, p) => state.personFeasible(p))) {
      const greedyBetter =
        greedy.unfinished.length === 0 &&
        new SearchState(problem, greedy.roster).objective < state.objective;
      return {
        roster: greedyBetter ? greedy.roster : swept,
        unfinished: [],
        fallbacks: 0,
        greedy: greedyBetter,
      };
    }
  }
  const chunks = Math.ceil(problem.days / (problem.days > 56 ? 28 : problem.days));
  // About 0.2 s per person-chunk MIP was measured on the shared machine (Instance 21: 700 MIPs
  // in ~130 s): the MIP construction runs only if it should take under half the budget.
  const budgetSeconds = (options.deadline - performance.now()) / 1000;
  const mipAffordable = problem.people.length * chunks * 0.2 <= budgetSeconds * 0.5;
  if (!mipAffordable && greedy.unfinished.length === 0) {
    return { roster: greedy.roster, unfinished: [], fallbacks: 0, greedy: true };
  }
  const viaMip = constructRosterByMip(highs, problem, {
    ...options,
    ...(mipAffordable ? {} : { start: greedy.roster, people: greedy.unfinished, wholeRows: true }),
  });
  if (mipAffordable && greedy.unfinished.length === 0) {
    if (viaMip.unfinished.length > 0) {
      return { roster: greedy.roster, unfinished: [], fallbacks: viaMip.fallbacks, greedy: true };
    }
    const greedyObjective = new SearchState(problem, greedy.roster).objective;
    const mipObjective = new SearchState(problem, viaMip.roster).objective;
    if (greedyObjective < mipObjective) {
      return { roster: greedy.roster, unfinished: [], fallbacks: viaMip.fallbacks, greedy: true };
    }
  }
  return { ...viaMip, greedy: false };
}

/**
 * The MIP construction: one person at a time in order of scarcity (most days off first),
 * each person's row a small HiGHS MIP over the rows already set. `people` restricts it to
 * some rows of `start` (the rest stay as they are).
 */
function constructRosterByMip(
  highs: Highs,
  problem: RosterProblem,
  options: {
    deadline: number;
    seed: number;
    start?: Roster;
    people?: number[];
    /** One feasibility MIP per whole row: for the few rows the greedy could not place. */
    wholeRows?: boolean;
  },
): { roster: Roster; unfinished: number[]; fallbacks: number } {
  const random = createRandom(options.seed);
  const chosen = options.people ?? problem.people.map((_, p) => p);
  const order = chosen
    .map((p) => ({ p, key: problem.people[p]!.daysOff.length + random() }))
    .sort((a, b) => b.key - a.key)
    .map(({ p }) => p);
  let roster: Roster = options.start?.map((row) => [...row]) ?? pinsOnly(problem);
  for (const pin of problem.pinned) roster[pin.person]![pin.day] = pin.shift;
  const unfinished: number[] = [];
  // Long horizons: one person's year is too big a MIP to find quickly, so the row is built
  // four weeks at a time with prorated totals (a rolling horizon), the last chunk exact.
  // The greedy's leftovers are tight rows (e.g. 232 of 364 days with 36 days off) that
  // prorated chunks miss; one feasibility MIP over the whole row finds them.
  const wholeRows = options.wholeRows === true;
  const chunk = problem.days > 56 && !wholeRows ? 28 : problem.days;
  const longestShift = Math.max(...problem.shifts.map((s) => s.minutes));
  let fallbacks = 0;
  /** Seconds left before the construction's deadline: no HiGHS run may go past it. */
  const left = (): number => (options.deadline - performance.now()) / 1000;
  order.forEach((p, index) => {
    const person = problem.people[p]!;
    if (left() < 0.05) {
      unfinished.push(p);
      return;
    }
    const chunks = Math.ceil(problem.days / chunk);
    const perSolve = Math.max(
      0.05,
      (left() * (wholeRows ? 1 : 0.5)) / (order.length - index) / chunks,
    );
    let rowDone = true;
    for (let firstDay = 0; firstDay < problem.days; firstDay += chunk) {
      const lastDay = Math.min(problem.days - 1, firstDay + chunk - 1);
      const share = (lastDay + 1) / problem.days;
      const slack = 2 * longestShift;
      const scope = {
        current: roster,
        people: [p],
        firstDay,
        lastDay,
        ...(lastDay < problem.days - 1
          ? {
              totals: {
                minMinutes: person.minTotalMinutes * share - slack,
                maxMinutes: person.maxTotalMinutes * share + slack,
                share,
              },
            }
          : {}),
      };
      if (left() < 0.05) {
        rowDone = false;
        break;
      }
      let outcome = runRosterMip(
        highs,
        buildRosterMip(problem, { ...scope, feasibilityOnly: wholeRows }),
        {
          timeLimitSeconds: Math.min(perSolve, left()),
          seed: options.seed,
          // A greedy start needs a good row, not a proof that it is the best.
          absoluteGap: 10,
        },
      );
      if (outcome.roster === undefined && outcome.status !== 'infeasible' && left() >= 0.05) {
        // No row in time: any row meeting the rules will do, the search improves it later.
        fallbacks++;
        const plain = buildRosterMip(problem, { ...scope, feasibilityOnly: true });
        outcome = runRosterMip(highs, plain, {
          timeLimitSeconds: Math.min(Math.max(2, perSolve * 4), left()),
        });
      }
      if (outcome.roster === undefined) {
        rowDone = false;
        break;
      }
      roster = outcome.roster;
    }
    if (!rowDone && left() < 0.05) {
      unfinished.push(p);
    } else if (!rowDone) {
      // Retry the whole row in one piece before giving up on this person.
      const whole = buildRosterMip(problem, {
        current: roster,
        people: [p],
        feasibilityOnly: true,
      });
      const outcome = runRosterMip(highs, whole, {
        timeLimitSeconds: Math.min(Math.max(2, perSolve * 8), left()),
      });
      if (outcome.roster === undefined) unfinished.push(p);
      else roster = outcome.roster;
    }
  });
  return { roster, unfinished, fallbacks };
}

/**
 * Improves a feasible roster until the deadline: simulated-annealing local search with delta
 * evaluation, alternating with HiGHS sub-MIPs over a window of days × a group of people with
 * the rest fixed (large-neighbourhood search). The neighbourhood grows when HiGHS proves its
 * sub-MIPs quickly and shrinks when it runs out of time, so each stays a fraction of a second.
 * Where row sweeps apply, each round also sweeps to a standstill and then runs guided sweeps
 * (`GuidedSweeps`) for as long as the sub-MIPs get.
 */
export function improveRoster(
  highs: Highs,
  problem: RosterProblem,
  start: Roster,
  options: {
    deadline: number;
    seed: number;
    /**
     * The `performance.now()` instant from which the row sweeps run, where they fit
     * (`rowSweepsFit`): beside column generation, from half its share of the time. By
     * default from the start where `rowSweepsApply`, else never.
     */
    sweepsFrom?: number;
  },
  callbacks: SearchCallbacks,
): { roster: Roster; objective: number } {
  const random = createRandom(options.seed * 7919 + 17);
  const state = new SearchState(problem, start);
  let best = state.objective;
  let bestRoster = state.toRoster();
  let lastReport = 0;
  const report = (force: boolean): void => {
    const now = performance.now();
    if (force || now - lastReport > 250) {
      lastReport = now;
      callbacks.onSolution(bestRoster, best);
    }
  };
  const improve = (roster: Roster, objective: number): void => {
    if (objective < best) {
      best = objective;
      bestRoster = roster;
      report(false);
    }
  };
  report(true);

  const P = problem.people.length;
  const T = problem.shifts.length;
  const binariesPerCell = Math.max(1, T);
  const patternWeeks = weekdayPatternWeeks(problem);
  const kinds = new NeighbourhoodKinds(
    Math.min(P * problem.days, Math.max(30, Math.round(300 / binariesPerCell))),
    P * problem.days,
    patternWeeks > 0 || scatteredDaysApply(problem) ? NEIGHBOURHOOD_KINDS : NEIGHBOURHOOD_KINDS - 1,
  );
  let round = 0;
  let idleDescents = 0;
  let idleSweeps = 0;
  const sweepsFrom = options.sweepsFrom ?? (rowSweepsApply(problem) ? -Infinity : Infinity);
  const guided =
    sweepsFrom < options.deadline && rowSweepsFit(problem) ? new GuidedSweeps(problem) : undefined;
  while (performance.now() < options.deadline && !callbacks.shouldStop()) {
    round++;
    const incoming = callbacks.pollIncumbent();
    if (incoming !== undefined && incoming.objective < best) {
      best = incoming.objective;
      bestRoster = incoming.roster;
      state.load(bestRoster);
    }
    // Local search phase: many cheap moves. Where its descents stop finding anything (the
    // sub-MIPs leave rosters it cannot improve: Instances 13 and 15), it runs one round in
    // four instead of spending half a second of every round.
    if (idleDescents < 2 || round % 4 === 0) {
      const before = best;
      const searched = runLocalSearch(state, {
        random,
        // A long first descent; later ones only polish what the sub-MIPs changed.
        deadline: Math.min(options.deadline, performance.now() + (round === 1 ? 3000 : 500)),
        maxIdleMoves: 3_000_000,
        temperature: round % 2 === 0 ? 20 : 5,
        shouldStop: callbacks.shouldStop,
        onBest: improve,
      });
      improve(searched.roster, searched.objective);
      idleDescents = best < before ? 0 : idleDescents + 1;
      state.load(bestRoster);
    }
    // The same for the sweeps: on Instance 13 the guided sweeps win nothing after the first
    // seconds yet took a third of the time (docs/BENCHMARKS.md, session 36).
    if (
      guided !== undefined &&
      performance.now() >= sweepsFrom &&
      (idleSweeps < 2 || round % 4 === 0)
    ) {
      const before = best;
      sweepRows(problem, state, {
        random,
        deadline: Math.min(options.deadline, performance.now() + 2000),
        shouldStop: callbacks.shouldStop,
      });
      improve(state.toRoster(), state.objective);
      state.load(bestRoster);
      guided.run(state, {
        random,
        deadline: Math.min(options.deadline, performance.now() + 3000),
        shouldStop: callbacks.shouldStop,
        onBest: improve,
      });
      state.load(bestRoster);
      idleSweeps = best < before ? 0 : idleSweeps + 1;
    }

    // Large-neighbourhood phase: a few sub-MIPs around the best roster.
    const phaseEnd = Math.min(options.deadline, performance.now() + 3000);
    for (let k = 0; k < 50 && performance.now() < phaseEnd && !callbacks.shouldStop(); k++) {
      const kind = kinds.pick(random);
      const scope = pickNeighbourhood(problem, state, random, {
        kind,
        targetCells: kinds.cells(kind),
        patternWeeks,
      });
      const mip = buildRosterMip(problem, { current: bestRoster, ...scope });
      const left = (options.deadline - performance.now()) / 1000;
      const limit = Math.min(1.5, left);
      if (limit < 0.05) break;
      const before = best;
      const outcome = runRosterMip(highs, mip, {
        timeLimitSeconds: limit,
        start: bestRoster,
        seed: options.seed + round,
        shouldInterrupt: callbacks.shouldStop,
      });
      if (outcome.roster !== undefined) {
        state.load(outcome.roster);
        // Trust but verify: only rows meeting every hard rule enter the search.
        if (scope.people.every((p) => state.personFeasible(p))) {
          improve(state.toRoster(), state.objective);
        }
        state.load(bestRoster);
      }
      kinds.record(kind, {
        gain: before - best,
        seconds: outcome.seconds,
        solved: outcome.status === 'optimal',
        quick: outcome.seconds < limit * 0.3,
      });
    }
  }
  report(true);
  return { roster: bestRoster, objective: best };
}

/** The kinds of neighbourhood `pickNeighbourhood` knows, numbered from 0. */
const NEIGHBOURHOOD_KINDS = 4;

/**
 * What to free for one sub-MIP of the given kind (`NeighbourhoodKinds`): 0, every person
 * over a short window of days (moves cover between people); 1, a few people over most of the
 * horizon (rebuilds whole rows, which the cell moves of the local search cannot: a row stuck
 * between its run and total rules); 2, a group × window; 3, the same few days of the week
 * in every week of `patternWeeks` weeks (`weekdayPattern`), or where that does not fit
 * (`patternWeeks` 0), everyone over a few days anywhere around an unmet wish
 * (`scatteredDays`) where `scatteredDaysApply`, else kind 3 is not picked. Windows lean
 * towards an under-covered day (most of the gap is cover).
 */
function pickNeighbourhood(
  problem: RosterProblem,
  state: SearchState,
  random: () => number,
  { kind, targetCells, patternWeeks }: { kind: number; targetCells: number; patternWeeks: number },
): Required<Pick<MipScope, 'people' | 'firstDay' | 'lastDay'>> & Pick<MipScope, 'freeDays'> {
  const P = problem.people.length;
  const days = problem.days;
  let centre = Math.floor(random() * days);
  for (let tries = 0; tries < 20; tries++) {
    const d = Math.floor(random() * days);
    const t = Math.floor(random() * problem.shifts.length);
    if (state.coverGap(d, t) !== 0) {
      centre = d;
      break;
    }
  }
  const everyone = problem.people.map((_, p) => p);
  const shuffled = (): number[] => {
    const list = [...everyone];
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  };
  if (kind === 3) {
    return patternWeeks > 0
      ? weekdayPattern(problem, centre, targetCells, shuffled(), random, patternWeeks)
      : scatteredDays(problem, state, targetCells, random);
  }
  let windowDays: number;
  let people: number[];
  switch (kind) {
    case 0:
      windowDays = Math.max(2, Math.min(days, Math.floor(targetCells / P)));
      people = everyone;
      break;
    case 1:
      windowDays = Math.min(days, Math.max(7, Math.floor(targetCells / 2)));
      people = shuffled().slice(0, Math.max(2, Math.min(P, Math.floor(targetCells / windowDays))));
      break;
    default:
      windowDays = Math.max(2, Math.min(days, Math.round(Math.sqrt(targetCells) * (1 + random()))));
      people = shuffled().slice(0, Math.max(2, Math.min(P, Math.floor(targetCells / windowDays))));
  }
  const firstDay = Math.max(
    0,
    Math.min(days - windowDays, centre - Math.floor(random() * windowDays)),
  );
  return { people, firstDay, lastDay: firstDay + windowDays - 1 };
}

/**
 * Everyone over a few days anywhere in the horizon (two at first, more as HiGHS proves them
 * quickly): the day of an unmet wish, a day on which its person could give back what granting
 * it costs (a worked day for a wish to work, a day off for a wish to be off), and days at
 * random. Where every person's minutes and weekends are spent, granting a wish means moving a
 * shift from one day of the row to another and someone else's the other way, and the two days
 * are seldom next to each other, so no window holds both. On Instance 13 (its cover at its
 * least, the gap in the wishes), from a 1721 roster the whole solver left at 120 s, one thread
 * for 90 s: four such days 1637 (220 of 222 solved), three 1642, two 1658, two at random 1666
 * (docs/BENCHMARKS.md, session 36). Without an unmet wish, the days are all at random.
 */
export function scatteredDays(
  problem: RosterProblem,
  state: SearchState,
  targetCells: number,
  random: () => number,
): Required<Pick<MipScope, 'people' | 'firstDay' | 'lastDay' | 'freeDays'>> {
  const P = problem.people.length;
  const count = Math.max(2, Math.min(problem.days, Math.floor(targetCells / P)));
  const days = new Set<number>();
  const wishCount = problem.onRequests.length + problem.offRequests.length;
  for (let tries = 0; tries < 50 && wishCount > 0; tries++) {
    const { wish, toWork, granted } = state.wish(Math.floor(random() * wishCount));
    if (granted) continue;
    days.add(wish.day);
    const giveBack: number[] = [];
    for (let d = 0; d < problem.days; d++) {
      if (d !== wish.day && (state.cell(wish.person, d) !== OFF) === toWork) giveBack.push(d);
    }
    if (giveBack.length > 0 && days.size < count) {
      days.add(giveBack[Math.floor(random() * giveBack.length)]!);
    }
    break;
  }
  while (days.size < count) days.add(Math.floor(random() * problem.days));
  const freeDays = [...days].sort((a, b) => a - b);
  return {
    people: problem.people.map((_, p) => p),
    firstDay: freeDays[0]!,
    lastDay: freeDays[freeDays.length - 1]!,
    freeDays,
  };
}

/**
 * Whether kind 3 frees scattered days where the weekday pattern does not fit: on a horizon of
 * at most `MAX_SCATTERED_DAYS_HORIZON` days (Instance 13, where they were measured to help).
 * On Instance 21 (182 days) one run at 600 s ended at 23,357 with them, against 21,849-21,995
 * before (seed 1; docs/BENCHMARKS.md, session 36), so the long horizons go without them until
 * measured more.
 */
export function scatteredDaysApply(problem: RosterProblem): boolean {
  return problem.days <= MAX_SCATTERED_DAYS_HORIZON && weekdayPatternWeeks(problem) === 0;
}

const MAX_SCATTERED_DAYS_HORIZON = 35;

/**
 * How many weeks a weekday-pattern sub-MIP spans: the whole horizon where two days a week for
 * everyone over it is at most `MAX_WEEKDAY_PATTERN_BINARIES` assignment binaries (Instances
 * 1-12 and 14-19), else the most weeks that stay within it, if that is at least
 * `MIN_WEEKDAY_PATTERN_WEEKS` (20: 9 of 26 weeks; 22: 6 of 52). 0 where not even that fits
 * (13, 21, 23, 24): kind 3 frees scattered days instead where they apply (13), else it is not
 * picked. Beyond the limit HiGHS does not solve it for everyone within a sub-MIP's limit, so
 * its size shrinks to a group of people, which kind 1 already is. On Instance 13 (12,288 binaries for its four weeks) it made no measurable
 * difference at 120 s (1605-1720 with it, 1673-1748 without, seeds 1-3 and 1-2;
 * docs/BENCHMARKS.md, session 27).
 */
export function weekdayPatternWeeks(problem: RosterProblem): number {
  const weeks = Math.ceil(problem.days / 7);
  let perDay = 0;
  for (const person of problem.people) {
    perDay += person.maxShifts.filter((most) => most > 0).length;
  }
  const span = Math.floor(MAX_WEEKDAY_PATTERN_BINARIES / Math.max(1, 2 * perDay));
  if (span >= weeks) return weeks;
  return span >= MIN_WEEKDAY_PATTERN_WEEKS ? span : 0;
}

/** Instance 15 has 2,124 (such sub-MIPs solved in 0.06-0.2 s), 19 has 3,072, 13 has 12,288. */
const MAX_WEEKDAY_PATTERN_BINARIES = 4_000;

/**
 * A week or two of everyone is what kind 0's windows already free. A span of three weeks on
 * Instance 21 made no measurable difference at 600 s (21,907 with it, 21,849 without, seed 1;
 * docs/BENCHMARKS.md, session 29); two weeks (23) was not measured.
 */
const MIN_WEEKDAY_PATTERN_WEEKS = 4;

/**
 * The days of the week of `centre` and of others at random, in every week of `spanWeeks`
 * weeks around it (the whole horizon when not given; `weekdayPatternWeeks`), for everyone once
 * the size allows two such days (fewer people before). With the days between them fixed, it
 * moves work from one weekend to another, or from one week's Monday to another's, across the
 * span at once: where every person's weekends are spent (the max-weekends rule binds),
 * covering a short weekend means giving up another one, which no window of consecutive days
 * holds. On Instance 15, three days a week for everyone took a roster from 4840 to 4391 in
 * 90 s where windows had stopped (docs/BENCHMARKS.md, session 27).
 */
export function weekdayPattern(
  problem: RosterProblem,
  centre: number,
  targetCells: number,
  shuffledPeople: number[],
  random: () => number,
  spanWeeks?: number,
): Required<Pick<MipScope, 'people' | 'firstDay' | 'lastDay' | 'freeDays'>> {
  const P = problem.people.length;
  const allWeeks = Math.ceil(problem.days / 7);
  const weeks = Math.min(allWeeks, spanWeeks ?? allWeeks);
  const centreWeek = Math.floor(centre / 7);
  // (No draw where the span is the whole horizon: the same picks as before spans existed.)
  const firstWeek =
    weeks === allWeeks
      ? 0
      : Math.max(0, Math.min(allWeeks - weeks, centreWeek - Math.floor(random() * weeks)));
  const firstDay = firstWeek * 7;
  const lastDay = Math.min(problem.days - 1, (firstWeek + weeks) * 7 - 1);
  const weekdayCount = Math.max(2, Math.min(7, Math.floor(targetCells / (P * weeks))));
  const people = shuffledPeople.slice(
    0,
    Math.max(2, Math.floor(targetCells / (weekdayCount * weeks))),
  );
  const weekdays = [centre % 7];
  while (weekdays.length < weekdayCount) {
    const w = Math.floor(random() * 7);
    if (!weekdays.includes(w)) weekdays.push(w);
  }
  const freeDays: number[] = [];
  for (let d = firstDay; d <= lastDay; d++) if (weekdays.includes(d % 7)) freeDays.push(d);
  return { people, firstDay, lastDay, freeDays };
}

/**
 * The kinds of sub-MIP neighbourhood (`pickNeighbourhood`), each with its own size and
 * share of the picks, adaptive in the manner of Ropke and Pisinger's ALNS. A kind's size
 * (cells freed) grows by a quarter when HiGHS solves it in under 30 % of its limit and shrinks
 * by 30 % when it does not solve it: one size for all kinds (before session 23) made the
 * whole-row kinds time out at the size that suited the day windows, or the reverse; on
 * Instances 13 and 15 the sub-MIPs that hit their limit took 73-82 % of the time and gave
 * 2-3 % of the gain. A kind is picked with probability 0.1 plus the rest (0.6 with four
 * kinds) times its share of the recent gain per second (an exponential average), so no kind
 * is ever starved.
 */
export class NeighbourhoodKinds {
  private readonly size: number[];
  private readonly rate: number[];

  /** `kinds`: the first this many kinds of `pickNeighbourhood` are picked. */
  constructor(
    initialCells: number,
    private readonly maxCells: number,
    kinds: number = NEIGHBOURHOOD_KINDS,
  ) {
    this.size = new Array<number>(kinds).fill(initialCells);
    this.rate = new Array<number>(kinds).fill(0);
  }

  cells(kind: number): number {
    return this.size[kind]!;
  }

  pick(random: () => number): number {
    const total = this.rate.reduce((a, b) => a + b, 0);
    // The shares add up to one: 0.1 each, and the rest split by rate.
    const kinds = this.rate.length;
    const byRate = 1 - 0.1 * kinds;
    const share = this.rate.map((r) => (total > 0 ? 0.1 + (byRate * r) / total : 1 / kinds));
    let x = random();
    for (let kind = 0; kind < share.length - 1; kind++) {
      x -= share[kind]!;
      if (x < 0) return kind;
    }
    return share.length - 1;
  }

  record(
    kind: number,
    outcome: { gain: number; seconds: number; solved: boolean; quick: boolean },
  ): void {
    if (outcome.solved && outcome.quick) {
      this.size[kind] = Math.min(this.maxCells, Math.round(this.size[kind]! * 1.25));
    } else if (!outcome.solved) {
      this.size[kind] = Math.max(8, Math.round(this.size[kind]! * 0.7));
    }
    const perSecond = Math.max(0, outcome.gain) / Math.max(0.05, outcome.seconds);
    this.rate[kind] = 0.8 * this.rate[kind]! + 0.2 * perSecond;
  }
}

/** Every cell off but the pinned ones. */
function pinsOnly(problem: RosterProblem): Roster {
  const roster = problem.people.map(() => new Array<number>(problem.days).fill(OFF));
  for (const pin of problem.pinned) roster[pin.person]![pin.day] = pin.shift;
  return roster;
}

/**
 * Whether row sweeps fit: no fairness spreads (one person's share of the objective is then
 * linear in their cells) and rows quick enough to price (`MAX_SWEEP_PERSON_DAYS`, tables
 * that fit).
 */
export function rowSweepsFit(problem: RosterProblem): boolean {
  return (
    !hasFairness(problem) &&
    problem.people.length * problem.days <= MAX_SWEEP_PERSON_DAYS &&
    fitsRowPricing(problem)
  );
}

/**
 * Whether row sweeps apply from the start (construction and search): where they fit and no
 * column generation runs beside them. Both stream through the pricing's tables, and on two
 * cores each slows the other: beside sweeps, Instance 14's root LP converged in 37 s instead
 * of 23 s and its optimum (1278, found at 33 s without them) was not reached in 120 s
 * (docs/BENCHMARKS.md, session 16). Beside column generation the search sweeps from half its
 * share of the time (`improveRoster`'s `sweepsFrom`).
 */
export function rowSweepsApply(problem: RosterProblem): boolean {
  return rowSweepsFit(problem) && !columnGenerationApplies(problem);
}

/**
 * Most person-days for row sweeps: measured to help on Instance 13 (3,360 person-days: 2718
 * and 2988 at 120 s, against 3465-3637 without), and to hurt on 20 (9,100: 5704 at 600 s
 * with its bound at 2865, against 5525 and 4710 without) and 21 (18,200: 43 rows still
 * unplaced after 62 s of sweeps from an empty roster); docs/BENCHMARKS.md, session 16.
 */
const MAX_SWEEP_PERSON_DAYS = 5_000;

/** Labels a sweep's pricing may make before it gives a person up for this pass. */
const SWEEP_LABELS = 300_000;

/** A sweep's deadline and stop, and the random source of its order of people. */
type SweepOptions = { deadline: number; random: () => number; shouldStop?: () => boolean };

/**
 * Row sweeps (best responses): each person in turn, in a random order, takes their cheapest
 * row with everyone else's as it is (row-pricing.ts's dynamic programme under
 * `SearchState.rowCosts`, exact for one person), until a whole pass changes nothing, the
 * deadline or a stop. A row that breaks its person's rules (all days off, at construction)
 * is replaced by their cheapest feasible one. Rebuilds whole rows at once, which neither the
 * cell moves of the local search nor the small sub-MIPs do. Only where `rowSweepsApply`.
 * Returns how many rows it changed.
 */
export function sweepRows(
  problem: RosterProblem,
  state: SearchState,
  options: SweepOptions,
): number {
  const sweep = new RowSweep(problem);
  let changed = 0;
  for (;;) {
    const pass = sweep.pass(state, options);
    changed += pass.changed;
    if (!pass.complete || pass.changed === 0) return changed;
  }
}

/**
 * Guided row sweeps: passes of best responses (`RowSweep`) in which a cover cell that stays
 * short earns a bonus for whoever takes it, growing by `GUIDE_STEP` a head short after each
 * pass and fading by `GUIDE_FADE` (guided local search; a subgradient step on the cells'
 * prices). A person then leaves a covered cell for a short one with a bonus, the shortage
 * moves on, and it ends where someone has the minutes to spare. Plain sweeps stop where no
 * one person can gain alone: on Instance 13, from a 2179 roster (17 heads short) that
 * neither sweeps nor local search improved, 40 s of guided passes alone gave 1644-1928 with
 * the settings tried (11-13 short); in the search the whole solver's 120-s runs went from
 * 2192-2466 to 1569-1597 (docs/BENCHMARKS.md, session 24). The bonuses persist between calls.
 * Reports each better roster (by the true objective) through `onBest`.
 */
export class GuidedSweeps {
  private readonly bonus: Float64Array;
  private readonly sweep: RowSweep;

  constructor(private readonly problem: RosterProblem) {
    this.bonus = new Float64Array(problem.days * problem.shifts.length);
    this.sweep = new RowSweep(problem);
  }

  run(
    state: SearchState,
    options: SweepOptions & { onBest: (roster: Roster, objective: number) => void },
  ): void {
    const { days } = this.problem;
    const T = this.problem.shifts.length;
    let best = state.objective;
    for (;;) {
      const pass = this.sweep.pass(state, { ...options, bonus: this.bonus });
      if (state.objective < best) {
        best = state.objective;
        options.onBest(state.toRoster(), best);
      }
      if (!pass.complete) return;
      for (let d = 0; d < days; d++) {
        for (let t = 0; t < T; t++) {
          const i = d * T + t;
          this.bonus[i] =
            this.bonus[i]! * GUIDE_FADE + GUIDE_STEP * Math.max(0, state.coverGap(d, t));
        }
      }
    }
  }
}

/**
 * Bonus a head short adds to a cover cell after each guided pass (objective units), and the
 * share of a cell's bonus kept from one pass to the next: a cell short for good levels off at
 * 200, twice Instance 13's weight for a head short (100). On Instance 13 at 120 s (seeds 1-3)
 * 2 and 0.99 gave 1569-1597; 5 and 0.97, 1644-1732; 1 and 0.99, 1626-1706; 1 and 0.995,
 * 1629-1722.
 */
const GUIDE_STEP = 2;
const GUIDE_FADE = 0.99;

/** One pass of best responses over every person, in a random order (`sweepRows`). */
class RowSweep {
  private readonly costs: Float64Array;
  private readonly order: number[];

  constructor(private readonly problem: RosterProblem) {
    this.costs = new Float64Array(problem.days * problem.shifts.length);
    this.order = problem.people.map((_, p) => p);
  }

  /**
   * With `bonus`, working cell `d * shifts + t` costs its bonus less wherever that cell would
   * be short without the person. Returns how many rows changed and whether every person was
   * priced before the deadline or a stop.
   */
  pass(
    state: SearchState,
    options: SweepOptions & { bonus?: Float64Array },
  ): { changed: number; complete: boolean } {
    const { problem, costs, order } = this;
    const { days } = problem;
    const T = problem.shifts.length;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(options.random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let changed = 0;
    for (const p of order) {
      if (performance.now() >= options.deadline || options.shouldStop?.() === true) {
        return { changed, complete: false };
      }
      state.rowCosts(p, costs);
      const current: number[] = [];
      for (let d = 0; d < days; d++) current.push(state.cell(p, d));
      if (options.bonus !== undefined) {
        for (let d = 0; d < days; d++) {
          for (let t = 0; t < T; t++) {
            const i = d * T + t;
            if (state.coverGap(d, t) + (current[d] === t ? 1 : 0) > 0) {
              costs[i] = costs[i]! - options.bonus[i]!;
            }
          }
        }
      }
      let currentCost = 0;
      for (let d = 0; d < days; d++) {
        const c = current[d]!;
        if (c !== OFF) currentCost += costs[d * T + c]!;
      }
      const feasible = state.personFeasible(p);
      const found = cheapestRow(problem, p, costs, {
        // A row that breaks its rules must be replaced: the pricing's whole budget for it.
        ...(feasible ? { incumbent: current, maxLabels: SWEEP_LABELS } : {}),
      });
      if (typeof found === 'string') continue;
      if (feasible && !(found.cost < currentCost - 1e-9)) continue;
      const changes: Change[] = [];
      found.row.forEach((value, day) => {
        if (value !== current[day]) changes.push({ person: p, day, value });
      });
      state.setCells(changes);
      changed++;
    }
    return { changed, complete: true };
  }
}
