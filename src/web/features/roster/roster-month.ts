import type { RosterMonth, RosterShift, RosterViolation } from '../../api/rosters.api.ts';

/** `YYYY-MM` → the month after (or before, with -1). */
export function addMonths(month: string, count: number): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1 + count;
  const nextYear = year + Math.floor(index / 12);
  const nextMonth = (((index % 12) + 12) % 12) + 1;
  return `${String(nextYear)}-${String(nextMonth).padStart(2, '0')}`;
}

/**
 * Whether an answer for the month is older than what is shown: revisions only grow, so a read
 * slower than a later change (a poll's reload against an edit) must not put the older draft
 * back, where publishing it would be refused as stale.
 */
export function isStaleAnswer(
  shown: Pick<RosterMonth, 'officeId' | 'month' | 'revision'>,
  answer: Pick<RosterMonth, 'officeId' | 'month' | 'revision'>,
): boolean {
  return (
    shown.officeId === answer.officeId &&
    shown.month === answer.month &&
    answer.revision < shown.revision
  );
}

export function isMonth(value: string | undefined): value is string {
  return value !== undefined && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The local date `YYYY-MM-DD` of an instant in a time zone. */
export function localDateIn(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** ROSTER-1 plans the month after the office's current one. */
export function nextMonthIn(instant: Date, timeZone: string): string {
  return addMonths(localDateIn(instant, timeZone).slice(0, 7), 1);
}

function cellKey(userId: string, date: string): string {
  return `${userId}|${date}`;
}

/**
 * The evaluator's hard violations by the cells they name (a person on a date), and those of a
 * person naming no date (their whole row), so the grid outlines exactly what breaks a rule.
 */
export type ViolationIndex = {
  ofCell: (userId: string, date: string) => readonly RosterViolation[];
  ofRow: (userId: string) => readonly RosterViolation[];
};

export function indexViolations(violations: readonly RosterViolation[]): ViolationIndex {
  const byCell = new Map<string, RosterViolation[]>();
  const byRow = new Map<string, RosterViolation[]>();
  for (const violation of violations) {
    if (violation.userId === null) continue;
    const ofRow = byRow.get(violation.userId) ?? [];
    ofRow.push(violation);
    byRow.set(violation.userId, ofRow);
    for (const date of violation.dates) {
      const key = cellKey(violation.userId, date);
      const ofCell = byCell.get(key) ?? [];
      ofCell.push(violation);
      byCell.set(key, ofCell);
    }
  }
  return {
    ofCell: (userId, date) => byCell.get(cellKey(userId, date)) ?? [],
    ofRow: (userId) => byRow.get(userId) ?? [],
  };
}

/** Head count per day and shift of the cells shown: [shift][day]. */
export function headCounts(month: Pick<RosterMonth, 'rows' | 'shifts' | 'days'>): number[][] {
  return month.shifts.map((shift) =>
    month.days.map((_, day) => month.rows.filter((row) => row.cells[day] === shift.code).length),
  );
}

/** Heads short (negative) or extra (positive) by "date|shift", from the evaluator's cover list. */
export function coverDifferences(check: RosterMonth['check']): Map<string, number> {
  const differences = new Map<string, number>();
  for (const entry of check?.cover ?? []) {
    differences.set(`${entry.date}|${entry.shiftCode}`, entry.assigned - entry.required);
  }
  return differences;
}

/** The next shift a click on a cell gives: off → first shift → … → last shift → off. */
export function nextShiftCode(
  shifts: readonly Pick<RosterShift, 'code'>[],
  current: string | null,
): string | null {
  if (current === null) return shifts[0]?.code ?? null;
  const index = shifts.findIndex((shift) => shift.code === current);
  return index < 0 || index + 1 >= shifts.length ? null : shifts[index + 1]!.code;
}

/** The shift a typed key stands for: its code, case-insensitive (a single-letter code). */
export function shiftOfKey(
  shifts: readonly Pick<RosterShift, 'code'>[],
  key: string,
): string | undefined {
  if (key.length !== 1) return undefined;
  return shifts.find((shift) => shift.code.toLowerCase() === key.toLowerCase())?.code;
}

/** Pastel fill per shift, in the order of the office's shifts; evening shifts darker. */
const dayPalette = ['#e6f4ff', '#fff7e6', '#f6ffed', '#fff0f6', '#e6fffb'];
const eveningPalette = ['#efdbff', '#d6e4ff', '#ffd8bf', '#d9f7be', '#b5f5ec'];

export function shiftColour(shifts: readonly RosterShift[], code: string | null): string {
  if (code === null) return 'transparent';
  const shift = shifts.find((candidate) => candidate.code === code);
  if (shift === undefined) return '#f5f5f5';
  const sameKind = shifts.filter((candidate) => candidate.evening === shift.evening);
  const palette = shift.evening ? eveningPalette : dayPalette;
  return palette[sameKind.indexOf(shift) % palette.length]!;
}

/** Hours from minutes, one decimal at most. */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10;
}

export type CellDifference = {
  userId: string;
  day: number;
  before: string | null;
  after: string | null;
};

/** Cells that differ between two versions of the month, matched by person and day. */
export function diffRows(
  before: readonly { userId: string; cells: readonly (string | null)[] }[],
  after: readonly { userId: string; cells: readonly (string | null)[] }[],
): CellDifference[] {
  const beforeOf = new Map(before.map((row) => [row.userId, row.cells]));
  const afterOf = new Map(after.map((row) => [row.userId, row.cells]));
  const people = [...new Set([...beforeOf.keys(), ...afterOf.keys()])];
  const differences: CellDifference[] = [];
  for (const userId of people) {
    const a = beforeOf.get(userId) ?? [];
    const b = afterOf.get(userId) ?? [];
    for (let day = 0; day < Math.max(a.length, b.length); day++) {
      const was = a[day] ?? null;
      const is = b[day] ?? null;
      if (was !== is) differences.push({ userId, day, before: was, after: is });
    }
  }
  return differences;
}

/** Sorted local dates as runs of consecutive days: ["12-01","12-02","12-05"] → [[01,02],[05,05]]. */
export function dateRuns(dates: readonly string[]): [string, string][] {
  const sorted = [...new Set(dates)].sort();
  const runs: [string, string][] = [];
  for (const date of sorted) {
    const last = runs.at(-1);
    if (last !== undefined && dayAfter(last[1]) === date) last[1] = date;
    else runs.push([date, date]);
  }
  return runs;
}

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
