import type { Kysely } from 'kysely';
import { columnTypes, type Migration } from './column-types.ts';

/**
 * Leave (LEAVE-1, LEAVE-2), swaps (LEAVE-3), emergency cover, and in-app notifications.
 * Requests carry a version: two decisions on one request race on it, and one wins.
 */
export const leave: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const t = columnTypes(dialect);

    await db.schema
      .createTable('leave_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.references('users.id'))
      .addColumn('decided_at', t.instant)
      .addColumn('decision_reason', 'text')
      .addColumn('roster_version', 'integer')
      .execute();
    await db.schema
      .createIndex('leave_requests_office_idx')
      .on('leave_requests')
      .columns(['office_id', 'status', 'created_at'])
      .execute();

    await db.schema
      .createTable('leave_request_shifts')
      .addColumn('request_id', 'text', (c) => c.notNull().references('leave_requests.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('shift_code', 'text', (c) => c.notNull())
      .addColumn('substitute_user_id', 'text', (c) => c.references('users.id'))
      .addColumn('override_reason', 'text')
      .addColumn('covered_by_emergency', t.flag, (c) => c.notNull().defaultTo(t.flagDefault(false)))
      .addPrimaryKeyConstraint('leave_request_shifts_pk', ['request_id', 'date', 'shift_code'])
      .execute();
    await db.schema
      .createIndex('leave_request_shifts_user_idx')
      .on('leave_request_shifts')
      .columns(['user_id', 'date'])
      .execute();

    await db.schema
      .createTable('swap_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('proposer_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('counterpart_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('give_date', 'text', (c) => c.notNull())
      .addColumn('give_shift', 'text', (c) => c.notNull())
      .addColumn('take_date', 'text')
      .addColumn('take_shift', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('responded_at', t.instant)
      .addColumn('decided_by', 'text', (c) => c.references('users.id'))
      .addColumn('decided_at', t.instant)
      .addColumn('decision_reason', 'text')
      .addColumn('roster_version', 'integer')
      .execute();
    await db.schema
      .createIndex('swap_requests_office_idx')
      .on('swap_requests')
      .columns(['office_id', 'status', 'created_at'])
      .execute();

    await db.schema
      .createTable('emergency_covers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('shift_code', 'text', (c) => c.notNull())
      .addColumn('absent_user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('substitute_user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('override_reason', 'text')
      .addColumn('roster_version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', t.json, (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('read_at', t.instant)
      .execute();
    // ROSTER-1 reminders: one row per office, month and local day, claimed by whichever
    // instance inserts it first, so a reminder goes out once however many instances tick
    await db.schema
      .createTable('roster_reminders')
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('overdue', t.flag, (c) => c.notNull())
      .addColumn('sent_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('roster_reminders_pk', ['office_id', 'month', 'day'])
      .execute();

    await db.schema
      .createIndex('notifications_user_idx')
      .on('notifications')
      .columns(['user_id', 'created_at'])
      .execute();
  },
};
