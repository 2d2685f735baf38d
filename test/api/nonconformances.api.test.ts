import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { notificationListSchema } from '../../src/shared/contract/leave.ts';
import type {
  Nonconformance,
  NonconformanceDetail,
  PatrolRoute,
} from '../../src/shared/contract/patrol.ts';
import { deadlineHandlers } from '../../src/server/jobs/deadline-handlers.ts';
import { runDueDeadlines } from '../../src/server/jobs/ticker.ts';
import { buildClock, buildTestApp, buildWorld, type World } from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';
import {
  call,
  expectError,
  signIn,
  uploadFile,
  type Session,
  pngBytes,
  uploadPhoto,
} from '../support/http.ts';

// WORK-3, WORK-4, ESC-1: found, corrected with evidence, verified by a supervisor who did not
// correct it; overdue items go up level by level.
describe.each(testEngines)('non-conforming items 不合格项 on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  let clock: ReturnType<typeof buildClock>;
  const people = ['staff', 'staff2', 'supervisor', 'director', 'outsider'] as const;
  const sessions = {} as Record<(typeof people)[number], Session>;
  let url: string;
  let route: PatrolRoute;
  let item: NonconformanceDetail;
  let photo: { sha256: string; fileName: string };

  async function at(iso: string): Promise<void> {
    clock.set(new Date(iso));
    for (const name of people) sessions[name] = await signIn(app, name);
  }

  async function overdueNotices(session: Session) {
    const list = (await call(app, session, 'GET', '/api/me/notifications')).json<
      z.infer<typeof notificationListSchema>
    >();
    return list.notifications.filter((n) => n.kind === 'nc.overdue');
  }

  const tick = () => runDueDeadlines(world.deps, deadlineHandlers);

  beforeAll(async () => {
    clock = buildClock();
    world = await buildWorld(engine, { clock });
    app = await buildTestApp(world);
    await at('2026-12-01T02:00:00.000Z');
    url = `/api/offices/${world.officeId}/nonconformances`;
    const created = await call(
      app,
      sessions.supervisor,
      'POST',
      `/api/offices/${world.officeId}/patrol-routes`,
      {
        name: '花园',
        checkpoints: [{ name: '喷泉', checklist: ['排水'] }],
        plannedRounds: [],
      },
    );
    route = created.json<PatrolRoute>();
    photo = await uploadPhoto(app, sessions.staff, world.officeId, '排水口.png');
  });
  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  it('raises an item once, however often the phone sends it, and refuses bad input naming the field', async () => {
    const body = {
      clientId: 'nc-00000001',
      what: '喷泉排水口堵塞，积水',
      checkpointId: route.checkpoints[0]!.id,
      severity: 'major',
      assignee: 'cleaning',
      dueAt: '2026-12-01T06:00:00.000Z',
      attachments: [photo],
    };
    const first = await call(app, sessions.staff, 'POST', url, body);
    expect(first.statusCode, first.body).toBe(201);
    item = first.json<NonconformanceDetail>();
    expect(item.item).toMatchObject({
      status: 'open',
      checkpointName: '喷泉',
      severity: 'major',
      overdue: false,
      version: 1,
    });
    expect(item.attachments).toEqual([photo]);
    const again = await call(app, sessions.staff, 'POST', url, body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<NonconformanceDetail>().item.id).toBe(item.item.id);
    expectError(await call(app, sessions.staff2, 'POST', url, body), 409);
    const nowhere = expectError(
      await call(app, sessions.staff, 'POST', url, {
        ...body,
        clientId: 'nc-00000002',
        checkpointId: undefined,
      }),
      400,
    );
    expect(JSON.stringify(nowhere.details)).toContain('location');
    const past = expectError(
      await call(app, sessions.staff, 'POST', url, {
        ...body,
        clientId: 'nc-00000003',
        dueAt: '2026-12-01T01:00:00.000Z',
      }),
      400,
    );
    expect(past.details).toEqual([{ path: 'dueAt', message: expect.any(String) }]);
    expectError(
      await call(app, sessions.staff, 'POST', url, {
        ...body,
        clientId: 'nc-00000004',
        checkpointId: 'no-such-checkpoint',
      }),
      400,
    );
    expectError(
      await call(app, sessions.staff, 'POST', url, {
        ...body,
        clientId: 'nc-00000005',
        severity: 'huge',
      }),
      400,
    );
    expectError(
      await call(app, sessions.outsider, 'POST', url, { ...body, clientId: 'nc-00000006' }),
      403,
    );
    // the finding's photo must be a photo; the PDF is refused and no item is written
    const pdf = await uploadFile(
      app,
      sessions.staff,
      world.officeId,
      Buffer.from('%PDF-1.4\n% not a photo\n'),
      '说明.pdf',
    );
    const notPhoto = expectError(
      await call(app, sessions.staff, 'POST', url, {
        ...body,
        clientId: 'nc-00000007',
        attachments: [{ sha256: pdf.json<{ sha256: string }>().sha256, fileName: '说明.pdf' }],
      }),
      400,
    );
    expect(notPhoto.details).toEqual([{ path: 'attachments.0', message: expect.any(String) }]);
    // and a photo over the upload limit never becomes a file to attach
    const oversize = await uploadFile(
      app,
      sessions.staff,
      world.officeId,
      Buffer.concat([pngBytes('too large'), Buffer.alloc(10 * 1024 * 1024)]),
      '太大.png',
    );
    expect(oversize.statusCode, oversize.body).toBe(413);
    const listed = (await call(app, sessions.staff, 'GET', url)).json<{
      items: Nonconformance[];
    }>();
    expect(listed.items.map((i) => i.id)).toEqual([item.item.id]);
  });

  it('escalates an item still open at its due time: supervisors first, the director a day later (ESC-1)', async () => {
    await at('2026-12-01T06:00:01.000Z');
    await tick();
    expect(await overdueNotices(sessions.supervisor)).toHaveLength(1);
    expect(await overdueNotices(sessions.director)).toHaveLength(0);
    await tick();
    expect(await overdueNotices(sessions.supervisor)).toHaveLength(1);
    await at('2026-12-02T06:00:01.000Z');
    await tick();
    expect(await overdueNotices(sessions.director)).toHaveLength(1);
    const detail = (
      await call(app, sessions.staff, 'GET', `${url}/${item.item.id}`)
    ).json<NonconformanceDetail>();
    expect(detail.item.overdue).toBe(true);
    expect(detail.events.map((e) => [e.kind, e.payload.level])).toEqual([
      ['raised', undefined],
      ['overdue', 'supervisor'],
      ['overdue', 'director'],
    ]);
  });

  it('is corrected with evidence, and verified only by a supervisor who did not correct it', async () => {
    const correctUrl = `${url}/${item.item.id}/correct`;
    expectError(
      await call(app, sessions.supervisor, 'POST', correctUrl, {
        version: item.item.version,
        text: '已疏通',
        attachments: [],
      }),
      400,
    );
    const corrected = await call(app, sessions.supervisor, 'POST', correctUrl, {
      version: 1,
      text: '保洁已疏通排水口',
      attachments: [photo],
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    item = corrected.json<NonconformanceDetail>();
    expect(item.item).toMatchObject({ status: 'corrected', correctedBy: world.users.supervisor });
    expectError(
      await call(app, sessions.supervisor, 'POST', correctUrl, {
        version: 2,
        text: 'x',
        attachments: [photo],
      }),
      422,
    );
    // the corrector may not verify; staff may not verify
    const own = expectError(
      await call(app, sessions.supervisor, 'POST', `${url}/${item.item.id}/verify`, { version: 2 }),
      403,
    );
    expect(own.message).toContain('corrected');
    expectError(
      await call(app, sessions.staff, 'POST', `${url}/${item.item.id}/verify`, { version: 2 }),
      403,
    );
    // the director sends it back once, with a reason; then it is corrected again and verified
    expectError(
      await call(app, sessions.staff, 'POST', `${url}/${item.item.id}/reopen`, {
        version: 2,
        reason: 'x',
      }),
      403,
    );
    const reopened = await call(app, sessions.director, 'POST', `${url}/${item.item.id}/reopen`, {
      version: 2,
      reason: '仍有积水',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json<NonconformanceDetail>().item.status).toBe('open');
    const again = await call(app, sessions.staff, 'POST', correctUrl, {
      version: 3,
      text: '再次疏通，已无积水',
      attachments: [photo],
    });
    expect(again.statusCode, again.body).toBe(200);
    expectError(
      await call(app, sessions.director, 'POST', `${url}/${item.item.id}/verify`, { version: 3 }),
      409,
    );
    const verified = await call(app, sessions.supervisor, 'POST', `${url}/${item.item.id}/verify`, {
      version: 4,
    });
    expect(verified.statusCode, verified.body).toBe(200);
    item = verified.json<NonconformanceDetail>();
    expect(item.item).toMatchObject({ status: 'verified', verifiedBy: world.users.supervisor });
    expect(item.events.map((e) => e.kind)).toEqual([
      'raised',
      'overdue',
      'overdue',
      'corrected',
      'reopened',
      'corrected',
      'verified',
    ]);
    const open = (await call(app, sessions.staff, 'GET', url)).json<{ items: Nonconformance[] }>();
    expect(open.items).toEqual([]);
    const all = (await call(app, sessions.staff, 'GET', `${url}?status=all`)).json<{
      items: Nonconformance[];
    }>();
    expect(all.items.map((i) => i.status)).toEqual(['verified']);
  });
});
