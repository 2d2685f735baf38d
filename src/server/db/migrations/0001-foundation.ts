import type { Kysely } from 'kysely';
import { columnTypes, type Migration } from './column-types.ts';

/** Organizations, offices, posts, shift templates, users and roles, sessions, the audit chain. */
export const foundation: Migration = {
  async up(db: Kysely<unknown>, dialect) {
    const t = columnTypes(dialect);

    await db.schema
      .createTable('organizations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('offices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addUniqueConstraint('offices_org_name_unique', ['org_id', 'name'])
      .execute();

    await db.schema
      .createTable('posts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addUniqueConstraint('posts_office_name_unique', ['office_id', 'name'])
      .execute();

    await db.schema
      .createTable('shift_templates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('start_time', 'text', (c) => c.notNull())
      .addColumn('end_time', 'text', (c) => c.notNull())
      .addColumn('ordinal', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addUniqueConstraint('shift_templates_office_code_unique', ['office_id', 'code'])
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      // sign-in is by user name alone, so it is unique across the installation (stored lower-case)
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('is_admin', t.flag, (c) => c.notNull())
      .addColumn('active', t.flag, (c) => c.notNull())
      .addColumn('must_change_password', t.flag, (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('password_changed_at', t.instant, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('users_org_idx').on('users').column('org_id').execute();

    await db.schema
      .createTable('user_office_roles')
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('user_office_roles_pk', ['user_id', 'office_id'])
      .execute();
    await db.schema
      .createIndex('user_office_roles_office_idx')
      .on('user_office_roles')
      .columns(['office_id', 'role'])
      .execute();

    await db.schema
      .createTable('sessions')
      // the sha-256 of the cookie's token: a stolen database does not hold usable sessions
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('last_seen_at', t.instant, (c) => c.notNull())
      .addColumn('expires_at', t.instant, (c) => c.notNull())
      .addColumn('revoked_at', t.instant)
      .addColumn('user_agent', 'text')
      .addColumn('ip', 'text')
      .execute();
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('audit_events')
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', t.instant, (c) => c.notNull())
      .addColumn('actor_user_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      .addColumn('payload', t.json, (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_events_pk', ['org_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('audit_events_entity_idx')
      .on('audit_events')
      .columns(['org_id', 'entity_type', 'entity_id'])
      .execute();

    // one row per organization: the row lock serialises appends so the chain never forks
    await db.schema
      .createTable('audit_heads')
      .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('app_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
};
