import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { OnDuty } from '../../src/shared/contract/duty.ts';
import type { Handover } from '../../src/shared/contract/handover.ts';
import type {
  CheckpointStatus,
  PatrolRound,
  PatrolRoundList,
  PatrolRoute,
} from '../../src/shared/contract/patrol.ts';
import { deadlineHandlers } from '../../src/server/jobs/deadline-handlers.ts';
import { runDueDeadlines } from '../../src/server/jobs/ticker.ts';
import { buildClock, buildTestApp, buildWorld, type World } from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';
import {
  call,
  expectError,
  publishDuties,
  signIn,
  uploadFile,
  type Session,
  pngBytes,
} from '../support/http.ts';

// 早班 D on 1 December for staff: 08:30–16:30 Shanghai (00:30–08:30 UTC). The garden route
// plans two rounds in it: 09:30–10:30 and 14:30–15:30 (01:30–02:30 and 06:30–07:30 UTC).
describe.each(testEngines)('patrol rounds 巡查 on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  let clock: ReturnType<typeof buildClock>;
  const people = ['staff', 'staff2', 'supervisor'] as const;
  const sessions = {} as Record<(typeof people)[number], Session>;
  let base: string;
  let garden: PatrolRoute;
  let carPark: PatrolRoute;
  let round: PatrolRound;

  async function at(iso: string): Promise<void> {
    clock.set(new Date(iso));
    for (const name of people) sessions[name] = await signIn(app, name);
  }

  async function rows(table: 'patrol_rounds' | 'patrol_visits' | 'post_absences') {
    const row = await world.db.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  const visit = (session: Session, r: PatrolRound, body: Record<string, unknown>) =>
    call(app, session, 'POST', `${base}/patrol-rounds/${r.id}/visits`, body);

  beforeAll(async () => {
    clock = buildClock();
    world = await buildWorld(engine, { clock });
    app = await buildTestApp(world);
    await at(clock.now().toISOString());
    base = `/api/offices/${world.officeId}`;
    await publishDuties(app, sessions.supervisor, world.officeId, '2026-12', [
      { userId: world.users.staff, date: '2026-12-01', shiftCode: 'D' },
    ]);
    const made = async (name: string, checkpoints: string[], plannedRounds: unknown[]) => {
      const response = await call(app, sessions.supervisor, 'POST', `${base}/patrol-routes`, {
        name,
        checkpoints: checkpoints.map((c) => ({ name: c, checklist: ['照明', '清洁'] })),
        plannedRounds,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<PatrolRoute>();
    };
    garden = await made(
      '花园',
      ['东门', '喷泉', '儿童游乐区'],
      [
        { shiftCode: 'D', offsetMinutes: 60, windowMinutes: 60 },
        { shiftCode: 'D', offsetMinutes: 360, windowMinutes: 60 },
      ],
    );
    carPark = await made('地库', ['B1入口'], []);
  });
  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  it('needs the person on duty to start a round (DISC-1)', async () => {
    await at('2026-12-01T00:20:00.000Z');
    const refused = expectError(
      await call(app, sessions.staff, 'POST', `${base}/patrol-rounds`, {
        clientId: 'round-0001',
        routeId: garden.id,
      }),
      422,
    );
    expect(refused.rule).toBe('DISC-1');
    expect(await rows('patrol_rounds')).toBe(0);
  });

  it('starts a planned round once, however often the phone sends it; leaving the post is recorded', async () => {
    expect((await call(app, sessions.staff, 'POST', `${base}/duty/check-in`, {})).statusCode).toBe(
      201,
    );
    await at('2026-12-01T01:40:00.000Z');
    const start = { clientId: 'round-0001', routeId: garden.id };
    const first = await call(app, sessions.staff, 'POST', `${base}/patrol-rounds`, start);
    expect(first.statusCode, first.body).toBe(201);
    round = first.json<PatrolRound>();
    expect(round).toMatchObject({
      status: 'in_progress',
      late: false,
      planned: {
        index: 0,
        opensAt: '2026-12-01T01:30:00.000Z',
        closesAt: '2026-12-01T02:30:00.000Z',
      },
    });
    expect(round.notVisited.map((c) => c.name)).toEqual(['东门', '喷泉', '儿童游乐区']);
    const again = await call(app, sessions.staff, 'POST', `${base}/patrol-rounds`, start);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<PatrolRound>().id).toBe(round.id);
    expect(await rows('patrol_rounds')).toBe(1);
    expect(await rows('post_absences')).toBe(1);
    const onDuty = (await call(app, sessions.staff, 'GET', `${base}/duty/on-duty`)).json<OnDuty>();
    expect(onDuty.mine.session?.absence).toMatchObject({ reason: 'patrol', note: '花园' });
    // another person's replay of that client id is not theirs to see
    expectError(await call(app, sessions.staff2, 'POST', `${base}/patrol-rounds`, start), 409);
    expectError(
      await call(app, sessions.staff, 'POST', `${base}/patrol-rounds`, {
        clientId: 'round-0002',
        routeId: 'no-such-route',
      }),
      400,
    );
  });

  it('records each checkpoint once by its code; unknown codes and strangers are refused', async () => {
    const [east, fountain, playground] = garden.checkpoints;
    const body = {
      clientId: 'visit-0001',
      code: east!.code,
      method: 'qr',
      results: [
        { item: '照明', ok: true },
        { item: '清洁', ok: false },
      ],
      note: '垃圾桶满了',
    };
    const first = await visit(sessions.staff, round, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<PatrolRound>().visits).toEqual([
      expect.objectContaining({ checkpointName: '东门', method: 'qr', note: '垃圾桶满了' }),
    ]);
    // the same visit sent again after a dropped connection is stored once
    const replay = await visit(sessions.staff, round, body);
    expect(replay.statusCode, replay.body).toBe(200);
    expect(await rows('patrol_visits')).toBe(1);
    expectError(await visit(sessions.staff, round, { ...body, clientId: 'visit-0002' }), 409);
    const unknown = expectError(
      await visit(sessions.staff, round, { ...body, clientId: 'visit-0003', code: 'ZZZZZZ' }),
      400,
    );
    expect(unknown.details).toEqual([{ path: 'code', message: expect.any(String) }]);
    expectError(
      await visit(sessions.staff, round, {
        ...body,
        clientId: 'visit-0004',
        code: carPark.checkpoints[0]!.code,
      }),
      400,
    );
    expectError(
      await visit(sessions.staff, round, { ...body, clientId: 'visit-0005', code: 'abc' }),
      400,
    );
    expectError(
      await visit(sessions.staff, round, {
        ...body,
        clientId: 'visit-0006',
        code: playground!.code,
        visitedAt: '2026-12-01T03:00:00.000Z',
      }),
      400,
    );
    expectError(
      await visit(sessions.staff2, round, {
        ...body,
        clientId: 'visit-0007',
        code: playground!.code,
      }),
      403,
    );
    // recorded offline ten minutes ago, with a photo, typed from the label
    await at('2026-12-01T01:55:00.000Z');
    const photo = await uploadFile(
      app,
      sessions.staff,
      world.officeId,
      pngBytes('broken swing'),
      '秋千.png',
    );
    const { sha256 } = photo.json<{ sha256: string }>();
    const offline = await visit(sessions.staff, round, {
      clientId: 'visit-0008',
      code: playground!.code.toLowerCase(),
      method: 'code',
      visitedAt: '2026-12-01T01:45:00.000Z',
      results: [{ item: '设施破损', ok: false }],
      attachments: [{ sha256, fileName: '秋千.png' }],
    });
    expect(offline.statusCode, offline.body).toBe(201);
    round = offline.json<PatrolRound>();
    expect(round.visits.map((v) => [v.checkpointName, v.visitedAt, v.method])).toEqual([
      ['东门', '2026-12-01T01:40:00.000Z', 'qr'],
      ['儿童游乐区', '2026-12-01T01:45:00.000Z', 'code'],
    ]);
    expect(round.visits[1]!.attachments).toEqual([sha256]);
    expect(round.notVisited.map((c) => c.id)).toEqual([fountain!.id]);
    // a finding is a photo: a PDF is refused naming the entry, and nothing is written
    const pdf = await uploadFile(
      app,
      sessions.staff,
      world.officeId,
      Buffer.from('%PDF-1.4\n% fountain report\n'),
      '报告.pdf',
    );
    expect(pdf.statusCode, pdf.body).toBe(201);
    const notPhoto = expectError(
      await visit(sessions.staff, round, {
        clientId: 'visit-0010',
        code: fountain!.code,
        method: 'code',
        attachments: [{ sha256: pdf.json<{ sha256: string }>().sha256, fileName: '报告.pdf' }],
      }),
      400,
    );
    expect(notPhoto.details).toEqual([{ path: 'attachments.0', message: expect.any(String) }]);
    expect(await rows('patrol_visits')).toBe(2);
  });

  it('finishes with the return to the post; a checkpoint not reached stays missed', async () => {
    await at('2026-12-01T02:05:00.000Z');
    const finished = await call(
      app,
      sessions.staff,
      'POST',
      `${base}/patrol-rounds/${round.id}/finish`,
    );
    expect(finished.statusCode, finished.body).toBe(200);
    round = finished.json<PatrolRound>();
    expect(round).toMatchObject({ status: 'finished', finishedAt: '2026-12-01T02:05:00.000Z' });
    expect(round.notVisited.map((c) => c.name)).toEqual(['喷泉']);
    const onDuty = (await call(app, sessions.staff, 'GET', `${base}/duty/on-duty`)).json<OnDuty>();
    expect(onDuty.mine.session?.absence).toBeNull();
    const again = await call(
      app,
      sessions.staff,
      'POST',
      `${base}/patrol-rounds/${round.id}/finish`,
    );
    expect(again.json<PatrolRound>().finishedAt).toBe('2026-12-01T02:05:00.000Z');
    expectError(
      await visit(sessions.staff, round, {
        clientId: 'visit-0009',
        code: garden.checkpoints[1]!.code,
        method: 'qr',
      }),
      409,
    );
  });

  it('records a planned round nobody started in its window as missed, once', async () => {
    // the second window (06:30–07:30 UTC) closed with no round; the first was claimed
    await at('2026-12-01T07:35:00.000Z');
    await runDueDeadlines(world.deps, deadlineHandlers);
    await runDueDeadlines(world.deps, deadlineHandlers);
    const listed = (
      await call(app, sessions.supervisor, 'GET', `${base}/patrol-rounds?date=2026-12-01`)
    ).json<PatrolRoundList>();
    expect(listed.missed).toEqual([
      {
        routeId: garden.id,
        routeName: '花园',
        shiftCode: 'D',
        plannedIndex: 1,
        closedAt: '2026-12-01T07:30:00.000Z',
      },
    ]);
  });

  it('records a round started after its window as late, and lists the day’s rounds', async () => {
    await at('2026-12-01T07:40:00.000Z');
    const late = await call(app, sessions.staff, 'POST', `${base}/patrol-rounds`, {
      clientId: 'round-0003',
      routeId: garden.id,
    });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json<PatrolRound>()).toMatchObject({ late: true, planned: { index: 1 } });
    const listed = (
      await call(app, sessions.supervisor, 'GET', `${base}/patrol-rounds?date=2026-12-01`)
    ).json<PatrolRoundList>();
    expect(listed.rounds.map((r) => r.planned?.index)).toEqual([1, 0]);
    // the record keeps both facts: missed at the window's close, done late afterwards
    expect(listed.missed.map((m) => m.plannedIndex)).toEqual([1]);
    const other = (
      await call(app, sessions.supervisor, 'GET', `${base}/patrol-rounds?date=2026-12-02`)
    ).json<PatrolRoundList>();
    expect(other).toEqual({ rounds: [], missed: [] });
  });

  it('takes a round recorded offline at the phone’s times: start, visit and finish sync later (DISC-1)', async () => {
    await at('2026-12-01T08:00:00.000Z');
    const { rounds } = (
      await call(app, sessions.staff, 'GET', `${base}/patrol-rounds?date=2026-12-01`)
    ).json<PatrolRoundList>();
    const late = rounds.find((r) => r.status === 'in_progress')!;
    const finishLate = (finishedAt: string) =>
      call(app, sessions.staff, 'POST', `${base}/patrol-rounds/${late.id}/finish`, { finishedAt });
    const early = expectError(await finishLate('2026-12-01T07:39:00.000Z'), 400);
    expect(early.details).toEqual([{ path: 'finishedAt', message: expect.any(String) }]);
    expectError(await finishLate('2026-12-01T08:30:00.000Z'), 400);
    const finished = await finishLate('2026-12-01T07:50:00.000Z');
    expect(finished.statusCode, finished.body).toBe(200);
    expect(finished.json<PatrolRound>().finishedAt).toBe('2026-12-01T07:50:00.000Z');

    const start = (clientId: string, startedAt: string) =>
      call(app, sessions.staff, 'POST', `${base}/patrol-rounds`, {
        clientId,
        routeId: carPark.id,
        startedAt,
      });
    // not before the check-in (00:20), not ahead of the server's clock
    expect(expectError(await start('round-0004', '2026-12-01T00:10:00.000Z'), 400).details).toEqual(
      [{ path: 'startedAt', message: expect.any(String) }],
    );
    expectError(await start('round-0004', '2026-12-01T08:10:00.000Z'), 400);
    const started = await start('round-0004', '2026-12-01T07:52:00.000Z');
    expect(started.statusCode, started.body).toBe(201);
    const offline = started.json<PatrolRound>();
    expect(offline).toMatchObject({ startedAt: '2026-12-01T07:52:00.000Z', planned: null });
    const visited = await visit(sessions.staff, offline, {
      clientId: 'visit-0011',
      code: carPark.checkpoints[0]!.code,
      method: 'code',
      visitedAt: '2026-12-01T07:55:00.000Z',
      results: [{ item: '照明', ok: true }],
    });
    expect(visited.statusCode, visited.body).toBe(201);
    const done = await call(
      app,
      sessions.staff,
      'POST',
      `${base}/patrol-rounds/${offline.id}/finish`,
      {
        finishedAt: '2026-12-01T07:58:00.000Z',
      },
    );
    expect(done.json<PatrolRound>()).toMatchObject({
      status: 'finished',
      finishedAt: '2026-12-01T07:58:00.000Z',
      notVisited: [],
    });
    // the absence from the post is the round's, at the phone's times
    const absence = await world.db.db
      .selectFrom('post_absences')
      .select(['left_at', 'returned_at'])
      .where('id', '=', offline.absenceId)
      .executeTakeFirstOrThrow();
    expect([absence.left_at, absence.returned_at].map((v) => new Date(v!).toISOString())).toEqual([
      '2026-12-01T07:52:00.000Z',
      '2026-12-01T07:58:00.000Z',
    ]);
  });

  it('lists every checkpoint with its last visit and its unverified non-conforming items', async () => {
    const raised = await call(app, sessions.staff, 'POST', `${base}/nonconformances`, {
      clientId: 'nc-fountain-0001',
      what: '喷泉水泵异响',
      checkpointId: garden.checkpoints[1]!.id,
      severity: 'minor',
      assignee: 'maintenance',
      dueAt: '2026-12-02T02:00:00.000Z',
    });
    expect(raised.statusCode, raised.body).toBe(201);
    const listed = await call(app, sessions.staff, 'GET', `${base}/patrol-checkpoints`);
    expect(listed.statusCode, listed.body).toBe(200);
    const { checkpoints } = listed.json<{ checkpoints: CheckpointStatus[] }>();
    expect(
      checkpoints.map((c) => [c.routeName, c.name, c.lastVisit?.at ?? null, c.openNonconformances]),
    ).toEqual([
      // routes by name, checkpoints in their order
      ['地库', 'B1入口', '2026-12-01T07:55:00.000Z', 0],
      ['花园', '东门', '2026-12-01T01:40:00.000Z', 0],
      ['花园', '喷泉', null, 1],
      ['花园', '儿童游乐区', '2026-12-01T01:45:00.000Z', 0],
    ]);
    expect(checkpoints[1]!.lastVisit).toMatchObject({
      userId: world.users.staff,
      notOk: ['清洁'],
    });
    const filtered = (
      await call(
        app,
        sessions.staff,
        'GET',
        `${base}/nonconformances?checkpointId=${garden.checkpoints[1]!.id}`,
      )
    ).json<{ items: { what: string }[] }>();
    expect(filtered.items.map((i) => i.what)).toEqual(['喷泉水泵异响']);
    expectError(
      await call(app, sessions.staff, 'GET', '/api/offices/nowhere/patrol-checkpoints'),
      404,
    );
  });

  it('shows the shift’s rounds in its handover record, a skipped checkpoint as missed and the planned round nobody started', async () => {
    await at('2026-12-01T08:16:00.000Z');
    const opened = await call(app, sessions.staff, 'POST', `${base}/handovers`, {});
    expect(opened.statusCode, opened.body).toBe(201);
    const { patrols } = opened.json<Handover>();
    expect(
      patrols.rounds.map((r) => [
        r.routeName,
        r.startedAt,
        r.late,
        r.notVisited.map((c) => c.name),
      ]),
    ).toEqual([
      ['地库', '2026-12-01T07:52:00.000Z', false, []],
      ['花园', '2026-12-01T07:40:00.000Z', true, ['东门', '喷泉', '儿童游乐区']],
      ['花园', '2026-12-01T01:40:00.000Z', false, ['喷泉']],
    ]);
    expect(patrols.missed).toEqual([
      expect.objectContaining({ routeName: '花园', shiftCode: 'D', plannedIndex: 1 }),
    ]);
  });
});
