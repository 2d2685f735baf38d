import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DeskItemDetail } from '../../src/shared/contract/desk.ts';
import {
  defaultDeskSettings,
  type OfficeDeskSettings,
} from '../../src/shared/contract/desk-settings.ts';
import type { z } from 'zod';
import type { notificationListSchema } from '../../src/shared/contract/leave.ts';
import { deadlineHandlers } from '../../src/server/jobs/deadline-handlers.ts';
import { runDueDeadlines } from '../../src/server/jobs/ticker.ts';
import { writeFlag } from '../../src/server/db/values.ts';
import { verifyAuditLog } from '../../src/server/services/audit.service.ts';
import { buildClock, buildTestApp, buildWorld, type World } from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';
import { type Session, call, expectError, signIn, uploadFile, pngBytes } from '../support/http.ts';

const minute = 60_000;

describe.each(testEngines)('inquiries and help requests on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  let clock: ReturnType<typeof buildClock>;
  let staff: Session;
  let staff2: Session;
  let supervisor: Session;
  let director: Session;
  let outsider: Session;
  let itemsUrl: string;

  async function create(session: Session, body: Record<string, unknown>) {
    const response = await call(app, session, 'POST', itemsUrl, {
      kind: 'help',
      priority: 'normal',
      channel: 'walk-in',
      subject: '3号楼电梯困人',
      ...body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<DeskItemDetail>();
  }

  async function act(session: Session, id: string, step: string, body: Record<string, unknown>) {
    return call(app, session, 'POST', `${itemsUrl}/${id}/${step}`, body);
  }

  async function notificationsOf(session: Session, kind: string) {
    const list = (await call(app, session, 'GET', '/api/me/notifications')).json<
      z.infer<typeof notificationListSchema>
    >();
    return list.notifications.filter((n) => n.kind === kind);
  }

  async function eventsOf(id: string) {
    return (await call(app, staff, 'GET', `${itemsUrl}/${id}`)).json<DeskItemDetail>();
  }

  async function signInAll(): Promise<void> {
    staff = await signIn(app, 'staff');
    staff2 = await signIn(app, 'staff2');
    supervisor = await signIn(app, 'supervisor');
    director = await signIn(app, 'director');
    outsider = await signIn(app, 'outsider');
  }

  /** moves the clock; sessions idle that long have ended, so everyone signs in again */
  async function advance(ms: number): Promise<void> {
    clock.advance(ms);
    await signInAll();
  }

  beforeAll(async () => {
    clock = buildClock();
    world = await buildWorld(engine, { clock });
    app = await buildTestApp(world);
    await signInAll();
    itemsUrl = `/api/offices/${world.officeId}/desk-items`;
  });

  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  it('WORK-1: an inquiry answered on the spot is closed in one step, with the answer kept', async () => {
    const detail = await create(staff, {
      kind: 'inquiry',
      channel: 'phone',
      subject: '物业费缴费时间？',
      residentName: '王女士',
      unit: '2-1503',
      phone: '138 0000 0000',
      answer: '每月1日至10日，服务台或线上缴纳',
    });
    expect(detail.item.status).toBe('closed');
    expect(detail.item.closedAt).toBe(clock.now().toISOString());
    expect(detail.item.respondBy).toBeNull();
    expect(detail.events.map((e) => e.kind)).toEqual(['created', 'closed']);
    expect(detail.events[1]?.payload.text).toBe('每月1日至10日，服务台或线上缴纳');
    const open = (await call(app, staff, 'GET', itemsUrl)).json<{ items: { id: string }[] }>();
    expect(open.items.some((i) => i.id === detail.item.id)).toBe(false);
  });

  it('WORK-2: a help request goes new → in progress → resolved → closed, each step kept', async () => {
    const created = await create(staff, { priority: 'important' });
    expect(created.item).toMatchObject({ status: 'new', level: 'staff', version: 1 });
    expect(created.item.respondBy).toBe(
      new Date(clock.now().getTime() + 10 * minute).toISOString(),
    );
    const id = created.item.id;
    const taken = await act(staff, id, 'take', { version: 1 });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json<DeskItemDetail>().item).toMatchObject({
      status: 'in_progress',
      ownerName: 'staff',
    });
    expect((await act(staff, id, 'notes', { text: '已通知电梯维保' })).statusCode).toBe(200);
    const resolved = await act(staff, id, 'resolve', {
      version: 2,
      text: '维保到场，乘客已安全离开',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const closed = await act(staff2, id, 'close', { version: 3 });
    expect(closed.statusCode, closed.body).toBe(200);
    const detail = closed.json<DeskItemDetail>();
    expect(detail.item.status).toBe('closed');
    expect(detail.events.map((e) => e.kind)).toEqual([
      'created',
      'taken',
      'note',
      'resolved',
      'closed',
    ]);
    expect(detail.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    // closed is the end: nothing moves it again
    const again = expectError(await act(staff, id, 'take', { version: 4 }), 422, 'RULE_VIOLATION');
    expect(again.rule).toBe('WORK-2');
  });

  it('WORK-2: a stale version is refused with 409 and changes nothing', async () => {
    const { item } = await create(staff, {});
    expect((await act(staff, item.id, 'take', { version: 1 })).statusCode).toBe(200);
    expectError(await act(staff2, item.id, 'cancel', { version: 1, text: '重复登记' }), 409);
    expect((await eventsOf(item.id)).item.status).toBe('in_progress');
  });

  it('WORK-2: cancelling needs a reason', async () => {
    const { item } = await create(staff, {});
    const refused = expectError(
      await act(staff, item.id, 'cancel', { version: 1, text: ' ' }),
      400,
    );
    expect(JSON.stringify(refused.details)).toContain('text');
    const cancelled = await act(staff, item.id, 'cancel', { version: 1, text: '住户撤回' });
    expect(cancelled.json<DeskItemDetail>().item.status).toBe('cancelled');
  });

  it('ESC-1: 上报 goes staff → supervisor → director, one level at a time, each reached at once', async () => {
    const { item } = await create(staff, { subject: '地下车库积水' });
    const before = (await notificationsOf(supervisor, 'item.escalated')).length;
    const up = await act(staff, item.id, 'escalate', { version: 1, text: '需要协调工程部' });
    expect(up.statusCode, up.body).toBe(200);
    const atSupervisor = up.json<DeskItemDetail>();
    expect(atSupervisor.item.level).toBe('supervisor');
    expect(atSupervisor.events.at(-1)).toMatchObject({
      kind: 'escalated',
      payload: { from: 'staff', to: 'supervisor', reason: '需要协调工程部', vacant: false },
    });
    expect((await notificationsOf(supervisor, 'item.escalated')).length).toBe(before + 1);
    const top = await act(supervisor, item.id, 'escalate', { version: 2, text: '需费用审批' });
    expect(top.json<DeskItemDetail>().item.level).toBe('director');
    const told = await notificationsOf(director, 'item.escalated');
    expect(told.some((n) => n.payload.itemId === item.id)).toBe(true);
    const refused = expectError(
      await act(director, item.id, 'escalate', { version: 3, text: '再上报' }),
      422,
      'RULE_VIOLATION',
    );
    expect(refused.rule).toBe('ESC-1');
  });

  it('ESC-1: a major issue reaches the director at once, and only a director resolves it', async () => {
    const { item, events } = await create(staff, { priority: 'major', subject: '消防报警' });
    expect(item.level).toBe('director');
    expect(events.map((e) => e.kind)).toEqual(['created', 'escalated']);
    const told = await notificationsOf(director, 'item.major');
    expect(told.some((n) => n.payload.itemId === item.id)).toBe(true);
    const refused = expectError(
      await act(staff, item.id, 'resolve', { version: 1, text: '已处理' }),
      403,
      'FORBIDDEN',
    );
    expect(refused.rule).toBe('ESC-1');
    expect(
      (await act(director, item.id, 'resolve', { version: 1, text: '误报，已复位' })).statusCode,
    ).toBe(200);
  });

  it('WORK-4 / ESC-1: a missed response target escalates once, however often the ticker runs', async () => {
    const { item } = await create(staff, { priority: 'important', subject: '门禁卡失效' });
    await advance(9 * minute);
    await runDueDeadlines(world.deps, deadlineHandlers);
    expect((await eventsOf(item.id)).item.level).toBe('staff');
    await advance(2 * minute);
    await runDueDeadlines(world.deps, deadlineHandlers);
    await runDueDeadlines(world.deps, deadlineHandlers);
    const detail = await eventsOf(item.id);
    expect(detail.item.level).toBe('supervisor');
    const escalations = detail.events.filter((e) => e.kind === 'escalated');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.payload).toMatchObject({ auto: true, reason: 'response-target-missed' });
    expect(escalations[0]?.actorId).toBeNull();
    // the supervisor level has its own clock: four hours later it goes to the director
    await advance(4 * 60 * minute);
    await runDueDeadlines(world.deps, deadlineHandlers);
    expect((await eventsOf(item.id)).item.level).toBe('director');
  });

  it('WORK-4: an item taken in hand in time is not escalated for its response', async () => {
    const { item } = await create(staff, { priority: 'important' });
    await act(staff, item.id, 'take', { version: 1 });
    await advance(11 * minute);
    await runDueDeadlines(world.deps, deadlineHandlers);
    const detail = await eventsOf(item.id);
    expect(detail.item.level).toBe('staff');
    expect(detail.events.some((e) => e.kind === 'escalated')).toBe(false);
  });

  it('WORK-4: a restart during an open clock still escalates once (the clock is a row)', async () => {
    const { item } = await create(staff, { priority: 'important', subject: '重启测试' });
    // the instance that scheduled the clock is gone; a fresh one on the same database ticks
    const restarted = world.db.openAnother();
    try {
      await advance(11 * minute);
      const deps = { ...world.deps, db: restarted.db };
      expect(await runDueDeadlines(deps, deadlineHandlers)).toBeGreaterThanOrEqual(1);
      await runDueDeadlines(deps, deadlineHandlers);
      const detail = await eventsOf(item.id);
      expect(detail.events.filter((e) => e.kind === 'escalated')).toHaveLength(1);
      expect(detail.item.level).toBe('supervisor');
    } finally {
      await restarted.close();
    }
  });

  // SQLite serves one instance (DESIGN.md scale path); instances share only PostgreSQL
  if (engine === 'postgres')
    it('ESC-1: two app instances ticking at the same moment never escalate an item twice', async () => {
      const created = await Promise.all(
        ['甲', '乙', '丙', '丁', '戊'].map((n) =>
          create(staff, { priority: 'important', subject: `并发${n}` }),
        ),
      );
      const second = world.db.openAnother();
      try {
        await advance(11 * minute);
        const handled = await Promise.all([
          runDueDeadlines({ ...world.deps, db: second.db }, deadlineHandlers),
          runDueDeadlines(world.deps, deadlineHandlers),
          runDueDeadlines({ ...world.deps, db: second.db }, deadlineHandlers),
        ]);
        expect(handled.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(created.length);
        for (const { item } of created) {
          const detail = await eventsOf(item.id);
          expect(detail.events.filter((e) => e.kind === 'escalated')).toHaveLength(1);
          expect(detail.item.level).toBe('supervisor');
        }
      } finally {
        await second.close();
      }
    });

  it('ESC-1: staff of another office are refused (403), and bad input is a 400 naming the field', async () => {
    const { item } = await create(staff, {});
    expectError(await call(app, outsider, 'GET', `${itemsUrl}/${item.id}`), 403);
    expectError(await act(outsider, item.id, 'take', { version: 1 }), 403);
    const bad = expectError(
      await call(app, staff, 'POST', itemsUrl, {
        kind: 'help',
        priority: 'urgent',
        channel: 'walk-in',
        subject: '',
      }),
      400,
    );
    const text = JSON.stringify(bad.details);
    expect(text).toContain('priority');
    expect(text).toContain('subject');
    const answered = expectError(
      await call(app, staff, 'POST', itemsUrl, {
        kind: 'help',
        priority: 'normal',
        channel: 'walk-in',
        subject: '漏水',
        answer: '已答复',
      }),
      400,
    );
    expect(JSON.stringify(answered.details)).toContain('answer');
    expectError(await act(staff, 'no-such-item', 'take', { version: 1 }), 404);
  });

  it('WORK-2: evidence and duty-log entries stay with the item; an unknown file refuses the whole step', async () => {
    const png = pngBytes('water on the floor');
    const uploaded = await uploadFile(app, staff, world.officeId, png, '积水.png');
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const { sha256 } = uploaded.json<{ sha256: string }>();
    const created = await create(staff, {
      subject: '大堂积水',
      attachments: [{ sha256, fileName: '积水.png' }],
    });
    expect(created.attachments).toEqual([
      { sha256, fileName: '积水.png', mediaType: 'image/png', size: png.length },
    ]);
    expect(created.events[0]?.payload.attachments).toEqual([sha256]);
    const logged = await call(app, supervisor, 'POST', `/api/offices/${world.officeId}/duty-log`, {
      category: 'help-request',
      text: '已安排保洁处理大堂积水',
      deskItemId: created.item.id,
    });
    expect(logged.statusCode, logged.body).toBe(201);
    const detail = await eventsOf(created.item.id);
    expect(detail.logEntries.map((e) => e.text)).toEqual(['已安排保洁处理大堂积水']);

    const before = (await eventsOf(created.item.id)).events.length;
    const refused = expectError(
      await call(app, staff, 'POST', `${itemsUrl}/${created.item.id}/notes`, {
        text: '补充照片',
        attachments: [{ sha256: 'f'.repeat(64), fileName: 'x.png' }],
      }),
      422,
    );
    expect(JSON.stringify(refused.details)).toContain('attachments.0.sha256');
    expect((await eventsOf(created.item.id)).events).toHaveLength(before);
  });

  it('ESC-1: when nobody holds the supervisor role the item stays at that level and the admins are told', async () => {
    await world.db.db
      .updateTable('users')
      .set({ active: writeFlag(false) })
      .where('id', '=', world.users.supervisor)
      .execute();
    try {
      const { item } = await create(staff, { subject: '无人值守测试' });
      const up = await act(staff, item.id, 'escalate', { version: 1, text: '需主管决定' });
      const detail = up.json<DeskItemDetail>();
      // not skipped to the director: the supervisor level is kept, and reported vacant
      expect(detail.item.level).toBe('supervisor');
      expect(detail.events.at(-1)?.payload).toMatchObject({
        to: 'supervisor',
        vacant: true,
        reached: [],
      });
      const admin = await signIn(app, 'admin');
      const told = await notificationsOf(admin, 'item.level-vacant');
      expect(told.some((n) => n.payload.itemId === item.id)).toBe(true);
    } finally {
      await world.db.db
        .updateTable('users')
        .set({ active: writeFlag(true) })
        .where('id', '=', world.users.supervisor)
        .execute();
    }
  });

  it('keeps every step in the audit chain', async () => {
    const verification = await verifyAuditLog(world.db.db);
    expect(verification.problems).toEqual([]);
    const rows = await world.db.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'like', 'desk-item.%')
      .execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const action of [
      'created',
      'taken',
      'note',
      'resolved',
      'closed',
      'cancelled',
      'escalated',
    ])
      expect(actions).toContain(`desk-item.${action}`);
  });
});

describe.each(testEngines)('desk settings on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    world = await buildWorld(engine);
    app = await buildTestApp(world);
    url = `/api/offices/${world.officeId}/desk-settings`;
  });

  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  it('WORK-4: the supervisor sets the targets; staff read them; new clocks follow them', async () => {
    const staff = await signIn(app, 'staff');
    const supervisor = await signIn(app, 'supervisor');
    const read = (await call(app, staff, 'GET', url)).json<OfficeDeskSettings>();
    expect(read).toEqual({ settings: defaultDeskSettings, version: 0 });
    const changed = {
      ...defaultDeskSettings,
      targets: {
        ...defaultDeskSettings.targets,
        normal: { respondMinutes: 15, resolveMinutes: 120 },
      },
      ringSeconds: 4,
    };
    expectError(await call(app, staff, 'PUT', url, { settings: changed, version: 0 }), 403);
    const saved = await call(app, supervisor, 'PUT', url, { settings: changed, version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<OfficeDeskSettings>()).toEqual({ settings: changed, version: 1 });
    // someone saving on the old version is refused
    expectError(await call(app, supervisor, 'PUT', url, { settings: changed, version: 0 }), 409);
    const item = await call(app, staff, 'POST', `/api/offices/${world.officeId}/desk-items`, {
      kind: 'help',
      priority: 'normal',
      channel: 'walk-in',
      subject: '测试时限',
    });
    const { item: created } = item.json<DeskItemDetail>();
    expect(
      new Date(created.respondBy ?? '').getTime() - new Date(created.createdAt).getTime(),
    ).toBe(15 * minute);
  });

  it('WORK-4: a resolution target shorter than the response target is a 400 naming the field', async () => {
    const supervisor = await signIn(app, 'supervisor');
    const bad = {
      ...defaultDeskSettings,
      targets: {
        ...defaultDeskSettings.targets,
        major: { respondMinutes: 30, resolveMinutes: 10 },
      },
    };
    const refused = expectError(
      await call(app, supervisor, 'PUT', url, { settings: bad, version: 1 }),
      400,
    );
    expect(JSON.stringify(refused.details)).toContain('targets.major.resolveMinutes');
    const still = (await call(app, supervisor, 'GET', url)).json<OfficeDeskSettings>();
    expect(still.version).toBe(1);
  });
});
