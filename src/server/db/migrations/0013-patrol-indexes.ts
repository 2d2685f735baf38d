import type { Kysely } from 'kysely';
import type { Migration } from './column-types.ts';

/** The checkpoint list reads each checkpoint's latest visit (issue 8, point 4). */
export const patrolIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('patrol_visits_checkpoint_idx')
      .on('patrol_visits')
      .columns(['checkpoint_id', 'visited_at'])
      .execute();
  },
};
