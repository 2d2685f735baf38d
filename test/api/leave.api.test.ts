import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { LeaveRequest, SwapRequest } from '../../src/shared/contract/leave.ts';
import type { RosterMonth } from '../../src/shared/contract/rosters.ts';
import { verifyAuditLog } from '../../src/server/services/audit.service.ts';
import {
  buildClock,
  buildTestApp,
  buildWorld,
  fixedInstant,
  type World,
} from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';
import { call, expectError, publishDuties, signIn, type Session } from '../support/http.ts';

// The clock stands at 2026-11-27 09:00 Shanghai; December is published in beforeAll.
const month = '2026-12';

describe.each(testEngines)('leave, substitutes, swaps and emergency cover on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  let clock: ReturnType<typeof buildClock>;
  let supervisor: Session;
  let director: Session;
  let staff: Session;
  let staff2: Session;
  let leaveUrl: string;
  let swapUrl: string;
  let rosterUrl: string;

  async function signInAll(): Promise<void> {
    supervisor = await signIn(app, 'supervisor');
    director = await signIn(app, 'director');
    staff = await signIn(app, 'staff');
    staff2 = await signIn(app, 'staff2');
  }

  async function cell(userId: string, date: string): Promise<string | null> {
    const roster = (await call(app, staff, 'GET', rosterUrl)).json<RosterMonth>();
    const row = roster.rows.find((r) => r.userId === userId);
    return row?.cells[roster.days.findIndex((d) => d.date === date)] ?? null;
  }

  beforeAll(async () => {
    clock = buildClock();
    world = await buildWorld(engine, { clock });
    app = await buildTestApp(world);
    await signInAll();
    leaveUrl = `/api/offices/${world.officeId}/leave-requests`;
    swapUrl = `/api/offices/${world.officeId}/swap-requests`;
    rosterUrl = `/api/offices/${world.officeId}/rosters/${month}`;
    const s = world.users.staff;
    const s2 = world.users.staff2;
    const changes = [
      { userId: s, date: '2026-12-01', shiftCode: 'D' },
      { userId: s, date: '2026-12-02', shiftCode: 'D' },
      { userId: s, date: '2026-12-03', shiftCode: 'E' },
      { userId: s2, date: '2026-12-03', shiftCode: 'D' },
      { userId: s2, date: '2026-12-10', shiftCode: 'D' },
    ];
    await publishDuties(app, supervisor, world.officeId, month, changes);
  });
  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  it('refuses staff changing the published roster directly (LEAVE-3)', async () => {
    const refused = expectError(
      await call(app, staff, 'PUT', `${rosterUrl}/cells`, {
        revision: 2,
        changes: [{ userId: world.users.staff, date: '2026-12-01', shiftCode: null }],
      }),
      403,
      'FORBIDDEN',
    );
    expect(refused.rule).toBe('LEAVE-3');
  });

  it('names the problem of leave for a shift not yours, twice in one request, or unpublished (LEAVE-1)', async () => {
    const bad = expectError(
      await call(app, staff, 'POST', leaveUrl, {
        type: 'personal',
        reason: '家中有事',
        shifts: [
          { date: '2026-12-03', shiftCode: 'D' },
          { date: '2026-12-01', shiftCode: 'D' },
          { date: '2026-12-01', shiftCode: 'D' },
          { date: '2027-05-01', shiftCode: 'D' },
        ],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.rule).toBe('LEAVE-1');
    expect((bad.details as { path: string }[]).map((d) => d.path)).toEqual([
      'shifts.0',
      'shifts.2',
      'shifts.3.date',
    ]);
    expectError(
      await call(app, staff, 'POST', leaveUrl, { type: 'holiday', reason: 'x', shifts: [] }),
      400,
    );
    expect(
      (await call(app, supervisor, 'GET', leaveUrl)).json<{ requests: unknown[] }>().requests,
    ).toEqual([]);
  });

  it('refuses acting in another office (403) and hides other organizations (404)', async () => {
    const outsider = await signIn(app, 'outsider');
    expectError(
      await call(app, outsider, 'POST', leaveUrl, {
        type: 'personal',
        reason: 'x',
        shifts: [{ date: '2026-12-01', shiftCode: 'D' }],
      }),
      403,
    );
    expectError(await call(app, outsider, 'GET', swapUrl), 403);
    expectError(
      await call(app, supervisor, 'GET', `/api/offices/${world.otherOrg.officeId}/leave-requests`),
      404,
    );
  });

  it('refuses leave for a shift that has started', async () => {
    // 1 December, 09:00 in Shanghai: the 08:30 早班 has started
    clock.set(new Date('2026-12-01T01:00:00.000Z'));
    await signInAll();
    const refused = expectError(
      await call(app, staff, 'POST', leaveUrl, {
        type: 'sick',
        reason: '发烧',
        shifts: [{ date: '2026-12-01', shiftCode: 'D' }],
      }),
      400,
    );
    expect((refused.details as { path: string; message: string }[])[0]).toMatchObject({
      path: 'shifts.0.date',
      message: expect.stringContaining('started'),
    });
    clock.set(fixedInstant);
    await signInAll();
  });

  it('approves leave with a substitute the evaluator ranks, as a new roster version (LEAVE-2)', async () => {
    const created = await call(app, staff, 'POST', leaveUrl, {
      type: 'annual',
      reason: '年假',
      shifts: [{ date: '2026-12-01', shiftCode: 'D' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json<LeaveRequest>();
    expect(request).toMatchObject({ status: 'pending', version: 1, userId: world.users.staff });
    // the same shift again overlaps the pending request
    expectError(
      await call(app, staff, 'POST', leaveUrl, {
        type: 'annual',
        reason: 'again',
        shifts: [{ date: '2026-12-01', shiftCode: 'D' }],
      }),
      400,
    );
    // staff2 sees nothing of it; the supervisor sees it
    expect(
      (await call(app, staff2, 'GET', leaveUrl)).json<{ requests: unknown[] }>().requests,
    ).toEqual([]);
    expectError(await call(app, staff2, 'GET', `${leaveUrl}/${request.id}`), 404);

    const suggestions = await call(app, supervisor, 'GET', `${leaveUrl}/${request.id}/suggestions`);
    expect(suggestions.statusCode, suggestions.body).toBe(200);
    expect(suggestions.json()).toMatchObject({
      shifts: [
        {
          date: '2026-12-01',
          shiftCode: 'D',
          candidates: [{ userId: world.users.staff2, violations: [] }],
        },
      ],
    });

    // nobody approves their own request, staff approve nothing
    expectError(
      await call(app, staff, 'POST', `${leaveUrl}/${request.id}/approve`, {
        version: 1,
        substitutes: [{ date: '2026-12-01', shiftCode: 'D', substituteUserId: world.users.staff2 }],
      }),
      403,
    );
    const missing = expectError(
      await call(app, supervisor, 'POST', `${leaveUrl}/${request.id}/approve`, {
        version: 1,
        substitutes: [],
      }),
      400,
    );
    expect(missing.rule).toBe('LEAVE-2');
    const open = expectError(
      await call(app, supervisor, 'POST', `${leaveUrl}/${request.id}/approve`, {
        version: 1,
        substitutes: [{ date: '2026-12-01', shiftCode: 'D', substituteUserId: null }],
      }),
      400,
    );
    expect((open.details as { path: string }[])[0]!.path).toBe('substitutes.0.overrideReason');
    expect(await cell(world.users.staff, '2026-12-01')).toBe('D');

    const approved = await call(app, supervisor, 'POST', `${leaveUrl}/${request.id}/approve`, {
      version: 1,
      substitutes: [{ date: '2026-12-01', shiftCode: 'D', substituteUserId: world.users.staff2 }],
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<LeaveRequest>()).toMatchObject({
      status: 'approved',
      rosterVersion: 2,
      shifts: [{ substituteUserId: world.users.staff2, substituteName: 'staff2' }],
    });
    expect(await cell(world.users.staff, '2026-12-01')).toBeNull();
    expect(await cell(world.users.staff2, '2026-12-01')).toBe('D');
    const versions = (await call(app, staff, 'GET', `${rosterUrl}/versions`)).json<{
      versions: { version: number; kind: string; reason: string }[];
    }>();
    expect(versions.versions.map((v) => [v.version, v.kind, v.reason])).toEqual([
      [1, 'publish', null],
      [2, 'leave', '年假'],
    ]);
    // staff2's duties follow the version in force
    const duties = (
      await call(app, staff2, 'GET', '/api/me/duties?from=2026-12-01&to=2026-12-01')
    ).json<{
      duties: { shiftCode: string }[];
    }>();
    expect(duties.duties.map((d) => d.shiftCode)).toEqual(['D']);
    // the requester and the substitute are notified in the app
    for (const session of [staff, staff2]) {
      const notes = (await call(app, session, 'GET', '/api/me/notifications')).json<{
        notifications: { kind: string }[];
        unread: number;
      }>();
      expect(notes.notifications.map((n) => n.kind)).toContain('leave.approved');
      expect(notes.unread).toBeGreaterThan(0);
    }
  });

  it('lets exactly one of two deciders at the same moment win (409 for the other)', async () => {
    const created = await call(app, staff, 'POST', leaveUrl, {
      type: 'personal',
      reason: '办事',
      shifts: [{ date: '2026-12-02', shiftCode: 'D' }],
    });
    const request = created.json<LeaveRequest>();
    const body = {
      version: 1,
      substitutes: [{ date: '2026-12-02', shiftCode: 'D', substituteUserId: world.users.staff2 }],
    };
    const answers = await Promise.all([
      call(app, supervisor, 'POST', `${leaveUrl}/${request.id}/approve`, body),
      call(app, director, 'POST', `${leaveUrl}/${request.id}/approve`, body),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const versions = (await call(app, staff, 'GET', `${rosterUrl}/versions`)).json<{
      versions: unknown[];
    }>();
    expect(versions.versions).toHaveLength(3);
    // rejecting needs a reason, and a decided request cannot be decided again
    expectError(
      await call(app, supervisor, 'POST', `${leaveUrl}/${request.id}/reject`, { version: 2 }),
      400,
    );
    expectError(
      await call(app, supervisor, 'POST', `${leaveUrl}/${request.id}/reject`, {
        version: 2,
        reason: '不行',
      }),
      409,
      'CONFLICT',
    );
  });

  it('changes the roster for a swap only when accepted and approved (LEAVE-3); one of two accepts wins', async () => {
    // staff gives 晚班 on the 3rd for staff2's 早班 on the 3rd
    const proposed = await call(app, staff, 'POST', swapUrl, {
      counterpartId: world.users.staff2,
      give: { date: '2026-12-03', shiftCode: 'E' },
      take: { date: '2026-12-03', shiftCode: 'D' },
      reason: '早上要送孩子',
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const swap = proposed.json<SwapRequest>();
    // only the colleague asked answers
    expectError(
      await call(app, staff, 'POST', `${swapUrl}/${swap.id}/accept`, { version: 1 }),
      403,
    );
    const staff2Again = await signIn(app, 'staff2');
    const answers = await Promise.all([
      call(app, staff2, 'POST', `${swapUrl}/${swap.id}/accept`, { version: 1 }),
      call(app, staff2Again, 'POST', `${swapUrl}/${swap.id}/accept`, { version: 1 }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    // accepted is not yet in force
    expect(await cell(world.users.staff, '2026-12-03')).toBe('E');
    expectError(
      await call(app, staff2, 'POST', `${swapUrl}/${swap.id}/approve`, { version: 2 }),
      403,
    );
    const approved = await call(app, supervisor, 'POST', `${swapUrl}/${swap.id}/approve`, {
      version: 2,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<SwapRequest>()).toMatchObject({ status: 'approved', rosterVersion: 4 });
    expect(await cell(world.users.staff, '2026-12-03')).toBe('D');
    expect(await cell(world.users.staff2, '2026-12-03')).toBe('E');
    // a swap for a shift that is not the proposer's is refused, naming the field
    const bad = expectError(
      await call(app, staff, 'POST', swapUrl, {
        counterpartId: world.users.staff2,
        give: { date: '2026-12-05', shiftCode: 'D' },
        reason: 'x',
      }),
      400,
    );
    expect((bad.details as { path: string }[])[0]!.path).toBe('give');
  });

  it('covers an emergency at once and takes the absentee’s leave request after', async () => {
    expectError(
      await call(app, staff, 'POST', `/api/offices/${world.officeId}/emergency-covers`, {
        date: '2026-12-10',
        shiftCode: 'D',
        absentUserId: world.users.staff2,
        substituteUserId: world.users.staff,
        reason: '突发急病',
      }),
      403,
    );
    const covered = await call(
      app,
      supervisor,
      'POST',
      `/api/offices/${world.officeId}/emergency-covers`,
      {
        date: '2026-12-10',
        shiftCode: 'D',
        absentUserId: world.users.staff2,
        substituteUserId: world.users.staff,
        reason: '突发急病',
      },
    );
    expect(covered.statusCode, covered.body).toBe(201);
    expect(covered.json()).toMatchObject({ rosterVersion: 5 });
    expect(await cell(world.users.staff, '2026-12-10')).toBe('D');
    const filed = await call(app, staff2, 'POST', leaveUrl, {
      type: 'sick',
      reason: '突发急病',
      shifts: [{ date: '2026-12-10', shiftCode: 'D' }],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const request = filed.json<LeaveRequest>();
    expect(request.shifts[0]!.coveredByEmergency).toBe(true);
    const approved = await call(app, supervisor, 'POST', `${leaveUrl}/${request.id}/approve`, {
      version: 1,
      substitutes: [],
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<LeaveRequest>().status).toBe('approved');
    // nothing more changed in the roster
    const versions = (await call(app, staff, 'GET', `${rosterUrl}/versions`)).json<{
      versions: unknown[];
    }>();
    expect(versions.versions).toHaveLength(5);
    expect((await verifyAuditLog(world.db.db)).problems).toEqual([]);
  });

  it('shows a person’s month planned against actual, with each change and why', async () => {
    const url = `${rosterUrl}/people/${world.users.staff}`;
    const month = await call(app, staff, 'GET', url);
    expect(month.statusCode, month.body).toBe(200);
    const body = month.json<{
      planned: (string | null)[];
      actual: (string | null)[];
      changes: { version: number; kind: string; dates: string[] }[];
    }>();
    expect(body.planned.slice(0, 3)).toEqual(['D', 'D', 'E']);
    expect(body.actual.slice(0, 3)).toEqual([null, null, 'D']);
    expect(body.actual[9]).toBe('D');
    expect(body.changes.map((c) => [c.version, c.kind, c.dates])).toEqual([
      [2, 'leave', ['2026-12-01']],
      [3, 'leave', ['2026-12-02']],
      [4, 'swap', ['2026-12-03']],
      [5, 'emergency', ['2026-12-10']],
    ]);
    // staff read only their own month; supervisors anyone's
    expectError(await call(app, staff2, 'GET', url), 403);
    expect((await call(app, supervisor, 'GET', url)).statusCode).toBe(200);
  });
});
