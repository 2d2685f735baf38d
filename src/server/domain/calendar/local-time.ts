/**
 * Office-local dates and times (DESIGN.md "Time"): shifts, rosters and reports are defined in the
 * office's time zone, instants are stored in UTC. Pure: Intl does the zone arithmetic.
 */

/** A calendar date as YYYY-MM-DD. */
export type LocalDate = string;
/** A time of day as HH:mm. */
export type LocalTime = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

type Parts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

function partsAt(instant: Date, timeZone: string): Parts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const p = partsAt(instant, timeZone);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

function parseDate(date: LocalDate): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) throw new RangeError(`not a date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function parseTime(time: LocalTime): [number, number] {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (match === null) throw new RangeError(`not a time: ${time}`);
  return [Number(match[1]), Number(match[2])];
}

/**
 * The instant at which the office's wall clock shows this date and time. In a daylight-saving
 * gap the later valid instant is taken; in an overlap, the earlier one.
 */
export function localToInstant(date: LocalDate, time: LocalTime, timeZone: string): Date {
  const [year, month, day] = parseDate(date);
  const [hour, minute] = parseTime(time);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const firstGuess = wallAsUtc - zoneOffsetMs(new Date(wallAsUtc), timeZone);
  const offset = zoneOffsetMs(new Date(firstGuess), timeZone);
  const candidate = wallAsUtc - offset;
  // an overlap gives two answers; prefer the earlier one that still shows the same wall time
  const earlier = wallAsUtc - zoneOffsetMs(new Date(candidate - 3_600_000), timeZone);
  if (earlier < candidate && instantToLocal(new Date(earlier), timeZone).time === time)
    return new Date(earlier);
  return new Date(candidate);
}

/** The office's wall-clock date and time at an instant. */
export function instantToLocal(
  instant: Date,
  timeZone: string,
): { date: LocalDate; time: LocalTime } {
  const p = partsAt(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${String(p.year)}-${pad(p.month)}-${pad(p.day)}`,
    time: `${pad(p.hour)}:${pad(p.minute)}`,
  };
}

/** The date n days after a date (n may be negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [year, month, day] = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay. */
export function weekdayOf(date: LocalDate): number {
  const [year, month, day] = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Every date of a month given as YYYY-MM. */
export function datesOfMonth(month: string): LocalDate[] {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (match === null) throw new RangeError(`not a month: ${month}`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  const count = new Date(Date.UTC(year, index + 1, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(year, index, i + 1)).toISOString().slice(0, 10),
  );
}

/**
 * The start and end instants of a shift on a date; an end at or before the start is on the
 * next day (a night shift crossing midnight, SHIFT-1).
 */
export function shiftInterval(
  date: LocalDate,
  shift: { startTime: LocalTime; endTime: LocalTime },
  timeZone: string,
): { start: Date; end: Date } {
  const start = localToInstant(date, shift.startTime, timeZone);
  const endDate = shift.endTime <= shift.startTime ? addDays(date, 1) : date;
  return { start, end: localToInstant(endDate, shift.endTime, timeZone) };
}
