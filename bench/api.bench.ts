// HTTP API benchmark (issue 6 item 8): autocannon on the desk board's read and on a duty-log write,
// each beside a bare Fastify route measured in the same process and run, on SQLite and (when
// given) PostgreSQL. Prints a table per engine, checks the targets and writes JSON
// under bench/results/.
//
//   tsx bench/api.bench.ts [--duration 10] [--connections 50] [--warmup 2]
//                          [--open 300] [--closed 3000] [--pg-url postgres://…] [--breakdown]
//                          [--profile]
//
// PostgreSQL runs when --pg-url or DATABASE_URL is given: a fresh schema, dropped afterwards.
import { getDeskBoard } from '../src/server/services/desk-board.service.ts';
import { addLogEntry } from '../src/server/services/duty-log.service.ts';
import fs from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import pg from 'pg';
import { readSettings } from '../src/server/config.ts';
import { openDatabase, type DatabaseHandle, type Dialect } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { listRolesOfUsers } from '../src/server/db/user.repo.ts';
import { listDeskItems } from '../src/server/db/desk-items.repo.ts';
import { findOffice } from '../src/server/db/org.repo.ts';
import { deskItemListSchema } from '../src/shared/contract/desk.ts';
import { authenticate } from '../src/server/services/auth.service.ts';
import { recordAudit } from '../src/server/services/audit.service.ts';
import { buildApp } from '../src/server/http/app.ts';
import { createEventHub } from '../src/server/jobs/event-hub.ts';
import { httpOptions, serviceDeps } from '../src/server/main.ts';
import { actorOf } from '../src/server/services/actor.ts';
import { inTransaction, type ServiceContext } from '../src/server/services/context.ts';
import {
  createDeskItem,
  listDeskItemsOf,
  takeDeskItem,
} from '../src/server/services/desk-items.service.ts';
import { insertNewOffice } from '../src/server/services/offices.service.ts';
import { insertOrganizationRecord } from '../src/server/services/setup.service.ts';
import { insertNewUser } from '../src/server/services/users.service.ts';

/** The desk board's read: everything the person on duty keeps open all shift (issue 6 item 6). */
function boardReadPath(officeId: string): string {
  return `/api/offices/${officeId}/desk-board`;
}

/**
 * The write measured: a duty-log entry (WORK-3; one transaction: the entry and its audit
 * event), written by the supervisor, who needs no duty session. autocannon replaces `[<id>]`
 * on every request, so no two bodies match.
 */
const logWrite = {
  path: (officeId: string) => `/api/offices/${officeId}/duty-log`,
  body: JSON.stringify({
    category: 'notice',
    text: '交接提醒：快递柜备用钥匙在服务台左侧抽屉 [<id>]',
  }),
};

type CaseName = 'bare GET' | 'board read' | 'log write' | 'bare POST';

type Row = {
  case: CaseName;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** req/s over the bare route's of the same method, measured right before or after */
  ratioToBare: number | null;
  status: 'ok' | 'failed';
};

type Target = { target: string; measured: string; met: boolean };

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '2' },
    open: { type: 'string', default: '300' },
    closed: { type: 'string', default: '3000' },
    'pg-url': { type: 'string' },
    /** times the pieces of the request paths one by one, without HTTP load */
    breakdown: { type: 'boolean', default: false },
    /** writes a CPU profile of the server's thread during the measured read and write runs */
    profile: { type: 'boolean', default: false },
  },
});

const duration = Number(values.duration);
const connections = Number(values.connections);
const warmup = Number(values.warmup);
const openItems = Number(values.open);
const closedItems = Number(values.closed);
const envUrl = process.env.DATABASE_URL?.trim();
const pgUrl = values['pg-url'] ?? (envUrl === '' ? undefined : envUrl);
const engines: Dialect[] = pgUrl === undefined ? ['sqlite'] : ['sqlite', 'postgres'];
const host = '127.0.0.1';

const report = [];
let failed = false;
for (const engine of engines) {
  const result = await benchEngine(engine);
  report.push(result);
  console.log(`\n${engine}: seeded ${result.seed.summary} in ${result.seed.seconds} s`);
  console.table(result.rows);
  for (const t of result.targets)
    console.log(`  ${t.met ? 'met    ' : 'not met'}  ${t.target} (${t.measured})`);
  if (result.breakdown.length > 0) {
    console.log(`${engine}: one request's pieces, one at a time (no concurrent load)`);
    console.table(result.breakdown);
  }
  failed ||= result.rows.some((row) => row.status === 'failed');
}

fs.mkdirSync(new URL('results/', import.meta.url), { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const file = new URL(`results/api-${stamp}.json`, import.meta.url);
fs.writeFileSync(
  file,
  JSON.stringify(
    {
      durationSeconds: duration,
      warmupSeconds: warmup,
      connections,
      node: process.version,
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map(round2),
      engines: report,
    },
    null,
    2,
  ) + '\n',
);
console.log(`\nwritten ${file.pathname}`);
if (failed) {
  console.error('FAILED: some requests were not answered 2xx (see non2xx / errors above)');
  process.exitCode = 1;
}

async function benchEngine(engine: Dialect) {
  const database = await openBenchDatabase(engine);
  // production settings and wiring (main.ts), without the web app and with a silent log
  const settings = readSettings({ DUTYDESK_LOG_LEVEL: 'silent' });
  const deps = serviceDeps(database.handle, settings);
  const events = await createEventHub(
    engine === 'postgres' && pgUrl !== undefined ? { postgresUrl: pgUrl } : {},
  );
  const apps: FastifyInstance[] = [];
  try {
    const world = await buildBenchWorld(deps);
    const seed = await seedDeskItems(world.staff, world.officeId);
    const app = await buildApp({ events, services: deps, http: httpOptions(settings, null) });
    apps.push(app);
    const bare = buildBareApp();
    apps.push(bare);
    const appUrl = await app.listen({ host, port: 0 });
    const bareUrl = await bare.listen({ host, port: 0 });
    const session = await signIn(appUrl, world.username, world.password);

    const readUrl = `${appUrl}${boardReadPath(world.officeId)}`;
    const writeUrl = `${appUrl}${logWrite.path(world.officeId)}`;
    const jsonHeaders = { 'content-type': 'application/json' };
    const writeHeaders = { ...session, ...jsonHeaders };
    await expectAnswer(readUrl, { headers: session }, 200);
    await expectAnswer(
      writeUrl,
      { method: 'POST', headers: writeHeaders, body: logWrite.body.replaceAll('[<id>]', 'check') },
      201,
    );

    // the bare GET right before the read, the bare POST right after the write
    const bareGet = await measure(`${bareUrl}/bare`, {});
    const read = await profiled(`${engine}-read`, () => measure(readUrl, { headers: session }));
    const write = await profiled(`${engine}-write`, () =>
      measure(writeUrl, {
        method: 'POST',
        headers: writeHeaders,
        body: logWrite.body,
        idReplacement: true,
      }),
    );
    const barePost = await measure(`${bareUrl}/bare`, {
      method: 'POST',
      headers: jsonHeaders,
      body: JSON.stringify({ text: 'bare [<id>]', unit: '3-1201' }),
      idReplacement: true,
    });
    const rows = [
      row('bare GET', bareGet, null),
      row('board read', read, bareGet),
      row('log write', write, barePost),
      row('bare POST', barePost, null),
    ];
    const breakdown = values.breakdown
      ? await timePieces({
          deps,
          app,
          staff: world.staff,
          supervisor: world.supervisor,
          officeId: world.officeId,
          session,
        })
      : [];
    return { engine, seed, rows, targets: targetsOf(engine, rows), breakdown };
  } finally {
    for (const app of apps) {
      // autocannon may leave a socket mid-request at the end of a run; Fastify would wait
      // out its 72 s keep-alive for it
      app.server.closeAllConnections();
      await app.close();
    }
    await events.close();
    await database.dispose();
  }
}

/** A fresh, migrated database: a SQLite file in a temp folder or a new PostgreSQL schema. */
async function openBenchDatabase(
  engine: Dialect,
): Promise<{ handle: DatabaseHandle; dispose: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutydesk-bench-'));
    const handle = openDatabase({ kind: 'sqlite', file: path.join(dir, 'dutydesk.sqlite') });
    await migrateToLatest(handle);
    return {
      handle,
      dispose: async () => {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (pgUrl === undefined) throw new Error('no PostgreSQL URL');
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  await runAdminQuery(pgUrl, `create schema ${schema}`);
  // the production pool size (openDatabase's default), in the bench's own schema
  const handle = openDatabase({ kind: 'postgres', url: pgUrl, searchPath: schema });
  const dispose = async () => {
    await handle.close();
    await runAdminQuery(pgUrl, `drop schema if exists ${schema} cascade`);
  };
  try {
    await migrateToLatest(handle);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { handle, dispose };
}

async function runAdminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** An organization with one office, a staff member (who signs in) and a supervisor. */
async function buildBenchWorld(deps: ReturnType<typeof serviceDeps>) {
  const password = 'bench-password-2026';
  const built = await inTransaction(deps, async (tx) => {
    const orgId = await insertOrganizationRecord(tx, deps, '压测物业');
    const office = await insertNewOffice(tx, deps, orgId, null, {
      name: '压测大厦管理处',
      timeZone: 'Asia/Shanghai',
      postName: '客服前台',
    });
    const person = (username: string, displayName: string, role: 'staff' | 'supervisor') =>
      insertNewUser(tx, deps, orgId, null, {
        username,
        displayName,
        password,
        isAdmin: false,
        locale: 'zh-CN',
        roles: [{ officeId: office.id, role }],
        mustChangePassword: false,
      });
    const staff = await person('bench-staff', '值班员', 'staff');
    const supervisor = await person('bench-supervisor', '主管', 'supervisor');
    return { officeId: office.id, staff, supervisor };
  });
  const contextOf = async (user: typeof built.staff): Promise<ServiceContext> => ({
    ...deps,
    actor: actorOf(user, await listRolesOfUsers(deps.db, [user.id])),
  });
  return {
    officeId: built.officeId,
    staff: await contextOf(built.staff),
    supervisor: await contextOf(built.supervisor),
    // the supervisor signs in: the board reads as staff do, and the log takes their entries
    username: 'bench-supervisor',
    password,
  };
}

/**
 * Realistic volume through the services: a few hundred open items (inquiries and help
 * requests, a third of them taken in hand) and a few thousand inquiries answered on the spot.
 */
async function seedDeskItems(staff: ServiceContext, officeId: string) {
  const started = performance.now();
  const channels = ['walk-in', 'phone', 'wechat', 'other'] as const;
  const topics = ['停车卡办理', '快递柜位置', '装修申请', '门禁卡补办', '物业费缴纳', '漏水报修'];
  const subjectOf = (n: number) => `${topics[n % topics.length]!}（${n}号）`;
  const unitOf = (n: number) => `${(n % 12) + 1}-${(n % 30) + 1}0${(n % 4) + 1}`;
  for (let n = 0; n < openItems; n += 1) {
    const detail = await createDeskItem(staff, officeId, {
      kind: n % 2 === 0 ? 'help' : 'inquiry',
      priority: n % 10 === 0 ? 'important' : 'normal',
      channel: channels[n % channels.length]!,
      subject: subjectOf(n),
      residentName: `住户${n}`,
      unit: unitOf(n),
      phone: `1380000${String(n).padStart(4, '0')}`,
    });
    if (n % 3 === 0) await takeDeskItem(staff, officeId, detail.item.id, detail.item.version);
  }
  // four lanes at once, as a busy desk would (the writes still commit one at a time)
  const lanes = 4;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let n = lane; n < closedItems; n += lanes) {
        await createDeskItem(staff, officeId, {
          kind: 'inquiry',
          priority: 'normal',
          channel: channels[n % channels.length]!,
          subject: subjectOf(n),
          unit: unitOf(n),
          answer: '已当场答复',
        });
      }
    }),
  );
  return {
    summary: `${openItems} open + ${closedItems} closed desk items`,
    open: openItems,
    closed: closedItems,
    seconds: round2((performance.now() - started) / 1000),
  };
}

/** The yardstick: Fastify with nothing registered, a small JSON answer, a parsed JSON body. */
function buildBareApp(): FastifyInstance {
  const bare = Fastify({ logger: false });
  bare.get('/bare', () => ({ ok: true, items: [], at: '2026-11-28T00:00:00.000Z' }));
  bare.post('/bare', async (request, reply) => {
    const body = request.body as { text?: string } | undefined;
    return reply.code(201).send({ ok: true, length: body?.text?.length ?? 0 });
  });
  return bare;
}

/** Signs in through the API: the session cookie and the CSRF token every change needs. */
async function signIn(
  appUrl: string,
  username: string,
  password: string,
): Promise<Record<string, string>> {
  const response = await fetch(`${appUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in: ${String(response.status)}`);
  const me = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .join('; ');
  return { cookie, 'x-csrf-token': me.csrfToken };
}

/** One request before the run: a wrong answer stops the bench with the server's words. */
async function expectAnswer(url: string, init: RequestInit, status: number): Promise<void> {
  const response = await fetch(url, init);
  if (response.status !== status) {
    throw new Error(`${url}: ${String(response.status)} ${await response.text()}`);
  }
}

/**
 * A short warm-up (JIT, connection pools), then the measured run. The load comes from an
 * autocannon worker thread, so it does not share the server's event loop.
 */
async function measure(
  url: string,
  options: Omit<Parameters<typeof autocannon>[0], 'url'>,
): Promise<Result> {
  const common = { url, connections, workers: 1, timeout: 10, ...options };
  if (warmup > 0) await autocannon({ ...common, duration: warmup });
  const result = await autocannon({ ...common, duration });
  console.error(
    `  ${options.method ?? 'GET'} ${new URL(url).pathname}: ${String(Math.round(result.requests.average))} req/s`,
  );
  return result;
}

/**
 * With `--profile`, a CPU profile of this thread (the server's: autocannon runs in a worker)
 * while `run` lasts, saved as bench/results/api-<name>-<timestamp>.cpuprofile for Chrome's
 * DevTools.
 */
async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  if (!values.profile) return run();
  const session = new inspector.Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => {
      session.post(method, (error, result) => {
        if (error === null) resolve(result);
        else reject(error);
      });
    });
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = new URL(`results/api-${name}-${stamp}.cpuprofile`, import.meta.url);
    fs.mkdirSync(new URL('results/', import.meta.url), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(profile));
    console.error(`  profile: ${file.pathname}`);
  }
}

function row(name: CaseName, result: Result, bare: Result | null): Row {
  const errors = result.errors + result.timeouts;
  return {
    case: name,
    reqPerSec: Math.round(result.requests.average),
    p50Ms: round2(result.latency.p50),
    p99Ms: round2(result.latency.p99),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors,
    ratioToBare:
      bare === null || bare.requests.average === 0
        ? null
        : round2(result.requests.average / bare.requests.average),
    status: result.non2xx === 0 && errors === 0 && result.requests.total > 0 ? 'ok' : 'failed',
  };
}

/** Issue 6 item 8: reads ≥ 50 % and writes ≥ 25 % of the bare route, p99 < 20 ms on SQLite. */
function targetsOf(engine: Dialect, rows: Row[]): Target[] {
  const of = (name: CaseName) => rows.find((r) => r.case === name)!;
  const read = of('board read');
  const write = of('log write');
  const percent = (ratio: number | null) => `${String(Math.round((ratio ?? 0) * 100))} %`;
  const targets: Target[] = [
    {
      target: 'board read ≥ 50 % of bare GET req/s',
      measured: percent(read.ratioToBare),
      met: read.status === 'ok' && (read.ratioToBare ?? 0) >= 0.5,
    },
    {
      target: 'log write ≥ 25 % of bare POST req/s',
      measured: percent(write.ratioToBare),
      met: write.status === 'ok' && (write.ratioToBare ?? 0) >= 0.25,
    },
  ];
  if (engine === 'sqlite') {
    for (const r of [read, write]) {
      targets.push({
        target: `${r.case} p99 < 20 ms`,
        measured: `${String(r.p99Ms)} ms`,
        met: r.status === 'ok' && r.p99Ms < 20,
      });
    }
  }
  return targets;
}

/**
 * Where a request's time goes: each piece of the read and write paths timed alone, in
 * sequence, as mean milliseconds per call (evidence for the report when a target is missed).
 */
async function timePieces(setting: {
  deps: ReturnType<typeof serviceDeps>;
  app: FastifyInstance;
  staff: ServiceContext;
  supervisor: ServiceContext;
  officeId: string;
  session: Record<string, string>;
}): Promise<{ piece: string; msPerCall: number }[]> {
  const { deps, app, staff, supervisor, officeId, session } = setting;
  const token = /dutydesk_session=([^;]+)/.exec(session.cookie ?? '')?.[1] ?? '';
  const openQuery = { status: 'open', limit: 100 } as const;
  const board = await listDeskItemsOf(staff, officeId, openQuery);
  const serializeList = serializerCompiler({
    schema: deskItemListSchema,
    method: 'GET',
    url: boardReadPath(':officeId'),
  });
  const audit = {
    orgId: staff.actor.orgId,
    actorUserId: staff.actor.userId,
    action: 'bench.audit',
    entityType: 'bench',
    entityId: null,
    payload: { text: '住户咨询快递柜位置' },
  };
  let n = 0;
  const pieces: [string, () => Promise<unknown>][] = [
    ['database round trip (select 1)', () => sql`select 1`.execute(deps.db)],
    ['session lookup: authenticate (3 queries)', () => authenticate(deps, token)],
    ['office lookup: findOffice', () => findOffice(deps.db, officeId)],
    [
      'open items query: listDeskItems (up to 100 rows)',
      () => listDeskItems(deps.db, officeId, { statuses: ['new', 'in_progress'], limit: 100 }),
    ],
    ['read service: listDeskItemsOf', () => listDeskItemsOf(staff, officeId, openQuery)],
    ['response: zod encode + JSON.stringify', () => Promise.resolve(serializeList(board))],
    [
      'whole read through Fastify (app.inject)',
      () => app.inject({ method: 'GET', url: boardReadPath(officeId), headers: session }),
    ],
    ['empty write transaction (commit)', () => inTransaction(deps, () => Promise.resolve())],
    [
      'transaction with one audit event (hash chain)',
      () => inTransaction(deps, (tx) => recordAudit(tx, deps.clock, audit)),
    ],
    ['board service: getDeskBoard', () => getDeskBoard(supervisor, officeId)],
    [
      'write service: addLogEntry',
      () =>
        addLogEntry(
          supervisor,
          officeId,
          JSON.parse(logWrite.body.replaceAll('[<id>]', `p${String((n += 1))}`)) as never,
        ),
    ],
    [
      'whole write through Fastify (app.inject)',
      () =>
        app.inject({
          method: 'POST',
          url: logWrite.path(officeId),
          headers: { ...session, 'content-type': 'application/json' },
          payload: logWrite.body.replaceAll('[<id>]', `i${String((n += 1))}`),
        }),
    ],
  ];
  if (deps.dialect === 'sqlite') {
    // the proposal for SQLite writes: the commit without its fsync (WAL, synchronous=NORMAL)
    const relaxed = (piece: string, run: () => Promise<unknown>) =>
      [
        `${piece}, synchronous=NORMAL`,
        async () => {
          await sql`pragma synchronous = NORMAL`.execute(deps.db);
          try {
            return await run();
          } finally {
            await sql`pragma synchronous = FULL`.execute(deps.db);
          }
        },
      ] as [string, () => Promise<unknown>];
    const commits = pieces.filter(([piece]) => /^(transaction with|write service)/.test(piece));
    pieces.push(...commits.map(([piece, run]) => relaxed(piece, run)));
  }
  const rows = [];
  for (const [piece, run] of pieces) {
    for (let i = 0; i < 20; i += 1) await run();
    const calls = 100;
    const started = performance.now();
    for (let i = 0; i < calls; i += 1) await run();
    rows.push({
      piece,
      msPerCall: Math.round(((performance.now() - started) / calls) * 1000) / 1000,
    });
  }
  return rows;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
