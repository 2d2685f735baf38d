import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCurtoisInstance } from '../domain/roster/curtois-parser.ts';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import { buildPerson, buildProblem } from '../domain/roster/roster-factories.ts';
import { OFF, type Roster, type RosterProblem } from '../domain/roster/roster-model.ts';
import { greedyRoster } from './greedy-construction.ts';
import { loadHighsRuntime, runRosterMip } from './highs-runner.ts';
import { createRandom, SearchState } from './local-search.ts';
import { buildRosterMip } from './mip-model.ts';
import { generateOfficeMonth } from './office-month-scenario.ts';
import { arbitraryRoster, arbitraryRosterProblem } from './roster-arbitraries.ts';
import {
  GuidedSweeps,
  NeighbourhoodKinds,
  rowSweepsApply,
  rowSweepsFit,
  scatteredDays,
  scatteredDaysApply,
  sweepRows,
  weekdayPattern,
  weekdayPatternWeeks,
} from './roster-search.ts';

const instance = (n: number): RosterProblem =>
  parseCurtoisInstance(
    readFileSync(
      new URL(`../../../../shared/bench/curtois/instances/Instance${n}.txt`, import.meta.url),
      'utf8',
    ),
  );

/** Random problems without fairness spreads (where one person's cost is linear in their row). */
const withoutSpreads = arbitraryRosterProblem().map((problem): RosterProblem => ({
  ...problem,
  fairness: [],
}));

describe('row sweeps (issue 3: whole rows rebuilt as each person’s best response)', () => {
  it('prices a person’s row so that any change of it moves the objective by the cost difference', () => {
    fc.assert(
      fc.property(
        withoutSpreads.chain((problem) =>
          fc.tuple(
            fc.constant(problem),
            arbitraryRoster(problem),
            arbitraryRoster(problem),
            fc.nat(),
          ),
        ),
        ([problem, roster, other, who]) => {
          const p = who % problem.people.length;
          const T = problem.shifts.length;
          const state = new SearchState(problem, roster);
          const costs = new Float64Array(problem.days * T);
          const offCost = state.rowCosts(p, costs);
          const rowCost = (row: number[]): number =>
            row.reduce((sum, c, d) => sum + (c < 0 ? 0 : costs[d * T + c]!), offCost);
          const before = state.objective;
          const delta = state.setCells(other[p]!.map((value, day) => ({ person: p, day, value })));
          expect(delta).toBeCloseTo(rowCost(other[p]!) - rowCost(roster[p]!), 9);
          expect(state.objective).toBeCloseTo(before + delta, 9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ends where no one person’s row can be bettered alone, with every row meeting its rules and the objective the evaluator’s', async () => {
    const highs = await loadHighsRuntime();
    fc.assert(
      fc.property(
        withoutSpreads.chain((problem) =>
          fc.tuple(fc.constant(problem), arbitraryRoster(problem), fc.integer()),
        ),
        ([problem, roster, seed]) => {
          const state = new SearchState(problem, roster);
          const feasibleBefore = problem.people.map((_, p) => state.personFeasible(p));
          const objectiveBefore = state.objective;
          sweepRows(problem, state, {
            deadline: performance.now() + 60_000,
            random: createRandom(seed),
          });
          const swept = state.toRoster();
          const evaluated = evaluateRoster(problem, swept);
          expect(state.objective).toBe(evaluated.objective);
          // A row that met its rules still does (it is replaced only by a cheaper one that does).
          problem.people.forEach((_, p) => {
            if (feasibleBefore[p]) expect(state.personFeasible(p)).toBe(true);
          });
          if (feasibleBefore.every(Boolean)) {
            expect(state.objective).toBeLessThanOrEqual(objectiveBefore);
          }
          if (evaluated.hardViolations.length > 0) return; // someone has no row at all
          // At the standstill, HiGHS finds no better row for anyone with the others fixed.
          problem.people.forEach((_, p) => {
            const outcome = runRosterMip(
              highs,
              buildRosterMip(problem, { current: swept, people: [p] }),
              { timeLimitSeconds: 10, start: swept },
            );
            expect(outcome.status).toBe('optimal');
            // Integer weights: a bound above the objective less one rules out a better row.
            expect(outcome.bound).toBeGreaterThan(state.objective - 1);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('apply where column generation does not run and the rows are quick to price: Instance 13, not 14, 20 nor an office month', () => {
    expect(rowSweepsApply(instance(13))).toBe(true);
    expect(rowSweepsApply(instance(14))).toBe(false); // column generation runs
    expect(rowSweepsApply(instance(20))).toBe(false); // 9,100 person-days
    expect(rowSweepsApply(generateOfficeMonth(1))).toBe(false); // fairness spreads
  });

  it('fit where column generation runs too (Instances 14 and 15), for the search after its share', () => {
    expect(rowSweepsFit(instance(14))).toBe(true);
    expect(rowSweepsFit(instance(15))).toBe(true);
    expect(rowSweepsFit(instance(13))).toBe(true);
    expect(rowSweepsFit(instance(20))).toBe(false); // 9,100 person-days
    expect(rowSweepsFit(generateOfficeMonth(1))).toBe(false); // fairness spreads
  });
});

describe('guided row sweeps (issue 3: a bonus on cover that stays short moves the shortage on)', () => {
  // X may work one shift; Y may work both but has day 1 off. X on day 0 leaves day 1 short:
  // neither can gain alone (X moving only moves the shortage, Y on day 0 over-covers it).
  const stuck = parseCurtoisInstance(
    [
      'SECTION_HORIZON',
      '2',
      'SECTION_SHIFTS',
      'S,480,',
      'SECTION_STAFF',
      'X,S=1,480,0,2,1,1,1',
      'Y,S=2,960,0,2,1,1,1',
      'SECTION_DAYS_OFF',
      'Y,1',
      'SECTION_SHIFT_ON_REQUESTS',
      'SECTION_SHIFT_OFF_REQUESTS',
      'SECTION_COVER',
      '0,S,1,100,1',
      '1,S,1,100,1',
    ].join('\n'),
  );
  const start = [
    [0, -1],
    [-1, -1],
  ];

  it('find the roster that plain sweeps, stopped where no one person gains alone, cannot', () => {
    const plain = new SearchState(stuck, start);
    expect(plain.objective).toBe(100);
    sweepRows(stuck, plain, { deadline: performance.now() + 10_000, random: createRandom(1) });
    expect(plain.objective).toBe(100);

    const state = new SearchState(stuck, start);
    const found: { roster: number[][]; objective: number }[] = [];
    new GuidedSweeps(stuck).run(state, {
      deadline: performance.now() + 10_000,
      random: createRandom(1),
      shouldStop: () => found.at(-1)?.objective === 0,
      onBest: (roster, objective) => found.push({ roster, objective }),
    });
    expect(found.at(-1)).toEqual({
      roster: [
        [-1, 0],
        [0, -1],
      ],
      objective: 0,
    });
    expect(evaluateRoster(stuck, found.at(-1)!.roster).objective).toBe(0);
  });
});

describe('adaptive sub-MIP neighbourhoods (issue 3: each kind its own size and share)', () => {
  const draws = (kinds: NeighbourhoodKinds, n: number): number[] => {
    const random = createRandom(7);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) counts[kinds.pick(random)]!++;
    return counts;
  };

  it('grows a kind HiGHS solves quickly, shrinks one it does not solve, and leaves the others', () => {
    const kinds = new NeighbourhoodKinds(100, 1000);
    kinds.record(0, { gain: 0, seconds: 0.1, solved: true, quick: true });
    kinds.record(1, { gain: 0, seconds: 1.5, solved: false, quick: false });
    kinds.record(2, { gain: 0, seconds: 1, solved: true, quick: false });
    expect([kinds.cells(0), kinds.cells(1), kinds.cells(2)]).toEqual([125, 70, 100]);
    for (let i = 0; i < 40; i++) {
      kinds.record(0, { gain: 0, seconds: 0.1, solved: true, quick: true });
      kinds.record(1, { gain: 0, seconds: 1.5, solved: false, quick: false });
    }
    expect(kinds.cells(0)).toBe(1000); // at most every cell
    expect(kinds.cells(1)).toBe(8); // never below eight
  });

  it('picks every kind alike until one gains, then favours the one gaining most per second, never starving the others', () => {
    const kinds = new NeighbourhoodKinds(100, 1000);
    const alike = draws(kinds, 4000);
    expect(alike).toHaveLength(4);
    for (const count of alike) expect(count).toBeGreaterThan(900);
    kinds.record(1, { gain: 50, seconds: 0.5, solved: true, quick: false });
    kinds.record(2, { gain: 50, seconds: 2, solved: false, quick: false });
    const [zero, one, two, three] = draws(kinds, 10_000);
    // Shares 0.1, 0.1 + 0.6 × 0.8, 0.1 + 0.6 × 0.2 and 0.1: kind 1 gained four times as fast.
    expect(one! / 10_000).toBeCloseTo(0.58, 1);
    expect(two! / 10_000).toBeCloseTo(0.22, 1);
    expect(zero! / 10_000).toBeCloseTo(0.1, 1);
    expect(three! / 10_000).toBeCloseTo(0.1, 1);
  });
});

describe('weekday-pattern sub-MIPs (issue 3: moving work between weekends across the horizon)', () => {
  const people = (problem: RosterProblem): number[] => problem.people.map((_, p) => p);

  it('frees the same days of the week in every week, the short day’s among them, for everyone once two days fit', () => {
    const problem = instance(15); // 45 people, 42 days: six weeks
    const random = createRandom(3);
    for (const [cells, weekdays, freed] of [
      [540, 2, 45], // two days a week for everyone
      [900, 3, 45],
      [200, 2, 16], // too few cells for everyone: a group
    ] as const) {
      const centre = 12; // a Saturday
      const scope = weekdayPattern(problem, centre, cells, people(problem), random);
      expect(scope.people).toHaveLength(freed);
      expect(scope.freeDays).toContain(centre);
      const days = new Set(scope.freeDays.map((d) => d % 7));
      expect(days.size).toBe(weekdays);
      expect(scope.freeDays).toHaveLength(weekdays * 6);
      for (const d of scope.freeDays) expect(scope.freeDays).toContain((d + 7) % 42);
    }
  });

  it('spans the whole horizon where two days a week for everyone stays a small MIP, some weeks of a long one, else none: scattered days or no kind 3', () => {
    expect(weekdayPatternWeeks(instance(15))).toBe(6); // the whole six weeks
    expect(weekdayPatternWeeks(instance(19))).toBe(12);
    // 50 people × 182 days: two days a week for everyone is 215 binaries a day, so 9 weeks
    // stay within 4,000.
    expect(weekdayPatternWeeks(instance(20))).toBe(9);
    expect(weekdayPatternWeeks(instance(13))).toBe(0); // 1,536 binaries a day: one week
    expect(weekdayPatternWeeks(instance(24))).toBe(0);
    // Where it does not fit, scattered days take its place on a short horizon only.
    expect(scatteredDaysApply(instance(13))).toBe(true);
    expect(scatteredDaysApply(instance(15))).toBe(false); // the pattern fits
    expect(scatteredDaysApply(instance(21))).toBe(false); // 182 days
    const withoutIt = new NeighbourhoodKinds(100, 1000, 3);
    const random = createRandom(5);
    const picked = new Set<number>();
    for (let i = 0; i < 2000; i++) picked.add(withoutIt.pick(random));
    expect([...picked].sort()).toEqual([0, 1, 2]);
  });

  it('over a span of weeks, frees the same days in each of its weeks and the short day among them', () => {
    const problem = instance(20); // 50 people, 182 days: 26 weeks
    const random = createRandom(11);
    for (const centre of [3, 90, 181]) {
      const scope = weekdayPattern(problem, centre, 900, people(problem), random, 9);
      expect(scope.people).toHaveLength(50);
      expect(scope.freeDays).toContain(centre);
      expect(scope.lastDay - scope.firstDay + 1).toBe(63);
      expect(scope.firstDay % 7).toBe(0); // whole weeks, Monday to Sunday
      expect(scope.firstDay).toBeGreaterThanOrEqual(0);
      expect(scope.lastDay).toBeLessThan(182);
      const weekdays = new Set(scope.freeDays.map((d) => d % 7));
      expect(weekdays.size).toBe(2);
      expect(scope.freeDays).toHaveLength(2 * 9);
      for (const d of scope.freeDays) {
        expect(d).toBeGreaterThanOrEqual(scope.firstDay);
        expect(d).toBeLessThanOrEqual(scope.lastDay);
      }
    }
  });

  it('its sub-MIP over Instance 15 changes only the freed days and keeps every rule', async () => {
    const problem = instance(15);
    const highs = await loadHighsRuntime();
    const greedy = greedyRoster(problem, { seed: 1, deadline: performance.now() + 10_000 });
    expect(greedy.unfinished).toEqual([]);
    const start = greedy.roster;
    const scope = weekdayPattern(problem, 5, 540, people(problem), createRandom(1));
    const mip = buildRosterMip(problem, { current: start, ...scope });
    const outcome = runRosterMip(highs, mip, { timeLimitSeconds: 10, start });
    expect(outcome.roster).toBeDefined();
    const free = new Set(scope.freeDays);
    outcome.roster!.forEach((row, p) => {
      row.forEach((shift, d) => {
        if (!free.has(d)) expect(shift).toBe(start[p]![d]);
      });
    });
    const after = evaluateRoster(problem, outcome.roster!);
    expect(after.hardViolations).toEqual([]);
    expect(after.objective).toBeLessThan(evaluateRoster(problem, start).objective);
  }, 60_000);
});

describe('scattered-day sub-MIPs (issue 3: granting a wish moves a shift between days far apart)', () => {
  // Person 0 works days 0-2 and must work exactly three shifts; they wish to work day 5.
  // Person 1 works days 3 and 9 and wishes day 3 off. Nothing else costs anything.
  const problem = buildProblem({
    days: 14,
    shifts: [{ id: 'D', minutes: 480, forbiddenNext: [] }],
    people: [
      buildPerson({ id: 'A', minTotalMinutes: 1440, maxTotalMinutes: 1440 }),
      buildPerson({ id: 'B', minTotalMinutes: 960, maxTotalMinutes: 960 }),
      buildPerson({ id: 'C' }),
    ],
    cover: Array.from({ length: 14 }, () => [{ required: 0, underWeight: 100, overWeight: 0 }]),
  });
  const start = (): Roster =>
    [[0, 1, 2], [3, 9], []].map((worked) =>
      Array.from({ length: 14 }, (_, d) => (worked.includes(d) ? 0 : OFF)),
    );
  const onWish = { person: 0, day: 5, shift: 0, weight: 3 };
  const offWish = { person: 1, day: 3, shift: 0, weight: 2 };

  it('frees everyone over the day of an unmet wish and a day its person can give back, the rest at random', () => {
    const cases: [Partial<RosterProblem>, number, number[]][] = [
      [{ onRequests: [onWish] }, 5, [0, 1, 2]], // a worked day for a wish to work
      [{ offRequests: [offWish] }, 3, [0, 1, 2, 4, 5, 6, 7, 8, 10, 11, 12, 13]], // a day off
    ];
    for (const [wishes, wished, giveBack] of cases) {
      const withWish = { ...problem, ...wishes };
      const state = new SearchState(withWish, start());
      const random = createRandom(4);
      for (const [cells, count] of [
        [6, 2],
        [12, 4],
        [1, 2], // never fewer than two days
      ] as const) {
        for (let draw = 0; draw < 20; draw++) {
          const scope = scatteredDays(withWish, state, cells, random);
          expect(scope.people).toEqual([0, 1, 2]);
          expect(scope.freeDays).toHaveLength(count);
          expect(new Set(scope.freeDays).size).toBe(count);
          expect(scope.freeDays).toContain(wished);
          expect(scope.freeDays.some((d) => giveBack.includes(d))).toBe(true);
          expect(scope.firstDay).toBe(Math.min(...scope.freeDays));
          expect(scope.lastDay).toBe(Math.max(...scope.freeDays));
        }
      }
    }
  });

  it('draws every day at random once the wishes are met', () => {
    const met = { ...problem, onRequests: [{ ...onWish, day: 1 }] };
    const state = new SearchState(met, start());
    const random = createRandom(9);
    const seen = new Set<number>();
    for (let draw = 0; draw < 200; draw++) {
      const scope = scatteredDays(met, state, 9, random);
      expect(scope.freeDays).toHaveLength(3);
      for (const d of scope.freeDays) seen.add(d);
    }
    expect(seen.size).toBe(14);
  });

  it('its sub-MIP grants the wish by moving a shift across the horizon, and changes only the freed days', async () => {
    const withWish = { ...problem, onRequests: [onWish] };
    const state = new SearchState(withWish, start());
    const scope = scatteredDays(withWish, state, 6, createRandom(2));
    const highs = await loadHighsRuntime();
    const mip = buildRosterMip(withWish, { current: start(), ...scope });
    const outcome = runRosterMip(highs, mip, { timeLimitSeconds: 10, start: start() });
    expect(outcome.status).toBe('optimal');
    const free = new Set(scope.freeDays);
    outcome.roster!.forEach((row, p) => {
      row.forEach((shift, d) => {
        if (!free.has(d)) expect(shift).toBe(start()[p]![d]);
      });
    });
    expect(outcome.roster![0]![5]).toBe(0);
    const after = evaluateRoster(withWish, outcome.roster!);
    expect(after.hardViolations).toEqual([]);
    expect(evaluateRoster(withWish, start()).objective).toBe(3);
    expect(after.objective).toBe(0);
  }, 60_000);
});
