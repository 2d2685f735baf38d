import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCurtoisInstance } from '../domain/roster/curtois-parser.ts';
import { OFF, type Roster, type RosterProblem } from '../domain/roster/roster-model.ts';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import { greedyRoster } from './greedy-construction.ts';
import { arbitraryRosterProblem } from './roster-arbitraries.ts';

const shared = new URL('../../../../shared/bench/curtois/instances/', import.meta.url);

describe('greedyRoster', () => {
  it('never breaks a hard rule in a row it reports as finished', () => {
    fc.assert(
      fc.property(arbitraryRosterProblem(), fc.integer({ min: 1, max: 1000 }), (problem, seed) => {
        const { roster, unfinished } = greedyRoster(problem, {
          seed,
          deadline: performance.now() + 10_000,
        });
        const unfinishedIds = new Set(unfinished.map((p) => problem.people[p]!.id));
        const violations = evaluateRoster(problem, roster).hardViolations;
        // Only unfinished people (rows left off) may break a rule, e.g. their minimum minutes.
        expect(violations.filter((v) => v.person !== null && !unfinishedIds.has(v.person))).toEqual(
          [],
        );
        expect(violations.filter((v) => v.person === null)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a row for every person who has one: its pruning never cuts off a row that meets the rules', () => {
    fc.assert(
      fc.property(
        arbitraryRosterProblem().filter((problem) => problem.days === 7),
        fc.integer({ min: 1, max: 1000 }),
        (problem, seed) => {
          const { unfinished } = greedyRoster(problem, {
            seed,
            deadline: performance.now() + 10_000,
            // enough for the whole tree of a 7-day row: only the pruning can give a row up
            nodesPerDay: 100_000,
          });
          for (const p of unfinished) {
            expect(someRowMeetsTheRules(problem, p)).toBe(false);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it.skipIf(!existsSync(shared))(
    'places everyone of the long instances whose rows are tight by weekends and run lengths (Instances 16–20, 22)',
    () => {
      for (const n of [16, 17, 18, 19, 20, 22]) {
        const problem = parseCurtoisInstance(
          readFileSync(new URL(`Instance${String(n)}.txt`, shared), 'utf8'),
        );
        const { roster, unfinished } = greedyRoster(problem, {
          seed: 1,
          deadline: performance.now() + 30_000,
        });
        expect({ n, unfinished }).toEqual({ n, unfinished: [] });
        expect(
          evaluateRoster(problem, roster).hardViolations.filter((v) => v.person !== null),
        ).toEqual([]);
      }
    },
    120_000,
  );

  it.skipIf(!existsSync(shared))(
    'places all but at most two people of Instance 24 (150 people × 364 days) in seconds, breaking no rule',
    () => {
      const problem = parseCurtoisInstance(readFileSync(new URL('Instance24.txt', shared), 'utf8'));
      const { roster, unfinished } = greedyRoster(problem, {
        seed: 1,
        deadline: performance.now() + 30_000,
      });
      // The few left over go to the MIP construction (roster-search.ts).
      expect(unfinished.length).toBeLessThanOrEqual(2);
      const unfinishedIds = new Set(unfinished.map((p) => problem.people[p]!.id));
      const violations = evaluateRoster(problem, roster).hardViolations;
      expect(violations.filter((v) => !unfinishedIds.has(v.person ?? ''))).toEqual([]);
    },
    60_000,
  );
});

/** Whether any row of person `p` alone (the others off) meets every hard rule: all 3^7 rows. */
function someRowMeetsTheRules(problem: RosterProblem, p: number): boolean {
  const id = problem.people[p]!.id;
  const values = [OFF, ...problem.shifts.map((_, t) => t)];
  const roster: Roster = problem.people.map(() => new Array<number>(problem.days).fill(OFF));
  const row = roster[p]!;
  const total = values.length ** problem.days;
  for (let code = 0; code < total; code++) {
    let rest = code;
    for (let d = 0; d < problem.days; d++) {
      row[d] = values[rest % values.length]!;
      rest = Math.floor(rest / values.length);
    }
    if (!evaluateRoster(problem, roster).hardViolations.some((v) => v.person === id)) return true;
  }
  return false;
}
