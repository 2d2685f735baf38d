/**
 * The roster model (ROSTER-1): everything the rostering engine knows about one planning
 * horizon. It is a superset of the Curtois & Qu benchmark model, so an office month and a
 * benchmark instance go through the same evaluator and solver.
 *
 * Indices, not ids, are used inside: shift `t` is `shifts[t]`, person `p` is `people[p]`,
 * day `d` is `0..days-1`. A roster cell holds a shift index or {@link OFF}.
 */

/** The value of a roster cell on a day the person does not work. */
export const OFF = -1;

export type ShiftType = {
  id: string;
  /** Paid length in minutes (counts toward the total-minutes limits). */
  minutes: number;
  /** Local start time in minutes from midnight, when known (office rosters). */
  startMinute?: number;
  /**
   * Shift indices that may not be worked on the day after this one (rest rule, ROSTER-1).
   * Built from explicit lists (Curtois) or from a minimum rest time
   * ({@link forbiddenFollowersFromRest}).
   */
  forbiddenNext: number[];
};

export type Person = {
  id: string;
  /** Max number of days on each shift type (index = shift); 0 means never this shift. */
  maxShifts: number[];
  minTotalMinutes: number;
  maxTotalMinutes: number;
  /** Longest allowed run of worked days (runs at the horizon edges count as seen). */
  maxConsecutiveShifts: number;
  /** Shortest allowed run of worked days bounded by days off on both sides. */
  minConsecutiveShifts: number;
  /** Shortest allowed run of days off bounded by worked days on both sides. */
  minConsecutiveDaysOff: number;
  /** Most weekends (Saturday or Sunday worked) in the horizon. */
  maxWeekends: number;
  /** Days on which the person must not work (leave, fixed days off); sorted, unique. */
  daysOff: number[];
};

/** A wish to work (`on`) or not to work (`off`) a given shift on a given day. */
export type ShiftRequest = { person: number; day: number; shift: number; weight: number };

/** Preferred head count for one day and shift, with penalties per head short or extra. */
export type Cover = { required: number; underWeight: number; overWeight: number };

/** A cell that must keep its value (re-planning a published roster). */
export type PinnedCell = { person: number; day: number; shift: number };

/**
 * A fairness term: for every person, count the worked cells whose shift is in `shifts` and
 * whose day is in `days`; the penalty is `weight × (largest count − smallest count)`.
 * Spreads evening shifts, weekend shifts or holiday shifts across people.
 */
export type FairnessTerm = { name: string; shifts: number[]; days: number[]; weight: number };

export type RosterProblem = {
  /** Number of days in the horizon. */
  days: number;
  /** Weekday of day 0: 0 = Monday … 6 = Sunday. */
  firstWeekday: number;
  shifts: ShiftType[];
  people: Person[];
  onRequests: ShiftRequest[];
  offRequests: ShiftRequest[];
  /** `cover[day][shift]`. */
  cover: Cover[][];
  pinned: PinnedCell[];
  fairness: FairnessTerm[];
};

/** `cells[person][day]` is a shift index or {@link OFF}. */
export type Roster = number[][];

/** A roster with nobody working: the neutral start of a construction. */
export function emptyRoster(problem: RosterProblem): Roster {
  return problem.people.map(() => new Array<number>(problem.days).fill(OFF));
}

/** Weekend index of each day (Saturday and Sunday share one), or -1 on weekdays. */
export function weekendOfDays(problem: Pick<RosterProblem, 'days' | 'firstWeekday'>): number[] {
  const result: number[] = [];
  for (let day = 0; day < problem.days; day++) {
    const weekday = (problem.firstWeekday + day) % 7;
    // Saturday = 5, Sunday = 6; a Sunday belongs to the weekend of the day before.
    if (weekday === 5) result.push(Math.floor((day + problem.firstWeekday) / 7));
    else if (weekday === 6) result.push(Math.floor((day - 1 + problem.firstWeekday) / 7));
    else result.push(-1);
  }
  // Renumber from 0 so a horizon starting on a Sunday has weekend 0 too.
  const first = result.find((w) => w >= 0) ?? 0;
  return result.map((w) => (w < 0 ? -1 : w - first));
}

/** Number of distinct weekends touched by the horizon. */
export function weekendCount(problem: Pick<RosterProblem, 'days' | 'firstWeekday'>): number {
  return Math.max(-1, ...weekendOfDays(problem)) + 1;
}

/**
 * Which shifts may not follow which, from start times, lengths and a minimum rest time: `u`
 * may not follow `t` when less than `minRestMinutes` lie between the end of `t` and the start
 * of `u` on the next day (ROSTER-1 rest between shifts).
 */
export function forbiddenFollowersFromRest(
  shifts: readonly { startMinute: number; minutes: number }[],
  minRestMinutes: number,
): number[][] {
  return shifts.map((t) =>
    shifts.flatMap((u, index) => {
      const rest = 24 * 60 + u.startMinute - (t.startMinute + t.minutes);
      return rest < minRestMinutes ? [index] : [];
    }),
  );
}

/** A short, stable description of a problem's size, for logs and reports. */
export function describeProblem(problem: RosterProblem): string {
  return `${problem.people.length} people × ${problem.days} days × ${problem.shifts.length} shifts`;
}
