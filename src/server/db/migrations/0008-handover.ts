import type { Kysely } from 'kysely';
import { columnTypes, type Migration } from './column-types.ts';

/**
 * The shift handover 交接班 (issue 7): the post inventory 岗位物品 as versions (HO-IN-2,
 * HO-OUT-1), one handover per outgoing duty session with its record of steps (append-only,
 * unique per sequence number) and one signature per side (HO-IN-5, HO-OUT-3).
 */
export const handover: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const t = columnTypes(dialect);

    // each save is a new version; the list in force is the highest version of the post
    await db.schema
      .createTable('post_inventories')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('items', t.json, (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addUniqueConstraint('post_inventories_version_unique', ['post_id', 'version'])
      .execute();

    // the present state of a handover is its steps folded; the row keeps what lists and
    // locks need: the two sessions, status, version (every step is UPDATE … WHERE version),
    // the log period and the hashes the signatures bound
    await db.schema
      .createTable('handovers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
      .addColumn('outgoing_session_id', 'text', (c) =>
        c.notNull().unique().references('duty_sessions.id'),
      )
      .addColumn('outgoing_user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('incoming_session_id', 'text', (c) => c.unique().references('duty_sessions.id'))
      .addColumn('incoming_user_id', 'text', (c) => c.references('users.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('gap', t.flag, (c) => c.notNull().defaultTo(t.flagDefault(false)))
      .addColumn('opened_at', t.instant, (c) => c.notNull())
      .addColumn('log_from', t.instant, (c) => c.notNull())
      .addColumn('log_to', t.instant)
      .addColumn('sealed_at', t.instant)
      .execute();
    await db.schema
      .createIndex('handovers_post_idx')
      .on('handovers')
      .columns(['post_id', 'opened_at'])
      .execute();
    await db.schema
      .createIndex('handovers_office_idx')
      .on('handovers')
      .columns(['office_id', 'opened_at'])
      .execute();

    await db.schema
      .createTable('handover_steps')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('handover_id', 'text', (c) => c.notNull().references('handovers.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.references('users.id'))
      .addColumn('at', t.instant, (c) => c.notNull())
      .addColumn('payload', t.json, (c) => c.notNull())
      .addUniqueConstraint('handover_steps_seq_unique', ['handover_id', 'seq'])
      .execute();

    // HO-IN-5, HO-OUT-3: one signature per side, whatever two devices send at once
    await db.schema
      .createTable('handover_signatures')
      .addColumn('handover_id', 'text', (c) => c.notNull().references('handovers.id'))
      .addColumn('side', 'text', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('at', t.instant, (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('handover_signatures_pk', ['handover_id', 'side'])
      .execute();
  },
};
