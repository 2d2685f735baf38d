import type { Dialect, Queryable, Tx } from './database.ts';
import { readInstant, readInstantOrNull, writeInstant } from './values.ts';

/**
 * Duty sessions (check-in to check-out at a post, HO-IN-1) and absences from the post
 * (DISC-1). A session copies its shift's instants from the roster at check-in.
 */
export type DutySessionRecord = {
  id: string;
  orgId: string;
  officeId: string;
  postId: string;
  postName: string;
  userId: string;
  displayName: string;
  date: string;
  shiftCode: string;
  shiftName: string;
  startsAt: Date;
  endsAt: Date;
  checkedInAt: Date;
  lateMinutes: number;
  checkedOutAt: Date | null;
};

export type NewDutySession = Omit<DutySessionRecord, 'postName' | 'displayName' | 'checkedOutAt'>;

/** Records a check-in; false when the person checked in for that shift already (unique). */
export async function insertDutySession(db: Queryable, s: NewDutySession): Promise<boolean> {
  const result = await db
    .insertInto('duty_sessions')
    .values({
      id: s.id,
      org_id: s.orgId,
      office_id: s.officeId,
      post_id: s.postId,
      user_id: s.userId,
      date: s.date,
      shift_code: s.shiftCode,
      shift_name: s.shiftName,
      starts_at: writeInstant(s.startsAt),
      ends_at: writeInstant(s.endsAt),
      checked_in_at: writeInstant(s.checkedInAt),
      late_minutes: s.lateMinutes,
    })
    .onConflict((oc) => oc.columns(['office_id', 'user_id', 'date', 'shift_code']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

function sessionQuery(db: Queryable) {
  return db
    .selectFrom('duty_sessions as s')
    .innerJoin('posts as p', 'p.id', 's.post_id')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.org_id',
      's.office_id',
      's.post_id',
      'p.name as post_name',
      's.user_id',
      'u.display_name',
      's.date',
      's.shift_code',
      's.shift_name',
      's.starts_at',
      's.ends_at',
      's.checked_in_at',
      's.late_minutes',
      's.checked_out_at',
    ]);
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['executeTakeFirstOrThrow']>>;

function toSession(r: SessionRow): DutySessionRecord {
  return {
    id: r.id,
    orgId: r.org_id,
    officeId: r.office_id,
    postId: r.post_id,
    postName: r.post_name,
    userId: r.user_id,
    displayName: r.display_name,
    date: r.date,
    shiftCode: r.shift_code,
    shiftName: r.shift_name,
    startsAt: readInstant(r.starts_at),
    endsAt: readInstant(r.ends_at),
    checkedInAt: readInstant(r.checked_in_at),
    lateMinutes: r.late_minutes,
    checkedOutAt: readInstantOrNull(r.checked_out_at),
  };
}

/**
 * Sessions of an office: one person's, still open (not checked out), overlapping an interval.
 * Newest check-in first.
 */
export async function listDutySessions(
  db: Queryable,
  filter: {
    officeId: string;
    userId?: string;
    postId?: string;
    open?: boolean;
    endsAfter?: Date;
    startsBefore?: Date;
  },
): Promise<DutySessionRecord[]> {
  let query = sessionQuery(db).where('s.office_id', '=', filter.officeId);
  if (filter.userId !== undefined) query = query.where('s.user_id', '=', filter.userId);
  if (filter.postId !== undefined) query = query.where('s.post_id', '=', filter.postId);
  if (filter.open === true) query = query.where('s.checked_out_at', 'is', null);
  if (filter.endsAfter !== undefined)
    query = query.where('s.ends_at', '>', writeInstant(filter.endsAfter));
  if (filter.startsBefore !== undefined)
    query = query.where('s.starts_at', '<', writeInstant(filter.startsBefore));
  const rows = await query.orderBy('s.checked_in_at', 'desc').orderBy('s.id').execute();
  return rows.map(toSession);
}

/** Sessions by id (a list of handovers names two each). */
export async function findDutySessions(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, DutySessionRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await sessionQuery(db)
    .where('s.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toSession(r)]));
}

export async function findDutySession(
  db: Queryable,
  id: string,
): Promise<DutySessionRecord | null> {
  const row = await sessionQuery(db).where('s.id', '=', id).executeTakeFirst();
  return row ? toSession(row) : null;
}

/**
 * Holds a session's row for the rest of the transaction, so two requests about the same
 * session (two absences at once) queue. SQLite transactions already write one at a time.
 */
export async function lockDutySession(tx: Tx, dialect: Dialect, id: string): Promise<void> {
  if (dialect === 'postgres') {
    await tx.selectFrom('duty_sessions').select('id').where('id', '=', id).forUpdate().execute();
  }
}

/** Ends a session; false when it had ended already. */
export async function checkOutDutySession(db: Queryable, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('duty_sessions')
    .set({ checked_out_at: writeInstant(at) })
    .where('id', '=', id)
    .where('checked_out_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type PostAbsenceRecord = {
  id: string;
  orgId: string;
  officeId: string;
  sessionId: string;
  userId: string;
  reason: string;
  note: string | null;
  leftAt: Date;
  expectedBackAt: Date;
  returnedAt: Date | null;
};

export async function insertPostAbsence(
  db: Queryable,
  a: Omit<PostAbsenceRecord, 'returnedAt'>,
): Promise<void> {
  await db
    .insertInto('post_absences')
    .values({
      id: a.id,
      org_id: a.orgId,
      office_id: a.officeId,
      duty_session_id: a.sessionId,
      user_id: a.userId,
      reason: a.reason,
      note: a.note,
      left_at: writeInstant(a.leftAt),
      expected_back_at: writeInstant(a.expectedBackAt),
    })
    .execute();
}

function toAbsence(r: {
  id: string;
  org_id: string;
  office_id: string;
  duty_session_id: string;
  user_id: string;
  reason: string;
  note: string | null;
  left_at: Date | string;
  expected_back_at: Date | string;
  returned_at: Date | string | null;
}): PostAbsenceRecord {
  return {
    id: r.id,
    orgId: r.org_id,
    officeId: r.office_id,
    sessionId: r.duty_session_id,
    userId: r.user_id,
    reason: r.reason,
    note: r.note,
    leftAt: readInstant(r.left_at),
    expectedBackAt: readInstant(r.expected_back_at),
    returnedAt: readInstantOrNull(r.returned_at),
  };
}

export async function findPostAbsence(
  db: Queryable,
  id: string,
): Promise<PostAbsenceRecord | null> {
  const row = await db
    .selectFrom('post_absences')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toAbsence(row) : null;
}

/** The absences not returned from, of some sessions. */
export async function listOpenAbsences(
  db: Queryable,
  sessionIds: readonly string[],
): Promise<PostAbsenceRecord[]> {
  if (sessionIds.length === 0) return [];
  const rows = await db
    .selectFrom('post_absences')
    .selectAll()
    .where('duty_session_id', 'in', sessionIds)
    .where('returned_at', 'is', null)
    .orderBy('left_at')
    .execute();
  return rows.map(toAbsence);
}

/** Records the return; false when it was recorded already. */
export async function markReturned(db: Queryable, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('post_absences')
    .set({ returned_at: writeInstant(at) })
    .where('id', '=', id)
    .where('returned_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
