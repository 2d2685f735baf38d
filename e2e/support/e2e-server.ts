import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readSettings } from '../../src/server/config.ts';
import { startServer } from '../../src/server/main.ts';
import { systemClock, type Clock } from '../../src/server/services/context.ts';

/** The demo users' password in every browser test (the seed gives it to all of them). */
export const demoPassword = 'dutydesk2026';

export type E2eServer = { url: string; stop: () => Promise<void> };

/**
 * A clock that reads `startAt` now and runs at the real pace from there: a test that is about
 * particular dates (a month's roster, its deadlines) runs the same on any day (DESIGN.md "Time").
 */
export function clockFrom(startAt: Date): Clock {
  const offset = startAt.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/**
 * The real server, in-process on a free port, on a fresh SQLite database in a temp directory
 * seeded with the demo office H大厦管理处 and its people. SQLite even when DATABASE_URL is set:
 * each test file wants its own empty database.
 */
export async function startE2eServer(
  env: Record<string, string> = {},
  clock: Clock = systemClock,
): Promise<E2eServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dutydesk-e2e-'));
  const settings = readSettings({
    ...process.env,
    DUTYDESK_DATA_DIR: dataDir,
    DATABASE_URL: '',
    PORT: '0',
    HOST: '127.0.0.1',
    DUTYDESK_LOG_LEVEL: 'silent',
    DUTYDESK_DEMO: '1',
    DUTYDESK_DEMO_PASSWORD: demoPassword,
    ...env,
  });
  const running = await startServer(settings, {
    print: () => {
      // the start-up banner is for people, not test output
    },
    handleSignals: false,
    clock,
  });
  return {
    url: running.url,
    stop: async () => {
      await running.app.close();
      await running.handle.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
