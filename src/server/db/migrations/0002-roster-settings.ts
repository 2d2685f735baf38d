import type { Kysely } from 'kysely';
import { columnTypes, type Migration } from './column-types.ts';

/** Office roster settings (ROSTER-1, SHIFT-1), per-person rules, holiday calendars. */
export const rosterSettings: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const t = columnTypes(dialect);

    // shift templates are retired, never deleted: published rosters keep pointing at them
    await db.schema
      .alterTable('shift_templates')
      .addColumn('active', t.flag, (c) => c.notNull().defaultTo(t.flagDefault(true)))
      .execute();
    await db.schema.alterTable('shift_templates').addColumn('updated_at', t.instant).execute();

    await db.schema
      .createTable('office_roster_settings')
      .addColumn('office_id', 'text', (c) => c.primaryKey().references('offices.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('settings', t.json, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.references('users.id'))
      .execute();

    await db.schema
      .createTable('person_roster_rules')
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('rules', t.json, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('person_roster_rules_pk', ['office_id', 'user_id'])
      .execute();

    await db.schema
      .createTable('holiday_calendars')
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('data', t.json, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('holiday_calendars_pk', ['org_id', 'year'])
      .execute();
  },
};
