import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Highs } from 'highs';
import { describe, expect, it } from 'vitest';
import { parseCurtoisInstance } from '../domain/roster/curtois-parser.ts';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import { loadHighsRuntime, modelDataOf, runRosterMip } from './highs-runner.ts';
import { lagrangianBound, solveLpBound } from './lp-bound.ts';
import { buildRosterMip, type RosterMip } from './mip-model.ts';
import { arbitraryRosterProblem } from './roster-arbitraries.ts';

const instance = (n: number) =>
  parseCurtoisInstance(
    readFileSync(
      new URL(`../../../../shared/bench/curtois/instances/Instance${n}.txt`, import.meta.url),
      'utf8',
    ),
  );

/** The row multipliers of the LP relaxation's optimum (simplex: exact duals). */
function lpMultipliers(highs: Highs, mip: RosterMip): Float64Array {
  const model = highs.createModel(modelDataOf(mip, { relaxation: true }));
  try {
    model.options.set({ output_flag: false, solver: 'simplex' });
    model.run();
    return Float64Array.from(model.getSolution().rowDual);
  } finally {
    model.dispose();
  }
}

describe('lagrangianBound (issue 3: lower bounds beyond the exact MIP)', () => {
  it('never exceeds the objective of a roster that meets every hard rule, whatever the multipliers', async () => {
    const highs = await loadHighsRuntime();
    fc.assert(
      fc.property(
        arbitraryRosterProblem(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (problem, scales, noise) => {
          const mip = buildRosterMip(problem);
          const whole = runRosterMip(highs, mip, { timeLimitSeconds: 2 });
          if (whole.roster === undefined) return;
          const evaluation = evaluateRoster(problem, whole.roster);
          expect(evaluation.hardViolations).toEqual([]);
          const objective = evaluation.objective + 1e-6;
          // The LP optimum's multipliers prove a finite bound below every roster.
          const optimum = lpMultipliers(highs, mip);
          const atOptimum = lagrangianBound(mip, optimum);
          expect(Number.isFinite(atOptimum)).toBe(true);
          expect(atOptimum).toBeLessThanOrEqual(objective);
          // Each scaled down: still priced on the right side of its row.
          const scaled = optimum.map((y, row) => y * scales[row % scales.length]!);
          expect(lagrangianBound(mip, scaled)).toBeLessThanOrEqual(objective);
          // Arbitrary multipliers, signs and all: sound, or −Infinity (nothing proven).
          const arbitrary = optimum.map((_, row) => noise[row % noise.length]!);
          expect(lagrangianBound(mip, arbitrary)).toBeLessThanOrEqual(objective);
          expect(lagrangianBound(mip, new Float64Array(mip.numRows))).toBeLessThanOrEqual(
            objective,
          );
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);

  it('with the LP optimum’s multipliers equals the LP relaxation’s bound', async () => {
    const highs = await loadHighsRuntime();
    const problem = instance(2);
    const mip = buildRosterMip(problem);
    const lp = runRosterMip(highs, mip, { timeLimitSeconds: 30, relaxation: true });
    const outcome = solveLpBound(highs, problem, { timeLimitSeconds: 30 });
    expect(outcome.solved).toBe(true);
    expect(lp.bound).toBeGreaterThan(0);
    expect(outcome.bound).toBe(lp.bound);
    // Instance 2's optimum is 828 (best-known.tsv, proven): the LP stays below it.
    expect(outcome.bound).toBeLessThanOrEqual(828);
  }, 60_000);

  it('says nothing (0) rather than guess when the time runs out before any multipliers', async () => {
    const highs = await loadHighsRuntime();
    const outcome = solveLpBound(highs, instance(13), { timeLimitSeconds: 0.1 });
    expect(outcome.solved).toBe(false);
    expect(outcome.bound).toBe(0);
  }, 60_000);
});
