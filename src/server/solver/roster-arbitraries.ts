import fc from 'fast-check';
import { OFF, type Roster, type RosterProblem } from '../domain/roster/roster-model.ts';

/**
 * fast-check generator of small random roster problems (property tests): 1–2 shifts, 2–4
 * people, 7 or 14 days, random limits, days off, wishes, cover, pins and fairness. Some are
 * infeasible on purpose; the solver must then explain instead of returning a bad roster.
 */
export function arbitraryRosterProblem(): fc.Arbitrary<RosterProblem> {
  return fc
    .record({
      days: fc.constantFrom(7, 14),
      shiftCount: fc.integer({ min: 1, max: 2 }),
      peopleCount: fc.integer({ min: 2, max: 4 }),
    })
    .chain(({ days, shiftCount, peopleCount }) => {
      const day = fc.integer({ min: 0, max: days - 1 });
      const shift = fc.integer({ min: 0, max: shiftCount - 1 });
      const person = fc.integer({ min: 0, max: peopleCount - 1 });
      const request = fc.record({ person, day, shift, weight: fc.integer({ min: 1, max: 3 }) });
      const staff = fc.record({
        maxShifts: fc.array(fc.constantFrom(0, 3, 5, days, days), {
          minLength: shiftCount,
          maxLength: shiftCount,
        }),
        minDays: fc.integer({ min: 0, max: 3 }),
        extraDays: fc.integer({ min: 0, max: 6 }),
        maxConsecutiveShifts: fc.integer({ min: 2, max: 6 }),
        minConsecutiveShifts: fc.integer({ min: 1, max: 3 }),
        minConsecutiveDaysOff: fc.integer({ min: 1, max: 2 }),
        maxWeekends: fc.integer({ min: 0, max: 2 }),
        daysOff: fc.uniqueArray(day, { maxLength: 3 }),
      });
      return fc.record({
        days: fc.constant(days),
        shiftCount: fc.constant(shiftCount),
        staff: fc.array(staff, { minLength: peopleCount, maxLength: peopleCount }),
        onRequests: fc.uniqueArray(request, {
          maxLength: 6,
          selector: (r) => `${r.person}/${r.day}`,
        }),
        offRequests: fc.uniqueArray(request, {
          maxLength: 4,
          selector: (r) => `${r.person}/${r.day}/${r.shift}`,
        }),
        cover: fc.array(
          fc.array(fc.integer({ min: 0, max: 2 }), {
            minLength: shiftCount,
            maxLength: shiftCount,
          }),
          { minLength: days, maxLength: days },
        ),
        pins: fc.array(
          fc.record({ person, day, shift: fc.integer({ min: -1, max: shiftCount - 1 }) }),
          { maxLength: 1 },
        ),
        fairnessWeight: fc.constantFrom(0, 0, 2),
      });
    })
    .map(({ days, shiftCount, staff, onRequests, offRequests, cover, pins, fairnessWeight }) => {
      const minutes = [480, 600];
      const problem: RosterProblem = {
        days,
        firstWeekday: 0,
        shifts: Array.from({ length: shiftCount }, (_, t) => ({
          id: ['D', 'N'][t]!,
          minutes: minutes[t]!,
          // A night shift may not be followed by a day shift.
          forbiddenNext: t === 1 ? [0] : [],
        })),
        people: staff.map((s, p) => ({
          id: `P${p}`,
          // Everyone may work at least one shift type; a person who may work none is a
          // conflict the explanation tests cover on purpose.
          maxShifts: s.maxShifts.some((m) => m > 0)
            ? s.maxShifts
            : s.maxShifts.map((m, t) => (t === 0 ? days : m)),
          minTotalMinutes: s.minDays * 480,
          maxTotalMinutes: (s.minDays + s.extraDays) * 600,
          maxConsecutiveShifts: s.maxConsecutiveShifts,
          minConsecutiveShifts: s.minConsecutiveShifts,
          minConsecutiveDaysOff: s.minConsecutiveDaysOff,
          maxWeekends: s.maxWeekends,
          daysOff: [...s.daysOff].sort((a, b) => a - b),
        })),
        onRequests,
        offRequests,
        cover: cover.map((row) =>
          row.map((required) => ({ required, underWeight: 100, overWeight: 1 })),
        ),
        pinned: pins.map((pin) => ({ ...pin, shift: pin.shift < 0 ? OFF : pin.shift })),
        fairness:
          fairnessWeight > 0
            ? [
                {
                  name: 'weekend shifts',
                  shifts: Array.from({ length: shiftCount }, (_, t) => t),
                  days: Array.from({ length: days }, (_, d) => d).filter((d) => d % 7 >= 5),
                  weight: fairnessWeight,
                },
              ]
            : [],
      };
      return problem;
    });
}

/** Any roster of the problem's shape (usually breaking rules): for evaluator consistency. */
export function arbitraryRoster(problem: RosterProblem): fc.Arbitrary<Roster> {
  return fc.array(
    fc.array(fc.integer({ min: -1, max: problem.shifts.length - 1 }), {
      minLength: problem.days,
      maxLength: problem.days,
    }),
    { minLength: problem.people.length, maxLength: problem.people.length },
  );
}
