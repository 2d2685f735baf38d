import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type {
  DutySession,
  LogEntry,
  OnDuty,
  PostAbsence,
  StoredFile,
} from '../../src/shared/contract/duty.ts';
import { deadlineHandlers } from '../../src/server/jobs/deadline-handlers.ts';
import { runDueDeadlines } from '../../src/server/jobs/ticker.ts';
import { listDeadlinesOf } from '../../src/server/db/deadlines.repo.ts';
import { verifyAuditLog } from '../../src/server/services/audit.service.ts';
import {
  buildClock,
  buildTestApp,
  buildWorld,
  testPassword,
  type World,
} from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';
import type { Handover } from '../../src/shared/contract/handover.ts';
import {
  call,
  expectError,
  publishDuties,
  signIn,
  uploadFile,
  type Session,
  pngBytes,
} from '../support/http.ts';

// December is published with 早班 D (08:30–16:30 Shanghai, 00:30–08:30 UTC) for staff and
// staff2 on 1 December, and for staff2 alone on 2 December.
const month = '2026-12';
const png = pngBytes('evidence photo');
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

describe.each(testEngines)('going on duty, leaving the post and the duty log on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  let clock: ReturnType<typeof buildClock>;
  const people = ['staff', 'staff2', 'supervisor', 'director', 'outsider'] as const;
  const sessions = {} as Record<(typeof people)[number], Session>;
  let dutyUrl: string;
  let logUrl: string;
  let filesUrl: string;

  /** Moves the clock and signs everyone in again (sessions idle out after an hour in tests). */
  async function at(iso: string): Promise<void> {
    clock.set(new Date(iso));
    for (const name of people) sessions[name] = await signIn(app, name);
  }

  function upload(
    session: Session,
    bytes: Buffer,
    fileName: string,
    officeId = world.officeId,
  ): Promise<LightMyRequestResponse> {
    return uploadFile(app, session, officeId, bytes, fileName);
  }

  async function countRows(table: 'duty_log_entries' | 'attachments' | 'post_absences') {
    const row = await world.db.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    clock = buildClock();
    world = await buildWorld(engine, { clock });
    app = await buildTestApp(world);
    await at(clock.now().toISOString());
    dutyUrl = `/api/offices/${world.officeId}/duty`;
    logUrl = `/api/offices/${world.officeId}/duty-log`;
    filesUrl = `/api/offices/${world.officeId}/files`;
    const { staff, staff2 } = world.users;
    await publishDuties(app, sessions.supervisor, world.officeId, month, [
      { userId: staff, date: '2026-12-01', shiftCode: 'D' },
      { userId: staff2, date: '2026-12-01', shiftCode: 'D' },
      { userId: staff2, date: '2026-12-02', shiftCode: 'D' },
    ]);
  });
  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  it('refuses checking in for a shift that is not yours, or not yet open (HO-IN-1)', async () => {
    // 06:00 on 1 December: the 08:30 shift opens for check-in at 07:30
    await at('2026-11-30T22:00:00.000Z');
    const early = expectError(
      await call(app, sessions.staff, 'POST', `${dutyUrl}/check-in`, {}),
      422,
      'RULE_VIOLATION',
    );
    expect(early.rule).toBe('HO-IN-1');
    await at('2026-12-01T00:20:00.000Z');
    const notYours = expectError(
      await call(app, sessions.supervisor, 'POST', `${dutyUrl}/check-in`, {}),
      422,
    );
    expect(notYours.rule).toBe('HO-IN-1');
    expectError(
      await call(app, sessions.staff, 'POST', `${dutyUrl}/check-in`, { shiftCode: 'E' }),
      422,
    );
    const badPost = expectError(
      await call(app, sessions.staff, 'POST', `${dutyUrl}/check-in`, { postId: 'nope' }),
      400,
    );
    expect(badPost.details).toEqual([{ path: 'postId', message: expect.any(String) }]);
    expectError(
      await call(app, sessions.outsider, 'POST', `${dutyUrl}/check-in`, {}),
      403,
      'FORBIDDEN',
    );
  });

  it('checks in on time exactly at start − 5 min, and refuses a second check-in (409)', async () => {
    await at('2026-12-01T00:25:00.000Z');
    const response = await call(app, sessions.staff, 'POST', `${dutyUrl}/check-in`, {});
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<DutySession>()).toMatchObject({
      userId: world.users.staff,
      date: '2026-12-01',
      shiftCode: 'D',
      postName: '前台',
      lateMinutes: 0,
      checkedOutAt: null,
      absence: null,
    });
    const twice = expectError(
      await call(app, sessions.staff, 'POST', `${dutyUrl}/check-in`, {}),
      409,
      'CONFLICT',
    );
    expect(twice.rule).toBe('HO-IN-1');
  });

  it('lists who is on duty and who is expected, with minutes late so far; records lateness', async () => {
    await at('2026-12-01T00:40:00.000Z');
    const onDuty = (
      await call(app, sessions.supervisor, 'GET', `${dutyUrl}/on-duty`)
    ).json<OnDuty>();
    expect(onDuty.sessions.map((s) => s.userId)).toEqual([world.users.staff]);
    expect(onDuty.expected).toEqual([
      expect.objectContaining({ userId: world.users.staff2, shiftCode: 'D', minutesLate: 15 }),
    ]);
    expect(onDuty.mine).toEqual({ duty: null, session: null });
    const mine = (await call(app, sessions.staff2, 'GET', `${dutyUrl}/on-duty`)).json<OnDuty>();
    expect(mine.mine.duty).toMatchObject({ shiftCode: 'D', minutesLate: 15 });

    const late = await call(app, sessions.staff2, 'POST', `${dutyUrl}/check-in`, {
      date: '2026-12-01',
      shiftCode: 'D',
    });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json<DutySession>().lateMinutes).toBe(15);
    const after = (await call(app, sessions.staff2, 'GET', `${dutyUrl}/on-duty`)).json<OnDuty>();
    expect(after.expected).toEqual([]);
    expect(after.sessions).toHaveLength(2);
    expect(after.mine.session).toMatchObject({ userId: world.users.staff2, lateMinutes: 15 });
    expectError(await call(app, sessions.outsider, 'GET', `${dutyUrl}/on-duty`), 403);
  });

  it('records leaving the post and alerts the supervisor once when the absence runs long (DISC-1)', async () => {
    await at('2026-12-01T01:00:00.000Z');
    const noNote = expectError(
      await call(app, sessions.staff, 'POST', `${dutyUrl}/absences`, {
        reason: 'other',
        expectedMinutes: 10,
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(noNote.details)).toContain('body.note');
    expect(await countRows('post_absences')).toBe(0);
    const notOnDuty = expectError(
      await call(app, sessions.supervisor, 'POST', `${dutyUrl}/absences`, {
        reason: 'patrol',
        expectedMinutes: 10,
      }),
      422,
    );
    expect(notOnDuty.rule).toBe('DISC-1');

    const left = await call(app, sessions.staff, 'POST', `${dutyUrl}/absences`, {
      reason: 'patrol',
      expectedMinutes: 20,
    });
    expect(left.statusCode, left.body).toBe(201);
    const absence = left.json<PostAbsence>();
    expect(absence).toMatchObject({
      reason: 'patrol',
      leftAt: '2026-12-01T01:00:00.000Z',
      expectedBackAt: '2026-12-01T01:20:00.000Z',
      returnedAt: null,
    });
    expectError(
      await call(app, sessions.staff, 'POST', `${dutyUrl}/absences`, {
        reason: 'meal',
        expectedMinutes: 20,
      }),
      409,
    );
    const onDuty = (await call(app, sessions.staff2, 'GET', `${dutyUrl}/on-duty`)).json<OnDuty>();
    expect(onDuty.sessions.find((s) => s.userId === world.users.staff)?.absence?.id).toBe(
      absence.id,
    );

    // 29 minutes: not due yet (the office's default is 30)
    clock.set(new Date('2026-12-01T01:29:00.000Z'));
    expect(await runDueDeadlines(world.deps, deadlineHandlers)).toBe(0);
    clock.set(new Date('2026-12-01T01:31:00.000Z'));
    expect(await runDueDeadlines(world.deps, deadlineHandlers)).toBe(1);
    expect(await runDueDeadlines(world.deps, deadlineHandlers)).toBe(0);
    const [deadline] = await listDeadlinesOf(world.db.db, absence.id);
    expect(deadline).toMatchObject({ kind: 'absence.long', outcome: 'alerted' });

    await at('2026-12-01T01:32:00.000Z');
    const notes = (await call(app, sessions.supervisor, 'GET', '/api/me/notifications')).json<{
      notifications: { kind: string; payload: Record<string, unknown> }[];
    }>();
    const alerts = notes.notifications.filter((n) => n.kind === 'absence.long');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.payload).toMatchObject({
      userId: world.users.staff,
      displayName: 'staff',
      reason: 'patrol',
      since: '2026-12-01T01:00:00.000Z',
    });
    const staffNotes = (await call(app, sessions.staff2, 'GET', '/api/me/notifications')).json<{
      notifications: { kind: string }[];
    }>();
    expect(staffNotes.notifications.filter((n) => n.kind === 'absence.long')).toEqual([]);

    // checking out while away is refused; only the person away records the return
    expectError(await call(app, sessions.staff, 'POST', `${dutyUrl}/check-out`, {}), 409);
    expectError(
      await call(app, sessions.staff2, 'POST', `${dutyUrl}/absences/${absence.id}/return`),
      403,
    );
    const back = await call(
      app,
      sessions.staff,
      'POST',
      `${dutyUrl}/absences/${absence.id}/return`,
    );
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json<PostAbsence>().returnedAt).toBe('2026-12-01T01:32:00.000Z');
    expectError(
      await call(app, sessions.staff, 'POST', `${dutyUrl}/absences/${absence.id}/return`),
      409,
    );
  });

  it('does not alert when the person is back in time (DISC-1)', async () => {
    await at('2026-12-01T02:00:00.000Z');
    const left = await call(app, sessions.staff2, 'POST', `${dutyUrl}/absences`, {
      reason: 'other',
      note: '送快递到3号楼',
      expectedMinutes: 10,
    });
    expect(left.statusCode, left.body).toBe(201);
    const absence = left.json<PostAbsence>();
    await at('2026-12-01T02:12:00.000Z');
    expect(
      (await call(app, sessions.staff2, 'POST', `${dutyUrl}/absences/${absence.id}/return`))
        .statusCode,
    ).toBe(200);
    clock.set(new Date('2026-12-01T03:00:00.000Z'));
    expect(await runDueDeadlines(world.deps, deadlineHandlers)).toBe(0);
    const [deadline] = await listDeadlinesOf(world.db.db, absence.id);
    expect(deadline).toMatchObject({ outcome: 'returned' });
    await at('2026-12-01T03:00:00.000Z');
    const notes = (await call(app, sessions.supervisor, 'GET', '/api/me/notifications')).json<{
      notifications: { kind: string; payload: Record<string, unknown> }[];
    }>();
    expect(
      notes.notifications.filter((n) => n.kind === 'absence.long').map((n) => n.payload.userId),
    ).toEqual([world.users.staff]);
  });

  it('keeps evidence files: sniffed, size-limited, content-addressed, office-scoped', async () => {
    await at('2026-12-01T03:10:00.000Z');
    const first = await upload(sessions.staff, png, '巡查 照片.png');
    expect(first.statusCode, first.body).toBe(201);
    const stored = first.json<StoredFile>();
    expect(stored).toMatchObject({
      mediaType: 'image/png',
      size: png.length,
      fileName: '巡查 照片.png',
    });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = (await upload(sessions.staff2, png, 'same.png')).json<StoredFile>();
    expect(again.sha256).toBe(stored.sha256);

    const wrong = expectError(
      await upload(sessions.staff, Buffer.from('<html><script>alert(1)</script>'), 'x.png'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(wrong.message).toContain('HTML');
    const tooBig = Buffer.alloc(10 * 1024 * 1024 + 1, 0);
    png.copy(tooBig);
    const oversize = expectError(
      await upload(sessions.staff, tooBig, 'big.png'),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect(oversize.message).toContain('10 MiB');
    expectError(await upload(sessions.staff, Buffer.alloc(0), 'empty.png'), 400);
    expectError(await upload(sessions.outsider, png, 'x.png'), 403, 'FORBIDDEN');
    const badName = expectError(await upload(sessions.staff, png, 'a/b.png'), 400);
    expect(JSON.stringify(badName.details)).toContain('x-file-name');

    // the uploader reads it back; someone else of the office only once it is attached
    const own = await call(app, sessions.staff, 'GET', `${filesUrl}/${stored.sha256}`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(own.rawPayload.equals(png)).toBe(true);
    const pdfStored = (await upload(sessions.staff, pdf, '交接单.pdf')).json<StoredFile>();
    expectError(
      await call(app, sessions.supervisor, 'GET', `${filesUrl}/${pdfStored.sha256}`),
      404,
    );
    expectError(await call(app, sessions.outsider, 'GET', `${filesUrl}/${stored.sha256}`), 403);
    expectError(
      await call(
        app,
        sessions.outsider,
        'GET',
        `/api/offices/${world.otherOfficeId}/files/${stored.sha256}`,
      ),
      404,
    );
  });

  it('writes the duty log with evidence, corrects by a new entry, never edits (WORK-3, HO-OUT-2)', async () => {
    await at('2026-12-01T03:20:00.000Z');
    const pdfStored = (await upload(sessions.staff, pdf, '交接单.pdf')).json<StoredFile>();
    const written = await call(app, sessions.staff, 'POST', logUrl, {
      category: 'patrol',
      text: '花园巡查：东侧路灯不亮',
      attachments: [{ sha256: pdfStored.sha256, fileName: '巡查记录.pdf' }],
    });
    expect(written.statusCode, written.body).toBe(201);
    const entry = written.json<LogEntry>();
    expect(entry).toMatchObject({
      authorId: world.users.staff,
      authorName: 'staff',
      category: 'patrol',
      correctsId: null,
      correctedById: null,
      attachments: [
        { sha256: pdfStored.sha256, fileName: '巡查记录.pdf', mediaType: 'application/pdf' },
      ],
    });
    expect(entry.dutySessionId).not.toBeNull();
    // attached: the supervisor can read the file now, under the attached name
    const file = await call(app, sessions.supervisor, 'GET', `${filesUrl}/${pdfStored.sha256}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('巡查记录.pdf'));

    await at('2026-12-01T03:25:00.000Z');
    const correction = await call(app, sessions.staff, 'POST', logUrl, {
      category: 'patrol',
      text: '更正：是西侧路灯不亮',
      correctsId: entry.id,
    });
    expect(correction.statusCode, correction.body).toBe(201);
    const corrected = correction.json<LogEntry>();

    // a supervisor writes without a duty session, bound to the post
    clock.advance(60_000);
    const bySupervisor = await call(app, sessions.supervisor, 'POST', logUrl, {
      category: 'notice',
      text: '明天上午停水',
    });
    expect(bySupervisor.statusCode, bySupervisor.body).toBe(201);
    expect(bySupervisor.json<LogEntry>()).toMatchObject({
      dutySessionId: null,
      postId: entry.postId,
    });

    const log = (await call(app, sessions.staff2, 'GET', logUrl)).json<{ entries: LogEntry[] }>();
    expect(log.entries.map((e) => e.text)).toEqual([
      '明天上午停水',
      '更正：是西侧路灯不亮',
      '花园巡查：东侧路灯不亮',
    ]);
    expect(log.entries[2]).toMatchObject({ id: entry.id, correctedById: corrected.id });
    expect(log.entries[1]).toMatchObject({ correctsId: entry.id, correctedById: null });
    const limited = (
      await call(app, sessions.staff2, 'GET', `${logUrl}?limit=1&to=2026-12-01T03:25:00.000Z`)
    ).json<{ entries: LogEntry[] }>();
    expect(limited.entries.map((e) => e.id)).toEqual([entry.id]);

    // append-only: no route edits or removes an entry
    const logRoutes = app.registeredRoutes.filter((r) => r.url.includes('/duty-log'));
    expect(
      logRoutes
        .map((r) => r.method)
        .filter((m) => m !== 'HEAD')
        .sort(),
    ).toEqual(['GET', 'POST']);
    expectError(await call(app, sessions.supervisor, 'DELETE', `${logUrl}/${entry.id}`), 404);
    expectError(
      await call(app, sessions.supervisor, 'PUT', `${logUrl}/${entry.id}`, { text: 'x' }),
      404,
    );
  });

  it('refuses bad log input naming the field, and writes nothing', async () => {
    await at('2026-12-01T03:30:00.000Z');
    const entries = await countRows('duty_log_entries');
    const attachments = await countRows('attachments');
    const badCategory = expectError(
      await call(app, sessions.staff, 'POST', logUrl, { category: 'gossip', text: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(badCategory.details)).toContain('body.category');
    const emptyText = expectError(
      await call(app, sessions.staff, 'POST', logUrl, { category: 'other', text: '   ' }),
      400,
    );
    expect(JSON.stringify(emptyText.details)).toContain('body.text');
    const unknownFile = expectError(
      await call(app, sessions.staff, 'POST', logUrl, {
        category: 'incident',
        text: '电梯困人',
        attachments: [{ sha256: 'a'.repeat(64), fileName: 'x.jpg' }],
      }),
      422,
      'RULE_VIOLATION',
    );
    expect(unknownFile.details).toEqual([
      { path: 'attachments.0.sha256', message: 'no such uploaded file' },
    ]);
    const badCorrection = expectError(
      await call(app, sessions.staff, 'POST', logUrl, {
        category: 'other',
        text: 'x',
        correctsId: 'no-such-entry',
      }),
      400,
    );
    expect(badCorrection.details).toEqual([{ path: 'correctsId', message: expect.any(String) }]);
    expectError(
      await call(app, sessions.outsider, 'POST', logUrl, { category: 'other', text: 'x' }),
      403,
    );
    expectError(await call(app, sessions.outsider, 'GET', logUrl), 403);
    expect(await countRows('duty_log_entries')).toBe(entries);
    expect(await countRows('attachments')).toBe(attachments);
  });

  it('checks out only after handing over (HO-OUT-3), after which staff may not write the log (WORK-3)', async () => {
    await at('2026-12-01T08:40:00.000Z');
    const early = expectError(
      await call(app, sessions.staff, 'POST', `${dutyUrl}/check-out`, {}),
      422,
      'RULE_VIOLATION',
    );
    expect(early.rule).toBe('HO-OUT-3');
    // nobody starts after 08:30 on 1 December: the outgoing side signs alone (a gap)
    const handoversUrl = `/api/offices/${world.officeId}/handovers`;
    const opened = await call(app, sessions.staff, 'POST', handoversUrl, {});
    expect(opened.statusCode, opened.body).toBe(201);
    let version = opened.json<Handover>().version;
    for (const action of [
      { kind: 'tidy' },
      { kind: 'log-complete' },
      { kind: 'unfinished', items: [] },
      { kind: 'sign', side: 'outgoing', password: testPassword },
    ]) {
      const step = await call(
        app,
        sessions.staff,
        'POST',
        `${handoversUrl}/${opened.json<Handover>().id}/steps`,
        { version, action },
      );
      expect(step.statusCode, step.body).toBe(200);
      version = step.json<Handover>().version;
    }
    const out = await call(app, sessions.staff, 'POST', `${dutyUrl}/check-out`, {});
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json<DutySession>().checkedOutAt).toBe('2026-12-01T08:40:00.000Z');
    expectError(await call(app, sessions.staff, 'POST', `${dutyUrl}/check-out`, {}), 409);
    const refused = expectError(
      await call(app, sessions.staff, 'POST', logUrl, { category: 'other', text: '补记' }),
      422,
      'RULE_VIOLATION',
    );
    expect(refused.rule).toBe('WORK-3');
    expect((await verifyAuditLog(world.db.db)).problems).toEqual([]);
  });
  it('lets an emergency cover 顶班 check in for the shift taken over, not the person away (HO-IN-1)', async () => {
    await at('2026-12-01T09:00:00.000Z');
    const cover = await call(
      app,
      sessions.supervisor,
      'POST',
      `/api/offices/${world.officeId}/emergency-covers`,
      {
        date: '2026-12-02',
        shiftCode: 'D',
        absentUserId: world.users.staff2,
        substituteUserId: world.users.staff,
        reason: '刘洋发烧',
      },
    );
    expect(cover.statusCode, cover.body).toBe(201);
    await at('2026-12-02T00:10:00.000Z');
    const away = expectError(
      await call(app, sessions.staff2, 'POST', `${dutyUrl}/check-in`, {}),
      422,
    );
    expect(away.rule).toBe('HO-IN-1');
    const covering = await call(app, sessions.staff, 'POST', `${dutyUrl}/check-in`, {});
    expect(covering.statusCode, covering.body).toBe(201);
    expect(covering.json<DutySession>()).toMatchObject({ date: '2026-12-02', lateMinutes: 0 });
    // staff2 never checked out of 1 December: long after that shift, it no longer counts
    const stale = expectError(
      await call(app, sessions.staff2, 'POST', logUrl, { category: 'other', text: '补记' }),
      422,
    );
    expect(stale.rule).toBe('WORK-3');
    const onDuty = (
      await call(app, sessions.supervisor, 'GET', `${dutyUrl}/on-duty`)
    ).json<OnDuty>();
    expect(onDuty.sessions.map((s) => s.userId)).toEqual([world.users.staff]);
  });
});
