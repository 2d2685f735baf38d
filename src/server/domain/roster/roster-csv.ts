import { OFF, type Roster, type RosterProblem } from './roster-model.ts';

/** A roster CSV that does not fit its problem; the message names the line. */
export class RosterCsvError extends Error {}

/**
 * Writes a roster as CSV, one line per person: `id,shift_day0,…,shift_dayN`, `-` for a day off.
 * No header, so the file is the benchmark's usual solution layout (FORMAT.md §7).
 */
export function formatRosterCsv(problem: RosterProblem, roster: Roster): string {
  return (
    problem.people
      .map((person, p) =>
        [
          person.id,
          ...(roster[p] ?? []).map((t) => (t === OFF ? '-' : (problem.shifts[t]?.id ?? '?'))),
        ].join(','),
      )
      .join('\n') + '\n'
  );
}

/**
 * Reads a roster CSV written by {@link formatRosterCsv} (lines in any order, `#` comments and
 * blank lines ignored). Every person of the problem must have exactly one line with one cell
 * per day; shift ids must exist.
 */
export function parseRosterCsv(problem: RosterProblem, text: string): Roster {
  const personIndex = new Map(problem.people.map((person, p) => [person.id, p]));
  const shiftIndex = new Map(problem.shifts.map((shift, t) => [shift.id, t]));
  const roster: (number[] | undefined)[] = problem.people.map(() => undefined);
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    const [id = '', ...cells] = line.split(',');
    const p = personIndex.get(id);
    if (p === undefined) throw new RosterCsvError(`line ${index + 1}: unknown person "${id}"`);
    if (roster[p] !== undefined) throw new RosterCsvError(`line ${index + 1}: ${id} twice`);
    if (cells.length !== problem.days) {
      throw new RosterCsvError(
        `line ${index + 1}: ${id} has ${cells.length} days, the horizon has ${problem.days}`,
      );
    }
    roster[p] = cells.map((value, day) => {
      if (value === '-' || value === '') return OFF;
      const t = shiftIndex.get(value);
      if (t === undefined) {
        throw new RosterCsvError(`line ${index + 1}: unknown shift "${value}" on day ${day}`);
      }
      return t;
    });
  });
  return roster.map((row, p) => {
    if (row === undefined) throw new RosterCsvError(`no line for ${problem.people[p]!.id}`);
    return row;
  });
}
