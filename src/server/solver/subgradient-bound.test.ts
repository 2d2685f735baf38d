import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCurtoisInstance } from '../domain/roster/curtois-parser.ts';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import { OFF, weekendOfDays, type RosterProblem } from '../domain/roster/roster-model.ts';
import { loadHighsRuntime, runRosterMip } from './highs-runner.ts';
import { buildRosterMip } from './mip-model.ts';
import { arbitraryRosterProblem } from './roster-arbitraries.ts';
import { relaxedRow } from './row-pricing.ts';
import { solveSubgradientBound } from './subgradient-bound.ts';

const instance = (n: number) =>
  parseCurtoisInstance(
    readFileSync(
      new URL(`../../../../shared/bench/curtois/instances/Instance${n}.txt`, import.meta.url),
      'utf8',
    ),
  );

/** Every row of `days` cells over `T` shift types (OFF included). */
function* allRows(days: number, T: number): Generator<number[]> {
  const row = new Array<number>(days).fill(OFF);
  for (;;) {
    yield row;
    let d = 0;
    while (d < days && row[d] === T - 1) row[d++] = OFF;
    if (d === days) return;
    row[d] = row[d]! + 1;
  }
}

describe('relaxedRow (issue 3: the subproblem of the Lagrangian bound)', () => {
  it('is the cheapest row by brute force with every rule but minutes, counts and weekends, plus the weekend charge', () => {
    fc.assert(
      fc.property(
        arbitraryRosterProblem().filter((problem) => problem.days === 7),
        fc.array(fc.integer({ min: -300, max: 300 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 200 }),
        fc.nat(),
        (problem, noise, charge, who) => {
          const p = who % problem.people.length;
          const T = problem.shifts.length;
          const cellCost = Float64Array.from(
            { length: problem.days * T },
            (_, i) => noise[i % noise.length]! / 7,
          );
          // The brute force judges rows by the evaluator, with the three relaxed rules loosened
          // (a shift type pinned but not allowed counts against its limit of 0: loosened too,
          // and kept off the other days below).
          const pinnedTo = (d: number): number | undefined =>
            problem.pinned.find((pin) => pin.person === p && pin.day === d)?.shift;
          const loose: RosterProblem = {
            ...problem,
            people: problem.people.map((person, q) => ({
              ...person,
              minTotalMinutes: 0,
              maxTotalMinutes: 1e9,
              maxShifts: person.maxShifts.map((m, t) =>
                m > 0 || problem.pinned.some((pin) => pin.person === q && pin.shift === t)
                  ? problem.days
                  : 0,
              ),
              maxWeekends: problem.days,
            })),
          };
          const weekendOf = weekendOfDays(problem);
          const costOf = (row: number[]): number => {
            let cost = 0;
            const weekends = new Set<number>();
            row.forEach((t, d) => {
              if (t === OFF) return;
              cost += cellCost[d * T + t]!;
              if (weekendOf[d]! >= 0) weekends.add(weekendOf[d]!);
            });
            return cost + charge * weekends.size;
          };
          let least = Infinity;
          const allowed = (row: number[]): boolean =>
            row.every(
              (t, d) =>
                t === OFF || (problem.people[p]!.maxShifts[t] ?? 0) > 0 || pinnedTo(d) === t,
            );
          for (const row of allRows(problem.days, T)) {
            if (!allowed(row)) continue;
            const roster = problem.people.map((_, q) =>
              q === p ? row : new Array<number>(problem.days).fill(OFF),
            );
            const broken = evaluateRoster(loose, roster).hardViolations.some(
              (v) => v.person === problem.people[p]!.id,
            );
            if (!broken) least = Math.min(least, costOf(row));
          }
          const found = relaxedRow(problem, p, cellCost, charge);
          if (!Number.isFinite(least)) {
            expect(found).toBe('infeasible');
            return;
          }
          if (typeof found === 'string') throw new Error(found);
          expect(found.cost).toBeCloseTo(least, 9);
          expect(costOf(found.row)).toBeCloseTo(found.cost, 9);
        },
      ),
      { numRuns: 60, seed: 3 },
    );
  });
});

describe('solveSubgradientBound (issue 3: a bound for the year-long instances)', () => {
  it('never exceeds the optimum of the whole MIP on random problems', async () => {
    const highs = await loadHighsRuntime();
    fc.assert(
      fc.property(arbitraryRosterProblem(), (problem) => {
        const optimum = runRosterMip(highs, buildRosterMip(problem), { timeLimitSeconds: 20 });
        const { bound, iterations } = solveSubgradientBound(problem, {
          deadline: performance.now() + 60_000,
          maxIterations: 300,
        });
        expect(iterations).toBeGreaterThan(0);
        if (optimum.status !== 'optimal') {
          expect(optimum.status).toBe('infeasible');
          return;
        }
        expect(bound).toBeLessThanOrEqual(optimum.objective!);
      }),
      { numRuns: 40, seed: 5 },
    );
  });

  it('bounds Instance 1 above its LP relaxation (408) and at most its optimum (607)', () => {
    const { bound } = solveSubgradientBound(instance(1), {
      deadline: performance.now() + 60_000,
      maxIterations: 3000,
      target: () => 607,
    });
    expect(bound).toBeGreaterThan(408);
    expect(bound).toBeLessThanOrEqual(607);
  });

  it('aims above a good roster: with the optimum known, the steps are those taken without it', () => {
    // Aiming at a roster close to the bound stalled it (session 17: Instance 13 262 against
    // 572, 22 17,264 against 27,852), so a known roster only raises the target.
    const options = { deadline: performance.now() + 60_000, maxIterations: 3000 };
    const alone = solveSubgradientBound(instance(1), options);
    const knowing = solveSubgradientBound(instance(1), { ...options, target: () => 607 });
    expect(knowing.iterations).toBe(alone.iterations);
    expect(knowing.bound).toBe(alone.bound);
    const aimingHigh = solveSubgradientBound(instance(1), { ...options, target: () => 100_000 });
    expect(aimingHigh.iterations).not.toBe(alone.iterations);
  });

  it('bounds Instance 8 above its LP relaxation (1234) and at most its best known (1300)', () => {
    const { bound } = solveSubgradientBound(instance(8), {
      deadline: performance.now() + 60_000,
      maxIterations: 4000,
    });
    expect(bound).toBeGreaterThan(1234);
    expect(bound).toBeLessThanOrEqual(1300);
  });
});
