import { useEffect, useMemo, useState } from 'react';
import { getRosterMonth, type RosterMonthView } from '../../api/duties.api.ts';

export { useLoad, type Load } from '../../api/use-load.ts';

/** The published months' rosters the page needs (people, their cells and the shift names). */
export function useRosterMonths(
  officeId: string,
  months: readonly string[],
): Map<string, RosterMonthView> {
  const wanted = [...new Set(months)].sort().join(',');
  const [rosters, setRosters] = useState<Map<string, RosterMonthView>>(new Map());
  useEffect(() => {
    let cancelled = false;
    const list = wanted === '' ? [] : wanted.split(',');
    Promise.all(
      list.map((month) =>
        getRosterMonth(officeId, month).then(
          (roster) => roster,
          () => undefined,
        ),
      ),
    ).then(
      (loaded) => {
        if (cancelled) return;
        const next = new Map<string, RosterMonthView>();
        for (const roster of loaded) if (roster !== undefined) next.set(roster.month, roster);
        setRosters(next);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [officeId, wanted]);
  return rosters;
}

/** A duty on the roster: a person's date and shift. */
export type DutyRef = { date: string; shiftCode: string };

/** The duties of one person in the rosters given, from `fromDate` on. */
export function dutiesOf(
  rosters: Iterable<RosterMonthView>,
  userId: string,
  fromDate: string,
): DutyRef[] {
  const duties: DutyRef[] = [];
  for (const roster of rosters) {
    const row = roster.rows.find((candidate) => candidate.userId === userId);
    if (row === undefined) continue;
    roster.days.forEach((day, index) => {
      const shiftCode = row.cells[index];
      if (shiftCode !== null && shiftCode !== undefined && day.date >= fromDate) {
        duties.push({ date: day.date, shiftCode });
      }
    });
  }
  return duties.sort((a, b) => a.date.localeCompare(b.date));
}

/** People on the rosters given, by id, with their names. */
export function peopleOf(rosters: Iterable<RosterMonthView>): { userId: string; name: string }[] {
  const people = new Map<string, string>();
  for (const roster of rosters) {
    for (const row of roster.rows) people.set(row.userId, row.displayName);
  }
  return [...people].map(([userId, name]) => ({ userId, name }));
}

/** `YYYY-MM` of today and the next month, the months leave and swaps are about. */
export function comingMonths(today: string): string[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const next =
    month === 12
      ? `${String(year + 1)}-01`
      : `${String(year)}-${String(month + 1).padStart(2, '0')}`;
  return [today.slice(0, 7), next];
}

/** Shift names by code from any of the rosters loaded. */
export function useShiftNames(rosters: Map<string, RosterMonthView>): Map<string, string> {
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const roster of rosters.values()) {
      for (const shift of roster.shifts) names.set(shift.code, shift.name);
    }
    return names;
  }, [rosters]);
}
