import type { Kysely } from 'kysely';
import { columnTypes, type Migration } from './column-types.ts';

/**
 * The monthly roster (ROSTER-1, ROSTER-2): one roster per office and month with its working
 * draft, its published versions (append-only snapshots and their assignments), staff wishes,
 * generation runs, and calendar feed tokens.
 */
export const rosters: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const t = columnTypes(dialect);

    await db.schema
      .createTable('rosters')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      // the draft as JSON ({cells, pinned}); its revision guards concurrent edits (409)
      .addColumn('draft', t.json, (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('published_version', 'integer')
      .addColumn('published_at', t.instant)
      .addColumn('published_by', 'text', (c) => c.references('users.id'))
      .addColumn('published_late', t.flag, (c) => c.notNull().defaultTo(t.flagDefault(false)))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addUniqueConstraint('rosters_office_month_uq', ['office_id', 'month'])
      .execute();

    await db.schema
      .createTable('roster_versions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('roster_id', 'text', (c) => c.notNull().references('rosters.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      // publish, leave, swap, substitution, emergency …
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('late', t.flag, (c) => c.notNull().defaultTo(t.flagDefault(false)))
      .addColumn('snapshot', t.json, (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      // two competing changes to the same roster: exactly one gets the next version number
      .addUniqueConstraint('roster_versions_uq', ['roster_id', 'version'])
      .execute();

    await db.schema
      .createTable('roster_assignments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('roster_id', 'text', (c) => c.notNull().references('rosters.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('shift_template_id', 'text', (c) => c.notNull().references('shift_templates.id'))
      .addColumn('starts_at', t.instant, (c) => c.notNull())
      .addColumn('ends_at', t.instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('roster_assignments_user_idx')
      .on('roster_assignments')
      .columns(['user_id', 'starts_at'])
      .execute();
    await db.schema
      .createIndex('roster_assignments_office_idx')
      .on('roster_assignments')
      .columns(['office_id', 'starts_at'])
      .execute();
    await db.schema
      .createIndex('roster_assignments_version_idx')
      .on('roster_assignments')
      .columns(['roster_id', 'version'])
      .execute();

    await db.schema
      .createTable('roster_wishes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('shift_code', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', t.instant, (c) => c.notNull())
      // wishes are replaced, not deleted: the old row is marked withdrawn
      .addColumn('withdrawn_at', t.instant)
      .execute();
    await db.schema
      .createIndex('roster_wishes_month_idx')
      .on('roster_wishes')
      .columns(['office_id', 'month', 'user_id'])
      .execute();

    await db.schema
      .createTable('roster_generations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('roster_id', 'text', (c) => c.notNull().references('rosters.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('time_limit_seconds', 'integer', (c) => c.notNull())
      .addColumn('keep_pinned', t.flag, (c) => c.notNull())
      .addColumn('base_revision', 'integer', (c) => c.notNull())
      .addColumn('stop_requested', t.flag, (c) => c.notNull().defaultTo(t.flagDefault(false)))
      .addColumn('progress', t.json, (c) => c.notNull())
      .addColumn('result', t.json)
      .addColumn('started_at', t.instant, (c) => c.notNull())
      .addColumn('heartbeat_at', t.instant, (c) => c.notNull())
      .addColumn('finished_at', t.instant)
      .execute();
    await db.schema
      .createIndex('roster_generations_roster_idx')
      .on('roster_generations')
      .columns(['roster_id', 'started_at'])
      .execute();

    await db.schema
      .createTable('calendar_feeds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      // the person whose duties the feed lists; null: the whole office
      .addColumn('user_id', 'text', (c) => c.references('users.id'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      // only the sha-256 of the secret token is stored
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('revoked_at', t.instant)
      .execute();
  },
};
