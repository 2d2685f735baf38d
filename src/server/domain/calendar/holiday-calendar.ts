import { holidayYearSchema, type HolidayYear } from '../../../shared/contract/calendar.ts';
import { addDays, weekdayOf, type LocalDate } from './local-time.ts';
export { holidayYearSchema, type HolidayYear };
import shipped2026 from './cn-holidays-2026.json' with { type: 'json' };

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted-workday';

export type DayInfo = {
  date: LocalDate;
  kind: DayKind;
  /** a statutory holiday: triple pay, and counted apart in fairness */
  statutory: boolean;
  /** the holiday's name (e.g. 春节) when the day is off or worked for it */
  holidayName: string | null;
};

/** Mainland China's 2026 calendar, shipped with the app (../shared/data/cn-holidays-2026.json). */
export function shippedHolidayYears(): HolidayYear[] {
  return [holidayYearSchema.parse(shipped2026)];
}

/** Classifies each date; a date no calendar covers is a workday or a weekend by its weekday. */
export function createHolidayLookup(years: readonly HolidayYear[]): (date: LocalDate) => DayInfo {
  const byDate = new Map<LocalDate, DayInfo>();
  for (const year of years) {
    for (const holiday of year.holidays) {
      for (let date = holiday.offDays[0]; date <= holiday.offDays[1]; date = addDays(date, 1)) {
        byDate.set(date, {
          date,
          kind: 'holiday',
          statutory: holiday.statutory.includes(date),
          holidayName: holiday.name,
        });
      }
      for (const date of holiday.workdays) {
        byDate.set(date, {
          date,
          kind: 'adjusted-workday',
          statutory: false,
          holidayName: holiday.name,
        });
      }
    }
  }
  return (date) => {
    const known = byDate.get(date);
    if (known !== undefined) return known;
    const weekday = weekdayOf(date);
    return {
      date,
      kind: weekday === 0 || weekday === 6 ? 'weekend' : 'workday',
      statutory: false,
      holidayName: null,
    };
  };
}
