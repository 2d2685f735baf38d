import { describe, expect, it } from 'vitest';
import { evaluateRoster, type HardRule } from './roster-evaluator.ts';
import { buildPerson, buildProblem } from './roster-factories.ts';
import { OFF, type Roster, type RosterProblem } from './roster-model.ts';

const D = 0;
const E = 1;
const _ = OFF;

function rulesBroken(problem: RosterProblem, roster: Roster): HardRule[] {
  return evaluateRoster(problem, roster).hardViolations.map((v) => v.rule);
}

describe('evaluateRoster hard rules (ROSTER-1)', () => {
  it('accepts a roster that meets every rule', () => {
    expect(rulesBroken(buildProblem(), [[D, D, _, E, E, _, _]])).toEqual([]);
  });

  it('rejects work on a day off, and names the person and day', () => {
    const problem = buildProblem({ people: [buildPerson({ daysOff: [2] }, 2)] });
    expect(rulesBroken(problem, [[D, D, _, D, D, _, _]])).toEqual([]);
    const result = evaluateRoster(problem, [[D, D, D, D, D, _, _]]);
    expect(result.hardViolations).toEqual([
      expect.objectContaining({ rule: 'day-off', person: 'A', days: [2] }),
    ]);
    expect(result.hardViolations[0]!.message).toContain('day 2');
  });

  it('rejects a forbidden succession (E may not be followed by D) but not the reverse', () => {
    const problem = buildProblem();
    expect(rulesBroken(problem, [[D, E, _, _, _, _, _]])).toEqual([]);
    expect(rulesBroken(problem, [[E, D, _, _, _, _, _]])).toEqual(['succession']);
  });

  it('rejects more shifts of a type than allowed, and any shift of a type set to 0', () => {
    const problem = buildProblem({ people: [buildPerson({ maxShifts: [2, 0] }, 2)] });
    expect(rulesBroken(problem, [[D, D, _, _, _, _, _]])).toEqual([]);
    expect(rulesBroken(problem, [[D, D, D, _, _, _, _]])).toEqual(['max-shifts']);
    expect(rulesBroken(problem, [[D, _, E, _, _, _, _]])).toEqual(['max-shifts']);
  });

  it('rejects too few total minutes', () => {
    const problem = buildProblem({ people: [buildPerson({ minTotalMinutes: 3 * 480 }, 2)] });
    expect(rulesBroken(problem, [[D, D, D, _, _, _, _]])).toEqual([]);
    expect(rulesBroken(problem, [[D, D, _, _, _, _, _]])).toEqual(['min-total-minutes']);
  });

  it('rejects too many total minutes', () => {
    const problem = buildProblem({ people: [buildPerson({ maxTotalMinutes: 2 * 480 }, 2)] });
    expect(rulesBroken(problem, [[D, _, D, _, _, _, _]])).toEqual([]);
    expect(rulesBroken(problem, [[D, _, D, _, D, _, _]])).toEqual(['max-total-minutes']);
  });

  it('rejects a run longer than the maximum, also at the horizon edge', () => {
    const problem = buildProblem({ people: [buildPerson({ maxConsecutiveShifts: 3 }, 2)] });
    expect(rulesBroken(problem, [[D, D, D, _, D, D, D]])).toEqual([]);
    expect(rulesBroken(problem, [[_, D, D, D, D, _, _]])).toEqual(['max-consecutive-shifts']);
    expect(rulesBroken(problem, [[D, D, D, D, _, _, _]])).toEqual(['max-consecutive-shifts']);
  });

  it('rejects a short run of work inside the horizon, but not one touching an edge', () => {
    const problem = buildProblem({ people: [buildPerson({ minConsecutiveShifts: 2 }, 2)] });
    expect(rulesBroken(problem, [[D, _, D, D, _, _, D]])).toEqual([]);
    expect(rulesBroken(problem, [[_, _, D, _, _, _, _]])).toEqual(['min-consecutive-shifts']);
  });

  it('rejects a short run of days off between work, counting a mandatory day off as off', () => {
    const problem = buildProblem({
      people: [buildPerson({ minConsecutiveDaysOff: 2, daysOff: [3] }, 2)],
    });
    expect(rulesBroken(problem, [[_, D, D, _, _, D, D]])).toEqual([]);
    expect(rulesBroken(problem, [[_, D, D, _, D, D, _]])).toEqual(['min-consecutive-days-off']);
    // A single day off at the start of the horizon is exempt.
    expect(rulesBroken(problem, [[_, D, _, _, D, D, D]])).toEqual([]);
  });

  it('rejects more worked weekends than allowed (Saturday or Sunday, day 0 a Monday)', () => {
    const problem = buildProblem({ days: 14, people: [buildPerson({ maxWeekends: 1 }, 2)] });
    const row = (worked: number[]): number[] =>
      Array.from({ length: 14 }, (_, day) => (worked.includes(day) ? D : OFF));
    expect(rulesBroken(problem, [row([5, 6])])).toEqual([]);
    expect(rulesBroken(problem, [row([6, 12])])).toEqual(['max-weekends']);
  });

  it('rejects a change to a pinned cell', () => {
    const problem = buildProblem({ pinned: [{ person: 0, day: 1, shift: E }] });
    expect(rulesBroken(problem, [[_, E, _, _, _, _, _]])).toEqual([]);
    expect(rulesBroken(problem, [[_, D, _, _, _, _, _]])).toEqual(['pinned']);
  });

  it('rejects a roster of the wrong shape or with an unknown shift', () => {
    const problem = buildProblem();
    expect(rulesBroken(problem, [])).toEqual(['shape']);
    expect(rulesBroken(problem, [[D, D]])).toEqual(['shape']);
    expect(rulesBroken(problem, [[7, _, _, _, _, _, _]])).toEqual(['shape']);
  });
});

describe('evaluateRoster objective', () => {
  it('charges unmet on-requests, met off-requests, and cover per head short or extra', () => {
    const problem = buildProblem({
      people: [buildPerson({ id: 'A' }, 2), buildPerson({ id: 'B' }, 2)],
      onRequests: [
        { person: 0, day: 0, shift: D, weight: 2 }, // met
        { person: 0, day: 1, shift: E, weight: 3 }, // unmet: works D
        { person: 1, day: 2, shift: D, weight: 1 }, // unmet: off
      ],
      offRequests: [
        { person: 1, day: 0, shift: D, weight: 2 }, // violated
        { person: 1, day: 1, shift: D, weight: 1 }, // kept: works E
      ],
      cover: Array.from({ length: 7 }, (_, day) => [
        { required: day === 0 ? 1 : 0, underWeight: 100, overWeight: 1 },
        { required: day === 3 ? 2 : 0, underWeight: 100, overWeight: 1 },
      ]),
    });
    const result = evaluateRoster(problem, [
      [D, D, _, _, _, _, _],
      [D, E, _, E, _, _, _],
    ]);
    expect(result.hardViolations).toEqual([]);
    expect(result.terms).toEqual({
      shiftOnRequests: 4,
      shiftOffRequests: 2,
      coverUnder: 100, // day 3 E: 1 of 2
      coverOver: 3, // day 0 D: 2 of 1; day 1 D and day 1 E: 1 of 0
      fairness: 0,
    });
    expect(result.objective).toBe(109);
    expect(result.perPerson.map((p) => p.shiftOnRequests)).toEqual([3, 1]);
    expect(result.perPerson.map((p) => p.shiftOffRequests)).toEqual([0, 2]);
  });

  it('charges the spread of a fairness term across people', () => {
    const problem = buildProblem({
      people: [buildPerson({ id: 'A' }, 2), buildPerson({ id: 'B' }, 2)],
      fairness: [{ name: 'evening shifts', shifts: [E], days: [0, 1, 2, 3, 4, 5, 6], weight: 5 }],
    });
    const result = evaluateRoster(problem, [
      [E, _, _, E, _, _, E],
      [D, _, _, _, _, _, _],
    ]);
    expect(result.fairness).toEqual([
      { name: 'evening shifts', counts: [3, 0], spread: 3, penalty: 15 },
    ]);
    expect(result.terms.fairness).toBe(15);
  });
});
