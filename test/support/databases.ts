import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Dialect } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';

/** The PostgreSQL server for the db tier; scripts/test.mjs sets it when one is reachable. */
export const testPostgresUrl = process.env.DUTYDESK_TEST_PG_URL;

/** The engines the db and api tiers run on: always SQLite, PostgreSQL when reachable. */
export const testEngines: Dialect[] = testPostgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export type TestDatabase = DatabaseHandle & {
  /** a second, independent connection pool to the same data (concurrency tests) */
  openAnother: () => DatabaseHandle;
  /** removes the database; call in afterEach/afterAll */
  drop: () => Promise<void>;
  /** settings fragment that points the CLI at this database */
  env: Record<string, string>;
};

/**
 * A fresh, migrated database: a SQLite file in a temp folder, or a new schema on the test
 * PostgreSQL server, so test files never see each other's rows.
 */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutydesk-test-'));
    const file = path.join(dir, 'dutydesk.sqlite');
    const handle = openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(handle);
    return {
      ...handle,
      openAnother: () => openDatabase({ kind: 'sqlite', file }),
      drop: async () => {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
      env: { DUTYDESK_DATA_DIR: dir, DATABASE_URL: '' },
    };
  }
  if (testPostgresUrl === undefined) throw new Error('DUTYDESK_TEST_PG_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = openDatabase({
    kind: 'postgres',
    url: testPostgresUrl,
    searchPath: schema,
    maxConnections: 5,
  });
  try {
    await migrateToLatest(handle);
  } catch (error) {
    await handle.close();
    await dropSchema(schema);
    throw error;
  }
  const url = new URL(testPostgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    ...handle,
    openAnother: () =>
      openDatabase({
        kind: 'postgres',
        url: testPostgresUrl,
        searchPath: schema,
        maxConnections: 5,
      }),
    drop: async () => {
      await handle.close();
      await dropSchema(schema);
    },
    env: { DATABASE_URL: url.toString() },
  };
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
