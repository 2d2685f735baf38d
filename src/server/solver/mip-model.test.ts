import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import { loadHighsRuntime, runRosterMip } from './highs-runner.ts';
import { findRuleConflicts } from './infeasibility.ts';
import { buildRosterMip } from './mip-model.ts';
import { arbitraryRosterProblem } from './roster-arbitraries.ts';

describe('buildRosterMip with HiGHS', () => {
  it('solves small problems to rosters the evaluator accepts at the same objective', async () => {
    const highs = await loadHighsRuntime();
    fc.assert(
      fc.property(arbitraryRosterProblem(), (problem) => {
        const outcome = runRosterMip(highs, buildRosterMip(problem), { timeLimitSeconds: 2 });
        if (outcome.status === 'infeasible') {
          // Every hard rule is a person's: some person's rules must conflict.
          expect(findRuleConflicts(highs, problem, { timeLimitSeconds: 2 }).length).toBeGreaterThan(
            0,
          );
          return;
        }
        if (outcome.roster === undefined) return; // out of time: nothing to judge
        const evaluation = evaluateRoster(problem, outcome.roster);
        expect(evaluation.hardViolations).toEqual([]);
        if (outcome.status === 'optimal') {
          expect(evaluation.objective).toBe(outcome.objective);
          expect(outcome.bound).toBe(outcome.objective);
        } else {
          expect(evaluation.objective).toBeLessThanOrEqual(outcome.objective!);
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('changes only the freed window and never worsens the roster it starts from', async () => {
    const highs = await loadHighsRuntime();
    fc.assert(
      fc.property(
        arbitraryRosterProblem(),
        fc.nat(),
        fc.integer({ min: 1, max: 6 }),
        (problem, at, length) => {
          const whole = runRosterMip(highs, buildRosterMip(problem, { feasibilityOnly: true }), {
            timeLimitSeconds: 2,
          });
          if (whole.roster === undefined) return;
          const current = whole.roster;
          const firstDay = at % problem.days;
          const lastDay = Math.min(problem.days - 1, firstDay + length - 1);
          const people = [0, problem.people.length - 1];
          const mip = buildRosterMip(problem, { current, people, firstDay, lastDay });
          const outcome = runRosterMip(highs, mip, { timeLimitSeconds: 2, start: current });
          expect(outcome.roster).toBeDefined();
          const next = outcome.roster!;
          next.forEach((row, p) => {
            row.forEach((value, d) => {
              const free = people.includes(p) && d >= firstDay && d <= lastDay;
              if (!free) expect(value).toBe(current[p]![d]);
            });
          });
          const before = evaluateRoster(problem, current);
          const after = evaluateRoster(problem, next);
          expect(after.hardViolations).toEqual([]);
          expect(after.objective).toBeLessThanOrEqual(before.objective);
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);
});
