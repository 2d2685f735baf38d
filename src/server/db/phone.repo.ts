import type { Queryable } from './database.ts';
import { readInstant, readInstantOrNull, writeInstant } from './values.ts';

export type PhoneCallSource = 'manual' | 'webhook' | 'cdr';
export type PhoneCallEventKind = 'ringing' | 'answered' | 'ended';

export type PhoneCallRecord = {
  id: string;
  orgId: string;
  officeId: string;
  callKey: string;
  line: string | null;
  caller: string | null;
  ringStartedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  answeredBy: string | null;
  answeredByName: string | null;
  source: PhoneCallSource;
  createdAt: Date;
  createdBy: string | null;
  callbackDoneAt: Date | null;
  callbackBy: string | null;
  callbackByName: string | null;
  callbackNote: string | null;
};

/** A call as first stored; the answer, end and call-back are filled once later. */
export type NewPhoneCall = Omit<
  PhoneCallRecord,
  'answeredByName' | 'callbackDoneAt' | 'callbackBy' | 'callbackByName' | 'callbackNote'
>;

/**
 * Inserts a call unless the office already has one with this key; true when inserted. The
 * unique (office_id, call_key) makes a second import or a racing webhook a no-op.
 */
export async function insertPhoneCall(db: Queryable, call: NewPhoneCall): Promise<boolean> {
  const result = await db
    .insertInto('phone_calls')
    .values({
      id: call.id,
      org_id: call.orgId,
      office_id: call.officeId,
      call_key: call.callKey,
      line: call.line,
      caller: call.caller,
      ring_started_at: writeInstant(call.ringStartedAt),
      answered_at: call.answeredAt === null ? null : writeInstant(call.answeredAt),
      ended_at: call.endedAt === null ? null : writeInstant(call.endedAt),
      answered_by: call.answeredBy,
      source: call.source,
      created_at: writeInstant(call.createdAt),
      created_by: call.createdBy,
    })
    .onConflict((oc) => oc.columns(['office_id', 'call_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Records a webhook event once; false when this call id and event were received before. */
export async function insertPhoneCallEvent(
  db: Queryable,
  event: {
    orgId: string;
    officeId: string;
    callKey: string;
    event: PhoneCallEventKind;
    at: Date;
    receivedAt: Date;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('phone_call_events')
    .values({
      org_id: event.orgId,
      office_id: event.officeId,
      call_key: event.callKey,
      event: event.event,
      at: writeInstant(event.at),
      received_at: writeInstant(event.receivedAt),
    })
    .onConflict((oc) => oc.columns(['office_id', 'call_key', 'event']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Fills the answer once: a call already answered keeps its first answer. */
export async function fillPhoneCallAnswer(
  db: Queryable,
  callId: string,
  answeredAt: Date,
  answeredBy: string | null,
): Promise<boolean> {
  const result = await db
    .updateTable('phone_calls')
    .set({ answered_at: writeInstant(answeredAt), answered_by: answeredBy })
    .where('id', '=', callId)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Fills the end once. */
export async function fillPhoneCallEnd(
  db: Queryable,
  callId: string,
  endedAt: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('phone_calls')
    .set({ ended_at: writeInstant(endedAt) })
    .where('id', '=', callId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Closes a missed call's call-back once; false when it is not open (done, or not missed). */
export async function closePhoneCallback(
  db: Queryable,
  callId: string,
  done: { by: string; at: Date; note: string },
): Promise<boolean> {
  const result = await db
    .updateTable('phone_calls')
    .set({
      callback_done_at: writeInstant(done.at),
      callback_by: done.by,
      callback_note: done.note,
    })
    .where('id', '=', callId)
    .where('answered_at', 'is', null)
    .where('ended_at', 'is not', null)
    .where('callback_done_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type PhoneCallFilter = {
  officeId: string;
  id?: string;
  callKey?: string;
  /** ring start in [from, to) */
  from?: Date;
  to?: Date;
  openCallbacksOnly?: boolean;
};

/** Calls of an office, oldest ring first, with the names of who answered and called back. */
export async function listPhoneCalls(
  db: Queryable,
  filter: PhoneCallFilter,
): Promise<PhoneCallRecord[]> {
  let query = db
    .selectFrom('phone_calls as c')
    .leftJoin('users as a', 'a.id', 'c.answered_by')
    .leftJoin('users as b', 'b.id', 'c.callback_by')
    .selectAll('c')
    .select(['a.display_name as answered_by_name', 'b.display_name as callback_by_name'])
    .where('c.office_id', '=', filter.officeId);
  if (filter.id !== undefined) query = query.where('c.id', '=', filter.id);
  if (filter.callKey !== undefined) query = query.where('c.call_key', '=', filter.callKey);
  if (filter.from !== undefined) {
    query = query.where('c.ring_started_at', '>=', writeInstant(filter.from));
  }
  if (filter.to !== undefined)
    query = query.where('c.ring_started_at', '<', writeInstant(filter.to));
  if (filter.openCallbacksOnly === true) {
    query = query
      .where('c.answered_at', 'is', null)
      .where('c.ended_at', 'is not', null)
      .where('c.callback_done_at', 'is', null);
  }
  const rows = await query.orderBy('c.ring_started_at').orderBy('c.id').limit(2000).execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    officeId: r.office_id,
    callKey: r.call_key,
    line: r.line,
    caller: r.caller,
    ringStartedAt: readInstant(r.ring_started_at),
    answeredAt: readInstantOrNull(r.answered_at),
    endedAt: readInstantOrNull(r.ended_at),
    answeredBy: r.answered_by,
    answeredByName: r.answered_by_name,
    source: r.source as PhoneCallSource,
    createdAt: readInstant(r.created_at),
    createdBy: r.created_by,
    callbackDoneAt: readInstantOrNull(r.callback_done_at),
    callbackBy: r.callback_by,
    callbackByName: r.callback_by_name,
    callbackNote: r.callback_note,
  }));
}

/** The keys among `keys` the office already has calls for (a CDR file imported again). */
export async function listExistingCallKeys(
  db: Queryable,
  officeId: string,
  keys: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('phone_calls')
      .select('call_key')
      .where('office_id', '=', officeId)
      .where('call_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const row of rows) found.add(row.call_key);
  }
  return found;
}

export type WebhookSecretRecord = {
  officeId: string;
  orgId: string;
  secret: string;
  createdAt: Date;
  createdBy: string | null;
  createdByName: string | null;
};

export async function findPhoneWebhookSecret(
  db: Queryable,
  officeId: string,
): Promise<WebhookSecretRecord | null> {
  const row = await db
    .selectFrom('phone_webhook_secrets as s')
    .leftJoin('users as u', 'u.id', 's.created_by')
    .selectAll('s')
    .select('u.display_name')
    .where('s.office_id', '=', officeId)
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    officeId: row.office_id,
    orgId: row.org_id,
    secret: row.secret,
    createdAt: readInstant(row.created_at),
    createdBy: row.created_by,
    createdByName: row.display_name,
  };
}

/** Stores the office's webhook secret, replacing an earlier one (a rotation). */
export async function savePhoneWebhookSecret(
  db: Queryable,
  secret: { officeId: string; orgId: string; secret: string; createdAt: Date; createdBy: string },
): Promise<void> {
  await db
    .insertInto('phone_webhook_secrets')
    .values({
      office_id: secret.officeId,
      org_id: secret.orgId,
      secret: secret.secret,
      created_at: writeInstant(secret.createdAt),
      created_by: secret.createdBy,
    })
    .onConflict((oc) =>
      oc.column('office_id').doUpdateSet({
        secret: secret.secret,
        created_at: writeInstant(secret.createdAt),
        created_by: secret.createdBy,
      }),
    )
    .execute();
}
