import { describe, expect, it } from 'vitest';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import { OFF } from '../domain/roster/roster-model.ts';
import { greedyRoster } from './greedy-construction.ts';
import { loadHighsRuntime, runRosterMip } from './highs-runner.ts';
import { buildRosterMip } from './mip-model.ts';
import { generateOfficeMonth } from './office-month-scenario.ts';
import { fairnessCounts, searchSpreads, spreadNeighbourhoods } from './spread-neighbourhoods.ts';
import { createRandom } from './local-search.ts';

/** A small office (6 people, two weeks) and a greedy roster of it with no hard violation. */
function smallOffice(seed: number) {
  const problem = generateOfficeMonth(seed, { people: 6, days: 14 });
  const { roster, unfinished } = greedyRoster(problem, {
    seed,
    deadline: performance.now() + 5000,
  });
  expect(unfinished).toEqual([]);
  const evaluation = evaluateRoster(problem, roster);
  expect(evaluation.hardViolations).toEqual([]);
  return { problem, roster, objective: evaluation.objective };
}

describe('buildRosterMip with retypeOnly', () => {
  it('keeps which cells are worked and changes only shift types, at the evaluator’s objective (ROSTER-1)', async () => {
    const highs = await loadHighsRuntime();
    for (const seed of [1, 2, 3]) {
      const { problem, roster, objective } = smallOffice(seed);
      const everyone = problem.people.map((_, p) => p);
      const outcome = runRosterMip(
        highs,
        buildRosterMip(problem, { current: roster, retypeOnly: everyone }),
        { timeLimitSeconds: 10, start: roster },
      );
      expect(outcome.status).toBe('optimal');
      const evaluation = evaluateRoster(problem, outcome.roster!);
      expect(evaluation.hardViolations).toEqual([]);
      expect(outcome.objective).toBe(evaluation.objective);
      expect(evaluation.objective).toBeLessThanOrEqual(objective);
      roster.forEach((row, p) => {
        row.forEach((value, d) => {
          expect(outcome.roster![p]![d] === OFF).toBe(value === OFF);
        });
      });
    }
  }, 60_000);
});

describe('fairnessCounts', () => {
  it('counts each person’s cells of each fairness term', () => {
    const problem = generateOfficeMonth(1, { people: 3, days: 7 });
    // Days 5 and 6 are the weekend; shift 1 is the evening.
    const roster = [
      [0, 0, OFF, OFF, 1, 1, 1],
      [OFF, OFF, OFF, OFF, OFF, 0, 0],
      [1, 1, 0, 0, OFF, OFF, OFF],
    ];
    expect(fairnessCounts(problem, roster)).toEqual([
      [3, 0, 2],
      [2, 2, 0],
    ]);
  });
});

describe('spreadNeighbourhoods', () => {
  it('frees every person at a spread’s lowest count together when they are few', () => {
    const { problem, roster } = smallOffice(2);
    const counts = fairnessCounts(problem, roster);
    const scopes = spreadNeighbourhoods(problem, roster, createRandom(1), problem.people.length);
    let checked = 0;
    problem.fairness.forEach((term, f) => {
      const movable = problem.people
        .map((person, p) => ({ person, p }))
        .filter(({ person }) => term.shifts.some((t) => (person.maxShifts[t] ?? 0) > 0))
        .map(({ p }) => p);
      const low = Math.min(...counts[f]!);
      const high = Math.max(...counts[f]!);
      const lowest = movable.filter((p) => counts[f]![p] === low);
      if (low === high || lowest.length === 0) return;
      checked++;
      expect(scopes.some((scope) => lowest.every((p) => scope.people?.includes(p) === true))).toBe(
        true,
      );
    });
    expect(checked).toBeGreaterThan(0);
  });
});

describe('searchSpreads', () => {
  it('returns a roster no worse than its start, with no hard violation, at the evaluator’s objective', async () => {
    const highs = await loadHighsRuntime();
    for (const seed of [1, 4]) {
      const { problem, roster, objective } = smallOffice(seed);
      const reported: number[] = [];
      const best = searchSpreads(
        highs,
        problem,
        { roster, objective },
        { deadline: performance.now() + 3000, seed, stallRounds: 2 },
        {
          onSolution: (_, value) => reported.push(value),
          pollIncumbent: () => undefined,
          shouldStop: () => false,
        },
      );
      const evaluation = evaluateRoster(problem, best.roster);
      expect(evaluation.hardViolations).toEqual([]);
      expect(best.objective).toBe(evaluation.objective);
      expect(best.objective).toBeLessThanOrEqual(objective);
      // Every report is an improvement on the one before.
      expect([objective, ...reported]).toEqual(
        [objective, ...reported].slice().sort((a, b) => b - a),
      );
    }
  }, 60_000);
});
