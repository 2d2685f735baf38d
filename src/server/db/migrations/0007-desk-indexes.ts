import type { Kysely } from 'kysely';
import type { Migration } from './column-types.ts';

/**
 * Indexes the duty desk's reads need as the log grows: a post's log since the last handover
 * (HO-IN-3), the entries about one inquiry or help request, the correction of an entry, and
 * a file's attachments within an office (download authorization).
 */
export const deskIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('duty_log_entries_post_idx')
      .on('duty_log_entries')
      .columns(['post_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('duty_log_entries_item_idx')
      .on('duty_log_entries')
      .column('desk_item_id')
      .execute();
    await db.schema
      .createIndex('duty_log_entries_corrects_idx')
      .on('duty_log_entries')
      .column('corrects_id')
      .execute();
    await db.schema
      .createIndex('attachments_office_file_idx')
      .on('attachments')
      .columns(['office_id', 'sha256'])
      .execute();
  },
};
