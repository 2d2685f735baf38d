import type { Kysely } from 'kysely';
import { columnTypes, type Migration } from './column-types.ts';

/**
 * The duty desk (issue 6): desk settings, going on duty and leaving the post (HO-IN-1,
 * DISC-1), the append-only duty log with evidence files (WORK-3, HO-OUT-2), residents'
 * inquiries and help requests with their event history (WORK-1, WORK-2, ESC-1), and the
 * deadline rows a ticker claims (WORK-4). Phone calls (PHONE-1) have their own migration.
 */
export const desk: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const t = columnTypes(dialect);

    await db.schema
      .createTable('office_desk_settings')
      .addColumn('office_id', 'text', (c) => c.primaryKey().references('offices.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('settings', t.json, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.references('users.id'))
      .execute();

    // one check-in per person and rostered shift; the shift's instants are copied from the
    // published roster at check-in, so later roster versions do not rewrite what happened
    await db.schema
      .createTable('duty_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('shift_code', 'text', (c) => c.notNull())
      .addColumn('shift_name', 'text', (c) => c.notNull())
      .addColumn('starts_at', t.instant, (c) => c.notNull())
      .addColumn('ends_at', t.instant, (c) => c.notNull())
      .addColumn('checked_in_at', t.instant, (c) => c.notNull())
      .addColumn('late_minutes', 'integer', (c) => c.notNull())
      .addColumn('checked_out_at', t.instant)
      .addUniqueConstraint('duty_sessions_shift_unique', [
        'office_id',
        'user_id',
        'date',
        'shift_code',
      ])
      .execute();
    await db.schema
      .createIndex('duty_sessions_office_idx')
      .on('duty_sessions')
      .columns(['office_id', 'starts_at'])
      .execute();

    await db.schema
      .createTable('post_absences')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('duty_session_id', 'text', (c) => c.notNull().references('duty_sessions.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('left_at', t.instant, (c) => c.notNull())
      .addColumn('expected_back_at', t.instant, (c) => c.notNull())
      .addColumn('returned_at', t.instant)
      .execute();
    await db.schema
      .createIndex('post_absences_session_idx')
      .on('post_absences')
      .columns(['duty_session_id', 'left_at'])
      .execute();

    // evidence files: bytes under data/files/<sha256>, one metadata row per organization
    await db.schema
      .createTable('stored_files')
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addPrimaryKeyConstraint('stored_files_pk', ['org_id', 'sha256'])
      .execute();
    await db.schema
      .createTable('attachments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('owner_kind', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('attachments_owner_idx')
      .on('attachments')
      .columns(['owner_kind', 'owner_id'])
      .execute();

    await db.schema
      .createTable('desk_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('resident_name', 'text')
      .addColumn('unit', 'text')
      .addColumn('phone', 'text')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('respond_by', t.instant)
      .addColumn('resolve_by', t.instant)
      .addColumn('responded_at', t.instant)
      .addColumn('resolved_at', t.instant)
      .addColumn('closed_at', t.instant)
      .execute();
    await db.schema
      .createIndex('desk_items_office_idx')
      .on('desk_items')
      .columns(['office_id', 'status', 'created_at'])
      .execute();
    await db.schema
      .createTable('desk_item_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('item_id', 'text', (c) => c.notNull().references('desk_items.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.references('users.id'))
      .addColumn('at', t.instant, (c) => c.notNull())
      .addColumn('payload', t.json, (c) => c.notNull())
      .addUniqueConstraint('desk_item_events_seq_unique', ['item_id', 'seq'])
      .execute();

    await db.schema
      .createTable('duty_log_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
      .addColumn('duty_session_id', 'text', (c) => c.references('duty_sessions.id'))
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('corrects_id', 'text', (c) => c.references('duty_log_entries.id'))
      .addColumn('desk_item_id', 'text', (c) => c.references('desk_items.id'))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('duty_log_entries_office_idx')
      .on('duty_log_entries')
      .columns(['office_id', 'created_at'])
      .execute();

    // WORK-4 clocks: a row per deadline, claimed once by whichever ticker gets it first
    // (PostgreSQL: FOR UPDATE SKIP LOCKED), so restarts and instances neither lose nor double
    await db.schema
      .createTable('deadlines')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('due_at', t.instant, (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('done_at', t.instant)
      .addColumn('outcome', 'text')
      .execute();
    await db.schema
      .createIndex('deadlines_due_idx')
      .on('deadlines')
      .columns(['done_at', 'due_at'])
      .execute();
  },
};
