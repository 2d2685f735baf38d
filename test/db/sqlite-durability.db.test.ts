import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';

async function synchronousOf(synchronous?: 'full' | 'normal'): Promise<number> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'dutydesk-sync-')), 'db.sqlite');
  const handle = openDatabase({ kind: 'sqlite', file, ...(synchronous ? { synchronous } : {}) });
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
