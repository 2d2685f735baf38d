import type { DeskBoard } from '../../src/shared/contract/desk-board.ts';
import type { PostInventory } from '../../src/shared/contract/handover.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { readSettings } from '../../src/server/config.ts';
import { startServer, type RunningServer } from '../../src/server/main.ts';
import { createTestDatabase, testEngines, type TestDatabase } from '../support/databases.ts';

describe.each(testEngines)('first run on %s', (engine) => {
  let db: TestDatabase | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    await server?.handle.close();
    await db?.drop();
    server = undefined;
    db = undefined;
  });

  async function start(env: Record<string, string>) {
    db = await createTestDatabase(engine);
    const lines: string[] = [];
    const settings = readSettings({
      ...db.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DUTYDESK_LOG_LEVEL: 'silent',
      ...env,
    });
    server = await startServer(settings, {
      webRoot: null,
      print: (line) => lines.push(line),
      handleSignals: false,
    });
    return lines.join('\n');
  }

  it('migrates, creates the demo office, prints the URL and the demo logins, and serves them', async () => {
    const printed = await start({ DUTYDESK_DEMO_PASSWORD: 'demo-pass-123' });
    expect(printed).toContain(server!.url);
    expect(printed).toContain('H大厦管理处');
    for (const name of ['director', 'supervisor', 'staff1', 'staff6'])
      expect(printed).toContain(name);
    expect(printed).toContain('demo-pass-123');

    const health = await fetch(`${server!.url}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const login = await fetch(`${server!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password: 'demo-pass-123' }),
    });
    expect(login.status).toBe(200);
    const me = (await login.json()) as {
      offices: { officeId: string; officeName: string; role: string }[];
    };
    expect(me.offices).toEqual([
      expect.objectContaining({ officeName: 'H大厦管理处', role: 'supervisor' }),
    ]);

    // the demo desk has something on it (WORK-1, WORK-2, PHONE-1)
    const officeId = me.offices[0]?.officeId ?? '';
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const board = (await (
      await fetch(`${server!.url}/api/offices/${officeId}/desk-board`, { headers: { cookie } })
    ).json()) as DeskBoard;
    expect(board.openItems.map((item) => item.status).sort()).toEqual(['in_progress', 'new']);
    expect(board.phone.callbacks).toHaveLength(1);
    expect(board.recentLog.map((entry) => entry.category)).toContain('notice');
    // and its front desk has the items the handover counts (HO-IN-2)
    const postId = board.recentLog[0]?.postId ?? '';
    const inventory = (await (
      await fetch(`${server!.url}/api/offices/${officeId}/posts/${postId}/inventory`, {
        headers: { cookie },
      })
    ).json()) as PostInventory;
    expect(inventory.version).toBe(1);
    expect(inventory.items.map((item) => item.name)).toContain('对讲机');
  });

  it('starts empty with DUTYDESK_DEMO=0 and says how to create the first admin', async () => {
    const printed = await start({ DUTYDESK_DEMO: '0' });
    expect(printed).toContain('dutydesk create-user');
    const login = await fetch(`${server!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password: 'dutydesk2026' }),
    });
    expect(login.status).toBe(401);
  });
});
