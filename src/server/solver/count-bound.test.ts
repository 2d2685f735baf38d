import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPerson, buildProblem } from '../domain/roster/roster-factories.ts';
import { countLowerBound } from './count-bound.ts';
import { loadHighsRuntime, runRosterMip } from './highs-runner.ts';
import { buildRosterMip } from './mip-model.ts';
import { arbitraryRosterProblem } from './roster-arbitraries.ts';

describe('countLowerBound', () => {
  it('never exceeds the proven optimum of the whole problem (a valid bound)', async () => {
    const highs = await loadHighsRuntime();
    fc.assert(
      fc.property(arbitraryRosterProblem(), (problem) => {
        const exact = runRosterMip(highs, buildRosterMip(problem), { timeLimitSeconds: 2 });
        if (exact.status !== 'optimal') return; // infeasible or out of time: nothing to compare
        const bound = countLowerBound(highs, problem, { timeLimitSeconds: 2 });
        expect(bound).toBeLessThanOrEqual(exact.objective!);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('charges the extra day a person short of minutes must work, beyond the cover', async () => {
    // Five evenings of 7 h need one head each; the person must work 36 h, so six evenings:
    // one head over. At 35 h, five evenings are enough.
    const shifts = [{ id: 'E', minutes: 420, forbiddenNext: [] }];
    const cover = Array.from({ length: 14 }, (_, d) => [
      { required: d < 5 ? 1 : 0, underWeight: 100, overWeight: 1 },
    ]);
    const problemFor = (hours: number) =>
      buildProblem({
        days: 14,
        shifts,
        cover,
        people: [buildPerson({ minTotalMinutes: hours * 60 })],
      });
    const highs = await loadHighsRuntime();
    expect(countLowerBound(highs, problemFor(36), { timeLimitSeconds: 2 })).toBe(1);
    expect(countLowerBound(highs, problemFor(35), { timeLimitSeconds: 2 })).toBe(0);
  });

  it('decides a fairness spread exactly where the LP would split it', async () => {
    // Three people, 7 evenings each needing one head: counts 3/2/2 at best, a spread of 1.
    const problem = buildProblem({
      shifts: [{ id: 'E', minutes: 480, forbiddenNext: [] }],
      people: ['A', 'B', 'C'].map((id) => buildPerson({ id })),
      cover: Array.from({ length: 7 }, () => [{ required: 1, underWeight: 100, overWeight: 100 }]),
      fairness: [{ name: 'evenings', shifts: [0], days: [0, 1, 2, 3, 4, 5, 6], weight: 10 }],
    });
    const highs = await loadHighsRuntime();
    expect(countLowerBound(highs, problem, { timeLimitSeconds: 2 })).toBe(10);
  });
});
