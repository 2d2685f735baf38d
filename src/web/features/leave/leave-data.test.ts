import { describe, expect, it } from 'vitest';
import type { RosterMonthView } from '../../api/duties.api.ts';
import { comingMonths, dutiesOf, peopleOf } from './leave-data.ts';
import { shiftProblemOf } from './shift-problems.ts';

function buildRoster(overrides: Partial<RosterMonthView> = {}): RosterMonthView {
  return {
    month: '2026-12',
    days: [
      { date: '2026-12-01', weekday: 1, kind: 'workday' },
      { date: '2026-12-02', weekday: 2, kind: 'workday' },
      { date: '2026-12-03', weekday: 3, kind: 'workday' },
    ],
    rows: [
      { userId: 'a', displayName: '张伟', cells: ['D', null, 'E'], pinned: [], totals: totals() },
      { userId: 'b', displayName: '刘洋', cells: [null, 'D', null], pinned: [], totals: totals() },
    ],
    ...overrides,
  } as RosterMonthView;
}

function totals() {
  return { shifts: 0, minutes: 0, evenings: 0, weekends: 0, holidays: 0 };
}

describe('dutiesOf', () => {
  it('lists a person’s duties from a date on, in date order', () => {
    expect(dutiesOf([buildRoster()], 'a', '2026-12-02')).toEqual([
      { date: '2026-12-03', shiftCode: 'E' },
    ]);
    expect(dutiesOf([buildRoster()], 'nobody', '2026-12-01')).toEqual([]);
  });
});

describe('peopleOf', () => {
  it('names everyone on the rosters once', () => {
    expect(peopleOf([buildRoster(), buildRoster()])).toEqual([
      { userId: 'a', name: '张伟' },
      { userId: 'b', name: '刘洋' },
    ]);
  });
});

describe('comingMonths', () => {
  it('gives this month and the next, across the year end', () => {
    expect(comingMonths('2026-11-28')).toEqual(['2026-11', '2026-12']);
    expect(comingMonths('2026-12-31')).toEqual(['2026-12', '2027-01']);
  });
});

describe('shiftProblemOf', () => {
  it('names why the server refused a shift of a leave request (LEAVE-1)', () => {
    expect(shiftProblemOf('listed twice')).toBe('twice');
    expect(shiftProblemOf('no published roster for 2027-01-02')).toBe('notPublished');
    expect(shiftProblemOf('you are not on D on 2026-12-01')).toBe('notYours');
    expect(shiftProblemOf('this shift has started or is past')).toBe('past');
    expect(shiftProblemOf('another leave request already covers this shift')).toBe('overlap');
    expect(shiftProblemOf('something new')).toBe('other');
  });
});
