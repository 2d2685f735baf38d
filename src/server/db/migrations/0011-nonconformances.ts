import type { Kysely } from 'kysely';
import { columnTypes, type Migration } from './column-types.ts';

/**
 * Non-conforming items 不合格项 (issue 8): the present state with a version (every step is
 * UPDATE … WHERE version), and every step in order in `nonconformance_events`. The phone's
 * client id makes raising one offline and syncing later store it once.
 */
export const nonconformances: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('nonconformances')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('what', 'text', (c) => c.notNull())
      .addColumn('checkpoint_id', 'text', (c) => c.references('patrol_checkpoints.id'))
      .addColumn('location', 'text')
      .addColumn('round_id', 'text', (c) => c.references('patrol_rounds.id'))
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('assignee', 'text', (c) => c.notNull())
      .addColumn('due_at', t.instant, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('corrected_by', 'text', (c) => c.references('users.id'))
      .addColumn('corrected_at', t.instant)
      .addColumn('verified_by', 'text', (c) => c.references('users.id'))
      .addColumn('verified_at', t.instant)
      .addUniqueConstraint('nonconformances_client_unique', ['office_id', 'client_id'])
      .execute();
    await db.schema
      .createIndex('nonconformances_office_idx')
      .on('nonconformances')
      .columns(['office_id', 'status', 'due_at'])
      .execute();
    await db.schema
      .createTable('nonconformance_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('nc_id', 'text', (c) => c.notNull().references('nonconformances.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.references('users.id'))
      .addColumn('at', t.instant, (c) => c.notNull())
      .addColumn('payload', t.json, (c) => c.notNull())
      .addUniqueConstraint('nonconformance_events_seq_unique', ['nc_id', 'seq'])
      .execute();
  },
};
