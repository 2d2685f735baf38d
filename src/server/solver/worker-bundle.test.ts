import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateRoster } from '../domain/roster/roster-evaluator.ts';
import { generateOfficeMonth } from './office-month-scenario.ts';
import { solveRoster } from './roster-solver.ts';
import { compiledHighs, solverWorkerEntry } from './worker-bundle.ts';

describe('the solver worker’s start-up (issue 3: the office month in under 5 s)', () => {
  it('runs the worker from one bundled plain-JS module, not through the tsx loader', async () => {
    const entry = await solverWorkerEntry();
    const path = fileURLToPath(entry);
    // A silent fallback to the tsx entry would still solve, only slower: this catches it.
    expect(path).toMatch(/node_modules\/\.cache\/dutydesk\/solver-worker-[0-9a-f]{16}\.mjs$/);
    const code = readFileSync(path, 'utf8');
    expect(code).not.toContain("from 'tsx");
    expect(code).toContain('solveCountRelaxation');
    // The same module for the whole process.
    expect(await solverWorkerEntry()).toBe(entry);
  });

  it('compiles HiGHS once for the process and solves through the bundle and the shared module', async () => {
    const highs = await compiledHighs();
    expect(highs).toBeInstanceOf(WebAssembly.Module);
    expect(await compiledHighs()).toBe(highs);
    const problem = generateOfficeMonth(4, { people: 6, days: 14 });
    const result = await solveRoster(problem, { timeLimitSeconds: 3 });
    expect(result.roster).toBeDefined();
    const evaluation = evaluateRoster(problem, result.roster!);
    expect(evaluation.hardViolations).toEqual([]);
    expect(result.objective).toBe(evaluation.objective);
    expect(result.lowerBound).toBeGreaterThan(0);
  }, 30_000);
});
