import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { CdrImportResult, PhoneCall, PhoneDay } from '../../src/shared/contract/phone.ts';
import { buildCdrLine } from '../../src/server/domain/desk/cdr-fixtures.ts';
import { signWebhookBody } from '../../src/server/services/phone.service.ts';
import { verifyAuditLog } from '../../src/server/services/audit.service.ts';
import { buildClock, buildTestApp, buildWorld, type World } from '../support/factories.ts';
import { testEngines } from '../support/databases.ts';
import { call, expectError, signIn, type Session } from '../support/http.ts';

// The clock stands at 2026-11-27 09:00 Shanghai (01:00 UTC); calls are logged that morning.
const at = (hhmmss: string) => new Date(`2026-11-27T${hhmmss}+08:00`).toISOString();

describe.each(testEngines)('phone calls (PHONE-1) on %s', (engine) => {
  let world: World;
  let app: FastifyInstance;
  let supervisor: Session;
  let staff: Session;
  let outsider: Session;
  let callsUrl: string;
  let webhookUrl: string;
  let secret: string;

  async function day(): Promise<PhoneDay> {
    const response = await call(app, staff, 'GET', callsUrl);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<PhoneDay>();
  }

  async function countRows(table: 'phone_calls' | 'phone_call_events'): Promise<number> {
    const row = await world.db.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  function postWebhook(body: unknown, signature: string | null, officeId = world.officeId) {
    const payload = JSON.stringify(body);
    return app.inject({
      method: 'POST',
      url: `/api/phone-webhook/${officeId}`,
      headers: {
        'content-type': 'application/json',
        ...(signature === null ? {} : { 'x-dutydesk-signature': signature }),
      },
      payload,
    });
  }

  beforeAll(async () => {
    world = await buildWorld(engine, { clock: buildClock() });
    app = await buildTestApp(world);
    supervisor = await signIn(app, 'supervisor');
    staff = await signIn(app, 'staff');
    outsider = await signIn(app, 'outsider');
    callsUrl = `/api/offices/${world.officeId}/phone-calls`;
    webhookUrl = `/api/phone-webhook/${world.officeId}`;
  });
  afterAll(async () => {
    await app.close();
    await world.db.drop();
  });

  it('logs a call by hand with its ring count and within-three flag (PHONE-1)', async () => {
    const logged = await call(app, staff, 'POST', callsUrl, {
      ringStartedAt: at('08:00:00'),
      answeredAt: at('08:00:15'),
      endedAt: at('08:02:00'),
      line: '8001',
      caller: '13900000000',
    });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(logged.json<PhoneCall>()).toMatchObject({
      source: 'manual',
      ringCount: 3,
      ringSeconds: 5,
      withinThreeRings: true,
      missed: false,
      answeredBy: world.users.staff,
      answeredByName: 'staff',
      callback: null,
    });
    const late = await call(app, staff, 'POST', callsUrl, {
      ringStartedAt: at('08:10:00'),
      answeredAt: new Date(new Date(at('08:10:15')).getTime() + 1).toISOString(),
      endedAt: at('08:11:00'),
      answeredBy: world.users.staff2,
    });
    expect(late.json<PhoneCall>()).toMatchObject({
      ringCount: 4,
      withinThreeRings: false,
      answeredByName: 'staff2',
    });
  });

  it('names the field of bad input: order of times, the future, a stranger answering (PHONE-1)', async () => {
    const disordered = expectError(
      await call(app, staff, 'POST', callsUrl, {
        ringStartedAt: at('08:30:00'),
        answeredAt: at('08:29:00'),
        endedAt: at('08:28:00'),
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(disordered.rule).toBe('PHONE-1');
    expect((disordered.details as { path: string }[]).map((d) => d.path)).toEqual([
      'answeredAt',
      'endedAt',
    ]);
    const future = expectError(
      await call(app, staff, 'POST', callsUrl, {
        ringStartedAt: at('08:59:00'),
        endedAt: at('09:00:01'),
      }),
      400,
    );
    expect(future.details).toEqual([{ path: 'endedAt', message: 'is in the future' }]);
    const stranger = expectError(
      await call(app, staff, 'POST', callsUrl, {
        ringStartedAt: at('08:40:00'),
        answeredAt: at('08:40:02'),
        endedAt: at('08:41:00'),
        answeredBy: world.users.outsider,
      }),
      400,
    );
    expect(stranger.details).toEqual([
      { path: 'answeredBy', message: 'is not a member of this office' },
    ]);
    const schema = expectError(
      await call(app, staff, 'POST', callsUrl, { ringStartedAt: 'yesterday', endedAt: 5 }),
      400,
      'VALIDATION_FAILED',
    );
    expect((schema.details as { path: string }[]).map((d) => d.path)).toEqual(
      expect.arrayContaining(['body.ringStartedAt', 'body.endedAt']),
    );
    expect((await day()).calls).toHaveLength(2);
  });

  it('refuses staff of another office (403) and hides another organization (404)', async () => {
    expectError(await call(app, outsider, 'GET', callsUrl), 403, 'FORBIDDEN');
    expectError(
      await call(app, outsider, 'POST', callsUrl, {
        ringStartedAt: at('08:00:00'),
        endedAt: at('08:01:00'),
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await call(app, staff, 'GET', `/api/offices/${world.otherOrg.officeId}/phone-calls`),
      404,
    );
    // the webhook secret and the CDR import are the supervisor's
    expectError(
      await call(app, staff, 'POST', `/api/offices/${world.officeId}/phone-webhook-secret`),
      403,
    );
    expectError(await call(app, staff, 'POST', `${callsUrl}/cdr-import`, { csv: 'x' }), 403);
  });

  it('refuses the webhook without a secret, with no or a bad signature: 401 and nothing changes', async () => {
    const event = { callId: 'pbx-1', event: 'ringing', at: at('08:20:00'), caller: '13700000000' };
    expectError(await postWebhook(event, signWebhookBody('guess', JSON.stringify(event))), 401);
    const rotated = await call(
      app,
      supervisor,
      'POST',
      `/api/offices/${world.officeId}/phone-webhook-secret`,
    );
    expect(rotated.statusCode, rotated.body).toBe(200);
    const body = rotated.json<{ secret: string; url: string; signatureHeader: string }>();
    expect(body).toMatchObject({ url: webhookUrl, signatureHeader: 'x-dutydesk-signature' });
    secret = body.secret;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const status = await call(
      app,
      supervisor,
      'GET',
      `/api/offices/${world.officeId}/phone-webhook-secret`,
    );
    expect(status.json()).toMatchObject({ configured: true, createdByName: 'supervisor' });
    expect(status.body).not.toContain(secret);

    const before = [await countRows('phone_calls'), await countRows('phone_call_events')];
    const missing = expectError(await postWebhook(event, null), 401, 'WEBHOOK_SIGNATURE_INVALID');
    expect(missing.rule).toBe('PHONE-1');
    expectError(
      await postWebhook(event, signWebhookBody('wrong secret', JSON.stringify(event))),
      401,
    );
    // signed for another body: the signature covers the exact bytes
    expectError(
      await postWebhook(event, signWebhookBody(secret, JSON.stringify({ ...event, callId: 'x' }))),
      401,
    );
    expectError(await postWebhook(event, 'sha256=zz'), 401);
    // an invalid body is refused before validation when unsigned, so nothing is learned
    expectError(await postWebhook({ nonsense: true }, null), 401);
    expect([await countRows('phone_calls'), await countRows('phone_call_events')]).toEqual(before);
    // the audit records the rotation, never the secret
    const audit = await world.db.db
      .selectFrom('audit_events')
      .select(['action', 'payload'])
      .where('action', '=', 'phone.webhook-secret-rotated')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('builds one call from ringing → answered → ended, and a replay changes nothing (PHONE-1)', async () => {
    const events = [
      {
        callId: 'pbx-1',
        event: 'ringing',
        at: at('08:20:00'),
        line: '8001',
        caller: '13700000000',
      },
      { callId: 'pbx-1', event: 'answered', at: at('08:20:07'), answeredBy: 'staff2' },
      { callId: 'pbx-1', event: 'ended', at: at('08:23:00') },
    ];
    for (const event of events) {
      const response = await postWebhook(event, signWebhookBody(secret, JSON.stringify(event)));
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        ok: true,
        duplicate: false,
        unknownAnsweredBy: false,
      });
    }
    const built = (await day()).calls.filter((c) => c.source === 'webhook');
    expect(built).toHaveLength(1);
    expect(built[0]).toMatchObject({
      line: '8001',
      caller: '13700000000',
      ringStartedAt: at('08:20:00'),
      answeredAt: at('08:20:07'),
      endedAt: at('08:23:00'),
      answeredByName: 'staff2',
      ringCount: 2,
      withinThreeRings: true,
    });

    const before = [
      await countRows('phone_calls'),
      await countRows('phone_call_events'),
      (await verifyAuditLog(world.db.db, [world.orgId])).events,
    ];
    // the same answered event again, even with another time, changes nothing
    const replay = { ...events[1], at: at('08:20:30') };
    const again = await postWebhook(replay, signWebhookBody(secret, JSON.stringify(replay)));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true, phoneCallId: built[0]!.id });
    expect([
      await countRows('phone_calls'),
      await countRows('phone_call_events'),
      (await verifyAuditLog(world.db.db, [world.orgId])).events,
    ]).toEqual(before);
    expect((await day()).calls.find((c) => c.id === built[0]!.id)).toEqual(built[0]);
  });

  it('waits for the ringing event, and keeps an answer by someone outside the office without a person (PHONE-1)', async () => {
    // an answer before its ringing is refused and not kept: the ring start is not known yet
    const early = { callId: 'pbx-9', event: 'answered', at: at('08:40:03') };
    const before = await countRows('phone_call_events');
    const refused = expectError(
      await postWebhook(early, signWebhookBody(secret, JSON.stringify(early))),
      409,
      'CONFLICT',
    );
    expect(refused.rule).toBe('PHONE-1');
    expect(await countRows('phone_call_events')).toBe(before);
    const events = [
      { callId: 'pbx-9', event: 'ringing', at: at('08:40:00') },
      { callId: 'pbx-9', event: 'answered', at: at('08:40:03'), answeredBy: 'outsider' },
    ];
    const answers = [];
    for (const event of events) {
      answers.push(await postWebhook(event, signWebhookBody(secret, JSON.stringify(event))));
    }
    expect(answers[1]!.json()).toMatchObject({ duplicate: false, unknownAnsweredBy: true });
    const answered = (await day()).calls.find((c) => c.ringStartedAt === at('08:40:00'));
    expect(answered).toMatchObject({ answeredBy: null, ringCount: 1, withinThreeRings: true });
  });

  it('names the field of a bad signed event and refuses an end before the ring (PHONE-1)', async () => {
    const bad = { callId: 'pbx-2', event: 'hung-up', at: 'now' };
    const refused = expectError(
      await postWebhook(bad, signWebhookBody(secret, JSON.stringify(bad))),
      400,
      'VALIDATION_FAILED',
    );
    expect((refused.details as { path: string }[]).map((d) => d.path)).toEqual(
      expect.arrayContaining(['body.event', 'body.at']),
    );
    const ring = { callId: 'pbx-3', event: 'ringing', at: at('08:30:00') };
    expect(
      (await postWebhook(ring, signWebhookBody(secret, JSON.stringify(ring)))).statusCode,
    ).toBe(200);
    const early = { callId: 'pbx-3', event: 'ended', at: at('08:29:00') };
    const before = await countRows('phone_call_events');
    expect(
      expectError(await postWebhook(early, signWebhookBody(secret, JSON.stringify(early))), 400)
        .details,
    ).toEqual([{ path: 'at', message: 'is before the ring started' }]);
    expect(await countRows('phone_call_events')).toBe(before);
  });

  it('opens a call-back for a missed call, closed once with a note (PHONE-1)', async () => {
    const ended = { callId: 'pbx-3', event: 'ended', at: at('08:30:22') };
    expect(
      (await postWebhook(ended, signWebhookBody(secret, JSON.stringify(ended)))).statusCode,
    ).toBe(200);
    const open = await call(app, staff, 'GET', `/api/offices/${world.officeId}/phone-callbacks`);
    expect(open.statusCode, open.body).toBe(200);
    const [missed] = open.json<{ calls: PhoneCall[] }>().calls;
    expect(missed).toMatchObject({
      missed: true,
      ringCount: 5,
      withinThreeRings: false,
      callback: { doneAt: null },
    });
    expect((await day()).summary).toMatchObject({ missed: 1, openCallbacks: 1 });

    expectError(
      await call(app, staff, 'POST', `${callsUrl}/${missed!.id}/callback`, { note: '' }),
      400,
    );
    expectError(
      await call(app, outsider, 'POST', `${callsUrl}/${missed!.id}/callback`, { note: 'x' }),
      403,
    );
    const done = await call(app, staff, 'POST', `${callsUrl}/${missed!.id}/callback`, {
      note: '已回电，住户咨询停车费',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<PhoneCall>().callback).toMatchObject({
      byName: 'staff',
      note: '已回电，住户咨询停车费',
    });
    expectError(
      await call(app, staff, 'POST', `${callsUrl}/${missed!.id}/callback`, { note: 'again' }),
      409,
      'CONFLICT',
    );
    const answered = (await day()).calls.find((c) => !c.missed)!;
    expectError(
      await call(app, staff, 'POST', `${callsUrl}/${answered.id}/callback`, { note: 'x' }),
      422,
      'RULE_VIOLATION',
    );
    expect(
      (await call(app, staff, 'GET', `/api/offices/${world.officeId}/phone-callbacks`)).json(),
    ).toEqual({ calls: [] });
  });

  it('imports an Asterisk CDR: bad lines by number, the rest once (PHONE-1)', async () => {
    const csv = [
      buildCdrLine({}),
      buildCdrLine({
        disposition: 'NO ANSWER',
        answer: '',
        uniqueid: '',
        start: '2026-11-27 07:10:00',
        end: '2026-11-27 07:10:30',
      }),
      buildCdrLine({ start: 'not a time', uniqueid: '1764198000.3' }),
      '"broken',
      buildCdrLine({
        start: '2026-11-27 10:00:00',
        answer: '2026-11-27 10:00:01',
        end: '2026-11-27 10:01:00',
        uniqueid: '1764198000.5',
      }),
      buildCdrLine({
        uniqueid: '1764198000.6',
        disposition: 'BUSY',
        answer: '2026-11-27 07:00:00',
        start: '2026-11-27 07:00:00',
      }),
    ].join('\n');
    const response = await app.inject({
      method: 'POST',
      url: `${callsUrl}/cdr-import`,
      headers: {
        cookie: supervisor.cookie,
        'x-csrf-token': supervisor.csrfToken,
        'content-type': 'text/csv',
      },
      payload: csv,
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json<CdrImportResult>();
    expect(result).toMatchObject({ lines: 6, imported: 3, alreadyImported: 0 });
    expect(result.problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(result.problems[2]!.reason).toContain('future');

    const again = await call(app, supervisor, 'POST', `${callsUrl}/cdr-import`, { csv });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ imported: 0, alreadyImported: 3 });

    const cdrCalls = (await day()).calls.filter((c) => c.source === 'cdr');
    expect(
      cdrCalls
        .map((c) => [c.ringCount, c.withinThreeRings, c.missed])
        .sort((a, b) => Number(a[0]) - Number(b[0])),
    ).toEqual([
      [3, true, false],
      [6, false, true],
      // BUSY with answer = start is not answered; it rang until its end two minutes later
      [24, false, true],
    ]);
    const { summary } = await day();
    expect(summary).toMatchObject({ date: '2026-11-27', calls: 8, missed: 3, withinThreeRings: 4 });
    expect(summary.rate).toBeCloseTo(4 / 8);
    expect(summary.openCallbacks).toBe(2);
    expect((await verifyAuditLog(world.db.db, [world.orgId])).problems).toEqual([]);
  });

  it('keeps the 1 MiB limit on JSON routes and a larger one for the CDR import only', async () => {
    const big = `${buildCdrLine({ uniqueid: 'big.1' })}\n${' '.repeat(1_100_000)}\n`;
    const imported = await call(app, supervisor, 'POST', `${callsUrl}/cdr-import`, { csv: big });
    expect(imported.statusCode, imported.body).toBe(200);
    expectError(
      await call(app, staff, 'POST', callsUrl, {
        ringStartedAt: at('08:00:00'),
        endedAt: at('08:01:00'),
        caller: 'x'.repeat(1_100_000),
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    // text/csv is taken by the import only; the other routes still take JSON alone
    const csvElsewhere = await app.inject({
      method: 'POST',
      url: callsUrl,
      headers: {
        cookie: staff.cookie,
        'x-csrf-token': staff.csrfToken,
        'content-type': 'text/csv',
      },
      payload: 'a,b',
    });
    expectError(csvElsewhere, 415);
  });
});
