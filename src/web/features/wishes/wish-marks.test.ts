import { describe, expect, it } from 'vitest';
import { marksOf, refusedDatesOf, sameMarks, wishInputsOf, type DayMark } from './wish-marks.ts';

function buildWish(
  overrides: Partial<{
    date: string;
    kind: DayMark['kind'];
    shiftCode: string | null;
    note: string | null;
  }> = {},
) {
  return {
    date: '2027-01-05',
    kind: 'unavailable' as const,
    shiftCode: null,
    note: null,
    ...overrides,
  };
}

describe('wish marks', () => {
  it('round-trips a saved list into the body the server takes, by date', () => {
    const marks = marksOf([
      buildWish({ date: '2027-01-09', kind: 'wish-shift', shiftCode: 'E', note: '上课' }),
      buildWish({ date: '2027-01-05' }),
    ]);
    expect(wishInputsOf(marks)).toEqual([
      { date: '2027-01-05', kind: 'unavailable' },
      { date: '2027-01-09', kind: 'wish-shift', shiftCode: 'E', note: '上课' },
    ]);
  });

  it('names a shift only for a wished shift and drops a blank note (ROSTER-1 wishes body)', () => {
    const marks = new Map<string, DayMark>([
      ['2027-01-02', { kind: 'wish-off', shiftCode: 'D', note: '   ' }],
    ]);
    expect(wishInputsOf(marks)).toEqual([{ date: '2027-01-02', kind: 'wish-off' }]);
  });

  it('tells unsaved changes from the saved list', () => {
    const saved = marksOf([buildWish()]);
    const same = new Map(saved);
    expect(sameMarks(saved, same)).toBe(true);
    same.set('2027-01-06', { kind: 'wish-off' });
    expect(sameMarks(saved, same)).toBe(false);
  });

  it('puts the server’s field errors on the days they name', () => {
    const sent = wishInputsOf(
      new Map<string, DayMark>([
        ['2027-01-02', { kind: 'wish-off' }],
        ['2027-01-03', { kind: 'wish-shift', shiftCode: 'X' }],
      ]),
    );
    const refused = refusedDatesOf(sent, [
      { path: 'wishes.1.shiftCode', message: 'no shift X in this office' },
      { path: 'body.wishes.0.date', message: 'the date is not in 2027-01' },
      { path: 'month', message: 'elsewhere' },
    ]);
    expect([...refused]).toEqual([
      ['2027-01-03', ['shiftCode']],
      ['2027-01-02', ['date']],
    ]);
  });
});
