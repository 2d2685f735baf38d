import type { Kysely } from 'kysely';
import { columnTypes, type Migration } from './column-types.ts';

/**
 * Garden patrols (issue 8): routes with their planned rounds per shift, and ordered
 * checkpoints with a checklist and a short code, unique in the office, printed as a QR label.
 * A checkpoint taken off a route is archived, never deleted: past visits keep pointing at it.
 */
export const patrolRoutes: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('patrol_routes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('planned_rounds', t.json, (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
      .execute();
    await db.schema
      .createIndex('patrol_routes_office_idx')
      .on('patrol_routes')
      .column('office_id')
      .execute();
    await db.schema
      .createTable('patrol_checkpoints')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('route_id', 'text', (c) => c.notNull().references('patrol_routes.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('checklist', t.json, (c) => c.notNull())
      .addColumn('archived_at', t.instant)
      .addUniqueConstraint('patrol_checkpoints_code_unique', ['office_id', 'code'])
      .execute();
    await db.schema
      .createIndex('patrol_checkpoints_route_idx')
      .on('patrol_checkpoints')
      .columns(['route_id', 'seq'])
      .execute();
  },
};
