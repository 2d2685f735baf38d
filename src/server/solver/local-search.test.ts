import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPerson, buildProblem } from '../domain/roster/roster-factories.ts';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import { OFF } from '../domain/roster/roster-model.ts';
import { createRandom, runLocalSearch, SearchState, tryMove } from './local-search.ts';
import { arbitraryRoster, arbitraryRosterProblem } from './roster-arbitraries.ts';

const problemAndRoster = arbitraryRosterProblem().chain((problem) =>
  fc.tuple(fc.constant(problem), arbitraryRoster(problem), fc.integer()),
);

describe('SearchState', () => {
  it('keeps the objective equal to the evaluator after any sequence of moves', () => {
    fc.assert(
      fc.property(problemAndRoster, ([problem, roster, seed]) => {
        const state = new SearchState(problem, roster);
        expect(state.objective).toBe(evaluateRoster(problem, roster).objective);
        const random = createRandom(seed);
        for (let k = 0; k < 30; k++) {
          const person = Math.floor(random() * problem.people.length);
          const day = Math.floor(random() * problem.days);
          const value = Math.floor(random() * (problem.shifts.length + 1)) - 1;
          state.setCells([{ person, day, value }]);
        }
        expect(state.objective).toBe(evaluateRoster(problem, state.toRoster()).objective);
      }),
      { numRuns: 200 },
    );
  });

  it('judges each person feasible exactly when the evaluator finds no violation for them', () => {
    fc.assert(
      fc.property(problemAndRoster, ([problem, roster]) => {
        const state = new SearchState(problem, roster);
        const violators = new Set(
          evaluateRoster(problem, roster).hardViolations.map((v) => v.person),
        );
        problem.people.forEach((person, p) => {
          expect(state.personFeasible(p)).toBe(!violators.has(person.id));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('undoes a rejected move completely', () => {
    fc.assert(
      fc.property(problemAndRoster, ([problem, roster]) => {
        const state = new SearchState(problem, roster);
        const before = state.toRoster();
        const objective = state.objective;
        tryMove(state, [{ person: 0, day: 0, value: roster[0]![0] === -1 ? 0 : -1 }], () => false);
        expect(state.toRoster()).toEqual(before);
        expect(state.objective).toBe(objective);
      }),
    );
  });
});

describe('runLocalSearch (issue 3: moves that grant a wish)', () => {
  it('grants a wish by swapping two people’s cells on days far apart, which no other move can without a worse roster on the way', () => {
    // A works days 0-2 and must work exactly three shifts; C works day 12 and must work one.
    // One head is needed on each of those days; A wishes to work day 12. Only A and C
    // trading day 12 for one of A's days keeps every rule and the cover, and the block swaps
    // reach seven days at most.
    const cover = Array.from({ length: 14 }, (_, d) => [
      { required: [0, 1, 2, 12].includes(d) ? 1 : 0, underWeight: 100, overWeight: 1 },
    ]);
    const problem = buildProblem({
      days: 14,
      shifts: [{ id: 'D', minutes: 480, forbiddenNext: [] }],
      people: [
        buildPerson({ id: 'A', minTotalMinutes: 1440, maxTotalMinutes: 1440 }),
        buildPerson({ id: 'C', minTotalMinutes: 480, maxTotalMinutes: 480 }),
      ],
      onRequests: [{ person: 0, day: 12, shift: 0, weight: 3 }],
      cover,
    });
    const start = [[0, 1, 2], [12]].map((worked) =>
      Array.from({ length: 14 }, (_, d) => (worked.includes(d) ? 0 : OFF)),
    );
    expect(evaluateRoster(problem, start).objective).toBe(3);
    const state = new SearchState(problem, start);
    const result = runLocalSearch(state, {
      random: createRandom(1),
      deadline: performance.now() + 10_000,
      maxIdleMoves: 20_000,
      temperature: 0, // descent only: no worse roster on the way
    });
    expect(result.objective).toBe(0);
    const after = evaluateRoster(problem, result.roster);
    expect(after.hardViolations).toEqual([]);
    expect(after.objective).toBe(0);
    expect(result.roster[0]![12]).toBe(0);
  });
});
