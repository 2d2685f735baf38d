import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type {
  CdrImportResult,
  logPhoneCallBodySchema,
  PhoneAnswerRate,
  PhoneCall,
  PhoneDay,
  PhoneWebhookEvent,
  phoneWebhookResultSchema,
  webhookSecretSchema,
  webhookSecretStatusSchema,
} from '../../shared/contract/phone.ts';
import { AppError, throwIfInvalid, type ErrorDetail } from '../../shared/errors.ts';
import type { Queryable, Tx } from '../db/database.ts';
import { findDeskSettings } from '../db/desk-settings.repo.ts';
import { findOffice, type OfficeRow } from '../db/org.repo.ts';
import {
  closePhoneCallback,
  fillPhoneCallAnswer,
  fillPhoneCallEnd,
  findPhoneWebhookSecret,
  insertPhoneCall,
  insertPhoneCallEvent,
  listExistingCallKeys,
  listPhoneCalls,
  savePhoneWebhookSecret,
  type PhoneCallRecord,
} from '../db/phone.repo.ts';
import { findUserByUsername, listOfficeMembers } from '../db/user.repo.ts';
import { addDays, instantToLocal, localToInstant } from '../domain/calendar/local-time.ts';
import { parseAsteriskCdr } from '../domain/desk/asterisk-cdr.ts';
import {
  answerRate,
  checkCallTimes,
  isMissedCall,
  measureCall,
} from '../domain/desk/phone-calls.ts';
import { recordAudit } from './audit.service.ts';
import { inTransaction, sha256Hex, type ServiceContext, type ServiceDeps } from './context.ts';
import { loadOfficeFor } from './offices.service.ts';

/**
 * Phone calls under PHONE-1 (answered within three rings): the quick manual log, the phone
 * system's signed webhook, the Asterisk CDR import, the day's answer rate, and the call-back
 * 回电 every missed call 未接来电 opens on the desk. Calls are filled once from what arrives
 * (answer, end, call-back) and never rewritten.
 */

export const webhookSignatureHeader = 'x-dutydesk-signature';

/** The phone system's clock may run a little ahead of ours; later than this is refused. */
const webhookClockSkewMs = 5 * 60_000;

function present(record: PhoneCallRecord, ringSeconds: number): PhoneCall {
  const measure = measureCall(record, ringSeconds);
  const missed = isMissedCall(record);
  return {
    id: record.id,
    officeId: record.officeId,
    source: record.source,
    line: record.line,
    caller: record.caller,
    ringStartedAt: record.ringStartedAt.toISOString(),
    answeredAt: record.answeredAt?.toISOString() ?? null,
    endedAt: record.endedAt?.toISOString() ?? null,
    answeredBy: record.answeredBy,
    answeredByName: record.answeredByName,
    ringCount: measure.ringCount,
    ringSeconds,
    withinThreeRings: measure.withinThreeRings,
    missed,
    callback: missed
      ? {
          doneAt: record.callbackDoneAt?.toISOString() ?? null,
          by: record.callbackBy,
          byName: record.callbackByName,
          note: record.callbackNote,
        }
      : null,
  };
}

async function ringSecondsOf(db: Queryable, officeId: string): Promise<number> {
  return (await findDeskSettings(db, officeId)).settings.ringSeconds;
}

/** The office-local day [start, end) as instants. */
function dayBounds(office: OfficeRow, localDate: string): { from: Date; to: Date } {
  return {
    from: localToInstant(localDate, '00:00', office.timeZone),
    to: localToInstant(addDays(localDate, 1), '00:00', office.timeZone),
  };
}

async function loadCall(
  ctx: ServiceDeps,
  office: OfficeRow,
  callId: string,
): Promise<PhoneCallRecord> {
  const [record] = await listPhoneCalls(ctx.db, { officeId: office.id, id: callId });
  if (record === undefined) throw new AppError('NOT_FOUND', 'no such phone call');
  return record;
}

function callDetails(
  problems: readonly { path: string; message: string }[],
  rename: Partial<Record<string, string>> = {},
): ErrorDetail[] {
  return problems.map((p) => ({ path: rename[p.path] ?? p.path, message: p.message }));
}

/**
 * Logs a call by hand (PHONE-1): ring start, answer (absent: missed), end, line, caller and who
 * answered (by default the person logging). Times must be in order and not in the future.
 */
export async function logPhoneCall(
  ctx: ServiceContext,
  officeId: string,
  body: z.infer<typeof logPhoneCallBodySchema>,
): Promise<PhoneCall> {
  const office = await loadOfficeFor(ctx, officeId, 'phone.log');
  const times = {
    ringStartedAt: new Date(body.ringStartedAt),
    answeredAt: body.answeredAt == null ? null : new Date(body.answeredAt),
    endedAt: new Date(body.endedAt),
  };
  const details = callDetails(checkCallTimes(times, ctx.clock.now()));
  let answeredBy: string | null = null;
  if (times.answeredAt === null) {
    if (body.answeredBy !== undefined) {
      details.push({ path: 'answeredBy', message: 'a missed call has nobody who answered' });
    }
  } else {
    answeredBy = body.answeredBy ?? ctx.actor.userId;
    const members = await listOfficeMembers(ctx.db, office.id);
    if (!members.some((m) => m.userId === answeredBy && m.active)) {
      details.push({ path: 'answeredBy', message: 'is not a member of this office' });
    }
  }
  throwIfInvalid(details, 'PHONE-1');
  const id = ctx.ids.newId();
  await inTransaction(ctx, async (tx) => {
    await insertPhoneCall(tx, {
      id,
      orgId: office.orgId,
      officeId: office.id,
      callKey: `manual:${id}`,
      line: body.line ?? null,
      caller: body.caller ?? null,
      ...times,
      answeredBy,
      source: 'manual',
      createdAt: ctx.clock.now(),
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'phone.call-logged',
      entityType: 'phone-call',
      entityId: id,
      payload: {
        officeId: office.id,
        source: 'manual',
        line: body.line ?? null,
        caller: body.caller ?? null,
        ringStartedAt: times.ringStartedAt.toISOString(),
        answeredAt: times.answeredAt?.toISOString() ?? null,
        endedAt: times.endedAt.toISOString(),
        answeredBy,
      },
    });
  });
  return present(await loadCall(ctx, office, id), await ringSecondsOf(ctx.db, office.id));
}

/** A day's calls with ring counts and the answer rate (today in the office's zone by default). */
export async function listPhoneDay(
  ctx: ServiceContext,
  officeId: string,
  query: { date?: string | undefined },
): Promise<PhoneDay> {
  const office = await loadOfficeFor(ctx, officeId, 'phone.log');
  const date = query.date ?? instantToLocal(ctx.clock.now(), office.timeZone).date;
  const [ringSeconds, records, open] = await Promise.all([
    ringSecondsOf(ctx.db, office.id),
    listPhoneCalls(ctx.db, { officeId: office.id, ...dayBounds(office, date) }),
    listPhoneCalls(ctx.db, { officeId: office.id, openCallbacksOnly: true }),
  ]);
  return {
    summary: { date, ringSeconds, ...answerRate(records, ringSeconds), openCallbacks: open.length },
    calls: records.map((r) => present(r, ringSeconds)),
  };
}

/** The missed calls still waiting for a call-back 回电, oldest first. */
export async function listPhoneCallbacks(
  ctx: ServiceContext,
  officeId: string,
): Promise<{ calls: PhoneCall[] }> {
  const office = await loadOfficeFor(ctx, officeId, 'phone.log');
  return { calls: await listOpenCallbacks(ctx.db, office.id) };
}

/**
 * Open call-backs of an office for the desk board (the caller has authorized): missed calls
 * without a call-back yet, oldest first.
 */
export async function listOpenCallbacks(db: Queryable, officeId: string): Promise<PhoneCall[]> {
  const [ringSeconds, records] = await Promise.all([
    ringSecondsOf(db, officeId),
    listPhoneCalls(db, { officeId, openCallbacksOnly: true }),
  ]);
  return records.map((r) => present(r, ringSeconds));
}

/**
 * A day's PHONE-1 figures for the desk board (the caller has authorized): calls, answered,
 * answered within three rings, missed, the rate, and the open call-backs.
 */
export async function phoneDaySummary(
  db: Queryable,
  officeId: string,
  localDate: string,
): Promise<PhoneAnswerRate> {
  const office = await findOffice(db, officeId);
  if (office === null) throw new AppError('NOT_FOUND', 'no such office');
  const [ringSeconds, records, open] = await Promise.all([
    ringSecondsOf(db, office.id),
    listPhoneCalls(db, { officeId: office.id, ...dayBounds(office, localDate) }),
    listPhoneCalls(db, { officeId: office.id, openCallbacksOnly: true }),
  ]);
  return {
    date: localDate,
    ringSeconds,
    ...answerRate(records, ringSeconds),
    openCallbacks: open.length,
  };
}

/** Closes a missed call's call-back with a note; once (a second close is 409). */
export async function completeCallback(
  ctx: ServiceContext,
  officeId: string,
  callId: string,
  body: { note: string },
): Promise<PhoneCall> {
  const office = await loadOfficeFor(ctx, officeId, 'phone.log');
  const record = await loadCall(ctx, office, callId);
  if (!isMissedCall(record)) {
    throw new AppError('RULE_VIOLATION', 'only a missed call has a call-back', {
      rule: 'PHONE-1',
      details: [{ path: 'callId', message: 'this call was not missed' }],
    });
  }
  await inTransaction(ctx, async (tx) => {
    const closed = await closePhoneCallback(tx, record.id, {
      by: ctx.actor.userId,
      at: ctx.clock.now(),
      note: body.note,
    });
    if (!closed) throw new AppError('CONFLICT', 'the call-back is already done');
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'phone.callback-done',
      entityType: 'phone-call',
      entityId: record.id,
      payload: { officeId: office.id, note: body.note },
    });
  });
  return present(await loadCall(ctx, office, record.id), await ringSecondsOf(ctx.db, office.id));
}

type SecretStatus = z.infer<typeof webhookSecretStatusSchema>;

function webhookUrl(officeId: string): string {
  return `/api/phone-webhook/${officeId}`;
}

/** Whether the office has a webhook secret, since when and from whom (never the secret). */
export async function getWebhookSecretStatus(
  ctx: ServiceContext,
  officeId: string,
): Promise<SecretStatus> {
  const office = await loadOfficeFor(ctx, officeId, 'phone.manage');
  const secret = await findPhoneWebhookSecret(ctx.db, office.id);
  return {
    configured: secret !== null,
    createdAt: secret?.createdAt.toISOString() ?? null,
    createdByName: secret?.createdByName ?? null,
    url: webhookUrl(office.id),
    signatureHeader: webhookSignatureHeader,
  };
}

/**
 * Creates or replaces the office's webhook secret and returns it this once. The audit event
 * records the rotation, never the secret.
 */
export async function rotateWebhookSecret(
  ctx: ServiceContext,
  officeId: string,
): Promise<z.infer<typeof webhookSecretSchema>> {
  const office = await loadOfficeFor(ctx, officeId, 'phone.manage');
  const secret = ctx.ids.newToken();
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    const before = await findPhoneWebhookSecret(tx, office.id);
    await savePhoneWebhookSecret(tx, {
      officeId: office.id,
      orgId: office.orgId,
      secret,
      createdAt: now,
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx.clock, {
      orgId: office.orgId,
      actorUserId: ctx.actor.userId,
      action: 'phone.webhook-secret-rotated',
      entityType: 'office',
      entityId: office.id,
      payload: { officeId: office.id, replaced: before !== null },
    });
  });
  return { ...(await getWebhookSecretStatus(ctx, office.id)), secret };
}

/** `sha256=<hex HMAC-SHA256 of the body>` with the office's secret, as the phone system sends it. */
export function signWebhookBody(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Checks the webhook signature against the office's secret in constant time. A missing or bad
 * signature, an office without a secret and an unknown office all get the same 401.
 */
export async function verifyWebhookSignature(
  deps: ServiceDeps,
  officeId: string,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<void> {
  const refuse = () =>
    new AppError('WEBHOOK_SIGNATURE_INVALID', `sign the body in ${webhookSignatureHeader}`, {
      rule: 'PHONE-1',
    });
  const given = /^sha256=([0-9a-f]{64})$/i.exec(signature?.trim() ?? '')?.[1];
  if (given === undefined) throw refuse();
  const secret = await findPhoneWebhookSecret(deps.db, officeId);
  if (secret === null) throw refuse();
  const expected = createHmac('sha256', secret.secret).update(rawBody).digest();
  const sent = Buffer.from(given, 'hex');
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) throw refuse();
}

/**
 * One event of the phone system (the signature already checked): the call is created by its
 * ringing event and filled once by answered and ended; the same call id and event again
 * changes nothing. An answer or end before the call's ringing is refused (409) and not kept,
 * so the phone system's retry counts it once the ring start is known.
 */
export async function receivePhoneWebhook(
  deps: ServiceDeps,
  officeId: string,
  event: PhoneWebhookEvent,
): Promise<z.infer<typeof phoneWebhookResultSchema>> {
  const office = await findOffice(deps.db, officeId);
  if (office === null) throw new AppError('NOT_FOUND', 'no such office');
  const at = new Date(event.at);
  const now = deps.clock.now();
  if (at.getTime() > now.getTime() + webhookClockSkewMs) {
    throwIfInvalid([{ path: 'at', message: 'is in the future' }], 'PHONE-1');
  }
  let answeredBy: string | null = null;
  let unknownAnsweredBy = false;
  if (event.event === 'answered' && event.answeredBy !== undefined) {
    const user = await findUserByUsername(deps.db, event.answeredBy);
    const members = user === null ? [] : await listOfficeMembers(deps.db, office.id);
    answeredBy = members.some((m) => m.userId === user?.id) ? (user?.id ?? null) : null;
    unknownAnsweredBy = answeredBy === null;
  }
  const callKey = `webhook:${event.callId}`;
  return inTransaction(deps, async (tx) => {
    const fresh = await insertPhoneCallEvent(tx, {
      orgId: office.orgId,
      officeId: office.id,
      callKey,
      event: event.event,
      at,
      receivedAt: now,
    });
    const [existing] = await listPhoneCalls(tx, { officeId: office.id, callKey });
    if (!fresh) {
      return { ok: true, duplicate: true, phoneCallId: existing?.id ?? null, unknownAnsweredBy };
    }
    let call = existing;
    if (call === undefined && event.event !== 'ringing') {
      // the ring start is what PHONE-1 measures from: without it the call cannot be counted,
      // so the phone system is asked to send it first (or retry this event later)
      throw new AppError('CONFLICT', 'the ringing event of this call has not arrived yet', {
        rule: 'PHONE-1',
        details: [{ path: 'event', message: 'send the ringing event of this call first' }],
      });
    }
    if (call === undefined) {
      const id = deps.ids.newId();
      await insertPhoneCall(tx, {
        id,
        orgId: office.orgId,
        officeId: office.id,
        callKey,
        line: event.line ?? null,
        caller: event.caller ?? null,
        ringStartedAt: at,
        answeredAt: null,
        endedAt: null,
        answeredBy: null,
        source: 'webhook',
        createdAt: now,
        createdBy: null,
      });
      [call] = await listPhoneCalls(tx, { officeId: office.id, callKey });
      if (call === undefined) throw new AppError('INTERNAL', 'the call was not stored');
    }
    await applyWebhookEvent(tx, call, event.event, at, answeredBy);
    await recordAudit(tx, deps.clock, {
      orgId: office.orgId,
      actorUserId: null,
      action: `phone.webhook-${event.event}`,
      entityType: 'phone-call',
      entityId: call.id,
      payload: {
        officeId: office.id,
        callId: event.callId,
        at: at.toISOString(),
        line: event.line ?? null,
        caller: event.caller ?? null,
        answeredBy,
      },
    });
    return { ok: true, duplicate: false, phoneCallId: call.id, unknownAnsweredBy };
  });
}

/** The latest instant a Date holds: the event's time was already checked against the clock. */
const latestInstant = new Date(8.64e15);

async function applyWebhookEvent(
  tx: Tx,
  call: PhoneCallRecord,
  kind: PhoneWebhookEvent['event'],
  at: Date,
  answeredBy: string | null,
): Promise<void> {
  switch (kind) {
    case 'ringing':
      // the call was created by this event, or an earlier one already started it
      return;
    case 'answered': {
      const problems = checkCallTimes(
        { ringStartedAt: call.ringStartedAt, answeredAt: at, endedAt: call.endedAt },
        latestInstant,
      );
      throwIfInvalid(callDetails(problems, { answeredAt: 'at', endedAt: 'at' }), 'PHONE-1');
      await fillPhoneCallAnswer(tx, call.id, at, answeredBy);
      return;
    }
    case 'ended': {
      const problems = checkCallTimes(
        { ringStartedAt: call.ringStartedAt, answeredAt: call.answeredAt, endedAt: at },
        latestInstant,
      );
      throwIfInvalid(callDetails(problems, { endedAt: 'at' }), 'PHONE-1');
      await fillPhoneCallEnd(tx, call.id, at);
      return;
    }
  }
}

/**
 * Imports an Asterisk Master.csv (PHONE-1): bad lines are reported by number with the reason
 * and the rest are imported; a call already imported (same uniqueid, or the same line when
 * the PBX writes none) is skipped, so importing a file twice imports nothing new.
 */
export async function importAsteriskCdr(
  ctx: ServiceContext,
  officeId: string,
  csv: string,
): Promise<CdrImportResult> {
  const office = await loadOfficeFor(ctx, officeId, 'phone.manage');
  const parsed = parseAsteriskCdr(csv, office.timeZone);
  const problems = parsed.problems.map((p) => ({ line: p.lineNumber, reason: p.message }));
  const now = ctx.clock.now();
  const good = parsed.calls.filter((call) => {
    const [problem] = checkCallTimes(call, now);
    if (problem !== undefined) {
      problems.push({ line: call.lineNumber, reason: `${problem.path} ${problem.message}` });
    }
    return problem === undefined;
  });
  problems.sort((a, b) => a.line - b.line);
  const keyed = good.map((call) => ({
    call,
    key: call.uniqueId === null ? `cdr-line:${sha256Hex(call.identity)}` : `cdr:${call.uniqueId}`,
  }));
  const lines = csv.split('\n').filter((l) => l.trim() !== '').length;
  const result = await inTransaction(ctx, async (tx) => {
    const existing = await listExistingCallKeys(
      tx,
      office.id,
      keyed.map((k) => k.key),
    );
    let imported = 0;
    for (const { call, key } of keyed) {
      if (existing.has(key)) continue;
      const inserted = await insertPhoneCall(tx, {
        id: ctx.ids.newId(),
        orgId: office.orgId,
        officeId: office.id,
        callKey: key,
        line: call.line,
        caller: call.caller,
        ringStartedAt: call.ringStartedAt,
        answeredAt: call.answeredAt,
        endedAt: call.endedAt,
        answeredBy: null,
        source: 'cdr',
        createdAt: now,
        createdBy: ctx.actor.userId,
      });
      if (inserted) imported += 1;
    }
    if (imported > 0) {
      await recordAudit(tx, ctx.clock, {
        orgId: office.orgId,
        actorUserId: ctx.actor.userId,
        action: 'phone.cdr-imported',
        entityType: 'office',
        entityId: office.id,
        payload: {
          officeId: office.id,
          imported,
          alreadyImported: keyed.length - imported,
          badLines: problems.map((p) => p.line),
        },
      });
    }
    return { imported, alreadyImported: keyed.length - imported };
  });
  return { lines, ...result, problems };
}
