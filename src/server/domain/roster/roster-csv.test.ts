import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRosterCsv, parseRosterCsv, RosterCsvError } from './roster-csv.ts';
import { buildPerson, buildProblem } from './roster-factories.ts';
import { OFF } from './roster-model.ts';

describe('roster CSV', () => {
  const problem = buildProblem({
    days: 4,
    people: [buildPerson({ id: 'A' }, 2), buildPerson({ id: 'D' }, 2)],
  });

  it('writes one line per person with - for a day off', () => {
    expect(
      formatRosterCsv(problem, [
        [0, OFF, 1, 1],
        [OFF, OFF, 0, OFF],
      ]),
    ).toBe('A,D,-,E,E\nD,-,-,D,-\n');
  });

  it('reads back what it writes, for any roster', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 4, maxLength: 4 }), {
          minLength: 2,
          maxLength: 2,
        }),
        (roster) => {
          expect(parseRosterCsv(problem, formatRosterCsv(problem, roster))).toEqual(roster);
        },
      ),
    );
  });

  it('refuses unknown shifts, wrong lengths and missing people', () => {
    expect(() => parseRosterCsv(problem, 'A,D,-,X,E\nD,-,-,D,-\n')).toThrow(/unknown shift "X"/);
    expect(() => parseRosterCsv(problem, 'A,D,-,E\nD,-,-,D,-\n')).toThrow(RosterCsvError);
    expect(() => parseRosterCsv(problem, 'A,D,-,E,E\n')).toThrow(/no line for D/);
  });
});
