import type { RosterSettings } from '../../../shared/contract/roster-settings.ts';
import { addDays, datesOfMonth, localToInstant, type LocalDate } from '../calendar/local-time.ts';

/** The month before a YYYY-MM month. */
export function previousMonth(month: string): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, index - 2, 1));
  return date.toISOString().slice(0, 7);
}

/** The month after a YYYY-MM month. */
export function nextMonth(month: string): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, index, 1)).toISOString().slice(0, 7);
}

export type RosterDeadlines = {
  /** ROSTER-1: the month's roster is published by the end of this local date */
  publishBy: LocalDate;
  deadlineAt: Date;
  remindFrom: LocalDate;
  remindAt: Date;
  wishesCutoff: LocalDate;
  wishesCloseAt: Date;
};

/**
 * The dates that govern month M's roster (ROSTER-1), all in month M−1 and in the office's
 * time zone: publishing by day `publishByDay` (0 = the last day of M−1), reminders from
 * `remindFromDay`, staff wishes until `wishesCutoffDay`. A day beyond M−1's length is its last day.
 */
export function rosterDeadlines(
  month: string,
  settings: Pick<RosterSettings, 'publishByDay' | 'remindFromDay' | 'wishesCutoffDay'>,
  timeZone: string,
): RosterDeadlines {
  const before = datesOfMonth(previousMonth(month));
  const day = (n: number): LocalDate => before[Math.min(n, before.length) - 1]!;
  const endOf = (date: LocalDate): Date => localToInstant(addDays(date, 1), '00:00', timeZone);
  const publishBy =
    settings.publishByDay === 0 ? before[before.length - 1]! : day(settings.publishByDay);
  const remindFrom = day(settings.remindFromDay);
  const wishesCutoff = day(settings.wishesCutoffDay);
  return {
    publishBy,
    deadlineAt: endOf(publishBy),
    remindFrom,
    remindAt: localToInstant(remindFrom, '00:00', timeZone),
    wishesCutoff,
    wishesCloseAt: endOf(wishesCutoff),
  };
}
