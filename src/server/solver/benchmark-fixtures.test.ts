import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCurtoisInstance } from '../domain/roster/curtois-parser.ts';
import { parseRosterCsv } from '../domain/roster/roster-csv.ts';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';

// Files are read here, not in the domain (which does no IO): the parser and evaluator take text.
const fixtures = new URL('../domain/roster/fixtures/', import.meta.url);
const shared = new URL('../../../../shared/bench/curtois/', import.meta.url);

describe('Curtois benchmark fixtures', () => {
  it('scores the saved optimal roster of Instance1 at the published optimum 607, with no hard violation', () => {
    const problem = parseCurtoisInstance(readFileSync(new URL('Instance1.txt', fixtures), 'utf8'));
    const roster = parseRosterCsv(
      problem,
      readFileSync(new URL('instance1-607.csv', fixtures), 'utf8'),
    );
    const evaluation = evaluateRoster(problem, roster);
    expect(evaluation.hardViolations).toEqual([]);
    expect(evaluation.objective).toBe(607);
    // The optimum is almost all cover: 6 heads short.
    expect(evaluation.terms.coverUnder).toBe(600);
  });

  it('rejects the Instance1 roster once one cell breaks a rule', () => {
    const problem = parseCurtoisInstance(readFileSync(new URL('Instance1.txt', fixtures), 'utf8'));
    const roster = parseRosterCsv(
      problem,
      readFileSync(new URL('instance1-607.csv', fixtures), 'utf8'),
    );
    // A works on day 0, its day off.
    roster[0]![0] = 0;
    expect(evaluateRoster(problem, roster).hardViolations.map((v) => v.rule)).toContain('day-off');
  });

  it.skipIf(!existsSync(shared))(
    'parses all 24 shared instances with the sizes listed in best-known.tsv',
    () => {
      const rows = readFileSync(new URL('best-known.tsv', shared), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t'));
      expect(rows).toHaveLength(24);
      for (const [name, days, staff, shiftTypes] of rows) {
        const problem = parseCurtoisInstance(
          readFileSync(new URL(`instances/${name!}.txt`, shared), 'utf8'),
        );
        expect([problem.days, problem.people.length, problem.shifts.length]).toEqual([
          Number(days),
          Number(staff),
          Number(shiftTypes),
        ]);
      }
    },
  );
});
