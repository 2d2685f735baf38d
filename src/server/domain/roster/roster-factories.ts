import type { Person, RosterProblem } from './roster-model.ts';

/**
 * Test factories (STYLE.md: `buildX(overrides)`): a person and a problem with permissive
 * defaults, so a test states only the rule it is about.
 */
export function buildPerson(overrides: Partial<Person> = {}, shiftCount = 1): Person {
  return {
    id: 'A',
    maxShifts: new Array<number>(shiftCount).fill(99),
    minTotalMinutes: 0,
    maxTotalMinutes: 99_999,
    maxConsecutiveShifts: 99,
    minConsecutiveShifts: 1,
    minConsecutiveDaysOff: 1,
    maxWeekends: 99,
    daysOff: [],
    ...overrides,
  };
}

/** A problem of `days` days (default 7, day 0 a Monday) with shifts D (and E) of 480 minutes. */
export function buildProblem(overrides: Partial<RosterProblem> = {}): RosterProblem {
  const days = overrides.days ?? 7;
  const shifts = overrides.shifts ?? [
    { id: 'D', minutes: 480, forbiddenNext: [] },
    { id: 'E', minutes: 480, forbiddenNext: [0] },
  ];
  return {
    days,
    firstWeekday: 0,
    shifts,
    people: [buildPerson({}, shifts.length)],
    onRequests: [],
    offRequests: [],
    cover: Array.from({ length: days }, () =>
      shifts.map(() => ({ required: 0, underWeight: 100, overWeight: 1 })),
    ),
    pinned: [],
    fairness: [],
    ...overrides,
  };
}
