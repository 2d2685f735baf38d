import type { Kysely } from 'kysely';
import { columnTypes, type Migration } from './column-types.ts';

/**
 * Planned patrol rounds nobody started in their window (issue 8): one row per planned round
 * (route, date, shift, index), written once by the deadline at the window's close.
 */
export const missedRounds: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('patrol_missed_rounds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('route_id', 'text', (c) => c.notNull().references('patrol_routes.id'))
      .addColumn('planned_key', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('shift_code', 'text', (c) => c.notNull())
      .addColumn('planned_index', 'integer', (c) => c.notNull())
      .addColumn('closed_at', t.instant, (c) => c.notNull())
      .addUniqueConstraint('patrol_missed_rounds_key_unique', ['office_id', 'planned_key'])
      .execute();
  },
};
