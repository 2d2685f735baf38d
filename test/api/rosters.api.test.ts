import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { RosterGeneration, RosterMonth } from '../../src/shared/contract/rosters.ts';
import { verifyAuditLog } from '../../src/server/services/audit.service.ts';
import { settleGenerations } from '../../src/server/services/roster-generation.service.ts';
import {
  buildClock,
  buildTestApp,
  buildWorld,
  fixedInstant,
  type World,
} from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';
import { call, expectError, signIn, type Session } from '../support/http.ts';

// The fixed clock stands at 2026-11-27 09:00 in Shanghai: December is next month, its
// roster is due by the end of 30 November (ROSTER-1 default), reminders run from the 25th.
const month = '2026-12';

describe.each(testEngines)('the monthly roster on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  let clock: ReturnType<typeof buildClock>;
  let supervisor: Session;
  let staff: Session;
  let staff2: Session;
  let base: string;

  beforeAll(async () => {
    clock = buildClock();
    world = await buildWorld(engine, { clock });
    app = await buildTestApp(world);
    supervisor = await signIn(app, 'supervisor');
    staff = await signIn(app, 'staff');
    staff2 = await signIn(app, 'staff2');
    base = `/api/offices/${world.officeId}/rosters`;
  });
  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  /** Moves the clock and signs everyone in again (sessions expire when idle an hour). */
  async function travel(to: Date): Promise<void> {
    clock.set(to);
    supervisor = await signIn(app, 'supervisor');
    staff = await signIn(app, 'staff');
    staff2 = await signIn(app, 'staff2');
  }

  async function read(session: Session, m = month): Promise<RosterMonth> {
    const response = await call(app, session, 'GET', `${base}/${m}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<RosterMonth>();
  }

  async function generate(m: string, body: object): Promise<RosterGeneration> {
    const started = await call(app, supervisor, 'POST', `${base}/${m}/generations`, body);
    expect(started.statusCode, started.body).toBe(202);
    await settleGenerations();
    const current = await call(app, supervisor, 'GET', `${base}/${m}/generations/current`);
    return current.json<{ generation: RosterGeneration }>().generation;
  }

  it('shows everyone the month and its deadlines, and staff no draft cells (ROSTER-1)', async () => {
    const month0 = await read(staff);
    expect(month0).toMatchObject({
      status: 'none',
      rows: [],
      check: null,
      canEdit: false,
      deadlines: { publishBy: '2026-11-30', remindFrom: '2026-11-25', wishesOpen: false },
    });
    expect(month0.days).toHaveLength(31);
    expect(month0.days[0]).toMatchObject({ date: '2026-12-01', weekday: 1, kind: 'workday' });
    expect(month0.shifts.map((s) => [s.code, s.evening])).toEqual([
      ['D', false],
      ['E', true],
    ]);
    const planned = await read(supervisor);
    expect(planned.canEdit).toBe(true);
    expect(planned.rows.map((r) => r.displayName).sort()).toEqual([]);
  });

  it('refuses staff generating, editing and publishing (403)', async () => {
    expectError(
      await call(app, staff, 'POST', `${base}/${month}/generations`, {}),
      403,
      'FORBIDDEN',
    );
    expectError(
      await call(app, staff, 'PUT', `${base}/${month}/cells`, {
        revision: 0,
        changes: [{ userId: world.users.staff, date: '2026-12-01', shiftCode: 'D' }],
      }),
      403,
      'FORBIDDEN',
    );
    expectError(await call(app, staff, 'POST', `${base}/${month}/publish`, { revision: 0 }), 403);
    expectError(
      await call(app, supervisor, 'GET', `/api/offices/${world.otherOfficeId}/rosters/${month}`),
      403,
    );
  });

  it('names the field of an unknown person, a date outside the month or an unknown shift (400)', async () => {
    const bad = expectError(
      await call(app, supervisor, 'PUT', `${base}/${month}/cells`, {
        revision: 0,
        changes: [
          { userId: world.users.outsider, date: '2026-12-01', shiftCode: 'D' },
          { userId: world.users.staff, date: '2027-01-01', shiftCode: 'D' },
          { userId: world.users.staff, date: '2026-12-02', shiftCode: 'N' },
        ],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect((bad.details as { path: string }[]).map((d) => d.path)).toEqual([
      'changes.0.userId',
      'changes.1.date',
      'changes.2.shiftCode',
    ]);
    expectError(await call(app, supervisor, 'GET', `${base}/2026-13`), 400, 'VALIDATION_FAILED');
    // nothing was created by the refused edit
    expect((await read(supervisor)).status).toBe('none');
  });

  it('judges every edit at once and shows the rule it breaks; a stale revision gets 409', async () => {
    // seven days in a row breaks the default limit of six (ROSTER-1 per-person rules)
    const changes = Array.from({ length: 7 }, (_, i) => ({
      userId: world.users.staff,
      date: `2026-12-0${String(i + 1)}`,
      shiftCode: 'D',
    }));
    const edited = await call(app, supervisor, 'PUT', `${base}/${month}/cells`, {
      revision: 0,
      changes,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const body = edited.json<RosterMonth>();
    expect(body.status).toBe('draft');
    expect(body.revision).toBe(1);
    const row = body.rows.find((r) => r.userId === world.users.staff)!;
    expect(row.cells.slice(0, 8)).toEqual(['D', 'D', 'D', 'D', 'D', 'D', 'D', null]);
    expect(row.pinned.slice(0, 8)).toEqual([true, true, true, true, true, true, true, false]);
    expect(row.totals).toMatchObject({ shifts: 7, minutes: 7 * 480, evenings: 0, weekends: 2 });
    expect(body.check!.hardViolations).toEqual([
      expect.objectContaining({
        rule: 'max-consecutive-shifts',
        userId: world.users.staff,
        dates: changes.map((c) => c.date),
      }),
    ]);
    expectError(
      await call(app, supervisor, 'PUT', `${base}/${month}/cells`, { revision: 0, changes }),
      409,
      'VERSION_CONFLICT',
    );
    // a staff member still sees no draft
    expect((await read(staff)).rows).toEqual([]);
  });

  it('generates the rest around pinned cells with no hard rule broken, totals as the evaluator counts', async () => {
    // release one pinned day so the pinned run is legal again: the 7th stays pinned as off
    const fixed = await call(app, supervisor, 'PUT', `${base}/${month}/cells`, {
      revision: 1,
      changes: [{ userId: world.users.staff, date: '2026-12-07', shiftCode: null }],
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const generation = await generate(month, { timeLimitSeconds: 10, keepPinned: true });
    expect(generation.status).toMatch(/^(done|stopped)$/);
    expect(generation.objective).not.toBeNull();
    const body = await read(supervisor);
    expect(body.revision).toBe(3);
    expect(body.check!.hardViolations).toEqual([]);
    const row = body.rows.find((r) => r.userId === world.users.staff)!;
    expect(row.cells.slice(0, 7)).toEqual(['D', 'D', 'D', 'D', 'D', 'D', null]);
    for (const r of body.rows) {
      const worked = r.cells.filter((c) => c !== null);
      expect(r.totals.shifts).toBe(worked.length);
      expect(r.totals.evenings).toBe(worked.filter((c) => c === 'E').length);
      expect(r.totals.minutes).toBe(worked.reduce((s, c) => s + (c === 'D' ? 480 : 420), 0));
    }
    // two people cannot hold 62 shifts: the check says which are short
    expect(body.check!.cover.length).toBeGreaterThan(0);
    expect(generation.objective).toBe(body.check!.objective);
  });

  it('lets exactly one of two simultaneous generations start (409 for the other)', async () => {
    const [a, b] = await Promise.all([
      call(app, supervisor, 'POST', `${base}/${month}/generations`, { timeLimitSeconds: 3 }),
      call(app, supervisor, 'POST', `${base}/${month}/generations`, { timeLimitSeconds: 3 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([202, 409]);
    // edits wait for the run: refused while it runs
    const current = await read(supervisor);
    const during = await call(app, supervisor, 'PUT', `${base}/${month}/cells`, {
      revision: current.revision,
      changes: [{ userId: world.users.staff2, date: '2026-12-20', shiftCode: 'E' }],
    });
    if (during.statusCode !== 200) expectError(during, 409, 'CONFLICT');
    await settleGenerations();
  });

  it('publishes with a reason only when rules are broken, then refuses edits (ROSTER-2)', async () => {
    let current = await read(supervisor);
    // break a rule on purpose: staff2 on seven days in a row
    const broken = await call(app, supervisor, 'PUT', `${base}/${month}/cells`, {
      revision: current.revision,
      changes: Array.from({ length: 7 }, (_, i) => ({
        userId: world.users.staff2,
        date: `2026-12-${String(i + 10)}`,
        shiftCode: 'E',
      })),
    });
    expect(broken.statusCode, broken.body).toBe(200);
    current = broken.json<RosterMonth>();
    expect(current.check!.hardViolations.length).toBeGreaterThan(0);
    const refused = expectError(
      await call(app, supervisor, 'POST', `${base}/${month}/publish`, {
        revision: current.revision,
      }),
      422,
      'RULE_VIOLATION',
    );
    expect(refused.rule).toBe('ROSTER-1');
    const published = await call(app, supervisor, 'POST', `${base}/${month}/publish`, {
      revision: current.revision,
      overrideReason: '人手不足，已与员工协商',
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json<RosterMonth>()).toMatchObject({
      status: 'published',
      publishedVersion: 1,
      publishedLate: false,
      canEdit: false,
    });
    const edit = expectError(
      await call(app, supervisor, 'PUT', `${base}/${month}/cells`, {
        revision: current.revision + 1,
        changes: [{ userId: world.users.staff, date: '2026-12-20', shiftCode: 'D' }],
      }),
      422,
      'RULE_VIOLATION',
    );
    expect(edit.rule).toBe('ROSTER-2');
    expectError(await call(app, supervisor, 'POST', `${base}/${month}/generations`, {}), 422);
    const versions = await call(app, staff, 'GET', `${base}/${month}/versions`);
    expect(versions.json()).toMatchObject({
      versions: [
        {
          version: 1,
          kind: 'publish',
          reason: '人手不足，已与员工协商',
          late: false,
          createdByName: 'supervisor',
        },
      ],
    });
    // staff now read the published cells, the same as version 1
    const seen = await read(staff);
    const v1 = (await call(app, staff, 'GET', `${base}/${month}/versions/1`)).json<{
      rows: { userId: string; cells: (string | null)[] }[];
    }>();
    expect(seen.rows.map((r) => r.cells)).toEqual(v1.rows.map((r) => r.cells));
    expectError(await call(app, staff, 'GET', `${base}/${month}/versions/2`), 404, 'NOT_FOUND');
  });

  it('lets exactly one of two simultaneous publications win; the other is refused', async () => {
    const m = '2027-03';
    const edited = await call(app, supervisor, 'PUT', `${base}/${m}/cells`, {
      revision: 0,
      changes: [{ userId: world.users.staff, date: '2027-03-01', shiftCode: 'D' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const director = await signIn(app, 'director');
    const answers = await Promise.all([
      call(app, supervisor, 'POST', `${base}/${m}/publish`, { revision: 1 }),
      call(app, director, 'POST', `${base}/${m}/publish`, { revision: 1 }),
    ]);
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect([409, 422]).toContain(codes[1]);
    const versions = (await call(app, staff, 'GET', `${base}/${m}/versions`)).json<{
      versions: unknown[];
    }>();
    expect(versions.versions).toHaveLength(1);
    const duties = await world.db.db
      .selectFrom('roster_assignments')
      .innerJoin('rosters', 'rosters.id', 'roster_assignments.roster_id')
      .where('rosters.month', '=', m)
      .select('roster_assignments.date')
      .execute();
    expect(duties).toEqual([{ date: '2027-03-01' }]);
    // each step is in the audit chain, and the chain holds
    const actions = await world.db.db
      .selectFrom('audit_events')
      .where('action', 'like', 'roster.%')
      .where('payload', 'like', `%${m}%`)
      .select('action')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'roster.draft-created',
      'roster.cells-edited',
      'roster.published',
    ]);
    expect((await verifyAuditLog(world.db.db)).problems).toEqual([]);
  });

  it('lists my duties from the published roster with office-local times (ROSTER-2)', async () => {
    const seen = await read(staff);
    const mine = seen.rows.find((r) => r.userId === world.users.staff)!;
    const response = await call(app, staff, 'GET', '/api/me/duties?from=2026-12-01&to=2026-12-31');
    expect(response.statusCode, response.body).toBe(200);
    const duties = response.json<{
      duties: { date: string; shiftCode: string; startsAt: string; endsAt: string }[];
    }>().duties;
    expect(duties.map((d) => [d.date, d.shiftCode])).toEqual(
      seen.days.flatMap((day, i) => (mine.cells[i] === null ? [] : [[day.date, mine.cells[i]]])),
    );
    const first = duties.find((d) => d.shiftCode === 'D')!;
    // 早班 08:30–16:30 in Asia/Shanghai (UTC+8)
    expect(first.startsAt).toBe(`${first.date}T00:30:00.000Z`);
    expect(first.endsAt).toBe(`${first.date}T08:30:00.000Z`);
    expectError(await call(app, staff, 'GET', '/api/me/duties?from=2026-12-31&to=2026-12-01'), 400);
    expectError(await call(app, staff, 'GET', '/api/me/duties?from=yesterday'), 400);
  });

  it('takes wishes until the cut-off, each person their own, and refuses after it (ROSTER-1)', async () => {
    const next = '2027-01';
    const wishes = `${base}/${next}/wishes`;
    const saved = await call(app, staff, 'PUT', `${wishes}/me`, {
      wishes: [
        { date: '2027-01-04', kind: 'unavailable', note: '体检' },
        { date: '2027-01-05', kind: 'wish-shift', shiftCode: 'E' },
        { date: '2027-01-09', kind: 'wish-off' },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await call(app, staff2, 'PUT', `${wishes}/me`, {
      wishes: [{ date: '2027-01-04', kind: 'wish-off' }],
    });
    const own = (await call(app, staff, 'GET', wishes)).json<{ wishes: { userId: string }[] }>();
    expect(own.wishes.map((w) => w.userId)).toEqual([
      world.users.staff,
      world.users.staff,
      world.users.staff,
    ]);
    const all = (await call(app, supervisor, 'GET', wishes)).json<{
      wishes: { userId: string }[];
    }>();
    expect(all.wishes).toHaveLength(4);

    const bad = expectError(
      await call(app, staff, 'PUT', `${wishes}/me`, {
        wishes: [
          { date: '2027-02-01', kind: 'wish-off' },
          { date: '2027-01-05', kind: 'wish-shift' },
          { date: '2027-01-06', kind: 'wish-shift', shiftCode: 'X' },
        ],
      }),
      400,
    );
    expect((bad.details as { path: string }[]).map((d) => d.path)).toEqual([
      'wishes.0.date',
      'wishes.1.shiftCode',
      'wishes.2.shiftCode',
    ]);
    expectError(await call(app, supervisor, 'PUT', `${wishes}/me`, { wishes: [] }), 403);

    // the generated January honours the day staff cannot work
    const generation = await generate(next, { timeLimitSeconds: 5 });
    expect(generation.status).toMatch(/^(done|stopped)$/);
    const january = await read(supervisor, next);
    const row = january.rows.find((r) => r.userId === world.users.staff)!;
    expect(row.cells[3]).toBeNull();

    // after the 20th of December the wishes for January are closed
    await travel(new Date('2026-12-20T16:00:00.000Z'));
    const closed = expectError(
      await call(app, staff, 'PUT', `${wishes}/me`, { wishes: [] }),
      422,
      'RULE_VIOLATION',
    );
    expect(closed.rule).toBe('ROSTER-1');
    expect(
      (await call(app, staff, 'GET', wishes)).json<{ wishes: unknown[] }>().wishes,
    ).toHaveLength(3);
    await travel(fixedInstant);
  });

  it('stops a generation early and keeps the best roster found so far', async () => {
    await travel(fixedInstant);
    const m = '2027-02';
    const started = await call(app, supervisor, 'POST', `${base}/${m}/generations`, {
      timeLimitSeconds: 120,
      keepPinned: false,
    });
    expect(started.statusCode, started.body).toBe(202);
    const id = started.json<RosterGeneration>().id;
    // wait until the first roster is in (the heartbeat writes progress each second)
    for (let i = 0; i < 100; i++) {
      const now = (await call(app, supervisor, 'GET', `${base}/${m}/generations/current`)).json<{
        generation: RosterGeneration;
      }>().generation;
      if (now.objective !== null || now.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const stopped = await call(app, supervisor, 'POST', `${base}/${m}/generations/${id}/stop`);
    expect(stopped.statusCode, stopped.body).toBe(200);
    const generation = stopped.json<RosterGeneration>();
    // a month this small may be proved optimal before the stop arrives
    expect(generation.status).toMatch(/^(stopped|done)$/);
    const february = await read(supervisor, m);
    expect(february.rows.some((r) => r.cells.some((c) => c !== null))).toBe(true);
    expect(february.check!.hardViolations).toEqual([]);
  });

  it('reminds from the 25th and flags next month overdue after the deadline; late publishing is recorded', async () => {
    await travel(fixedInstant);
    let director = await signIn(app, 'director');
    const statusUrl = `/api/offices/${world.officeId}/roster-status`;
    // at 27 November December is published already (above)
    expect((await call(app, director, 'GET', statusUrl)).json()).toMatchObject({
      month: '2026-12',
      status: 'published',
      reminder: false,
      overdue: false,
    });
    // on 1 December January is next: reminders ran from 25 December — not yet
    await travel(new Date('2026-12-01T01:00:00.000Z'));
    director = await signIn(app, 'director');
    expect((await call(app, director, 'GET', statusUrl)).json()).toMatchObject({
      month: '2027-01',
      status: 'draft',
      reminder: false,
      overdue: false,
    });
    await travel(new Date('2026-12-26T01:00:00.000Z'));
    director = await signIn(app, 'director');
    expect((await call(app, director, 'GET', statusUrl)).json()).toMatchObject({
      reminder: true,
      overdue: false,
    });
    // on 1 January at 08:00 Shanghai January is overdue until published, and then late
    await travel(new Date('2027-01-01T00:00:00.000Z'));
    director = await signIn(app, 'director');
    expect((await call(app, director, 'GET', statusUrl)).json()).toMatchObject({
      month: '2027-01',
      status: 'draft',
      reminder: true,
      overdue: true,
    });
    const january = await read(supervisor, '2027-01');
    const late = await call(app, supervisor, 'POST', `${base}/2027-01/publish`, {
      revision: january.revision,
      ...(january.check!.hardViolations.length > 0 ? { overrideReason: 'test' } : {}),
    });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json<RosterMonth>().publishedLate).toBe(true);
    const versions = (await call(app, staff, 'GET', `${base}/2027-01/versions`)).json<{
      versions: { late: boolean }[];
    }>();
    expect(versions.versions[0]!.late).toBe(true);
    // once January is out, February is the one due, and not yet reminded of
    expect((await call(app, director, 'GET', statusUrl)).json()).toMatchObject({
      month: '2027-02',
      reminder: false,
      overdue: false,
    });
    await travel(fixedInstant);
  });
});
