import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCurtoisInstance } from '../domain/roster/curtois-parser.ts';
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

  it.skipIf(!existsSync(shared))(
    'places all but a few people of Instance 24 (150 people × 364 days) in seconds, breaking no rule',
    () => {
      const problem = parseCurtoisInstance(readFileSync(new URL('Instance24.txt', shared), 'utf8'));
      const { roster, unfinished } = greedyRoster(problem, {
        seed: 1,
        deadline: performance.now() + 30_000,
      });
      // The few left over go to the MIP construction (roster-search.ts).
      expect(unfinished.length).toBeLessThanOrEqual(8);
      const unfinishedIds = new Set(unfinished.map((p) => problem.people[p]!.id));
      const violations = evaluateRoster(problem, roster).hardViolations;
      expect(violations.filter((v) => !unfinishedIds.has(v.person ?? ''))).toEqual([]);
    },
    60_000,
  );
});
