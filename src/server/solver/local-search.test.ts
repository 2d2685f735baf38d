import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import { greedyRoster } from './greedy-construction.ts';
import { createRandom, runPenaltySearch, SearchState, tryMove } from './local-search.ts';
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

describe('SearchState.personViolation', () => {
  it('is 0 exactly when the row meets every rule (cells allowed)', () => {
    fc.assert(
      fc.property(problemAndRoster, ([problem, roster]) => {
        const state = new SearchState(problem, roster);
        const violators = new Set(
          evaluateRoster(problem, roster).hardViolations.map((v) => v.person),
        );
        problem.people.forEach((person, p) => {
          const allowed = roster[p]!.every((value, day) => state.isAllowed(p, day, value));
          if (!allowed) return;
          expect(state.personViolation(p) === 0).toBe(!violators.has(person.id));
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('runPenaltySearch', () => {
  it('returns a roster with no hard violation, scored as the evaluator does', () => {
    fc.assert(
      fc.property(arbitraryRosterProblem(), fc.integer(), (problem, seed) => {
        const start = greedyRoster(problem, { seed, deadline: performance.now() + 1000 });
        if (start.unfinished.length > 0) return;
        const state = new SearchState(problem, start.roster);
        const result = runPenaltySearch(state, {
          random: createRandom(seed),
          deadline: Number.POSITIVE_INFINITY,
          maxIdleMoves: 2000,
          temperature: 20,
        });
        const evaluation = evaluateRoster(problem, result.roster);
        expect(evaluation.hardViolations).toEqual([]);
        expect(result.objective).toBe(evaluation.objective);
        expect(result.objective).toBeLessThanOrEqual(
          evaluateRoster(problem, start.roster).objective,
        );
        expect(state.toRoster()).toEqual(result.roster);
      }),
      { numRuns: 100 },
    );
  });
});
