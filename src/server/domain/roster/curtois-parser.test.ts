import { describe, expect, it } from 'vitest';
import { CurtoisFormatError, parseCurtoisInstance } from './curtois-parser.ts';
import { weekendOfDays } from './roster-model.ts';

// A small instance in the benchmark's layout: CRLF, comments, an empty forbidden list, and an
// employee named like a shift (separate namespaces, FORMAT.md §1).
const text = [
  '# comment',
  'SECTION_HORIZON',
  '14',
  '',
  'SECTION_SHIFTS',
  '# ShiftID, Length in mins, Shifts which cannot follow this shift | separated',
  'E,480,D',
  'D,600,',
  '',
  'SECTION_STAFF',
  'D,E=14|D=3,5000,1200,5,2,2,1',
  'A,D=14|E=0,4000,960,4,1,1,2',
  '',
  'SECTION_DAYS_OFF',
  'D,0,13',
  'A,5',
  '',
  'SECTION_SHIFT_ON_REQUESTS',
  'A,2,D,2',
  '',
  'SECTION_SHIFT_OFF_REQUESTS',
  'D,3,E,3',
  '',
  'SECTION_COVER',
  ...Array.from({ length: 14 }, (_, day) => [`${day},E,1,100,1`, `${day},D,2,100,1`]).flat(),
].join('\r\n');

describe('parseCurtoisInstance', () => {
  it('reads every section into the roster model', () => {
    const problem = parseCurtoisInstance(text);
    expect(problem.days).toBe(14);
    expect(problem.firstWeekday).toBe(0);
    expect(problem.shifts).toEqual([
      { id: 'E', minutes: 480, forbiddenNext: [1] },
      { id: 'D', minutes: 600, forbiddenNext: [] },
    ]);
    expect(problem.people[0]).toEqual({
      id: 'D',
      maxShifts: [14, 3],
      maxTotalMinutes: 5000,
      minTotalMinutes: 1200,
      maxConsecutiveShifts: 5,
      minConsecutiveShifts: 2,
      minConsecutiveDaysOff: 2,
      maxWeekends: 1,
      daysOff: [0, 13],
    });
    expect(problem.people[1]!.maxShifts).toEqual([0, 14]);
    expect(problem.onRequests).toEqual([{ person: 1, day: 2, shift: 1, weight: 2 }]);
    expect(problem.offRequests).toEqual([{ person: 0, day: 3, shift: 0, weight: 3 }]);
    expect(problem.cover[13]).toEqual([
      { required: 1, underWeight: 100, overWeight: 1 },
      { required: 2, underWeight: 100, overWeight: 1 },
    ]);
  });

  it('puts Saturday and Sunday of each week in one weekend, day 0 a Monday', () => {
    expect(weekendOfDays({ days: 14, firstWeekday: 0 })).toEqual([
      -1, -1, -1, -1, -1, 0, 0, -1, -1, -1, -1, -1, 1, 1,
    ]);
  });

  it('refuses unknown shifts and employees with the line number', () => {
    expect(() => parseCurtoisInstance(text.replace('A,2,D,2', 'A,2,X,2'))).toThrow(
      /line \d+: unknown shift "X"/,
    );
    expect(() => parseCurtoisInstance(text.replace('A,5', 'Q,5'))).toThrow(CurtoisFormatError);
    expect(() => parseCurtoisInstance(text.replace('A,5', 'A,14'))).toThrow(/outside 0..13/);
  });
});
