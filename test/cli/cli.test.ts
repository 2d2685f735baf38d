import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/databases.ts';
import { buildDeps } from '../support/factories.ts';
import { seedDemo } from '../../src/server/services/setup.service.ts';
import { login } from '../../src/server/services/auth.service.ts';

const bin = path.resolve('bin/dutydesk.mjs');

/** Runs the real `dutydesk` command as a user would, against the given settings. */
function dutydesk(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DUTYDESK_LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dutydesk --help', () => {
  it('lists the commands', () => {
    const result = dutydesk(['--help'], {});
    expect(result.code).toBe(0);
    for (const name of [
      'serve',
      'migrate',
      'seed-demo',
      'create-user',
      'backup',
      'audit-verify',
      'roster-solve',
    ]) {
      expect(result.stdout).toContain(name);
    }
  });

  it('runs as `npx dutydesk` through the package.json bin', () => {
    const result = spawnSync('npx', ['--no-install', 'dutydesk', '--help'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('audit-verify');
  });

  it('refuses an unknown command and a bad setting with a message', () => {
    expect(dutydesk(['frobnicate'], {}).code).toBe(2);
    const bad = dutydesk(['migrate'], { PORT: 'seventy' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('PORT');
  });
});

describe.each(testEngines)('dutydesk commands on %s', (engine) => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it('audit-verify passes an intact log and names the first bad row of a tampered one', async () => {
    db = await createTestDatabase(engine);
    await seedDemo(buildDeps(db), 'demo-password');
    const intact = dutydesk(['audit-verify'], db.env);
    expect(intact.stdout + intact.stderr).toContain('intact');
    expect(intact.code).toBe(0);

    await db.db
      .updateTable('audit_events')
      .set({ action: 'user.nothing-happened' })
      .where('seq', '=', 4)
      .execute();
    const tampered = dutydesk(['audit-verify'], db.env);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/event #4 was changed/);
  });

  it('create-user makes the first admin of an empty installation, who can sign in', async () => {
    db = await createTestDatabase(engine);
    const result = dutydesk(
      [
        'create-user',
        '--username',
        'boss',
        '--display-name',
        '主任',
        '--admin',
        '--org',
        '某物业',
        '--password',
        'boss-password',
      ],
      db.env,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const signedIn = await login(buildDeps(db), {
      username: 'boss',
      password: 'boss-password',
      ip: null,
      userAgent: null,
    });
    expect(signedIn.actor.isAdmin).toBe(true);
    const again = dutydesk(
      ['create-user', '--username', 'boss', '--password', 'other-password'],
      db.env,
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('taken');
  });
});

describe('dutydesk backup (SQLite)', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a consistent copy that holds the data and passes the integrity check', async () => {
    const db = await createTestDatabase('sqlite');
    try {
      await seedDemo(buildDeps(db), 'demo-password');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutydesk-backup-'));
      const out = path.join(dir, 'copy.sqlite');
      const result = dutydesk(['backup', '--out', out], db.env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const copy = new SQLite(out, { readonly: true });
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        const row = copy.prepare('select count(*) as n from users').get() as { n: number };
        expect(row.n).toBe(9);
      } finally {
        copy.close();
      }
      expect(dutydesk(['backup', '--out', out], db.env).code).not.toBe(0); // never overwrites
    } finally {
      await db.drop();
    }
  });
});
