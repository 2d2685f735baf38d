import dayjs from 'dayjs';

/**
 * The instant (ISO, UTC) at which the office's wall clock shows `date` `time` ("HH:mm" or
 * "HH:mm:ss"), or null when either is missing or not a time.
 */
export function officeInstant(date: string, time: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}(:\d{2})?$/.test(time)) return null;
  const full = time.length === 5 ? `${time}:00` : time;
  const instant = dayjs.tz(`${date} ${full}`, 'YYYY-MM-DD HH:mm:ss', timeZone);
  return instant.isValid() ? instant.toISOString() : null;
}

/** An instant as the office's wall-clock time "HH:mm:ss". */
export function officeClock(instant: string, timeZone: string): string {
  return dayjs(instant).tz(timeZone).format('HH:mm:ss');
}

/** An instant as the office's wall-clock date and time "YYYY-MM-DD HH:mm:ss". */
export function officeDateTime(instant: string, timeZone: string): string {
  return dayjs(instant).tz(timeZone).format('YYYY-MM-DD HH:mm:ss');
}

/** A rate 0…1 as a whole percentage, or null on a day without calls. */
export function percentOf(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}
