import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCurtoisInstance } from '../domain/roster/curtois-parser.ts';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import { buildPerson, buildProblem } from '../domain/roster/roster-factories.ts';
import { generateOfficeMonth } from './office-month-scenario.ts';
import { arbitraryRosterProblem } from './roster-arbitraries.ts';
import { SharedTreeAccounts, solveRoster } from './roster-solver.ts';

const shared = new URL('../../../../shared/bench/curtois/instances/', import.meta.url);

describe('solveRoster (ROSTER-1)', () => {
  it('returns only rosters without hard violations, scored exactly as the evaluator does', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryRosterProblem(),
        fc.constantFrom(1, 2),
        fc.integer({ min: 1, max: 1000 }),
        async (problem, workers, seed) => {
          const result = await solveRoster(problem, {
            timeLimitSeconds: 2,
            workers,
            seed,
            // Half the runs go through the search workers only, not the whole-problem MIP.
            exactLimit: seed % 2 === 0 ? 0 : 2500,
          });
          if (result.status === 'infeasible') {
            expect(result.roster).toBeUndefined();
            expect(result.conflicts.length).toBeGreaterThan(0);
            return;
          }
          expect(result.roster).toBeDefined();
          const evaluation = evaluateRoster(problem, result.roster!);
          expect(evaluation.hardViolations).toEqual([]);
          expect(result.objective).toBe(evaluation.objective);
          expect(result.lowerBound).toBeLessThanOrEqual(evaluation.objective);
        },
      ),
      { numRuns: 8 },
    );
    // eight solves of at most 2 s each; the margin is for a machine shared with other work
  }, 240_000);

  it('names the conflicting rules, person and days when the rules cannot all be met', async () => {
    // B must work 5 days in a 7-day week but has 3 days off.
    const problem = buildProblem({
      people: [
        buildPerson({ id: 'A' }, 2),
        buildPerson({ id: 'B', minTotalMinutes: 5 * 480, daysOff: [1, 3, 5] }, 2),
      ],
    });
    // the proof ends the solve at once; the limit only matters on a loaded machine
    const result = await solveRoster(problem, { timeLimitSeconds: 30, workers: 1 });
    expect(result.status).toBe('infeasible');
    expect(result.roster).toBeUndefined();
    expect(result.conflicts).toEqual([
      expect.objectContaining({
        person: 'B',
        rules: ['day-off', 'min-total-minutes'],
        days: [1, 3, 5],
      }),
    ]);
    expect(result.conflicts[0]!.message).toContain('B');
  }, 60_000);

  it('finds a conflict that only the run rules create', async () => {
    // At least 3 days in a row, never more than 2.
    const problem = buildProblem({
      people: [
        buildPerson(
          {
            id: 'C',
            minTotalMinutes: 480,
            maxConsecutiveShifts: 2,
            minConsecutiveShifts: 3,
            daysOff: [0, 6],
          },
          2,
        ),
      ],
    });
    const result = await solveRoster(problem, {
      timeLimitSeconds: 30,
      workers: 2,
      exactLimit: 0,
    });
    expect(result.status).toBe('infeasible');
    expect(result.conflicts[0]).toEqual(
      expect.objectContaining({
        person: 'C',
        rules: expect.arrayContaining(['max-consecutive-shifts', 'min-consecutive-shifts']),
      }),
    );
  }, 60_000);

  it('reaches a two-week office’s optimum with its fairness spreads, the other worker’s search held while the bands are tried (ROSTER-1 fairness)', async () => {
    // 12 × 14 has time enough for column generation within the counting relaxation's bands
    // (solver-worker.ts), whose dives reach 97, the optimum (count-relaxation.test.ts). The
    // proof itself waits on the relaxation, which may take longer in a cold process.
    const problem = generateOfficeMonth(2, { people: 12, days: 14 });
    const objectives: number[] = [];
    const result = await solveRoster(problem, {
      timeLimitSeconds: 15,
      seed: 3,
      onProgress: (progress) => {
        if (progress.objective !== undefined) objectives.push(progress.objective);
      },
    });
    expect(result.objective).toBe(97);
    expect(result.lowerBound).toBeLessThanOrEqual(97);
    expect(result.hardViolations).toEqual([]);
    expect(evaluateRoster(problem, result.roster!).objective).toBe(97);
    // Rosters came in improving order, a first one well before the last.
    expect(objectives.length).toBeGreaterThan(1);
    expect(objectives).toEqual([...objectives].sort((a, b) => b - a));
  }, 60_000);

  it('stops when asked and returns the best roster found so far', async () => {
    const problem = buildProblem({
      days: 28,
      people: Array.from({ length: 8 }, (_, i) => buildPerson({ id: `P${String(i)}` }, 2)),
      cover: Array.from({ length: 28 }, () => [
        { required: 5, underWeight: 100, overWeight: 1 },
        { required: 5, underWeight: 100, overWeight: 1 },
      ]),
    });
    const controller = new AbortController();
    const result = await solveRoster(problem, {
      timeLimitSeconds: 300,
      workers: 2,
      exactLimit: 0,
      // No LP bound either: it could meet the first roster and end the search by a proof.
      lpBoundShare: 0,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.objective !== undefined) controller.abort();
      },
    });
    // 8 people cannot cover 10 places a day, and without the whole-problem MIP there is no
    // bound to prove a roster optimal: only the stop ends the search before 300 s.
    expect(result.seconds).toBeLessThan(60);
    expect(result.status).toBe('feasible');
    expect(evaluateRoster(problem, result.roster!).hardViolations).toEqual([]);
  }, 90_000);

  it.skipIf(!existsSync(shared))(
    'reports a lower bound (column generation’s, else the LP relaxation’s) for a problem above the exact MIP’s size (issue 3: gap reported)',
    async () => {
      const problem = parseCurtoisInstance(readFileSync(new URL('Instance2.txt', shared), 'utf8'));
      const withBound = await solveRoster(problem, { timeLimitSeconds: 4, exactLimit: 0 });
      // Instance 2's proven optimum is 828 (best-known.tsv); its LP relaxation is well above 0.
      expect(withBound.lowerBound).toBeGreaterThan(0);
      expect(withBound.lowerBound).toBeLessThanOrEqual(828);
      expect(withBound.gap).toBeLessThan(1);
      const without = await solveRoster(problem, {
        timeLimitSeconds: 1,
        exactLimit: 0,
        lpBoundShare: 0,
      });
      expect(without.lowerBound).toBe(0);
    },
    30_000,
  );

  it.skipIf(!existsSync(shared))(
    'proves Instance 4 optimal at its best-known 1716 through column generation (issue 3)',
    async () => {
      const problem = parseCurtoisInstance(readFileSync(new URL('Instance4.txt', shared), 'utf8'));
      // Column generation's bound meets its roster within about a second on a quiet machine;
      // the limit is for a loaded one. Before it, 60 s ended at 1720–1725 with a bound of 1475.
      const result = await solveRoster(problem, { timeLimitSeconds: 60 });
      expect(result.status).toBe('optimal');
      expect(result.objective).toBe(1716);
      expect(result.lowerBound).toBe(1716);
      expect(evaluateRoster(problem, result.roster!).hardViolations).toEqual([]);
    },
    90_000,
  );

  it.skipIf(!existsSync(shared))(
    'keeps to a short time limit on a large instance (Instance 20, 50 people × 182 days)',
    async () => {
      const problem = parseCurtoisInstance(readFileSync(new URL('Instance20.txt', shared), 'utf8'));
      const result = await solveRoster(problem, { timeLimitSeconds: 8, workers: 2 });
      // The solver's own clock, not a wall-clock race. The bound is loose on purpose (the
      // cores are shared with other test files): it catches a phase that ignores the limit,
      // such as the old construction that ran for minutes; docs/BENCHMARKS.md has the figures.
      expect(result.seconds).toBeLessThanOrEqual(8 + 10);
      // The greedy construction places every person of this instance (its row bound knows the
      // weekends and run lengths), so a roster is there well within the limit.
      expect(result.roster).toBeDefined();
      expect(evaluateRoster(problem, result.roster!).hardViolations).toEqual([]);
    },
    30_000,
  );

  describe('SharedTreeAccounts (the proof of a tree two workers share)', () => {
    it('proves only when the root and every node handed over came back explored to the end', () => {
      const accounts = new SharedTreeAccounts();
      accounts.start();
      accounts.give(2);
      expect(accounts.done(1, true)).toBe('open');
      accounts.give(1);
      expect(accounts.done(2, true)).toBe('open');
      expect(accounts.done(1, true)).toBe('proven');
    });

    it('proves nothing when one piece was left unexplored', () => {
      const accounts = new SharedTreeAccounts();
      accounts.start();
      accounts.give(1);
      expect(accounts.done(1, false)).toBe('open');
      expect(accounts.done(1, true)).toBe('unproven');
    });

    it('proves nothing before the tree began, or when more pieces come back than went out', () => {
      const accounts = new SharedTreeAccounts();
      expect(accounts.done(1, true)).toBe('unproven');
      accounts.start();
      expect(accounts.done(2, true)).toBe('unproven');
      expect(accounts.done(1, true)).toBe('unproven');
    });
  });
});
