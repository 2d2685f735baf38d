import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';

function openTemporary(synchronous?: 'full' | 'normal') {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'dutydesk-sqlite-')), 'db.sqlite');
  return openDatabase({ kind: 'sqlite', file, ...(synchronous ? { synchronous } : {}) });
}

async function synchronousOf(synchronous?: 'full' | 'normal'): Promise<number> {
  const handle = openTemporary(synchronous);
  try {
    const result = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
    return result.rows[0]?.synchronous ?? -1;
  } finally {
    await handle.close();
  }
}

describe('SQLite commit durability (docs/decisions/0006)', () => {
  it('syncs every commit unless told otherwise (synchronous=FULL)', async () => {
    expect(await synchronousOf()).toBe(2);
    expect(await synchronousOf('full')).toBe(2);
  });

  it('syncs only at checkpoints when the operator chose normal', async () => {
    expect(await synchronousOf('normal')).toBe(1);
  });
});

describe('SQLite statements kept compiled', () => {
  it('answers a kept statement with each call’s own parameters', async () => {
    const handle = openTemporary();
    try {
      await sql`create table numbers (n integer)`.execute(handle.db);
      await sql`insert into numbers values (1), (2), (3)`.execute(handle.db);
      const above = (n: number) =>
        sql<{ n: number }>`select n from numbers where n > ${n} order by n`.execute(handle.db);
      expect((await above(1)).rows.map((r) => r.n)).toEqual([2, 3]);
      expect((await above(2)).rows.map((r) => r.n)).toEqual([3]);
    } finally {
      await handle.close();
    }
  });

  it('sees a changed table through a statement kept from before the change', async () => {
    const handle = openTemporary();
    try {
      await sql`create table t (a integer)`.execute(handle.db);
      await sql`insert into t values (1)`.execute(handle.db);
      const read = () => sql<Record<string, number>>`select * from t`.execute(handle.db);
      expect((await read()).rows).toEqual([{ a: 1 }]);
      await sql`alter table t add column b integer default 2`.execute(handle.db);
      expect((await read()).rows).toEqual([{ a: 1, b: 2 }]);
    } finally {
      await handle.close();
    }
  });
});
