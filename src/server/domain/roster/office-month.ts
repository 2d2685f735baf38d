import type { PersonRules, RosterSettings } from '../../../shared/contract/roster-settings.ts';
import type { DayInfo } from '../calendar/holiday-calendar.ts';
import { datesOfMonth, weekdayOf, type LocalDate } from '../calendar/local-time.ts';
import { minutesOfDay, shiftMinutes, type ShiftTemplate } from '../shift-templates.ts';
import { evaluateRoster, type RosterEvaluation } from './roster-evaluator.ts';
import {
  forbiddenFollowersFromRest,
  OFF,
  type Person,
  type Roster,
  type RosterProblem,
} from './roster-model.ts';

/**
 * An office month as the rostering engine sees it (ROSTER-1): the office's shifts, head
 * counts, rest, per-person limits, holidays, staff wishes and pinned cells become one
 * {@link RosterProblem}; rosters go back and forth as cells keyed by person and date.
 */

/** Per-head penalties of the office month; a missing head weighs far more than any wish. */
export const officeWeights = {
  coverUnder: 1000,
  coverOver: 50,
  wishOff: 20,
  wishShift: 10,
  /** spread of the total number of shifts between people (always on) */
  totalShifts: 10,
} as const;

export type WishKind = 'unavailable' | 'wish-off' | 'wish-shift';
export type Wish = { userId: string; date: LocalDate; kind: WishKind; shiftCode: string | null };

/** Cells of a month: person → date → shift code; a missing date is a day off. */
export type MonthCells = Record<string, Record<LocalDate, string>>;
/** Pinned cells: person → dates the supervisor fixed (a pinned date without a cell is a fixed day off). */
export type MonthPins = Record<string, LocalDate[]>;

export type OfficeMonthInput = {
  month: string;
  templates: readonly ShiftTemplate[];
  settings: RosterSettings;
  people: readonly { userId: string; rules: PersonRules }[];
  dayInfo: (date: LocalDate) => DayInfo;
  wishes: readonly Wish[];
  /** cells to keep as they are when solving ("re-optimise the rest") */
  pinned?: { cells: MonthCells; pins: MonthPins };
};

export type OfficeMonth = {
  problem: RosterProblem;
  dates: LocalDate[];
  days: DayInfo[];
  codes: string[];
  userIds: string[];
  evening: boolean[];
};

/** An evening or night shift: it starts at 16:00 or later, before 06:00, or crosses midnight. */
export function isEveningShift(template: Pick<ShiftTemplate, 'startTime' | 'endTime'>): boolean {
  const start = minutesOfDay(template.startTime);
  return start >= 16 * 60 || start < 6 * 60 || start + shiftMinutes(template) > 24 * 60;
}

/** Head count needed on a day for one shift's demand row: holidays, then the weekday. */
function required(row: RosterSettings['demand'][number] | undefined, day: DayInfo): number {
  if (row === undefined) return 0;
  if (day.kind === 'holiday') return row.holiday;
  // an adjusted working day 调休 runs like a Monday
  if (day.kind === 'adjusted-workday') return row.weekdays[0]!;
  return row.weekdays[(weekdayOf(day.date) + 6) % 7]!;
}

export function buildOfficeMonth(input: OfficeMonthInput): OfficeMonth {
  const dates = datesOfMonth(input.month);
  const days = dates.map(input.dayInfo);
  const codes = input.templates.map((t) => t.code);
  const minutes = input.templates.map((t) => shiftMinutes(t));
  const forbidden = forbiddenFollowersFromRest(
    input.templates.map((t, i) => ({
      startMinute: minutesOfDay(t.startTime),
      minutes: minutes[i]!,
    })),
    input.settings.minRestMinutes,
  );
  const dayIndex = new Map(dates.map((d, i) => [d, i]));
  const userIds = input.people.map((p) => p.userId);
  const personIndex = new Map(userIds.map((id, i) => [id, i]));

  const people: Person[] = input.people.map(({ userId, rules }) => {
    const limits = { ...input.settings.defaults, ...rules.limits };
    const allowed = rules.allowedShiftCodes;
    const allowedMinutes = minutes.filter(
      (_, t) => allowed === undefined || allowed.includes(codes[t]!),
    );
    const shortest = allowedMinutes.length === 0 ? 0 : Math.min(...allowedMinutes);
    return {
      id: userId,
      maxShifts: codes.map((code) =>
        allowed === undefined || allowed.includes(code) ? dates.length : 0,
      ),
      minTotalMinutes: 0,
      // The model limits minutes, not shifts: at most `max` of the shortest shift keeps the
      // number of shifts within the limit whatever the mix (checkOfficeMonth counts exactly).
      maxTotalMinutes: limits.maxShiftsPerMonth * shortest,
      maxConsecutiveShifts: limits.maxConsecutiveDays,
      minConsecutiveShifts: 1,
      minConsecutiveDaysOff: limits.minConsecutiveDaysOff,
      maxWeekends: limits.maxWeekendsPerMonth,
      daysOff: [
        ...new Set(
          input.wishes
            .filter((w) => w.userId === userId && w.kind === 'unavailable')
            .flatMap((w) => dayIndex.get(w.date) ?? []),
        ),
      ].sort((a, b) => a - b),
    };
  });

  const onRequests: RosterProblem['onRequests'] = [];
  const offRequests: RosterProblem['offRequests'] = [];
  for (const wish of input.wishes) {
    const person = personIndex.get(wish.userId);
    const day = dayIndex.get(wish.date);
    if (person === undefined || day === undefined) continue;
    if (wish.kind === 'wish-off') {
      codes.forEach((_, shift) => {
        offRequests.push({ person, day, shift, weight: officeWeights.wishOff });
      });
    } else if (wish.kind === 'wish-shift' && wish.shiftCode !== null) {
      const shift = codes.indexOf(wish.shiftCode);
      if (shift >= 0) onRequests.push({ person, day, shift, weight: officeWeights.wishShift });
    }
  }

  const evening = input.templates.map(isEveningShift);
  const allDays = dates.map((_, d) => d);
  const allShifts = codes.map((_, t) => t);
  const fairness: RosterProblem['fairness'] = [
    { name: 'shifts', shifts: allShifts, days: allDays, weight: officeWeights.totalShifts },
    {
      name: 'evenings',
      shifts: allShifts.filter((t) => evening[t]),
      days: allDays,
      weight: input.settings.fairness.evening,
    },
    {
      name: 'weekends',
      shifts: allShifts,
      days: allDays.filter((d) => days[d]!.kind === 'weekend'),
      weight: input.settings.fairness.weekend,
    },
    {
      name: 'holidays',
      shifts: allShifts,
      days: allDays.filter((d) => days[d]!.kind === 'holiday'),
      weight: input.settings.fairness.holiday,
    },
  ].filter((term) => term.weight > 0 && term.shifts.length > 0 && term.days.length > 0);

  const pinned: RosterProblem['pinned'] = [];
  if (input.pinned !== undefined) {
    for (const [userId, pinnedDates] of Object.entries(input.pinned.pins)) {
      const person = personIndex.get(userId);
      if (person === undefined) continue;
      for (const date of pinnedDates) {
        const day = dayIndex.get(date);
        if (day === undefined) continue;
        const code = input.pinned.cells[userId]?.[date];
        const shift = code === undefined ? OFF : codes.indexOf(code);
        // a pin on a retired shift cannot be kept by the engine; it is left to the supervisor
        if (code !== undefined && shift < 0) continue;
        pinned.push({ person, day, shift });
      }
    }
  }

  const problem: RosterProblem = {
    days: dates.length,
    firstWeekday: (weekdayOf(dates[0]!) + 6) % 7,
    shifts: input.templates.map((t, i) => ({
      id: t.code,
      minutes: minutes[i]!,
      startMinute: minutesOfDay(t.startTime),
      forbiddenNext: forbidden[i]!,
    })),
    people,
    onRequests,
    offRequests,
    cover: days.map((day) =>
      codes.map((code) => ({
        required: required(
          input.settings.demand.find((row) => row.shiftCode === code),
          day,
        ),
        underWeight: officeWeights.coverUnder,
        overWeight: officeWeights.coverOver,
      })),
    ),
    pinned,
    fairness,
  };
  return { problem, dates, days, codes, userIds, evening };
}

/** Cells as the engine's roster; a code the month does not know counts as a day off. */
export function toRoster(month: OfficeMonth, cells: MonthCells): Roster {
  return month.userIds.map((userId) =>
    month.dates.map((date) => {
      const code = cells[userId]?.[date];
      return code === undefined ? OFF : month.codes.indexOf(code);
    }),
  );
}

export function fromRoster(month: OfficeMonth, roster: Roster): MonthCells {
  const cells: MonthCells = {};
  month.userIds.forEach((userId, p) => {
    const row: Record<LocalDate, string> = {};
    month.dates.forEach((date, d) => {
      const shift = roster[p]?.[d] ?? OFF;
      if (shift !== OFF) row[date] = month.codes[shift]!;
    });
    cells[userId] = row;
  });
  return cells;
}

export type PersonTotals = {
  shifts: number;
  minutes: number;
  evenings: number;
  weekends: number;
  holidays: number;
};

export type MonthViolation = {
  rule: string;
  userId: string | null;
  dates: LocalDate[];
  message: string;
};

export type MonthCheck = {
  evaluation: RosterEvaluation;
  objective: number;
  hardViolations: MonthViolation[];
  cover: { date: LocalDate; shiftCode: string; required: number; assigned: number }[];
  brokenWishes: {
    userId: string;
    date: LocalDate;
    kind: 'wish-off' | 'wish-shift';
    shiftCode: string | null;
  }[];
  totals: PersonTotals[];
  averages: PersonTotals;
};

/**
 * Judges a month's cells with the evaluator (the one judge) and adds what the office reads:
 * hard violations by person and date, heads short or extra, wishes not met, and per-person
 * totals against the office average. Cells on shifts the office no longer runs are
 * violations too ("shape").
 */
export function checkOfficeMonth(
  month: OfficeMonth,
  input: Pick<OfficeMonthInput, 'templates' | 'settings' | 'people' | 'wishes'>,
  cells: MonthCells,
): MonthCheck {
  const roster = toRoster(month, cells);
  const evaluation = evaluateRoster(month.problem, roster);
  const dateOf = (day: number): LocalDate => month.dates[day]!;
  // The engine's minute limit stands in for the office's shift limit (see buildOfficeMonth);
  // the office judges the number of shifts, exactly, below.
  const hardViolations: MonthViolation[] = evaluation.hardViolations
    .filter((v) => v.rule !== 'max-total-minutes')
    .map((v) => ({
      rule: v.rule,
      userId: v.person,
      dates: v.days.map(dateOf),
      message: v.message,
    }));
  month.userIds.forEach((userId, p) => {
    const unknown = month.dates.filter((date, d) => {
      const code = cells[userId]?.[date];
      return code !== undefined && roster[p]![d] === OFF;
    });
    if (unknown.length > 0) {
      hardViolations.push({
        rule: 'shape',
        userId,
        dates: unknown,
        message: `${userId} has shifts the office no longer runs`,
      });
    }
    const rules = input.people[p]?.rules;
    const max = { ...input.settings.defaults, ...rules?.limits }.maxShiftsPerMonth;
    const worked = roster[p]!.filter((s) => s !== OFF).length;
    if (worked > max) {
      hardViolations.push({
        rule: 'max-shifts-per-month',
        userId,
        dates: month.dates.filter((_, d) => roster[p]![d] !== OFF),
        message: `${userId} works ${String(worked)} shifts, at most ${String(max)} allowed`,
      });
    }
  });

  const totals: PersonTotals[] = roster.map((row) => {
    const t: PersonTotals = { shifts: 0, minutes: 0, evenings: 0, weekends: 0, holidays: 0 };
    row.forEach((shift, d) => {
      if (shift === OFF) return;
      t.shifts++;
      t.minutes += month.problem.shifts[shift]!.minutes;
      if (month.evening[shift] === true) t.evenings++;
      if (month.days[d]!.kind === 'weekend') t.weekends++;
      if (month.days[d]!.kind === 'holiday') t.holidays++;
    });
    return t;
  });
  const count = Math.max(1, totals.length);
  const sum = (key: keyof PersonTotals): number =>
    Math.round((totals.reduce((s, t) => s + t[key], 0) / count) * 10) / 10;

  const brokenWishes: MonthCheck['brokenWishes'] = [];
  for (const wish of input.wishes) {
    const p = month.userIds.indexOf(wish.userId);
    const d = month.dates.indexOf(wish.date);
    if (p < 0 || d < 0) continue;
    const shift = roster[p]![d]!;
    if (wish.kind === 'wish-off' && shift !== OFF) {
      brokenWishes.push({
        userId: wish.userId,
        date: wish.date,
        kind: 'wish-off',
        shiftCode: null,
      });
    } else if (
      wish.kind === 'wish-shift' &&
      (shift === OFF || month.codes[shift] !== wish.shiftCode)
    ) {
      brokenWishes.push({
        userId: wish.userId,
        date: wish.date,
        kind: 'wish-shift',
        shiftCode: wish.shiftCode,
      });
    }
  }

  return {
    evaluation,
    objective: evaluation.objective,
    hardViolations,
    cover: evaluation.cover.map((c) => ({
      date: dateOf(c.day),
      shiftCode: c.shift,
      required: c.required,
      assigned: c.assigned,
    })),
    brokenWishes,
    totals,
    averages: {
      shifts: sum('shifts'),
      minutes: sum('minutes'),
      evenings: sum('evenings'),
      weekends: sum('weekends'),
      holidays: sum('holidays'),
    },
  };
}
