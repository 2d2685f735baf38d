// Pricing benchmark (issue 3): the root of column generation for a fixed number of master LP
// rounds, on one thread, so that every run does the same work whatever the machine's speed.
// Prints the seconds in all and in the pricing (row-pricing.ts's dynamic programme), and the
// LP value reached: a change that keeps every priced row the same keeps that value to the
// last digit, so it also shows that a faster pricing changed nothing else.
//
//   tsx bench/pricing.bench.ts [--instances 12,15] [--rounds 40] [--dir ../shared/bench/curtois]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCurtoisInstance } from '../src/server/domain/roster/curtois-parser.ts';
import { solveColumnGeneration } from '../src/server/solver/column-generation.ts';
import { loadHighsRuntime } from '../src/server/solver/highs-runner.ts';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '12,15' },
    rounds: { type: 'string', default: '40' },
    dir: {
      type: 'string',
      default: new URL('../../shared/bench/curtois/', import.meta.url).pathname,
    },
  },
});
const rounds = Number(values.rounds);
const dir = values.dir.endsWith('/') ? values.dir : `${values.dir}/`;
const highs = await loadHighsRuntime();

const rows = [];
for (const n of values.instances.split(',').map(Number)) {
  const problem = parseCurtoisInstance(readFileSync(`${dir}instances/Instance${n}.txt`, 'utf8'));
  const outcome = solveColumnGeneration(highs, problem, {
    // The root only, as the solver prices it (solver-worker.ts), until `rounds` rounds.
    deadline: performance.now() + 600_000,
    rootShare: 1,
    maxLabels: 1_000_000,
    maxRounds: rounds,
  });
  rows.push({
    instance: `Instance${n}`,
    rounds: outcome.rounds,
    columns: outcome.columns,
    lpValue: outcome.lpValue === undefined ? null : Number(outcome.lpValue.toFixed(6)),
    seconds: round2(outcome.seconds),
    pricingSeconds: round2(outcome.pricingSeconds),
    pricingMsPerRound: round2((outcome.pricingSeconds * 1000) / Math.max(1, outcome.rounds)),
  });
}
console.table(rows);

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
