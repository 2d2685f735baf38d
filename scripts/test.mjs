#!/usr/bin/env node
// `npm test`: the unit, db and api tiers (db and api on SQLite, and on PostgreSQL when a server
// is reachable), then the browser tier when Chromium is installed. It says clearly what it
// skips; with CI=true a missing PostgreSQL or Chromium fails the run instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const defaultPgUrl = 'postgres://dutydesk:dutydesk@127.0.0.1:5432/dutydesk_test';
const chromium = process.env.DUTYDESK_CHROMIUM ?? '/usr/bin/chromium';
const resultsDir = path.resolve('test-results');
fs.mkdirSync(resultsDir, { recursive: true });
const extraArgs = process.argv.slice(2);

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgUrl = process.env.DUTYDESK_TEST_PG_URL ?? defaultPgUrl;
const pgState = await reachable(pgUrl);
const env = { ...process.env };
if (pgState === true) {
  env.DUTYDESK_TEST_PG_URL = pgUrl;
  console.log(`PostgreSQL tier: ON (${pgUrl.replace(/:[^:@/]*@/, ':***@')})`);
} else if (ci) {
  console.error(
    `PostgreSQL tier is required on CI but ${pgUrl.replace(/:[^:@/]*@/, ':***@')} is not reachable: ${pgState}`,
  );
  process.exit(1);
} else {
  delete env.DUTYDESK_TEST_PG_URL;
  console.log(
    `PostgreSQL tier: SKIPPED — no server at ${pgUrl.replace(/:[^:@/]*@/, ':***@')} (${pgState}).`,
  );
  console.log(
    '  Set DUTYDESK_TEST_PG_URL, or start PostgreSQL with a role and database dutydesk/dutydesk_test.',
  );
}

const haveBrowser = fs.existsSync(chromium) && fs.existsSync('vitest.e2e.config.ts');
if (haveBrowser) console.log(`Browser tier: ON (${chromium})`);
else if (ci) {
  console.error(
    `Browser tier is required on CI but ${chromium} is missing (apt-get install -y chromium fonts-noto-cjk).`,
  );
  process.exit(1);
} else
  console.log(
    `Browser tier: SKIPPED — ${chromium} not found (apt-get install -y chromium fonts-noto-cjk).`,
  );

function runVitest(name, args) {
  const output = path.join(resultsDir, `vitest-${name}.json`);
  fs.rmSync(output, { force: true });
  const run = spawnSync(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${output}`,
      ...args,
    ],
    { stdio: 'inherit', env },
  );
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(output)) {
    const report = JSON.parse(fs.readFileSync(output, 'utf8'));
    counts = {
      passed: report.numPassedTests,
      failed:
        report.numFailedTests +
        (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? 1 : 0),
      skipped: report.numPendingTests + report.numTodoTests,
    };
  } else if (run.status !== 0) counts.failed = 1;
  return { ok: run.status === 0, counts };
}

const results = [];
const onlyBrowser = extraArgs.includes('--browser-only');
const args = extraArgs.filter((a) => a !== '--browser-only');
if (!onlyBrowser) results.push(runVitest('main', args));
if (haveBrowser && (onlyBrowser || args.length === 0))
  results.push(runVitest('e2e', ['--config', 'vitest.e2e.config.ts']));

const total = results.reduce(
  (sum, r) => ({
    passed: sum.passed + r.counts.passed,
    failed: sum.failed + r.counts.failed,
    skipped: sum.skipped + r.counts.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
const ok = results.every((r) => r.ok) && total.failed === 0;
console.log('');
console.log(
  `PostgreSQL tier ${pgState === true ? 'ran' : 'was skipped'}; browser tier ${haveBrowser && (onlyBrowser || args.length === 0) ? 'ran' : 'was skipped'}.`,
);
console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(ok ? 0 : 1);
