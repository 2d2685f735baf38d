import { describe, expect, it } from 'vitest';
import {
  addMonths,
  coverDifferences,
  dateRuns,
  diffRows,
  headCounts,
  indexViolations,
  isStaleAnswer,
  nextMonthIn,
  nextShiftCode,
  shiftOfKey,
} from './roster-month.ts';

const shifts = [{ code: 'D' }, { code: 'E' }];

describe('addMonths', () => {
  it('crosses years both ways', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-05', 0)).toBe('2026-05');
  });
});

describe('isStaleAnswer', () => {
  const shown = { officeId: 'o1', month: '2026-12', revision: 5 };
  it('refuses an answer older than the month shown', () => {
    expect(isStaleAnswer(shown, { ...shown, revision: 4 })).toBe(true);
  });
  it('takes the same revision (settings may change the check) and newer ones', () => {
    expect(isStaleAnswer(shown, { ...shown, revision: 5 })).toBe(false);
    expect(isStaleAnswer(shown, { ...shown, revision: 6 })).toBe(false);
  });
  it('compares revisions of the same office and month only', () => {
    expect(isStaleAnswer(shown, { ...shown, month: '2027-01', revision: 1 })).toBe(false);
    expect(isStaleAnswer(shown, { ...shown, officeId: 'o2', revision: 1 })).toBe(false);
  });
});

describe('nextMonthIn', () => {
  it('plans the month after the office’s local month (ROSTER-1)', () => {
    // 2026-11-30 17:00 UTC is already 12-01 in Shanghai
    expect(nextMonthIn(new Date('2026-11-30T17:00:00Z'), 'Asia/Shanghai')).toBe('2027-01');
    expect(nextMonthIn(new Date('2026-11-30T17:00:00Z'), 'UTC')).toBe('2026-12');
  });
});

describe('indexViolations', () => {
  it('finds a violation by each cell it names and by the person’s row', () => {
    const index = indexViolations([
      {
        rule: 'max-consecutive-shifts',
        userId: 'u1',
        dates: ['2026-12-01', '2026-12-02'],
        message: '',
      },
      { rule: 'shape', userId: null, dates: [], message: '' },
    ]);
    expect(index.ofCell('u1', '2026-12-02').map((v) => v.rule)).toEqual(['max-consecutive-shifts']);
    expect(index.ofCell('u1', '2026-12-03')).toEqual([]);
    expect(index.ofRow('u1')).toHaveLength(1);
    expect(index.ofRow('u2')).toEqual([]);
  });
});

describe('head counts and cover', () => {
  it('counts people per shift and day, and reads the evaluator’s shortfalls', () => {
    const month = {
      shifts: [
        {
          code: 'D',
          name: '早班',
          startTime: '08:30',
          endTime: '16:30',
          minutes: 480,
          evening: false,
        },
        {
          code: 'E',
          name: '晚班',
          startTime: '16:30',
          endTime: '23:30',
          minutes: 420,
          evening: true,
        },
      ],
      days: [
        { date: '2026-12-01', weekday: 1, kind: 'workday' as const },
        { date: '2026-12-02', weekday: 2, kind: 'workday' as const },
      ],
      rows: [
        {
          userId: 'a',
          displayName: 'A',
          cells: ['D', 'E'],
          pinned: [false, false],
          totals: { shifts: 2, minutes: 900, evenings: 1, weekends: 0, holidays: 0 },
        },
        {
          userId: 'b',
          displayName: 'B',
          cells: ['D', null],
          pinned: [false, false],
          totals: { shifts: 1, minutes: 480, evenings: 0, weekends: 0, holidays: 0 },
        },
      ],
    };
    expect(headCounts(month)).toEqual([
      [2, 0],
      [0, 1],
    ]);
    const differences = coverDifferences({
      objective: 0,
      hardViolations: [],
      cover: [{ date: '2026-12-02', shiftCode: 'D', required: 1, assigned: 0 }],
      brokenWishes: [],
      averages: { shifts: 0, minutes: 0, evenings: 0, weekends: 0, holidays: 0 },
    });
    expect(differences.get('2026-12-02|D')).toBe(-1);
    expect(differences.get('2026-12-01|D')).toBeUndefined();
  });
});

describe('editing keys', () => {
  it('cycles off → D → E → off', () => {
    expect(nextShiftCode(shifts, null)).toBe('D');
    expect(nextShiftCode(shifts, 'D')).toBe('E');
    expect(nextShiftCode(shifts, 'E')).toBeNull();
  });

  it('reads a typed letter as the shift of that code, in either case', () => {
    expect(shiftOfKey(shifts, 'e')).toBe('E');
    expect(shiftOfKey(shifts, 'D')).toBe('D');
    expect(shiftOfKey(shifts, 'x')).toBeUndefined();
    expect(shiftOfKey(shifts, 'Enter')).toBeUndefined();
  });
});

describe('dateRuns', () => {
  it('joins consecutive dates, across a month end', () => {
    expect(
      dateRuns(['2026-12-03', '2026-12-01', '2026-12-02', '2026-12-31', '2027-01-01']),
    ).toEqual([
      ['2026-12-01', '2026-12-03'],
      ['2026-12-31', '2027-01-01'],
    ]);
  });
});

describe('diffRows', () => {
  it('lists the cells that changed between two versions', () => {
    expect(
      diffRows(
        [{ userId: 'a', cells: ['D', null, 'E'] }],
        [
          { userId: 'a', cells: ['D', 'E', null] },
          { userId: 'b', cells: [null, 'D', null] },
        ],
      ),
    ).toEqual([
      { userId: 'a', day: 1, before: null, after: 'E' },
      { userId: 'a', day: 2, before: 'E', after: null },
      { userId: 'b', day: 1, before: null, after: 'D' },
    ]);
  });
});
