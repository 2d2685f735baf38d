import { describe, expect, it } from 'vitest';
import { createHolidayLookup, holidayYearSchema, shippedHolidayYears } from './holiday-calendar.ts';

describe('createHolidayLookup with the shipped 2026 calendar', () => {
  const lookup = createHolidayLookup(shippedHolidayYears());

  it('marks the Spring Festival period off, its statutory days, and its adjusted workdays', () => {
    expect(lookup('2026-02-15')).toMatchObject({
      kind: 'holiday',
      statutory: false,
      holidayName: '春节',
    });
    expect(lookup('2026-02-17')).toMatchObject({ kind: 'holiday', statutory: true });
    expect(lookup('2026-02-23')).toMatchObject({ kind: 'holiday' });
    expect(lookup('2026-02-24')).toMatchObject({ kind: 'workday', holidayName: null });
    expect(lookup('2026-02-14')).toMatchObject({ kind: 'adjusted-workday', holidayName: '春节' }); // a Saturday worked
  });

  it('falls back to weekdays for ordinary days', () => {
    expect(lookup('2026-11-28').kind).toBe('weekend');
    expect(lookup('2026-11-30').kind).toBe('workday');
    expect(lookup('2027-03-03').kind).toBe('workday'); // a year no calendar covers yet
  });

  it('counts the statutory days of 2026 (13, the figure of the State Council notice)', () => {
    const statutory = shippedHolidayYears()[0]!.holidays.flatMap((h) => h.statutory);
    expect(new Set(statutory).size).toBe(13);
    expect(statutory.every((d) => lookup(d).statutory)).toBe(true);
  });
});

describe('holidayYearSchema', () => {
  it('refuses a period that ends before it starts and malformed dates', () => {
    const bad = {
      year: 2027,
      holidays: [
        { name: 'x', en: 'x', offDays: ['2027-02-10', '2027-02-01'], workdays: [], statutory: [] },
      ],
    };
    expect(holidayYearSchema.safeParse(bad).success).toBe(false);
    const malformed = {
      year: 2027,
      holidays: [
        { name: 'x', en: 'x', offDays: ['2027-2-1', '2027-02-03'], workdays: [], statutory: [] },
      ],
    };
    expect(holidayYearSchema.safeParse(malformed).success).toBe(false);
  });
});
