import type { DayInfo } from '../calendar/holiday-calendar.ts';
import { weekdayOf, type LocalDate } from '../calendar/local-time.ts';
import { shiftMinutes, type ShiftTemplate } from '../shift-templates.ts';

/**
 * The paper form 《值班安排表》 as a plain model (ROSTER-1): what the printed month shows, cell
 * by cell, before any spreadsheet library lays it out. Pure, so the totals and counts are
 * tested without opening a workbook.
 */
export type RosterSheet = {
  /** "<office>值班安排表" */
  title: string;
  /** "2026年12月" */
  monthLabel: string;
  /** "第1版 · 2026-11-27 发布" */
  versionLabel: string;
  days: {
    date: LocalDate;
    day: number;
    /** 日 一 二 … 六 */
    weekday: string;
    weekend: boolean;
    /** 休: a public holiday off; 班: an adjusted working day 调休 */
    mark: '休' | '班' | null;
    holidayName: string | null;
  }[];
  people: {
    displayName: string;
    /** a shift code per day, or null for a day off */
    cells: (string | null)[];
    shifts: number;
    hours: number;
  }[];
  /** per shift, how many people are on it each day */
  counts: { code: string; name: string; perDay: number[]; total: number }[];
  /** "D = 早班 08:30–16:30" */
  legend: string[];
};

export type RosterSheetInput = {
  officeName: string;
  month: string;
  version: number;
  /** the office-local date the version in force was published */
  publishedOn: LocalDate;
  days: readonly DayInfo[];
  shifts: readonly ShiftTemplate[];
  rows: readonly { displayName: string; cells: readonly (string | null)[] }[];
};

const weekdayNames = ['日', '一', '二', '三', '四', '五', '六'] as const;

/** Hours with at most one decimal, as a person adds them up on paper. */
function hoursOf(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}

/** Builds the printed month from a published version's rows (ROSTER-2: the version in force). */
export function buildRosterSheet(input: RosterSheetInput): RosterSheet {
  const minutesOf = new Map(input.shifts.map((s) => [s.code, shiftMinutes(s)]));
  const [year, month] = input.month.split('-').map(Number) as [number, number];
  return {
    title: `${input.officeName}值班安排表`,
    monthLabel: `${String(year)}年${String(month)}月`,
    versionLabel: `第${String(input.version)}版 · ${input.publishedOn} 发布`,
    days: input.days.map((d) => {
      const weekday = weekdayOf(d.date);
      return {
        date: d.date,
        day: Number(d.date.slice(8, 10)),
        weekday: weekdayNames[weekday]!,
        weekend: weekday === 0 || weekday === 6,
        mark: d.kind === 'holiday' ? '休' : d.kind === 'adjusted-workday' ? '班' : null,
        holidayName: d.holidayName,
      };
    }),
    people: input.rows.map((row) => {
      const worked = row.cells.filter((c): c is string => c !== null);
      return {
        displayName: row.displayName,
        cells: input.days.map((_, d) => row.cells[d] ?? null),
        shifts: worked.length,
        hours: hoursOf(worked.reduce((sum, code) => sum + (minutesOf.get(code) ?? 0), 0)),
      };
    }),
    counts: input.shifts.map((shift) => {
      const perDay = input.days.map(
        (_, d) => input.rows.filter((row) => row.cells[d] === shift.code).length,
      );
      return {
        code: shift.code,
        name: shift.name,
        perDay,
        total: perDay.reduce((a, b) => a + b, 0),
      };
    }),
    legend: input.shifts.map((s) => `${s.code} = ${s.name} ${s.startTime}–${s.endTime}`),
  };
}
