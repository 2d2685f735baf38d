import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { defaultBoardMaxAgeMs } from '../../src/server/services/desk-board.service.ts';
import { addLogEntry } from '../../src/server/services/duty-log.service.ts';
import type { DeskBoard } from '../../src/shared/contract/desk-board.ts';
import { buildClock, buildTestApp, buildWorld, type World } from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';
import { call, expectError, publishDuties, signIn, type Session } from '../support/http.ts';

// 1 December 2026: 早班 D 08:30–16:30 Shanghai (00:30–08:30 UTC) for staff and staff2.
const month = '2026-12';

describe.each(testEngines)('the desk board 值班台 on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  let clock: ReturnType<typeof buildClock>;
  let staff: Session;
  let supervisor: Session;
  let outsider: Session;
  let boardUrl: string;

  async function board(session: Session = staff): Promise<DeskBoard> {
    const response = await call(app, session, 'GET', boardUrl);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<DeskBoard>();
  }

  beforeAll(async () => {
    clock = buildClock();
    world = await buildWorld(engine, { clock });
    app = await buildTestApp(world);
    supervisor = await signIn(app, 'supervisor');
    boardUrl = `/api/offices/${world.officeId}/desk-board`;
    await publishDuties(app, supervisor, world.officeId, month, [
      { userId: world.users.staff, date: '2026-12-01', shiftCode: 'D' },
      { userId: world.users.staff2, date: '2026-12-01', shiftCode: 'D' },
    ]);
    // 08:40 in Shanghai: ten minutes into the day shift
    clock.set(new Date('2026-12-01T00:40:00.000Z'));
    staff = await signIn(app, 'staff');
    supervisor = await signIn(app, 'supervisor');
    outsider = await signIn(app, 'outsider');
  });
  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  it('shows who is on duty and late (HO-IN-1), open items (WORK-4, ESC-1), today’s calls (PHONE-1), recent log entries (WORK-3) and follow-ups', async () => {
    const officeUrl = `/api/offices/${world.officeId}`;
    const checkedIn = await call(app, staff, 'POST', `${officeUrl}/duty/check-in`, {});
    expect(checkedIn.statusCode, checkedIn.body).toBe(201);
    const item = await call(app, staff, 'POST', `${officeUrl}/desk-items`, {
      kind: 'help',
      priority: 'normal',
      channel: 'walk-in',
      subject: '3号楼电梯困人',
    });
    expect(item.statusCode, item.body).toBe(201);
    const answered = await call(app, staff, 'POST', `${officeUrl}/phone-calls`, {
      ringStartedAt: '2026-12-01T00:35:00.000Z',
      answeredAt: '2026-12-01T00:35:05.000Z',
      endedAt: '2026-12-01T00:36:00.000Z',
      caller: '13800000001',
    });
    expect(answered.statusCode, answered.body).toBe(201);
    const missed = await call(app, staff, 'POST', `${officeUrl}/phone-calls`, {
      ringStartedAt: '2026-12-01T00:37:00.000Z',
      endedAt: '2026-12-01T00:37:40.000Z',
      caller: '13800000002',
    });
    expect(missed.statusCode, missed.body).toBe(201);
    const entry = await call(app, staff, 'POST', `${officeUrl}/duty-log`, {
      category: 'patrol',
      text: '花园巡查一切正常',
    });
    expect(entry.statusCode, entry.body).toBe(201);

    const seen = await board();
    expect(seen.now).toBe('2026-12-01T00:40:00.000Z');
    expect(seen.today).toBe('2026-12-01');
    // HO-IN-1: 08:40 is fifteen minutes after 08:25
    expect(seen.onDuty.sessions.map((s) => [s.userId, s.lateMinutes])).toEqual([
      [world.users.staff, 15],
    ]);
    expect(seen.onDuty.expected.map((d) => d.userId)).toEqual([world.users.staff2]);
    expect(seen.openItems).toHaveLength(1);
    expect(seen.openItems[0]).toMatchObject({
      subject: '3号楼电梯困人',
      status: 'new',
      level: 'staff',
    });
    expect(seen.openItems[0]?.respondBy).not.toBeNull();
    expect(seen.phone.summary).toMatchObject({
      date: '2026-12-01',
      calls: 2,
      answered: 1,
      withinThreeRings: 1,
      missed: 1,
      rate: 0.5,
      openCallbacks: 1,
    });
    expect(seen.phone.callbacks.map((c) => c.caller)).toEqual(['13800000002']);
    expect(seen.recentLog.map((e) => e.text)).toEqual(['花园巡查一切正常']);
    // oldest first: the call rang at 08:37, the item came at 08:40
    expect(seen.followUps.map((f) => [f.kind, f.text])).toEqual([
      ['callback', '13800000002'],
      ['new-item', '3号楼电梯困人'],
    ]);

    // taking the item in hand ends its follow-up; the supervisor reads the same board
    const itemId = seen.openItems[0]!.id;
    const taken = await call(app, staff, 'POST', `${officeUrl}/desk-items/${itemId}/take`, {
      version: 1,
    });
    expect(taken.statusCode, taken.body).toBe(200);
    const later = await board(supervisor);
    expect(later.followUps.map((f) => f.kind)).toEqual(['callback']);
    expect(later.openItems[0]?.status).toBe('in_progress');
  });

  it('keeps only the ten newest duty-log entries (WORK-3)', async () => {
    for (let n = 1; n <= 11; n += 1) {
      const written = await call(app, staff, 'POST', `/api/offices/${world.officeId}/duty-log`, {
        category: 'other',
        text: `第${String(n)}条`,
      });
      expect(written.statusCode, written.body).toBe(201);
      clock.advance(1_000);
    }
    const seen = await board();
    expect(seen.recentLog).toHaveLength(10);
    expect(seen.recentLog[0]?.text).toBe('第11条');
  });

  it('is refused for another office (403) and hidden for another organization (404)', async () => {
    expectError(await call(app, outsider, 'GET', boardUrl), 403);
    expectError(
      await call(app, staff, 'GET', `/api/offices/${world.otherOrg.officeId}/desk-board`),
      404,
    );
  });

  describe('snapshots (served from memory, dropped by every change at the office)', () => {
    it('shows a change on the very next read, to every reader of the office', async () => {
      await board();
      await board(supervisor);
      const written = await call(
        app,
        supervisor,
        'POST',
        `/api/offices/${world.officeId}/duty-log`,
        {
          category: 'notice',
          text: '写后立即可读',
        },
      );
      expect(written.statusCode, written.body).toBe(201);
      expect((await board()).recentLog[0]?.text).toBe('写后立即可读');
      expect((await board(supervisor)).recentLog[0]?.text).toBe('写后立即可读');
    });

    it('is never served older than its bound (1 s) when a change goes unannounced', async () => {
      clock.advance(60_000);
      const first = await board();
      // straight through the service: no HTTP request, so no live-update event drops the board
      await addLogEntry(await world.contextOf(world.users.supervisor), world.officeId, {
        category: 'other',
        text: '未经事件的记录',
      });
      clock.advance(defaultBoardMaxAgeMs - 1);
      const cached = await board();
      expect(cached.now).toBe(first.now);
      expect(cached.recentLog[0]?.text).toBe(first.recentLog[0]?.text);
      clock.advance(1);
      const fresh = await board();
      expect(fresh.recentLog[0]?.text).toBe('未经事件的记录');
      expect(clock.now().getTime() - Date.parse(fresh.now)).toBeLessThan(defaultBoardMaxAgeMs);
    });

    it('checks the reader’s role on every read, also when their board is in memory', async () => {
      const staff2 = await signIn(app, 'staff2');
      const admin = await signIn(app, 'admin');
      expect((await call(app, staff2, 'GET', boardUrl)).statusCode).toBe(200);
      const usersUrl = `/api/users/${world.users.staff2}/roles`;
      const removed = await call(app, admin, 'PUT', usersUrl, { roles: [] });
      expect(removed.statusCode, removed.body).toBe(200);
      try {
        expectError(await call(app, staff2, 'GET', boardUrl), 403, 'FORBIDDEN');
      } finally {
        const restored = await call(app, admin, 'PUT', usersUrl, {
          roles: [{ officeId: world.officeId, role: 'staff' }],
        });
        expect(restored.statusCode, restored.body).toBe(200);
      }
    });
  });
});
