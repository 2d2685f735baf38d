import type { Dialect, Queryable, Tx } from './database.ts';
import { readInstant, readInstantOrNull, writeInstant } from './values.ts';

/**
 * Deadline rows (DESIGN.md "Deadlines and escalations"): a due time per clock, claimed by a
 * ticker inside the transaction that handles it. The unique `key` makes scheduling the same
 * clock twice a no-op; `done_at` makes handling it twice impossible.
 */
export type DeadlineRow = {
  id: string;
  orgId: string;
  officeId: string;
  kind: string;
  subjectId: string;
  key: string;
  dueAt: Date;
  createdAt: Date;
  doneAt: Date | null;
  outcome: string | null;
};

export type NewDeadline = Pick<
  DeadlineRow,
  'id' | 'orgId' | 'officeId' | 'kind' | 'subjectId' | 'key' | 'dueAt'
>;

/** Schedules a clock; false when one with the same key exists already (nothing changes). */
export async function insertDeadline(
  db: Queryable,
  deadline: NewDeadline,
  at: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('deadlines')
    .values({
      id: deadline.id,
      org_id: deadline.orgId,
      office_id: deadline.officeId,
      kind: deadline.kind,
      subject_id: deadline.subjectId,
      key: deadline.key,
      due_at: writeInstant(deadline.dueAt),
      created_at: writeInstant(at),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Takes the earliest due, unhandled deadline and locks it for this transaction. On
 * PostgreSQL a row another instance holds is skipped (SKIP LOCKED); SQLite transactions
 * begin IMMEDIATE, so only one writer looks at a time.
 */
export async function claimDueDeadline(
  tx: Tx,
  dialect: Dialect,
  now: Date,
): Promise<DeadlineRow | null> {
  let query = tx
    .selectFrom('deadlines')
    .selectAll()
    .where('done_at', 'is', null)
    .where('due_at', '<=', writeInstant(now))
    .orderBy('due_at')
    .limit(1);
  if (dialect === 'postgres') query = query.forUpdate().skipLocked();
  const row = await query.executeTakeFirst();
  return row ? toDeadline(row) : null;
}

/** Marks a claimed deadline handled; false when it was handled already. */
export async function completeDeadline(
  db: Queryable,
  id: string,
  outcome: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('deadlines')
    .set({ done_at: writeInstant(at), outcome })
    .where('id', '=', id)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Closes a subject's open clocks early (the item was handled in time); returns how many. */
export async function settleDeadlinesOf(
  db: Queryable,
  subjectId: string,
  kinds: readonly string[],
  outcome: string,
  at: Date,
): Promise<number> {
  if (kinds.length === 0) return 0;
  const result = await db
    .updateTable('deadlines')
    .set({ done_at: writeInstant(at), outcome })
    .where('subject_id', '=', subjectId)
    .where('kind', 'in', kinds)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listDeadlinesOf(db: Queryable, subjectId: string): Promise<DeadlineRow[]> {
  const rows = await db
    .selectFrom('deadlines')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('due_at')
    .execute();
  return rows.map(toDeadline);
}

function toDeadline(row: {
  id: string;
  org_id: string;
  office_id: string;
  kind: string;
  subject_id: string;
  key: string;
  due_at: Date | string;
  created_at: Date | string;
  done_at: Date | string | null;
  outcome: string | null;
}): DeadlineRow {
  return {
    id: row.id,
    orgId: row.org_id,
    officeId: row.office_id,
    kind: row.kind,
    subjectId: row.subject_id,
    key: row.key,
    dueAt: readInstant(row.due_at),
    createdAt: readInstant(row.created_at),
    doneAt: readInstantOrNull(row.done_at),
    outcome: row.outcome,
  };
}
