import type { Kysely } from 'kysely';
import { columnTypes, type Migration } from './column-types.ts';

/**
 * Phone calls (PHONE-1): one row per call with its ring start, answer and end, however it
 * arrived (the quick manual log, the phone system's webhook, an Asterisk CDR import); the
 * webhook's events, one row per call and event so a replay changes nothing; and each office's
 * webhook secret. A missed call's call-back 回电 is closed on the call itself, once.
 */
export const phone: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const t = columnTypes(dialect);

    await db.schema
      .createTable('phone_calls')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      // the phone system's call id, the CDR's uniqueid (or a hash of the line), or a new id
      .addColumn('call_key', 'text', (c) => c.notNull())
      .addColumn('line', 'text')
      .addColumn('caller', 'text')
      .addColumn('ring_started_at', t.instant, (c) => c.notNull())
      .addColumn('answered_at', t.instant)
      .addColumn('ended_at', t.instant)
      .addColumn('answered_by', 'text', (c) => c.references('users.id'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('callback_done_at', t.instant)
      .addColumn('callback_by', 'text', (c) => c.references('users.id'))
      .addColumn('callback_note', 'text')
      .addUniqueConstraint('phone_calls_key_unique', ['office_id', 'call_key'])
      .execute();
    await db.schema
      .createIndex('phone_calls_office_idx')
      .on('phone_calls')
      .columns(['office_id', 'ring_started_at'])
      .execute();

    await db.schema
      .createTable('phone_call_events')
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('call_key', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('at', t.instant, (c) => c.notNull())
      .addColumn('received_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('phone_call_events_pk', ['office_id', 'call_key', 'event'])
      .execute();

    await db.schema
      .createTable('phone_webhook_secrets')
      .addColumn('office_id', 'text', (c) => c.primaryKey().references('offices.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      // kept as is: the HMAC needs the secret itself, not a hash of it
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .execute();
  },
};
