import { describe, expect, it } from 'vitest';
import {
  addMonths,
  countdownTo,
  datesOfMonth,
  groupByWeek,
  monthWeeks,
  monthsByOffice,
  nextDutyOf,
  webcalUrlOf,
  weekdayOf,
} from './duty-schedule.ts';

/** 早班 08:30–16:30 in Asia/Shanghai (UTC+8) on the date. */
function buildDuty(
  date: string,
  overrides: Partial<{ officeId: string; officeName: string }> = {},
) {
  return {
    officeId: 'office-h',
    officeName: 'H大厦管理处',
    date,
    startsAt: `${date}T00:30:00.000Z`,
    endsAt: `${date}T08:30:00.000Z`,
    ...overrides,
  };
}

describe('nextDutyOf', () => {
  it('skips duties that ended and keeps one still running (ROSTER-2 duties in force)', () => {
    const duties = [buildDuty('2026-12-01'), buildDuty('2026-12-02'), buildDuty('2026-12-04')];
    expect(nextDutyOf(duties, new Date('2026-12-01T09:00:00Z'))?.date).toBe('2026-12-02');
    expect(nextDutyOf(duties, new Date('2026-12-02T03:00:00Z'))?.date).toBe('2026-12-02');
    expect(nextDutyOf(duties, new Date('2026-12-05T00:00:00Z'))).toBeUndefined();
  });
});

describe('countdownTo', () => {
  const duty = buildDuty('2026-12-02');
  it('says "now on duty" between start and end', () => {
    expect(countdownTo(duty, new Date('2026-12-02T01:00:00Z'))).toEqual({ kind: 'on-duty' });
  });
  it('counts minutes within the hour, hours within two days, then days', () => {
    expect(countdownTo(duty, new Date('2026-12-02T00:00:00Z'))).toEqual({
      kind: 'minutes',
      count: 30,
    });
    expect(countdownTo(duty, new Date('2026-12-01T14:30:00Z'))).toEqual({
      kind: 'hours',
      count: 10,
    });
    expect(countdownTo(duty, new Date('2026-11-28T00:30:00Z'))).toEqual({
      kind: 'days',
      count: 4,
    });
  });
});

describe('calendar arithmetic', () => {
  it('numbers weekdays from Monday like the roster', () => {
    expect(weekdayOf('2026-11-30')).toBe(0);
    expect(weekdayOf('2027-01-03')).toBe(6);
  });

  it('groups duties by Monday-to-Sunday week', () => {
    const groups = groupByWeek([
      buildDuty('2026-12-05'),
      buildDuty('2026-12-06'),
      buildDuty('2026-12-07'),
    ]);
    expect(groups.map((group) => [group.weekStart, group.weekEnd, group.items.length])).toEqual([
      ['2026-11-30', '2026-12-06', 2],
      ['2026-12-07', '2026-12-13', 1],
    ]);
  });

  it('steps months across the year', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(datesOfMonth('2027-02')).toHaveLength(28);
  });

  it('lays a month out in Monday-first weeks with blanks around it', () => {
    const weeks = monthWeeks('2027-01');
    // 2027-01-01 is a Friday
    expect(weeks[0]).toEqual([null, null, null, null, '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    expect(weeks.flat().filter((date) => date !== null)).toHaveLength(31);
  });

  it('lists each office month once for the exports', () => {
    const months = monthsByOffice([
      buildDuty('2026-12-30'),
      buildDuty('2026-12-31'),
      buildDuty('2027-01-02'),
      buildDuty('2027-01-02', { officeId: 'office-k', officeName: 'K大厦管理处' }),
    ]);
    expect(months.map((entry) => `${entry.officeId} ${entry.month}`)).toEqual([
      'office-h 2026-12',
      'office-h 2027-01',
      'office-k 2027-01',
    ]);
  });
});

describe('webcalUrlOf', () => {
  it('turns the feed address into a subscription link', () => {
    expect(webcalUrlOf('https://desk.example/api/ics/abc.ics')).toBe(
      'webcal://desk.example/api/ics/abc.ics',
    );
    expect(webcalUrlOf('http://127.0.0.1:3000/x.ics')).toBe('webcal://127.0.0.1:3000/x.ics');
  });
});
