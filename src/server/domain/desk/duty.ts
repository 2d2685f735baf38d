/**
 * Going on duty (HO-IN-1) as pure rules: when a rostered duty may be checked in, and how late
 * an arrival is. The clock is passed in; nothing here reads a database.
 */

/** HO-IN-1: arrive at least this long before the shift starts, for the handover. */
export const arriveBeforeStartMinutes = 5;

/** A duty may be checked in from this long before its start until its end. */
export const checkInOpensMinutesBefore = 60;

const minuteMs = 60_000;

/** A rostered duty as the published roster in force holds it. */
export type RosteredDuty = {
  userId: string;
  date: string;
  shiftCode: string;
  startsAt: Date;
  endsAt: Date;
};

/**
 * Minutes late of an arrival (HO-IN-1): 0 up to and including start − 5 min; any part of a
 * minute after that counts as a whole minute, so one second late is 1.
 */
export function lateMinutes(startsAt: Date, arrivedAt: Date): number {
  const deadline = startsAt.getTime() - arriveBeforeStartMinutes * minuteMs;
  const over = arrivedAt.getTime() - deadline;
  return over <= 0 ? 0 : Math.ceil(over / minuteMs);
}

/** Whether a duty can be checked in at an instant: from an hour before its start to its end. */
export function isCheckable(duty: Pick<RosteredDuty, 'startsAt' | 'endsAt'>, now: Date): boolean {
  const opens = duty.startsAt.getTime() - checkInOpensMinutesBefore * minuteMs;
  return now.getTime() >= opens && now < duty.endsAt;
}

/**
 * The duty a person checks in for at an instant, among their rostered duties: one that is
 * checkable, matches the date and shift asked for (when given), and preferably is not checked
 * in yet; the earliest such. Null when there is none (HO-IN-1: a shift that is not yours is
 * refused).
 */
export function pickCheckableDuty<T extends RosteredDuty>(
  duties: readonly T[],
  now: Date,
  wanted: { userId: string; date?: string | undefined; shiftCode?: string | undefined },
  checkedIn: (duty: T) => boolean = () => false,
): T | null {
  const candidates = duties
    .filter(
      (d) =>
        d.userId === wanted.userId &&
        (wanted.date === undefined || d.date === wanted.date) &&
        (wanted.shiftCode === undefined || d.shiftCode === wanted.shiftCode) &&
        isCheckable(d, now),
    )
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return candidates.find((d) => !checkedIn(d)) ?? candidates[0] ?? null;
}

/**
 * A session stays current this long after its shift ends, so the outgoing staff can finish
 * the log and the handover (HO-OUT-2, HO-OUT-3); after that a forgotten check-out no longer
 * counts as being on duty.
 */
export const sessionGraceMinutes = 120;

/** The instant before which a session must end to no longer be current. */
export function currentSessionsEndAfter(now: Date): Date {
  return new Date(now.getTime() - sessionGraceMinutes * minuteMs);
}

/** DISC-1: when an absence from the post becomes long enough to alert the supervisors. */
export function longAbsenceDueAt(leftAt: Date, longAbsenceMinutes: number): Date {
  return new Date(leftAt.getTime() + longAbsenceMinutes * minuteMs);
}
