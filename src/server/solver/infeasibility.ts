import type { Highs } from 'highs';
import type { HardRule } from '../domain/roster/roster-evaluator.ts';
import { OFF, type RosterProblem } from '../domain/roster/roster-model.ts';
import { runRosterMip } from './highs-runner.ts';
import { buildRosterMip } from './mip-model.ts';

/** Rules that only concern one person's row: every hard rule of the model is one. */
const personRules: HardRule[] = [
  'day-off',
  'pinned',
  'succession',
  'max-shifts',
  'min-total-minutes',
  'max-total-minutes',
  'max-consecutive-shifts',
  'min-consecutive-shifts',
  'min-consecutive-days-off',
  'max-weekends',
];

export type RuleConflict = {
  person: string;
  /** A minimal set of rules that cannot all hold for this person. */
  rules: HardRule[];
  /** Days that matter to the conflict (days off, pinned days), when any. */
  days: number[];
  message: string;
};

/**
 * Checks each person's row on its own and, for every person whose rules cannot all be met,
 * finds a minimal set of conflicting rules by dropping one rule at a time (a deletion filter)
 * — so the supervisor reads "who, which rules, which days" instead of "no roster" (ROSTER-1).
 * Every hard rule concerns one person, so the roster exists iff no person conflicts.
 * `undefined` in the result list means the check ran out of time for that person.
 */
export function findRuleConflicts(
  highs: Highs,
  problem: RosterProblem,
  options: { timeLimitSeconds: number; people?: number[] },
): RuleConflict[] {
  const conflicts: RuleConflict[] = [];
  // The whole explanation stays within its time limit, not only each MIP (time-limit honesty).
  const deadline = performance.now() + options.timeLimitSeconds * 1000;
  const people = options.people ?? problem.people.map((_, p) => p);
  const perSolve = Math.max(0.2, options.timeLimitSeconds / Math.max(1, people.length));
  for (const p of people) {
    const feasible = (omitRules: HardRule[]): boolean | undefined => {
      const mip = buildRosterMip(problem, { people: [p], omitRules, feasibilityOnly: true });
      const left = (deadline - performance.now()) / 1000;
      if (left < 0.05) return undefined;
      const outcome = runRosterMip(highs, mip, { timeLimitSeconds: Math.min(perSolve, left) });
      if (outcome.status === 'infeasible') return false;
      return outcome.roster === undefined ? undefined : true;
    };
    if (feasible([]) !== false) continue;
    const omitted: HardRule[] = [];
    for (const rule of personRules) {
      if (feasible([...omitted, rule]) === false) omitted.push(rule);
    }
    const rules = personRules.filter((rule) => !omitted.includes(rule));
    const person = problem.people[p]!;
    const days = [
      ...(rules.includes('day-off') ? person.daysOff : []),
      ...(rules.includes('pinned')
        ? problem.pinned.filter((pin) => pin.person === p).map((pin) => pin.day)
        : []),
    ].sort((a, b) => a - b);
    conflicts.push({
      person: person.id,
      rules,
      days,
      message: describeConflict(problem, p, rules, days),
    });
  }
  return conflicts;
}

function describeConflict(
  problem: RosterProblem,
  p: number,
  rules: HardRule[],
  days: number[],
): string {
  const person = problem.people[p]!;
  const parts = rules.map((rule): string => {
    switch (rule) {
      case 'day-off':
        return `days off on ${person.daysOff.join(', ')}`;
      case 'pinned':
        return `pinned cells ${problem.pinned
          .filter((pin) => pin.person === p)
          .map(
            (pin) =>
              `day ${pin.day} = ${pin.shift === OFF ? 'off' : (problem.shifts[pin.shift]?.id ?? '?')}`,
          )
          .join(', ')}`;
      case 'succession':
        return 'forbidden shift successions';
      case 'max-shifts':
        return `at most ${problem.shifts.map((s, t) => `${String(person.maxShifts[t] ?? 0)} ${s.id}`).join(', ')}`;
      case 'min-total-minutes':
        return `at least ${person.minTotalMinutes} minutes`;
      case 'max-total-minutes':
        return `at most ${person.maxTotalMinutes} minutes`;
      case 'max-consecutive-shifts':
        return `at most ${person.maxConsecutiveShifts} days in a row`;
      case 'min-consecutive-shifts':
        return `at least ${person.minConsecutiveShifts} days in a row`;
      case 'min-consecutive-days-off':
        return `at least ${person.minConsecutiveDaysOff} days off in a row`;
      case 'max-weekends':
        return `at most ${person.maxWeekends} weekends`;
      case 'shape':
        return 'one shift a day';
    }
  });
  const where = days.length > 0 ? ` (days ${days.join(', ')})` : '';
  return `${person.id}: these rules cannot all hold${where}: ${parts.join('; ')}`;
}
