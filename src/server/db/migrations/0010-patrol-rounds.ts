import type { Kysely } from 'kysely';
import { columnTypes, type Migration } from './column-types.ts';

/**
 * Patrol rounds and checkpoint visits (issue 8). Both carry the phone's client id, unique in
 * the office, so what a phone sends again after a dropped connection is stored once. A planned
 * round is claimed once (`planned_key`: route, date, shift and index).
 */
export const patrolRounds: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('patrol_rounds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('route_id', 'text', (c) => c.notNull().references('patrol_routes.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('duty_session_id', 'text', (c) => c.notNull().references('duty_sessions.id'))
      .addColumn('absence_id', 'text', (c) => c.notNull().references('post_absences.id'))
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('planned_key', 'text')
      .addColumn('planned_index', 'integer')
      .addColumn('window_opens_at', t.instant)
      .addColumn('window_closes_at', t.instant)
      .addColumn('late', t.flag, (c) => c.notNull().defaultTo(t.flagDefault(false)))
      .addColumn('started_at', t.instant, (c) => c.notNull())
      .addColumn('finished_at', t.instant)
      .addUniqueConstraint('patrol_rounds_client_unique', ['office_id', 'client_id'])
      .addUniqueConstraint('patrol_rounds_planned_unique', ['office_id', 'planned_key'])
      .execute();
    await db.schema
      .createIndex('patrol_rounds_office_idx')
      .on('patrol_rounds')
      .columns(['office_id', 'started_at'])
      .execute();
    await db.schema
      .createTable('patrol_visits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('round_id', 'text', (c) => c.notNull().references('patrol_rounds.id'))
      .addColumn('checkpoint_id', 'text', (c) => c.notNull().references('patrol_checkpoints.id'))
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('visited_at', t.instant, (c) => c.notNull())
      .addColumn('recorded_at', t.instant, (c) => c.notNull())
      .addColumn('results', t.json, (c) => c.notNull())
      .addColumn('note', 'text')
      .addUniqueConstraint('patrol_visits_client_unique', ['office_id', 'client_id'])
      .addUniqueConstraint('patrol_visits_checkpoint_unique', ['round_id', 'checkpoint_id'])
      .execute();
  },
};
