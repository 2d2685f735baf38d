import { describe, expect, it } from 'vitest';
import { createHolidayLookup, shippedHolidayYears } from '../calendar/holiday-calendar.ts';
import { defaultShiftTemplates } from '../shift-templates.ts';
import {
  buildOfficeMonth,
  checkOfficeMonth,
  fromRoster,
  isEveningShift,
  officeWeights,
  toRoster,
  type OfficeMonthInput,
} from './office-month.ts';
import { defaultRosterSettings } from './office-settings.ts';
import { OFF } from './roster-model.ts';

function buildInput(overrides: Partial<OfficeMonthInput> = {}): OfficeMonthInput {
  const templates = defaultShiftTemplates();
  return {
    month: '2026-10',
    templates,
    settings: defaultRosterSettings(templates),
    people: [
      { userId: 'u1', rules: { limits: {} } },
      { userId: 'u2', rules: { limits: { maxShiftsPerMonth: 3 }, allowedShiftCodes: ['D'] } },
    ],
    dayInfo: createHolidayLookup(shippedHolidayYears()),
    wishes: [],
    ...overrides,
  };
}

describe('the office month as a roster problem (ROSTER-1)', () => {
  it('takes the head count of the weekday, of public holidays and of adjusted working days', () => {
    const settings = defaultRosterSettings(defaultShiftTemplates());
    settings.demand[0] = { shiftCode: 'D', weekdays: [2, 2, 2, 2, 2, 1, 1], holiday: 3 };
    const month = buildOfficeMonth(buildInput({ settings }));
    // 2026-10-01 is a Thursday in the National Day holiday; 10-10 (Saturday) is worked 调休
    expect(month.problem.firstWeekday).toBe(3);
    expect(month.days[0]).toMatchObject({ kind: 'holiday', holidayName: expect.any(String) });
    expect(month.problem.cover[0]![0]!.required).toBe(3);
    expect(month.days[9]!.kind).toBe('adjusted-workday');
    expect(month.problem.cover[9]![0]!.required).toBe(2);
    // 10-17 is an ordinary Saturday
    expect(month.problem.cover[16]![0]!.required).toBe(1);
    expect(month.problem.cover[16]![1]!.required).toBe(1);
    expect(month.problem.cover[16]![0]!.underWeight).toBe(officeWeights.coverUnder);
  });

  it('turns rest, allowed shifts and limits into the model’s rules', () => {
    const settings = { ...defaultRosterSettings(defaultShiftTemplates()), minRestMinutes: 10 * 60 };
    const month = buildOfficeMonth(buildInput({ settings }));
    // 晚班 ends 23:30; 早班 starts 08:30: nine hours are less than ten
    expect(month.problem.shifts[1]!.forbiddenNext).toEqual([0]);
    const [u1, u2] = month.problem.people;
    expect(u1!.maxShifts).toEqual([31, 31]);
    expect(u2!.maxShifts).toEqual([31, 0]);
    expect(u2!.maxTotalMinutes).toBe(3 * 480);
    expect(u1!.maxConsecutiveShifts).toBe(settings.defaults.maxConsecutiveDays);
    expect(month.evening).toEqual([false, true]);
  });

  it('makes days people cannot work hard, and other wishes weighed preferences', () => {
    const month = buildOfficeMonth(
      buildInput({
        wishes: [
          { userId: 'u1', date: '2026-10-05', kind: 'unavailable', shiftCode: null },
          { userId: 'u1', date: '2026-10-06', kind: 'wish-off', shiftCode: null },
          { userId: 'u2', date: '2026-10-07', kind: 'wish-shift', shiftCode: 'D' },
          { userId: 'nobody', date: '2026-10-07', kind: 'unavailable', shiftCode: null },
        ],
      }),
    );
    expect(month.problem.people[0]!.daysOff).toEqual([4]);
    expect(month.problem.offRequests).toEqual([
      { person: 0, day: 5, shift: 0, weight: officeWeights.wishOff },
      { person: 0, day: 5, shift: 1, weight: officeWeights.wishOff },
    ]);
    expect(month.problem.onRequests).toEqual([
      { person: 1, day: 6, shift: 0, weight: officeWeights.wishShift },
    ]);
  });

  it('keeps pinned cells and pinned days off, and spreads shifts, evenings, weekends and holidays', () => {
    const month = buildOfficeMonth(
      buildInput({
        pinned: {
          cells: { u1: { '2026-10-02': 'E' } },
          pins: { u1: ['2026-10-02', '2026-10-03'] },
        },
      }),
    );
    expect(month.problem.pinned).toEqual([
      { person: 0, day: 1, shift: 1 },
      { person: 0, day: 2, shift: OFF },
    ]);
    expect(month.problem.fairness.map((f) => f.name)).toEqual([
      'shifts',
      'evenings',
      'weekends',
      'holidays',
    ]);
    expect(month.problem.fairness[1]!.shifts).toEqual([1]);
    expect(month.problem.fairness[3]!.days).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('names evening and night shifts', () => {
    expect(isEveningShift({ startTime: '16:30', endTime: '23:30' })).toBe(true);
    expect(isEveningShift({ startTime: '23:00', endTime: '07:00' })).toBe(true);
    expect(isEveningShift({ startTime: '08:30', endTime: '16:30' })).toBe(false);
    expect(isEveningShift({ startTime: '12:00', endTime: '20:00' })).toBe(false);
  });
});

describe('checking an office month (ROSTER-1)', () => {
  it('counts totals per person, the office average, and wishes not met', () => {
    const input = buildInput({
      wishes: [
        { userId: 'u1', date: '2026-10-03', kind: 'wish-off', shiftCode: null },
        { userId: 'u2', date: '2026-10-04', kind: 'wish-shift', shiftCode: 'D' },
      ],
    });
    const month = buildOfficeMonth(input);
    const cells = {
      u1: { '2026-10-01': 'D', '2026-10-03': 'E', '2026-10-05': 'E' },
      u2: { '2026-10-12': 'D' },
    };
    const check = checkOfficeMonth(month, input, cells);
    expect(check.totals[0]).toEqual({
      shifts: 3,
      minutes: 480 + 420 + 420,
      evenings: 2,
      // 1–7 October are the National Day holiday: a Saturday in it counts as a holiday
      weekends: 0,
      holidays: 3,
    });
    expect(check.totals[1]).toEqual({
      shifts: 1,
      minutes: 480,
      evenings: 0,
      weekends: 0,
      holidays: 0,
    });
    expect(check.averages.shifts).toBe(2);
    expect(check.brokenWishes).toEqual([
      { userId: 'u1', date: '2026-10-03', kind: 'wish-off', shiftCode: null },
      { userId: 'u2', date: '2026-10-04', kind: 'wish-shift', shiftCode: 'D' },
    ]);
    expect(check.hardViolations).toEqual([]);
    expect(fromRoster(month, toRoster(month, cells))).toEqual(cells);
  });

  it('judges the number of shifts exactly, a forbidden shift, and a shift the office no longer runs', () => {
    const input = buildInput();
    const month = buildOfficeMonth(input);
    const check = checkOfficeMonth(month, input, {
      u2: {
        '2026-10-12': 'D',
        '2026-10-14': 'D',
        '2026-10-16': 'D',
        '2026-10-18': 'D',
        '2026-10-20': 'E',
        '2026-10-22': 'N',
      },
    });
    const rules = check.hardViolations.map((v) => [v.rule, v.userId]);
    expect(rules).toContainEqual(['max-shifts-per-month', 'u2']);
    expect(rules).toContainEqual(['max-shifts', 'u2']);
    expect(rules).toContainEqual(['shape', 'u2']);
    // the engine's stand-in minute limit is not shown to the office
    expect(rules).not.toContainEqual(['max-total-minutes', 'u2']);
    expect(check.hardViolations.find((v) => v.rule === 'shape')!.dates).toEqual(['2026-10-22']);
  });
});
