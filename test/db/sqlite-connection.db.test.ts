import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { openDatabase, runTransaction, type Tx } from '../../src/server/db/database.ts';

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

describe('SQLite group commit (docs/decisions/0007)', () => {
  async function withNumbers<T>(
    run: (handle: ReturnType<typeof openTemporary>, file: string) => Promise<T>,
  ): Promise<T> {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dutydesk-group-')), 'db.sqlite');
    const handle = openDatabase({ kind: 'sqlite', file });
    try {
      await sql`create table numbers (n integer primary key)`.execute(handle.db);
      return await run(handle, file);
    } finally {
      await handle.close();
    }
  }

  function insert(n: number) {
    return (tx: Tx) => sql`insert into numbers (n) values (${n})`.execute(tx);
  }

  it('answers each transaction only once another connection can read what it wrote', async () => {
    await withNumbers(async (handle, file) => {
      const reader = new SQLite(file, { readonly: true });
      try {
        const seen = await Promise.all(
          Array.from({ length: 20 }, (_, n) =>
            runTransaction(handle.db, insert(n)).then(
              () =>
                reader.prepare('select count(*) as c from numbers where n = ?').get(n) as {
                  c: number;
                },
            ),
          ),
        );
        expect(seen.map((row) => row.c)).toEqual(Array.from({ length: 20 }, () => 1));
      } finally {
        reader.close();
      }
    });
  });

  it('commits transactions of the same moment together: one WAL write, not one each', async () => {
    await withNumbers(async (handle) => {
      await sql`pragma wal_checkpoint(truncate)`.execute(handle.db);
      await Promise.all(Array.from({ length: 20 }, (_, n) => runTransaction(handle.db, insert(n))));
      const wal = await sql<{ log: number }>`pragma wal_checkpoint(passive)`.execute(handle.db);
      // one by one, each commit appends the table's page to the log: 20 frames at least
      expect(wal.rows[0]!.log).toBeGreaterThan(0);
      expect(wal.rows[0]!.log).toBeLessThan(5);
    });
  });

  it('rolls back a failing transaction alone; the others of its group commit', async () => {
    await withNumbers(async (handle) => {
      const results = await Promise.allSettled([
        runTransaction(handle.db, insert(1)),
        runTransaction(handle.db, async (tx) => {
          await insert(2)(tx);
          throw new Error('refused after writing');
        }),
        // a constraint violation inside the group fails only its own transaction
        runTransaction(handle.db, async (tx) => {
          await insert(3)(tx);
          await insert(1)(tx);
        }),
        runTransaction(handle.db, insert(4)),
      ]);
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'rejected',
        'fulfilled',
      ]);
      const rows = await sql<{ n: number }>`select n from numbers order by n`.execute(handle.db);
      expect(rows.rows.map((r) => r.n)).toEqual([1, 4]);
    });
  });

  it('commits what is still open when the database closes', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dutydesk-group-')), 'db.sqlite');
    const first = openDatabase({ kind: 'sqlite', file });
    await sql`create table numbers (n integer primary key)`.execute(first.db);
    // a plain Kysely transaction does not wait for its group's commit
    await first.db.transaction().execute(insert(7));
    await first.close();
    const reader = new SQLite(file, { readonly: true });
    try {
      expect(reader.prepare('select n from numbers').all()).toEqual([{ n: 7 }]);
    } finally {
      reader.close();
    }
  });
});
