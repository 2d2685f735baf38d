import type { Highs } from 'highs';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import type { Roster, RosterProblem } from '../domain/roster/roster-model.ts';
import { runRosterMip } from './highs-runner.ts';
import { createRandom } from './local-search.ts';
import { buildRosterMip, type MipScope } from './mip-model.ts';
import type { SearchCallbacks } from './roster-search.ts';

export type SpreadSearchOptions = {
  /** performance.now() value to stop by. */
  deadline: number;
  seed: number;
  /** Largest group of people at a spread's highest or lowest count freed together. */
  maxGroup?: number;
  /** Rounds of every neighbourhood without a better roster before giving up (default 8). */
  stallRounds?: number;
};

/**
 * How many cells of each fairness term each person works in `roster`, `counts[f][p]`
 * (the counts whose highest minus lowest the spread terms weigh), as the evaluator counts them.
 */
export function fairnessCounts(problem: RosterProblem, roster: Roster): number[][] {
  return evaluateRoster(problem, roster).fairness.map((term) => term.counts);
}

/**
 * The neighbourhoods that change a fairness spread: the spread is a highest minus a lowest
 * count, so lowering it means moving every person at the highest (or lowest) count at once,
 * which neither a cell move nor a random few people can do one step at a time (the
 * objective does not move until the last of them does).
 *
 * - every person, whole horizon, with whether each cell is worked kept: only shift types
 *   move, so the shifts of one type can be handed from person to person all over the month;
 * - the people at a spread's highest or lowest count (if few enough) and one more, over two
 *   weeks or the whole horizon;
 * - every person over a week around a wish the roster breaks;
 * - one or two people wholly free and every other person's shift types;
 * - three random people, whole horizon.
 */
export function spreadNeighbourhoods(
  problem: RosterProblem,
  roster: Roster,
  random: () => number,
  maxGroup: number,
): MipScope[] {
  const everyone = problem.people.map((_, p) => p);
  const scopes: MipScope[] = [{ current: roster, retypeOnly: everyone }];
  const counts = fairnessCounts(problem, roster);
  problem.fairness.forEach((term, f) => {
    if (term.weight <= 0) return;
    const row = counts[f]!;
    // People who may work no shift of the term at all stay at 0 whatever the roster.
    const movable = problem.people
      .map((person, p) => ({ person, p }))
      .filter(({ person }) => term.shifts.some((t) => (person.maxShifts[t] ?? 0) > 0))
      .map(({ p }) => p);
    if (movable.length === 0) return;
    const high = Math.max(...row);
    const low = Math.min(...row);
    if (high === low) return;
    for (const target of [high, low]) {
      const group = movable.filter((p) => row[p] === target);
      if (group.length === 0 || group.length > maxGroup) continue;
      // One more person, so a count can move to someone else rather than only disappear.
      const others = movable.filter((p) => row[p] !== target);
      const extra = others[Math.floor(random() * others.length)];
      const people = extra === undefined ? group : [...group, extra];
      // Over two weeks of the term's days (much faster than the whole horizon, and a count
      // moves within any window holding the term's days), or now and then the whole horizon.
      const termDays = [...new Set(term.days)].sort((a, b) => a - b);
      const width = Math.min(problem.days, 14);
      if (random() < 0.25 || termDays.length === 0 || width === problem.days) {
        scopes.push({ current: roster, people });
      } else {
        const anchor = termDays[Math.floor(random() * termDays.length)]!;
        const firstDay = Math.max(
          0,
          Math.min(problem.days - width, anchor - Math.floor(random() * width)),
        );
        scopes.push({ current: roster, people, firstDay, lastDay: firstDay + width - 1 });
      }
    }
  });
  // Every person over a window of days around a wish the roster breaks (or anywhere): the
  // wishes and the cover are settled by days, and the window still moves counts between people.
  const broken = [
    ...problem.onRequests.filter((r) => roster[r.person]?.[r.day] !== r.shift),
    ...problem.offRequests.filter((r) => roster[r.person]?.[r.day] === r.shift),
  ];
  const width = Math.min(problem.days, 7);
  const centre =
    broken.length > 0
      ? broken[Math.floor(random() * broken.length)]!.day
      : Math.floor(random() * problem.days);
  const firstDay = Math.max(
    0,
    Math.min(problem.days - width, centre - Math.floor(random() * width)),
  );
  scopes.push({ current: roster, firstDay, lastDay: firstDay + width - 1 });
  // One or two people wholly free and every other person's shift types: a person can give up
  // a role (a pattern with more shifts of a term, e.g. 17 shifts with 8 evenings) or hand it
  // to the other while the rest take over or give back the shifts of that type.
  for (const size of [1, 2]) {
    const free = pickDistinct(everyone, size, random);
    scopes.push({ current: roster, retypeOnly: everyone.filter((p) => !free.includes(p)) });
  }
  scopes.push({ current: roster, people: pickDistinct(everyone, 3, random) });
  return scopes;
}

function pickDistinct(from: number[], count: number, random: () => number): number[] {
  const picked: number[] = [];
  while (picked.length < Math.min(count, from.length)) {
    const value = from[Math.floor(random() * from.length)]!;
    if (!picked.includes(value)) picked.push(value);
  }
  return picked;
}

/**
 * A large-neighbourhood search aimed at the fairness spreads (see
 * {@link spreadNeighbourhoods}): each neighbourhood is one HiGHS MIP started from the current
 * roster; a roster no worse is kept (so equal rosters let the search drift), a better one
 * is reported. Returns the best roster and its objective.
 */
export function searchSpreads(
  highs: Highs,
  problem: RosterProblem,
  start: { roster: Roster; objective: number },
  options: SpreadSearchOptions,
  callbacks: SearchCallbacks,
): { roster: Roster; objective: number } {
  const random = createRandom(options.seed * 7919 + 1);
  let current = start;
  let best = start;
  const secondsLeft = (): number => (options.deadline - performance.now()) / 1000;
  let stalled = 0;
  while (secondsLeft() > 0.05 && !callbacks.shouldStop() && stalled < (options.stallRounds ?? 8)) {
    const incoming = callbacks.pollIncumbent();
    if (incoming !== undefined && incoming.objective < current.objective) current = incoming;
    if (current.objective < best.objective) best = current;
    const before = best.objective;
    for (const scope of spreadNeighbourhoods(
      problem,
      current.roster,
      random,
      options.maxGroup ?? 4,
    )) {
      if (secondsLeft() <= 0.05 || callbacks.shouldStop()) break;
      // The fixed part is the roster as it is now, even if an earlier neighbourhood of this
      // round changed it (the groups were chosen from the round's first roster).
      const outcome = runRosterMip(
        highs,
        buildRosterMip(problem, { ...scope, current: current.roster }),
        {
          timeLimitSeconds: Math.min(secondsLeft(), 0.4),
          start: current.roster,
          seed: Math.floor(random() * 1000),
          shouldInterrupt: callbacks.shouldStop,
        },
      );
      if (outcome.roster === undefined || outcome.objective === undefined) continue;
      if (outcome.objective > current.objective) continue;
      current = { roster: outcome.roster, objective: outcome.objective };
      if (current.objective < best.objective) {
        best = current;
        callbacks.onSolution(best.roster, best.objective);
      }
    }
    stalled = best.objective < before ? 0 : stalled + 1;
  }
  return best;
}
