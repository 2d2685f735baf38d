import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import { createRandom, SearchState, tryMove } from './local-search.ts';
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
