import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseCurtoisInstance } from '../server/domain/roster/curtois-parser.ts';
import { formatRosterCsv } from '../server/domain/roster/roster-csv.ts';
import { describeProblem } from '../server/domain/roster/roster-model.ts';
import { solveRoster } from '../server/solver/roster-solver.ts';

const usage =
  'usage: dutydesk roster-solve <instance.txt> [--time-limit S] [--out roster.csv] [--seed N] [--workers 1|2] [--quiet]';

/**
 * `dutydesk roster-solve`: solves a Curtois-format instance (ROSTER-1), writes the roster as
 * CSV (`id,shift_day0,…` with `-` for off) to `--out` or stdout, prints progress to stderr,
 * and ends with one JSON line: objective, lowerBound, gap, hardViolations, seconds, status.
 * Exit code 0 with a roster, 1 when none was found or the rules conflict, 2 on bad usage.
 */
export async function runRosterSolve(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'time-limit': { type: 'string', default: '60' },
        out: { type: 'string' },
        seed: { type: 'string', default: '1' },
        workers: { type: 'string', default: '2' },
        quiet: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  const timeLimit = Number(values['time-limit']);
  const seed = Number(values.seed);
  const workers = Number(values.workers);
  if (
    file === undefined ||
    positionals.length > 1 ||
    !(timeLimit > 0) ||
    !Number.isInteger(seed) ||
    (workers !== 1 && workers !== 2)
  ) {
    console.error(usage);
    return 2;
  }

  const problem = parseCurtoisInstance(await readFile(file, 'utf8'));
  const log = (line: string): void => {
    if (!values.quiet) console.error(line);
  };
  log(`${file}: ${describeProblem(problem)}, time limit ${timeLimit} s`);
  let lastLogged: number | undefined;
  const result = await solveRoster(problem, {
    timeLimitSeconds: timeLimit,
    seed,
    workers,
    onProgress: (progress) => {
      if (progress.objective === lastLogged) return;
      lastLogged = progress.objective;
      log(
        `  ${progress.elapsedSeconds.toFixed(1)} s  objective ${progress.objective === undefined ? '–' : String(progress.objective)}  bound ${progress.bound}`,
      );
    },
  });

  for (const conflict of result.conflicts) console.error(`conflict: ${conflict.message}`);
  if (result.roster !== undefined) {
    const csv = formatRosterCsv(problem, result.roster);
    if (values.out === undefined) process.stdout.write(csv);
    else await writeFile(values.out, csv);
  }
  console.log(
    JSON.stringify({
      status: result.status,
      objective: result.objective ?? null,
      lowerBound: result.lowerBound,
      gap: result.gap ?? null,
      hardViolations: result.hardViolations.map((violation) => violation.message),
      conflicts: result.conflicts,
      seconds: Number(result.seconds.toFixed(2)),
    }),
  );
  return result.roster === undefined || result.hardViolations.length > 0 ? 1 : 0;
}
