import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCurtoisInstance } from '../server/domain/roster/curtois-parser.ts';
import { parseRosterCsv } from '../server/domain/roster/roster-csv.ts';
import { evaluateRoster } from '../server/domain/roster/roster-evaluator.ts';
import { runRosterSolve } from './roster-solve.ts';

const instance = fileURLToPath(
  new URL('../server/domain/roster/fixtures/Instance1.txt', import.meta.url),
);

describe('runRosterSolve (dutydesk roster-solve)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes a CSV roster and ends with a JSON line the evaluator agrees with', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'roster-solve-')), 'roster.csv');
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const code = await runRosterSolve([
      instance,
      '--time-limit',
      '20',
      '--out',
      out,
      '--seed',
      '3',
    ]);

    expect(code).toBe(0);
    const summary = JSON.parse(printed.at(-1)!) as Record<string, unknown>;
    expect(summary).toEqual(
      expect.objectContaining({
        objective: expect.any(Number),
        lowerBound: expect.any(Number),
        hardViolations: [],
        seconds: expect.any(Number),
      }),
    );
    const problem = parseCurtoisInstance(readFileSync(instance, 'utf8'));
    const evaluation = evaluateRoster(problem, parseRosterCsv(problem, readFileSync(out, 'utf8')));
    expect(evaluation.hardViolations).toEqual([]);
    expect(summary.objective).toBe(evaluation.objective);
    expect(summary.lowerBound as number).toBeLessThanOrEqual(evaluation.objective);
  }, 60_000);

  it('answers bad usage with exit code 2', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await runRosterSolve([])).toBe(2);
    expect(await runRosterSolve([instance, '--time-limit', 'soon'])).toBe(2);
    expect(await runRosterSolve([instance, '--workers', '3'])).toBe(2);
  });
});
