import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCurtoisInstance } from '../domain/roster/curtois-parser.ts';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import type { RosterProblem } from '../domain/roster/roster-model.ts';
import { loadHighsRuntime, runRosterMip } from './highs-runner.ts';
import { createRandom, SearchState } from './local-search.ts';
import { buildRosterMip } from './mip-model.ts';
import { generateOfficeMonth } from './office-month-scenario.ts';
import { arbitraryRoster, arbitraryRosterProblem } from './roster-arbitraries.ts';
import { rowSweepsApply, sweepRows } from './roster-search.ts';

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
});
