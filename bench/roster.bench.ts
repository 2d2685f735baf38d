// Roster benchmark (issue 3): solves Curtois & Qu instances and an office month, re-scores
// every roster with the evaluator, prints a table and writes JSON under bench/results/.
//
//   tsx bench/roster.bench.ts [--instances 1-7,10] [--time-limit 60] [--seed 1] [--workers 2]
//                             [--office] [--dir ../shared/bench/curtois]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCurtoisInstance } from '../src/server/domain/roster/curtois-parser.ts';
import { evaluateRoster } from '../src/server/domain/roster/roster-evaluator.ts';
import {
  forbiddenFollowersFromRest,
  type RosterProblem,
} from '../src/server/domain/roster/roster-model.ts';
import { createRandom } from '../src/server/solver/local-search.ts';
import { solveRoster } from '../src/server/solver/roster-solver.ts';

type Row = {
  instance: string;
  size: string;
  objective: number | null;
  bestKnown: number | null;
  gapToBestPercent: number | null;
  lowerBound: number;
  status: string;
  hardViolations: number;
  seconds: number;
  timeToBestSeconds: number | null;
  peakRssMb: number;
};

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '1-7' },
    'time-limit': { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
    workers: { type: 'string', default: '2' },
    office: { type: 'boolean', default: false },
    dir: {
      type: 'string',
      default: new URL('../../shared/bench/curtois/', import.meta.url).pathname,
    },
  },
});

const timeLimit = Number(values['time-limit']);
const seed = Number(values.seed);
const workers = Number(values.workers);
const dir = values.dir.endsWith('/') ? values.dir : `${values.dir}/`;
const numbers = values.instances
  .split(',')
  .filter((part) => part !== '')
  .flatMap((part) => {
    const [from, to] = part.split('-').map(Number) as [number, number | undefined];
    return Array.from({ length: (to ?? from) - from + 1 }, (_, i) => from + i);
  });

const bestKnown = new Map(
  readFileSync(`${dir}best-known.tsv`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map(([name, , , , best]) => [name!, Number(best)]),
);

const cases: { name: string; problem: RosterProblem }[] = numbers.map((n) => ({
  name: `Instance${n}`,
  problem: parseCurtoisInstance(readFileSync(`${dir}instances/Instance${n}.txt`, 'utf8')),
}));
if (values.office) cases.unshift({ name: 'office-month', problem: officeMonth(seed) });

const rows: Row[] = [];
for (const { name, problem } of cases) {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const timing: { toBest: number | null } = { toBest: null };
  const result = await solveRoster(problem, {
    timeLimitSeconds: timeLimit,
    seed,
    workers,
    onProgress: (progress) => {
      if (progress.objective !== undefined) timing.toBest = progress.elapsedSeconds;
    },
  });
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  // The evaluator is the judge: the solver's own figure is not trusted here.
  const evaluation =
    result.roster === undefined ? undefined : evaluateRoster(problem, result.roster);
  const objective = evaluation?.objective ?? null;
  const best = bestKnown.get(name) ?? null;
  const row: Row = {
    instance: name,
    size: `${problem.people.length}×${problem.days}×${problem.shifts.length}`,
    objective,
    bestKnown: best,
    gapToBestPercent:
      objective === null || best === null ? null : round2(((objective - best) / best) * 100),
    lowerBound: result.lowerBound,
    status: result.status,
    hardViolations: evaluation?.hardViolations.length ?? 0,
    seconds: round2(result.seconds),
    timeToBestSeconds: timing.toBest === null ? null : round2(timing.toBest),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  };
  rows.push(row);
  console.error(
    `${name}: ${String(objective)} (best ${String(best)}), ${row.status}, ${row.seconds} s`,
  );
}

console.table(rows);
mkdirSync(new URL('results/', import.meta.url), { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const file = new URL(`results/roster-${stamp}.json`, import.meta.url);
writeFileSync(
  file,
  JSON.stringify(
    { timeLimitSeconds: timeLimit, seed, workers, node: process.version, rows },
    null,
    2,
  ) + '\n',
);
console.log(`written ${file.pathname}`);

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The office scenario of issue 3: 12 people, day shift 早班 08:30–16:30 and evening shift
 * 晚班 16:30–23:30 (SHIFT-1), 31 days from a Monday, 12 h rest between shifts, leave, wishes,
 * and fair spreads of evening and weekend shifts. Generated from the seed, so it is the same
 * problem on every run.
 */
function officeMonth(seed: number): RosterProblem {
  const random = createRandom(seed * 31 + 7);
  const days = 31;
  const shiftTimes = [
    { startMinute: 8 * 60 + 30, minutes: 480 },
    { startMinute: 16 * 60 + 30, minutes: 420 },
  ];
  const forbidden = forbiddenFollowersFromRest(shiftTimes, 12 * 60);
  const shifts = ['D', 'E'].map((id, t) => ({
    id,
    ...shiftTimes[t]!,
    forbiddenNext: forbidden[t]!,
  }));
  const people = Array.from({ length: 12 }, (_, p) => {
    const leaveStart = Math.floor(random() * 28);
    const leave = p % 3 === 0 ? [leaveStart, leaveStart + 1, leaveStart + 2] : [];
    return {
      id: `S${String(p + 1).padStart(2, '0')}`,
      maxShifts: [days, p < 2 ? 0 : 12],
      minTotalMinutes: 18 * 420,
      maxTotalMinutes: 22 * 480,
      maxConsecutiveShifts: 5,
      minConsecutiveShifts: 2,
      minConsecutiveDaysOff: 2,
      maxWeekends: 3,
      daysOff: leave.filter((d) => d < days),
    };
  });
  const requests = (count: number, weight: number) =>
    Array.from({ length: count }, () => ({
      person: Math.floor(random() * people.length),
      day: Math.floor(random() * days),
      shift: Math.floor(random() * 2),
      weight,
    })).filter(
      (r, i, all) =>
        !people[r.person]!.daysOff.includes(r.day) &&
        all.findIndex((o) => o.person === r.person && o.day === r.day) === i,
    );
  const weekendDays = Array.from({ length: days }, (_, d) => d).filter((d) => d % 7 >= 5);
  return {
    days,
    firstWeekday: 0,
    shifts,
    people,
    onRequests: requests(20, 2),
    offRequests: requests(20, 3),
    cover: Array.from({ length: days }, (_, d) => [
      { required: d % 7 >= 5 ? 2 : 4, underWeight: 100, overWeight: 5 },
      { required: 2, underWeight: 100, overWeight: 5 },
    ]),
    pinned: [],
    fairness: [
      {
        name: 'evening shifts',
        shifts: [1],
        days: Array.from({ length: days }, (_, d) => d),
        weight: 5,
      },
      { name: 'weekend shifts', shifts: [0, 1], days: weekendDays, weight: 5 },
    ],
  };
}
