import type { Queryable } from './database.ts';
import { readInstant, writeInstant } from './values.ts';

/**
 * The duty log 值班记录 (WORK-3, HO-OUT-2): rows are only ever inserted; a correction is a new
 * row whose `corrects_id` names the old one. Nothing here updates or deletes an entry.
 */
export type LogEntryRecord = {
  id: string;
  orgId: string;
  officeId: string;
  postId: string;
  dutySessionId: string | null;
  authorId: string;
  authorName: string;
  category: string;
  text: string;
  correctsId: string | null;
  deskItemId: string | null;
  createdAt: Date;
};

export async function insertLogEntry(
  db: Queryable,
  e: Omit<LogEntryRecord, 'authorName'>,
): Promise<void> {
  await db
    .insertInto('duty_log_entries')
    .values({
      id: e.id,
      org_id: e.orgId,
      office_id: e.officeId,
      post_id: e.postId,
      duty_session_id: e.dutySessionId,
      author_id: e.authorId,
      category: e.category,
      text: e.text,
      corrects_id: e.correctsId,
      desk_item_id: e.deskItemId,
      created_at: writeInstant(e.createdAt),
    })
    .execute();
}

function entryQuery(db: Queryable) {
  return db
    .selectFrom('duty_log_entries as e')
    .innerJoin('users as u', 'u.id', 'e.author_id')
    .select([
      'e.id',
      'e.org_id',
      'e.office_id',
      'e.post_id',
      'e.duty_session_id',
      'e.author_id',
      'u.display_name',
      'e.category',
      'e.text',
      'e.corrects_id',
      'e.desk_item_id',
      'e.created_at',
    ]);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entryQuery>['executeTakeFirstOrThrow']>>;

function toEntry(r: EntryRow): LogEntryRecord {
  return {
    id: r.id,
    orgId: r.org_id,
    officeId: r.office_id,
    postId: r.post_id,
    dutySessionId: r.duty_session_id,
    authorId: r.author_id,
    authorName: r.display_name,
    category: r.category,
    text: r.text,
    correctsId: r.corrects_id,
    deskItemId: r.desk_item_id,
    createdAt: readInstant(r.created_at),
  };
}

/**
 * Entries of an office (or one post), created in [from, to); newest first, or oldest first
 * when `order` is 'asc'.
 */
export async function listLogEntries(
  db: Queryable,
  filter: {
    officeId?: string;
    postId?: string;
    /** the entries linked to one inquiry or help request */
    deskItemId?: string;
    from?: Date;
    fromExclusive?: boolean;
    to?: Date;
    /** include entries written at `to` itself (a sealed period ends at its instant) */
    toInclusive?: boolean;
    limit?: number;
    order?: 'asc' | 'desc';
  },
): Promise<LogEntryRecord[]> {
  let query = entryQuery(db);
  if (filter.officeId !== undefined) query = query.where('e.office_id', '=', filter.officeId);
  if (filter.postId !== undefined) query = query.where('e.post_id', '=', filter.postId);
  if (filter.deskItemId !== undefined)
    query = query.where('e.desk_item_id', '=', filter.deskItemId);
  if (filter.from !== undefined)
    query = query.where(
      'e.created_at',
      filter.fromExclusive === true ? '>' : '>=',
      writeInstant(filter.from),
    );
  if (filter.to !== undefined)
    query = query.where(
      'e.created_at',
      filter.toInclusive === true ? '<=' : '<',
      writeInstant(filter.to),
    );
  const order = filter.order ?? 'desc';
  query = query.orderBy('e.created_at', order).orderBy('e.id', order);
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return (await query.execute()).map(toEntry);
}

export async function findLogEntry(db: Queryable, id: string): Promise<LogEntryRecord | null> {
  const row = await entryQuery(db).where('e.id', '=', id).executeTakeFirst();
  return row ? toEntry(row) : null;
}

/** The entries that correct some entries, oldest first. */
export async function listCorrectionsOf(
  db: Queryable,
  ids: readonly string[],
): Promise<{ id: string; correctsId: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('duty_log_entries')
    .select(['id', 'corrects_id', 'created_at'])
    .where('corrects_id', 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.flatMap((r) =>
    r.corrects_id === null ? [] : [{ id: r.id, correctsId: r.corrects_id }],
  );
}

/** Whether a desk item (inquiry or help request) belongs to an office. */
export async function deskItemInOffice(
  db: Queryable,
  officeId: string,
  itemId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('desk_items')
    .select('id')
    .where('id', '=', itemId)
    .where('office_id', '=', officeId)
    .executeTakeFirst();
  return row !== undefined;
}
