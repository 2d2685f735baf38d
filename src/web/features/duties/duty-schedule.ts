/**
 * Pure helpers of "my duties" and the wishes calendar: office-local dates (`YYYY-MM-DD`) as the
 * roster writes them, instants as ISO strings, the clock passed in.
 */

export type DutyTimes = { date: string; startsAt: string; endsAt: string };

/** Where a person stands against a duty now: on it, or how long until it starts. */
export type DutyCountdown =
  | { kind: 'on-duty' }
  | { kind: 'minutes'; count: number }
  | { kind: 'hours'; count: number }
  | { kind: 'days'; count: number };

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;

/** The first duty not yet ended (the list comes ordered by start), or undefined. */
export function nextDutyOf<T extends DutyTimes>(duties: readonly T[], now: Date): T | undefined {
  return duties.find((duty) => Date.parse(duty.endsAt) > now.getTime());
}

/** "now on duty", "in 40 minutes", "in 5 hours" (under two days), else "in 3 days". */
export function countdownTo(duty: DutyTimes, now: Date): DutyCountdown {
  const untilStart = Date.parse(duty.startsAt) - now.getTime();
  if (untilStart <= 0) return { kind: 'on-duty' };
  if (untilStart < hourMs)
    return { kind: 'minutes', count: Math.max(1, Math.ceil(untilStart / minuteMs)) };
  if (untilStart < 48 * hourMs) return { kind: 'hours', count: Math.round(untilStart / hourMs) };
  return { kind: 'days', count: Math.round(untilStart / (24 * hourMs)) };
}

function parseDate(date: string): { year: number; month: number; day: number } {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return { year, month, day };
}

function formatDate(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

function utcMsOf(date: string): number {
  const { year, month, day } = parseDate(date);
  return Date.UTC(year, month - 1, day);
}

/** 0 = Monday … 6 = Sunday, as the roster counts weekdays. */
export function weekdayOf(date: string): number {
  return (new Date(utcMsOf(date)).getUTCDay() + 6) % 7;
}

export function addDays(date: string, days: number): string {
  return formatDate(utcMsOf(date) + days * 24 * hourMs);
}

/** The Monday of the date's week. */
export function weekStartOf(date: string): string {
  return addDays(date, -weekdayOf(date));
}

/** Items grouped by the Monday-to-Sunday week of their date, in the order given. */
export function groupByWeek<T extends { date: string }>(
  items: readonly T[],
): { weekStart: string; weekEnd: string; items: T[] }[] {
  const groups: { weekStart: string; weekEnd: string; items: T[] }[] = [];
  for (const item of items) {
    const weekStart = weekStartOf(item.date);
    const last = groups.at(-1);
    if (last?.weekStart === weekStart) last.items.push(item);
    else groups.push({ weekStart, weekEnd: addDays(weekStart, 6), items: [item] });
  }
  return groups;
}

/** "2026-12" → "2027-01". */
export function addMonths(month: string, count: number): string {
  const { year, month: m } = parseDate(`${month}-01`);
  const index = year * 12 + (m - 1) + count;
  return `${String(Math.floor(index / 12))}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function datesOfMonth(month: string): string[] {
  const first = `${month}-01`;
  const dates: string[] = [];
  for (let date = first; date.startsWith(month); date = addDays(date, 1)) dates.push(date);
  return dates;
}

/**
 * A month as calendar rows Monday to Sunday; null fills the days before the first and after
 * the last of the month.
 */
export function monthWeeks(month: string): (string | null)[][] {
  const dates = datesOfMonth(month);
  const cells: (string | null)[] = [
    ...Array.from({ length: weekdayOf(dates[0] ?? `${month}-01`) }, () => null),
    ...dates,
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let index = 0; index < cells.length; index += 7) weeks.push(cells.slice(index, index + 7));
  return weeks;
}

/** A shift ending at or before its start runs past midnight (SHIFT-1: night shifts). */
export function endsNextDay(shift: { startTime: string; endTime: string }): boolean {
  return shift.endTime <= shift.startTime;
}

/** The distinct months (`YYYY-MM`) of the items per office, in order of first appearance. */
export function monthsByOffice(
  items: readonly { officeId: string; officeName: string; date: string }[],
): { officeId: string; officeName: string; month: string }[] {
  const seen = new Set<string>();
  const months: { officeId: string; officeName: string; month: string }[] = [];
  for (const item of items) {
    const month = item.date.slice(0, 7);
    const key = `${item.officeId}/${month}`;
    if (seen.has(key)) continue;
    seen.add(key);
    months.push({ officeId: item.officeId, officeName: item.officeName, month });
  }
  return months;
}

/** A feed's https address as a calendar app subscribes to it (webcal://). */
export function webcalUrlOf(url: string): string {
  return url.replace(/^https?:\/\//, 'webcal://');
}

/**
 * A tag colour per shift: evening and night shifts (starting at 16:00 or later, or crossing
 * midnight, as the roster counts them) apart from day shifts.
 */
export function shiftColorOf(shift: { startTime: string; endTime: string }): string {
  return shift.startTime >= '16:00' || endsNextDay(shift) ? 'purple' : 'geekblue';
}
