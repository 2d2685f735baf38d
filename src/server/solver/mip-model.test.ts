import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Highs } from 'highs';
import { describe, expect, it } from 'vitest';
import { parseCurtoisInstance } from '../domain/roster/curtois-parser.ts';
import { parseRosterCsv } from '../domain/roster/roster-csv.ts';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import type { Roster, RosterProblem } from '../domain/roster/roster-model.ts';
import { loadHighsRuntime, runRosterMip } from './highs-runner.ts';
import { findRuleConflicts } from './infeasibility.ts';
import { buildRosterMip, type MipScope } from './mip-model.ts';
import { generateOfficeMonth } from './office-month-scenario.ts';
import { arbitraryRosterProblem } from './roster-arbitraries.ts';

const fixtures = new URL('../domain/roster/fixtures/', import.meta.url);

/** Solves the MIP with every assignment column fixed to `roster`: its objective, or undefined. */
function objectiveOfFixedRoster(
  highs: Highs,
  problem: RosterProblem,
  roster: Roster,
  scope: MipScope = {},
): number | undefined {
  const mip = buildRosterMip(problem, scope);
  const { indices, values } = mip.encode(roster);
  const colLower = Float64Array.from(mip.colLower);
  const colUpper = Float64Array.from(mip.colUpper);
  indices.forEach((col, i) => {
    colLower[col] = values[i]!;
    colUpper[col] = values[i]!;
  });
  const outcome = runRosterMip(highs, { ...mip, colLower, colUpper }, { timeLimitSeconds: 10 });
  return outcome.status === 'optimal' ? outcome.objective : undefined;
}

// An optimal office month (12 × 31, seed 1) found by the MIP with the evening spread capped at 8.
const officeRoster189 = [
  'D-----DDDD--DD--DDD----DD--DDDD',
  'D--DD--DDD----DD---DDDD--DDDD--',
  'DDDD--EE----DEEEE---EE--DD---DD',
  '--DDE---DDDDE----DDDD------DDDD',
  'E----DDEEE-----DDDDE--EE---DDDE',
  '-DDD---DEEE---DD--EEE---DDDE--E',
  'D--DDDE--DDD---DD--DDE--DD----D',
  'DD----DD--DDDDD--DDD--DDEE-----',
  '-DDDDE----DE--DD----DDEE--EEEE-',
  '--EE--DDD---EEE--DD---DDEEE--DD',
  '-EEEEE----EE--DDDE--DDDD--DD---',
  'EE--DD-----DD--EEEE--DDD--DDEE-',
].map((row) => row.split('').map((cell) => (cell === '-' ? -1 : 'DE'.indexOf(cell))));

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

  it('changes only the freed window (or its freed days of the week) and never worsens the roster it starts from', async () => {
    const highs = await loadHighsRuntime();
    fc.assert(
      fc.property(
        arbitraryRosterProblem(),
        fc.nat(),
        fc.integer({ min: 1, max: 6 }),
        // Days of the week freed in the window (`MipScope.freeDays`), 0 for every day.
        fc.integer({ min: 0, max: 127 }),
        (problem, at, length, weekdays) => {
          const whole = runRosterMip(highs, buildRosterMip(problem, { feasibilityOnly: true }), {
            timeLimitSeconds: 2,
          });
          if (whole.roster === undefined) return;
          const current = whole.roster;
          const firstDay = at % problem.days;
          const lastDay = Math.min(problem.days - 1, firstDay + length - 1);
          const people = [0, problem.people.length - 1];
          const dayFree = (d: number): boolean =>
            weekdays === 0 || ((weekdays >> (d % 7)) & 1) === 1;
          const freeDays =
            weekdays === 0 ? undefined : [...Array(problem.days).keys()].filter(dayFree);
          const mip = buildRosterMip(problem, {
            current,
            people,
            firstDay,
            lastDay,
            ...(freeDays === undefined ? {} : { freeDays }),
          });
          const outcome = runRosterMip(highs, mip, { timeLimitSeconds: 2, start: current });
          expect(outcome.roster).toBeDefined();
          const next = outcome.roster!;
          next.forEach((row, p) => {
            row.forEach((value, d) => {
              const free = people.includes(p) && d >= firstDay && d <= lastDay && dayFree(d);
              if (!free) expect(value).toBe(current[p]![d]);
            });
          });
          const before = evaluateRoster(problem, current);
          const after = evaluateRoster(problem, next);
          expect(after.hardViolations).toEqual([]);
          expect(after.objective).toBeLessThanOrEqual(before.objective);
          // The fixed days' cover is in the offset: the MIP's objective is the evaluator's.
          if (outcome.status === 'optimal') expect(outcome.objective).toBe(after.objective);
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);

  it('keeps known feasible rosters feasible at their objective (Instance1 at 607, an office month at 189)', async () => {
    const highs = await loadHighsRuntime();
    const instance1 = parseCurtoisInstance(
      readFileSync(new URL('Instance1.txt', fixtures), 'utf8'),
    );
    const roster607 = parseRosterCsv(
      instance1,
      readFileSync(new URL('instance1-607.csv', fixtures), 'utf8'),
    );
    expect(objectiveOfFixedRoster(highs, instance1, roster607)).toBe(607);
    const office = generateOfficeMonth(1);
    expect(evaluateRoster(office, officeRoster189).hardViolations).toEqual([]);
    expect(objectiveOfFixedRoster(highs, office, officeRoster189)).toBe(189);
  });
});
